using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;

namespace Credentials.W3c.DataIntegrity;

/// <summary>
/// Checks that a JSON value parsed elsewhere (perhaps leniently) is what a strict parse would have accepted: no
/// duplicate member names, no lone surrogates or invalid UTF-8 in strings, no deeper nesting than the limit. Works on
/// the raw UTF-8 of the names, without decoding them, unless a name holds an escape.
/// </summary>
internal static class StrictJson
{
    private const int StackMembers = 32;

    public static bool IsStrict(JsonElement value, int maxDepth)
    {
        // One vectorized pass over the whole text finds invalid UTF-8; only a \u escape can then hide a lone surrogate,
        // and those are found in the raw text too, without decoding every escaped string.
        var utf8 = JsonMarshal.GetRawUtf8Value(value);
        if (!Utf8.IsValid(utf8) || !HasNoLoneSurrogateEscapes(utf8))
        {
            return false;
        }

        var fast = ScanRaw(utf8, maxDepth);
        if (fast.HasValue)
        {
            return fast.Value;
        }

        try
        {
            return Check(value, maxDepth);
        }
        catch (InvalidOperationException)
        {
            // A name with a lone surrogate escape cannot be decoded.
            return false;
        }
    }

    // One pass of the reader over the raw text, comparing member names as raw UTF-8 (equal exactly when unescaped
    // names are equal, as long as neither has an escape). Null when the text needs the slower, decoding walk: a name
    // with an escape, or an object with more members than a pairwise comparison should face.
    private static bool? ScanRaw(ReadOnlySpan<byte> utf8, int maxDepth)
    {
        var names = ArrayPool<(int Hash, int Start, int Length)>.Shared.Rent(64);
        var frames = ArrayPool<int>.Shared.Rent(Math.Min(maxDepth, 256) + 1);
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth + 1 });
            var depth = 0;
            var count = 0;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        if (depth >= maxDepth || depth >= frames.Length)
                        {
                            return false;
                        }

                        frames[depth++] = count;
                        break;

                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        count = frames[--depth];
                        break;

                    case JsonTokenType.PropertyName:
                    {
                        if (reader.ValueIsEscaped)
                        {
                            return null;
                        }

                        var name = reader.ValueSpan;
                        var first = frames[depth - 1];
                        if (count - first >= StackMembers)
                        {
                            return null;
                        }

                        var hash = Fnv1a(name);
                        for (var j = first; j < count; j++)
                        {
                            if (names[j].Hash == hash && utf8.Slice(names[j].Start, names[j].Length).SequenceEqual(name))
                            {
                                return false;
                            }
                        }

                        if (count == names.Length)
                        {
                            var larger = ArrayPool<(int, int, int)>.Shared.Rent(names.Length * 2);
                            names.AsSpan(0, count).CopyTo(larger);
                            ArrayPool<(int, int, int)>.Shared.Return(names);
                            names = larger;
                        }

                        names[count++] = (hash, (int)reader.TokenStartIndex + 1, name.Length);
                        break;
                    }
                }
            }

            return true;
        }
        catch (JsonException)
        {
            // Not reachable for text a JsonDocument holds; refuse rather than guess.
            return false;
        }
        finally
        {
            ArrayPool<(int, int, int)>.Shared.Return(names);
            ArrayPool<int>.Shared.Return(frames);
        }
    }

    /// <summary>
    /// Whether every <c>\u</c> escape of a surrogate in the raw JSON text is part of a high-low pair. Only called on text
    /// a JSON parser accepted, so every escape is complete.
    /// </summary>
    internal static bool HasNoLoneSurrogateEscapes(ReadOnlySpan<byte> utf8)
    {
        var i = 0;
        while (true)
        {
            var found = utf8[i..].IndexOf("\\u"u8);
            if (found < 0)
            {
                return true;
            }

            i += found;

            // The backslash starts an escape only when the backslashes that end at it are odd in number.
            var backslashes = 0;
            for (var j = i; j >= 0 && utf8[j] == '\\'; j--)
            {
                backslashes++;
            }

            if (backslashes % 2 == 0)
            {
                i += 2;
                continue;
            }

            var unit = Hex4(utf8, i + 2);
            if (unit is >= 0xD800 and <= 0xDBFF)
            {
                if (i + 12 > utf8.Length || utf8[i + 6] != '\\' || utf8[i + 7] != 'u' || Hex4(utf8, i + 8) is < 0xDC00 or > 0xDFFF)
                {
                    return false;
                }

                i += 12;
                continue;
            }

            if (unit is < 0 or (>= 0xDC00 and <= 0xDFFF))
            {
                return false;
            }

            i += 6;
        }
    }

    private static int Hex4(ReadOnlySpan<byte> utf8, int start)
    {
        if (start + 4 > utf8.Length)
        {
            return -1;
        }

        var value = 0;
        for (var k = start; k < start + 4; k++)
        {
            var c = utf8[k];
            var digit = c switch
            {
                >= (byte)'0' and <= (byte)'9' => c - '0',
                >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
                _ => -1,
            };
            if (digit < 0)
            {
                return -1;
            }

            value = (value << 4) | digit;
        }

        return value;
    }

    private static bool Check(JsonElement value, int depth)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                return depth > 0 && HasUniqueNames(value) && CheckMembers(value, depth - 1);

            case JsonValueKind.Array:
            {
                if (depth <= 0)
                {
                    return false;
                }

                foreach (var item in value.EnumerateArray())
                {
                    if (!Check(item, depth - 1))
                    {
                        return false;
                    }
                }

                return true;
            }

            default:
                return true;
        }
    }

    private static bool CheckMembers(JsonElement value, int depth)
    {
        foreach (var member in value.EnumerateObject())
        {
            if (!Check(member.Value, depth))
            {
                return false;
            }
        }

        return true;
    }

    // Names without escapes are equal exactly when their raw UTF-8 is; a cheap hash of each finds the candidates.
    private static bool HasUniqueNames(JsonElement value)
    {
        var count = value.GetPropertyCount();
        if (count < 2)
        {
            return true;
        }

        if (count > StackMembers)
        {
            return HasUniqueDecodedNames(value);
        }

        Span<int> hashes = stackalloc int[count];
        var i = 0;
        foreach (var member in value.EnumerateObject())
        {
            var raw = JsonMarshal.GetRawUtf8PropertyName(member);
            if (raw.IndexOf((byte)'\\') >= 0)
            {
                return HasUniqueDecodedNames(value);
            }

            var hash = Fnv1a(raw);
            for (var j = 0; j < i; j++)
            {
                if (hashes[j] == hash && SameRawName(value, j, raw))
                {
                    return false;
                }
            }

            hashes[i++] = hash;
        }

        return true;
    }

    private static bool SameRawName(JsonElement value, int index, ReadOnlySpan<byte> name)
    {
        var i = 0;
        foreach (var member in value.EnumerateObject())
        {
            if (i++ == index)
            {
                return JsonMarshal.GetRawUtf8PropertyName(member).SequenceEqual(name);
            }
        }

        return false;
    }

    private static bool HasUniqueDecodedNames(JsonElement value)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in value.EnumerateObject())
        {
            if (!names.Add(member.Name))
            {
                return false;
            }
        }

        return true;
    }

    private static int Fnv1a(ReadOnlySpan<byte> bytes)
    {
        var hash = 2166136261u;
        foreach (var b in bytes)
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return unchecked((int)hash);
    }
}
