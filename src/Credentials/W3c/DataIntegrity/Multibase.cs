using System;
using System.Buffers;

namespace Credentials.W3c.DataIntegrity;

/// <summary>
/// Multibase base58btc (Controlled Identifiers 1.0 section 2.4): the header <c>z</c> and the Bitcoin base58 alphabet,
/// decoded strictly (every byte string has exactly one encoding).
/// </summary>
internal static class Multibase
{
    // The decoder indexes a table by character: anything outside the alphabet is refused before it sees it.
    private static readonly SearchValues<char> s_alphabet = SearchValues.Create("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz");

    /// <summary>Encodes bytes as <c>z</c> followed by base58btc.</summary>
    public static string EncodeBase58Btc(ReadOnlySpan<byte> bytes) => "z" + SimpleBase.Base58.Bitcoin.Encode(bytes);

    /// <summary>Decodes a <c>z…</c> value; <see langword="null"/> when it is not canonical base58btc or longer than the limit.</summary>
    public static byte[]? TryDecodeBase58Btc(string value, int maxLength)
    {
        if (value.Length < 2 || value.Length > maxLength || value[0] != 'z' || value.AsSpan(1).ContainsAnyExcept(s_alphabet))
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = SimpleBase.Base58.Bitcoin.Decode(value.AsSpan(1));
        }
        catch (ArgumentException)
        {
            return null;
        }

        // Leading '1's stand for zero bytes, so a value that does not round-trip has a second spelling.
        return string.Equals(SimpleBase.Base58.Bitcoin.Encode(bytes), value[1..], StringComparison.Ordinal) ? bytes : null;
    }
}
