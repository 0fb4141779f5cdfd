using System;
using System.Collections.Generic;
using System.Formats.Cbor;

namespace Credentials.Mdoc.Internal;

/// <summary>
/// Strict reading on top of <see cref="CborReader"/>: definite lengths only, duplicate map keys refused, depth and
/// count limits. The platform reader runs in lax mode; the checks here give each failure its own error code.
/// </summary>
internal static class StrictCbor
{
    public static CborReader CreateReader(ReadOnlyMemory<byte> data) => new(data, CborConformanceMode.Lax, allowMultipleRootLevelValues: false);

    public static MdocFormatException Malformed(string message) => new(MdocErrors.MalformedCbor, message);

    public static MdocFormatException Limit(string message) => new(MdocErrors.LimitExceeded, message);

    /// <summary>The offset of the reader in <paramref name="data"/>.</summary>
    public static int Offset(ReadOnlyMemory<byte> data, CborReader reader) => data.Length - reader.BytesRemaining;

    public static int ReadMapStart(CborReader reader, string what)
    {
        if (reader.PeekState() != CborReaderState.StartMap)
        {
            throw Malformed($"{what} is not a map.");
        }

        var count = reader.ReadStartMap();
        if (count is null)
        {
            throw new MdocFormatException(MdocErrors.IndefiniteLength, $"{what} uses an indefinite-length map.");
        }

        return count.Value;
    }

    public static int ReadArrayStart(CborReader reader, string what)
    {
        if (reader.PeekState() != CborReaderState.StartArray)
        {
            throw Malformed($"{what} is not an array.");
        }

        var count = reader.ReadStartArray();
        if (count is null)
        {
            throw new MdocFormatException(MdocErrors.IndefiniteLength, $"{what} uses an indefinite-length array.");
        }

        return count.Value;
    }

    public static string ReadText(CborReader reader, string what)
    {
        var state = reader.PeekState();
        if (state == CborReaderState.StartIndefiniteLengthTextString)
        {
            throw new MdocFormatException(MdocErrors.IndefiniteLength, $"{what} uses an indefinite-length text string.");
        }

        if (state != CborReaderState.TextString)
        {
            throw Malformed($"{what} is not a text string.");
        }

        return reader.ReadTextString();
    }

    public static ReadOnlyMemory<byte> ReadBytes(CborReader reader, string what)
    {
        var state = reader.PeekState();
        if (state == CborReaderState.StartIndefiniteLengthByteString)
        {
            throw new MdocFormatException(MdocErrors.IndefiniteLength, $"{what} uses an indefinite-length byte string.");
        }

        if (state != CborReaderState.ByteString)
        {
            throw Malformed($"{what} is not a byte string.");
        }

        return reader.ReadDefiniteLengthByteString();
    }

    public static long ReadInt(CborReader reader, string what)
    {
        var state = reader.PeekState();
        if (state is not (CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger))
        {
            throw Malformed($"{what} is not an integer.");
        }

        try
        {
            return reader.ReadInt64();
        }
        catch (OverflowException)
        {
            throw Malformed($"{what} is out of range.");
        }
    }

    public static ulong ReadUInt(CborReader reader, string what)
    {
        if (reader.PeekState() != CborReaderState.UnsignedInteger)
        {
            throw Malformed($"{what} is not an unsigned integer.");
        }

        return reader.ReadUInt64();
    }

    /// <summary>Reads <c>#6.24(bstr)</c> and returns the embedded bytes (a slice of the input, not a copy).</summary>
    public static ReadOnlyMemory<byte> ReadTag24(CborReader reader, string what)
    {
        if (reader.PeekState() != CborReaderState.Tag || reader.PeekTag() != CborTag.EncodedCborDataItem)
        {
            throw Malformed($"{what} is not tagged 24 (encoded CBOR data item).");
        }

        reader.ReadTag();
        return ReadBytes(reader, what);
    }

    /// <summary>Reads a map key of a map with text keys.</summary>
    public static string ReadKey(CborReader reader, string what) => ReadText(reader, $"A key of {what}");

    /// <summary>Refuses a key seen before in a map with few known keys (each key has a bit).</summary>
    public static void Seen(ref int seen, int bit, string key, string what)
    {
        if ((seen & bit) != 0)
        {
            throw new MdocFormatException(MdocErrors.DuplicateKey, $"{what} has the key '{key}' twice.");
        }

        seen |= bit;
    }

