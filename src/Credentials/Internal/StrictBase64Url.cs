using System;
using System.Buffers.Text;

namespace Credentials.Internal;

/// <summary>
/// Base64url without padding (RFC 7515 section 2), decoded strictly: only the URL-safe alphabet, no padding,
/// no whitespace, and the unused trailing bits must be zero so every byte string has exactly one encoding.
/// </summary>
internal static class StrictBase64Url
{
    private static readonly sbyte[] s_values = BuildTable();

    private static sbyte[] BuildTable()
    {
        var table = new sbyte[128];
        Array.Fill(table, (sbyte)-1);
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (var i = 0; i < Alphabet.Length; i++)
        {
            table[Alphabet[i]] = (sbyte)i;
        }

        return table;
    }

    /// <summary>Returns whether <paramref name="text"/> is canonical unpadded base64url.</summary>
    public static bool IsCanonical(ReadOnlySpan<char> text)
    {
        if (text.Length % 4 == 1)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c >= 128 || s_values[c] < 0)
            {
                return false;
            }
        }

        // Non-canonical encodings differ only in the bits that do not make a whole byte.
        return (text.Length % 4) switch
        {
            2 => (s_values[text[^1]] & 0x0F) == 0,
            3 => (s_values[text[^1]] & 0x03) == 0,
            _ => true,
        };
    }

    /// <summary>Returns whether the UTF-8 bytes are canonical unpadded base64url.</summary>
    public static bool IsCanonical(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length % 4 == 1)
        {
            return false;
        }

        foreach (var c in utf8)
        {
            if (c >= 128 || s_values[c] < 0)
            {
                return false;
            }
        }

        return (utf8.Length % 4) switch
        {
            2 => (s_values[utf8[^1]] & 0x0F) == 0,
            3 => (s_values[utf8[^1]] & 0x03) == 0,
            _ => true,
        };
    }

    /// <summary>Decodes canonical base64url, or returns <see langword="null"/>.</summary>
    public static byte[]? TryDecode(ReadOnlySpan<char> text)
    {
        if (!IsCanonical(text))
        {
            return null;
        }

        return Base64Url.DecodeFromChars(text);
    }

    /// <summary>Decodes canonical base64url into <paramref name="destination"/>.</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, Span<byte> destination, out int written)
    {
        written = 0;
        if (!IsCanonical(text) || destination.Length < Base64Url.GetMaxDecodedLength(text.Length))
        {
            return false;
        }

        return Base64Url.TryDecodeFromChars(text, destination, out written);
    }

    /// <summary>Decodes canonical base64url, or returns <see langword="null"/>.</summary>
    public static byte[]? TryDecode(ReadOnlySpan<byte> utf8)
    {
        if (!IsCanonical(utf8))
        {
            return null;
        }

        return Base64Url.DecodeFromUtf8(utf8);
    }

    /// <summary>Encodes without padding.</summary>
    public static string Encode(ReadOnlySpan<byte> data) => Base64Url.EncodeToString(data);
}