    public static void AddUnique<T>(HashSet<T> set, T key, string what)
    {
        if (!set.Add(key))
        {
            throw new MdocFormatException(MdocErrors.DuplicateKey, $"{what} has a duplicate key.");
        }
    }

    /// <summary>
    /// Checks any data item (and skips it): definite lengths, no duplicate map keys, at most <paramref name="maxDepth"/>
    /// nested arrays and maps, at most <paramref name="maxEntries"/> entries in each.
    /// </summary>
    public static void SkipChecked(CborReader reader, ReadOnlyMemory<byte> data, int depth, int maxDepth, int maxEntries)
    {
        switch (reader.PeekState())
        {
            case CborReaderState.UnsignedInteger:
            case CborReaderState.NegativeInteger:
            case CborReaderState.Null:
            case CborReaderState.Undefined:
            case CborReaderState.Boolean:
            case CborReaderState.SimpleValue:
            case CborReaderState.HalfPrecisionFloat:
            case CborReaderState.SinglePrecisionFloat:
            case CborReaderState.DoublePrecisionFloat:
                reader.SkipValue();
                return;
            case CborReaderState.TextString:
                reader.ReadDefiniteLengthTextStringBytes();
                return;
            case CborReaderState.ByteString:
                reader.ReadDefiniteLengthByteString();
                return;
            case CborReaderState.StartIndefiniteLengthTextString:
            case CborReaderState.StartIndefiniteLengthByteString:
                throw new MdocFormatException(MdocErrors.IndefiniteLength, "A data element uses an indefinite-length string.");
            case CborReaderState.Tag:
                reader.ReadTag();
                SkipChecked(reader, data, depth, maxDepth, maxEntries);
                return;
            case CborReaderState.StartArray:
            {
                if (depth >= maxDepth)
                {
                    throw Limit($"A data element is nested deeper than {maxDepth}.");
                }

                var count = ReadArrayStart(reader, "A data element");
                if (count > maxEntries)
                {
                    throw Limit($"A data element array has more than {maxEntries} entries.");
                }

                for (var i = 0; i < count; i++)
                {
                    SkipChecked(reader, data, depth + 1, maxDepth, maxEntries);
                }

                reader.ReadEndArray();
                return;
            }

            case CborReaderState.StartMap:
            {
                if (depth >= maxDepth)
                {
                    throw Limit($"A data element is nested deeper than {maxDepth}.");
                }

                var count = ReadMapStart(reader, "A data element");
                if (count > maxEntries)
                {
                    throw Limit($"A data element map has more than {maxEntries} entries.");
                }

                HashSet<ReadOnlyMemory<byte>>? keys = count > 1 ? new HashSet<ReadOnlyMemory<byte>>(count, ByteMemoryComparer.Instance) : null;
                for (var i = 0; i < count; i++)
                {
                    var start = Offset(data, reader);
                    SkipChecked(reader, data, depth + 1, maxDepth, maxEntries);
                    var key = data[start..Offset(data, reader)];
                    if (keys is not null && !keys.Add(key))
                    {
                        throw new MdocFormatException(MdocErrors.DuplicateKey, "A data element map has a duplicate key.");
                    }

                    SkipChecked(reader, data, depth + 1, maxDepth, maxEntries);
                }

                reader.ReadEndMap();
                return;
            }

            default:
                throw Malformed("A data item is not well-formed.");
        }
    }

    /// <summary>Runs a reader function and maps every platform CBOR failure to <see cref="MdocErrors.MalformedCbor"/>.</summary>
    public static VerificationResult<T> Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (MdocFormatException ex)
        {
            return ex.ToError();
        }
        catch (Exception ex) when (ex is CborContentException or InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            return new VerificationError(MdocErrors.MalformedCbor, "The CBOR is not well-formed.");
        }
    }

    /// <summary>Compares byte memories by content (duplicate-key detection).</summary>
    internal sealed class ByteMemoryComparer : IEqualityComparer<ReadOnlyMemory<byte>>
    {
        public static readonly ByteMemoryComparer Instance = new();

        public bool Equals(ReadOnlyMemory<byte> x, ReadOnlyMemory<byte> y) => x.Span.SequenceEqual(y.Span);

        public int GetHashCode(ReadOnlyMemory<byte> obj)
        {
            var hash = default(HashCode);
            hash.AddBytes(obj.Span);
            return hash.ToHashCode();
        }
    }
}
