using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Formats.Cbor;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Credentials.Internal;
using Credentials.Mdoc.Internal;

namespace Credentials.Mdoc;

/// <summary>
/// A data element value (ISO/IEC 18013-5 §8.3.2.1.2.2 <c>DataElementValue</c>): any CBOR data item, kept as its encoded
/// bytes. Immutable. Read with the <c>TryGet…</c> accessors; create with the <c>From…</c> factories.
/// </summary>
public sealed class MdocValue : IEquatable<MdocValue>
{
    private const ulong TagFullDate = 1004;
    private static readonly string[] s_dateTimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    internal MdocValue(ReadOnlyMemory<byte> encoded)
    {
        Encoded = encoded;
        Kind = KindOf(encoded.Span);
    }

    /// <summary>The encoded CBOR data item.</summary>
    public ReadOnlyMemory<byte> Encoded { get; }

    /// <summary>The CBOR type of the value.</summary>
    public MdocValueKind Kind { get; }

    /// <summary>The CBOR null value.</summary>
    public static MdocValue Null { get; } = new(new byte[] { 0xf6 });

    /// <summary>Reads one CBOR data item from untrusted bytes (definite lengths, no duplicate map keys, default limits); never throws.</summary>
    /// <param name="encoded">The encoded data item.</param>
    public static VerificationResult<MdocValue> Read(ReadOnlyMemory<byte> encoded)
    {
        var limits = MdocReaderOptions.Default;
        if (encoded.Length > limits.MaxBytes)
        {
            return new VerificationError(MdocErrors.LimitExceeded, $"The value is larger than {limits.MaxBytes} bytes.");
        }

        return StrictCbor.Guard(() =>
        {
            var reader = StrictCbor.CreateReader(encoded);
            StrictCbor.SkipChecked(reader, encoded, 0, limits.MaxDepth, limits.MaxEntries);
            if (reader.BytesRemaining != 0)
            {
                throw StrictCbor.Malformed("The value has trailing bytes.");
            }

            return new MdocValue(encoded);
        });
    }

    /// <summary>A text string.</summary>
    /// <param name="value">The text (never normalised: names are kept exactly as given).</param>
    public static MdocValue FromText(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var writer = NewWriter();
        writer.WriteTextString(value);
        return new MdocValue(writer.Encode());
    }

    /// <summary>A boolean.</summary>
    /// <param name="value">The value.</param>
    public static MdocValue FromBoolean(bool value) => new(new byte[] { value ? (byte)0xf5 : (byte)0xf4 });

    /// <summary>An integer.</summary>
    /// <param name="value">The value.</param>
    public static MdocValue FromInteger(long value)
    {
        var writer = NewWriter();
        writer.WriteInt64(value);
        return new MdocValue(writer.Encode());
    }

    /// <summary>A <c>full-date</c> (tag 1004, RFC 8943): the form ISO/IEC 18013-5 uses for <c>birth_date</c>, <c>issue_date</c> and <c>expiry_date</c>.</summary>
    /// <param name="value">The date.</param>
    public static MdocValue FromFullDate(DateOnly value)
    {
        var writer = NewWriter();
        writer.WriteTag((CborTag)TagFullDate);
        writer.WriteTextString(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return new MdocValue(writer.Encode());
    }

    /// <summary>A <c>tdate</c> (tag 0): UTC, whole seconds, <c>Z</c> (ISO/IEC 18013-5 §7.2.1 and §9.1.2.4).</summary>
    /// <param name="value">The instant; fractions of a second are dropped.</param>
    public static MdocValue FromDateTime(DateTimeOffset value)
    {
        var writer = NewWriter();
        WriteTdate(writer, value);
        return new MdocValue(writer.Encode());
    }

    /// <summary>A byte string (for example a JPEG portrait).</summary>
    /// <param name="value">The bytes.</param>
    public static MdocValue FromBytes(ReadOnlySpan<byte> value)
    {
        var writer = NewWriter(value.Length + 9);
        writer.WriteByteString(value);
        return new MdocValue(writer.Encode());
    }

    /// <summary>An array of values.</summary>
    /// <param name="items">The items, in order.</param>
    public static MdocValue FromArray(params IReadOnlyList<MdocValue> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var writer = NewWriter();
        writer.WriteStartArray(items.Count);
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(items));
            writer.WriteEncodedValue(item.Encoded.Span);
        }

        writer.WriteEndArray();
        return new MdocValue(writer.Encode());
    }

    /// <summary>A map with text keys, in the given order (for example one entry of <c>driving_privileges</c>).</summary>
    /// <param name="entries">The entries.</param>
    /// <exception cref="ArgumentException">A key appears twice.</exception>
    public static MdocValue FromMap(params IReadOnlyList<KeyValuePair<string, MdocValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var writer = NewWriter();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        writer.WriteStartMap(entries.Count);
        foreach (var (key, value) in entries)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(entries));
            ArgumentNullException.ThrowIfNull(value, nameof(entries));
            if (!keys.Add(key))
            {
                throw new ArgumentException($"The key '{key}' appears twice.", nameof(entries));
            }

            writer.WriteTextString(key);
            writer.WriteEncodedValue(value.Encoded.Span);
        }

        writer.WriteEndMap();
        return new MdocValue(writer.Encode());
    }

    /// <summary>The text, when the value is a text string.</summary>
    /// <param name="value">The text.</param>
    public bool TryGetString([NotNullWhen(true)] out string? value)
    {
        value = null;
        if (Kind != MdocValueKind.Text)
        {
            return false;
        }

        value = Reader().ReadTextString();
        return true;
    }

    /// <summary>The boolean, when the value is one.</summary>
    /// <param name="value">The boolean.</param>
    public bool TryGetBoolean(out bool value)
    {
        value = Kind == MdocValueKind.Boolean && Encoded.Span[0] == 0xf5;
        return Kind == MdocValueKind.Boolean;
    }

    /// <summary>The integer, when the value is an integer that fits in 64 bits.</summary>
    /// <param name="value">The integer.</param>
    public bool TryGetInt64(out long value)
    {
        value = 0;
        if (Kind != MdocValueKind.Integer)
        {
            return false;
        }

        try
        {
            value = Reader().ReadInt64();
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>The date, when the value is a <c>full-date</c> (tag 1004 over <c>YYYY-MM-DD</c>).</summary>
    /// <param name="value">The date.</param>
    public bool TryGetFullDate(out DateOnly value)
    {
        value = default;
        if (Kind != MdocValueKind.FullDate)
        {
            return false;
        }

        var reader = Reader();
        reader.ReadTag();
        return reader.PeekState() == CborReaderState.TextString
            && DateOnly.TryParseExact(reader.ReadTextString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    /// <summary>The instant, when the value is a <c>tdate</c> (tag 0 over an RFC 3339 date and time).</summary>
    /// <param name="value">The instant.</param>
    public bool TryGetDateTime(out DateTimeOffset value)
    {
        value = default;
        if (Kind != MdocValueKind.DateTime)
        {
            return false;
        }

        var reader = Reader();
        reader.ReadTag();
        return reader.PeekState() == CborReaderState.TextString && TryParseTdate(reader.ReadTextString(), out value);
    }

    /// <summary>The bytes, when the value is a byte string (a slice of <see cref="Encoded"/>).</summary>
    /// <param name="value">The bytes.</param>
    public bool TryGetBytes(out ReadOnlyMemory<byte> value)
    {
        value = default;
        if (Kind != MdocValueKind.Bytes)
        {
            return false;
        }

        value = Reader().ReadDefiniteLengthByteString();
        return true;
    }

    /// <summary>The items, when the value is an array.</summary>
    /// <param name="items">The items, in order.</param>
    public bool TryGetArray([NotNullWhen(true)] out IReadOnlyList<MdocValue>? items)
    {
        items = null;
        if (Kind != MdocValueKind.Array)
        {
            return false;
        }

        var reader = Reader();
        var count = reader.ReadStartArray() ?? 0;
        var list = new MdocValue[count];
        for (var i = 0; i < count; i++)
        {
            list[i] = Next(reader);
        }

        items = list;
        return true;
    }

    /// <summary>The entries, when the value is a map whose keys are all text strings.</summary>
    /// <param name="entries">The entries, in the encoded order.</param>
    public bool TryGetMap([NotNullWhen(true)] out IReadOnlyList<KeyValuePair<string, MdocValue>>? entries)
    {
        entries = null;
        if (Kind != MdocValueKind.Map)
        {
            return false;
        }

        var reader = Reader();
        var count = reader.ReadStartMap() ?? 0;
        var list = new KeyValuePair<string, MdocValue>[count];
        for (var i = 0; i < count; i++)
        {
            if (reader.PeekState() != CborReaderState.TextString)
            {
                return false;
            }

            var key = reader.ReadTextString();
            list[i] = new(key, Next(reader));
        }

        entries = list;
        return true;
    }

    /// <summary>The value of a text key, when the value is a map that has it.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">Its value.</param>
    public bool TryGetMember(string key, [NotNullWhen(true)] out MdocValue? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        value = null;
        if (!TryGetMap(out var entries))
        {
            return false;
        }

        foreach (var entry in entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                value = entry.Value;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The value as JSON text, for display and logs of disclosed data: dates as their RFC 3339 text, byte strings as
    /// base64url, non-text map keys as their decimal or base64url text, other tags as the tagged value.
    /// </summary>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(Encoded.Length * 2 + 16);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false }))
        {
            WriteJson(Reader(), writer, 0);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <inheritdoc />
    public bool Equals(MdocValue? other) => other is not null && Encoded.Span.SequenceEqual(other.Encoded.Span);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as MdocValue);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.AddBytes(Encoded.Span);
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => $"MdocValue({Kind}, {Encoded.Length} bytes)";

    internal static CborWriter NewWriter(int capacity = 64) => new(CborConformanceMode.Lax, convertIndefiniteLengthEncodings: false, allowMultipleRootLevelValues: false, initialCapacity: capacity);

    internal static void WriteTdate(CborWriter writer, DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        writer.WriteTag(CborTag.DateTimeString);
        writer.WriteTextString(utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }

    internal static bool TryParseTdate(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(text, s_dateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value)
        && text.Length >= 20 && (text[^1] is 'Z' or 'z' || text[^6] is '+' or '-');

    private CborReader Reader() => StrictCbor.CreateReader(Encoded);

    private MdocValue Next(CborReader reader)
    {
        var start = StrictCbor.Offset(Encoded, reader);
        reader.SkipValue();
        return new MdocValue(Encoded[start..StrictCbor.Offset(Encoded, reader)]);
    }

    private static MdocValueKind KindOf(ReadOnlySpan<byte> encoded)
    {
        if (encoded.IsEmpty)
        {
            return MdocValueKind.Other;
        }

        var initial = encoded[0];
        switch (initial >> 5)
        {
            case 0:
            case 1:
                return MdocValueKind.Integer;
            case 2:
                return MdocValueKind.Bytes;
            case 3:
                return MdocValueKind.Text;
            case 4:
                return MdocValueKind.Array;
            case 5:
                return MdocValueKind.Map;
            case 6:
            {
                var info = initial & 0x1f;
                ulong tag = info switch
                {
                    < 24 => (ulong)info,
                    24 when encoded.Length > 1 => encoded[1],
                    25 when encoded.Length > 2 => System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(encoded[1..]),
                    _ => ulong.MaxValue,
                };
                return tag switch
                {
                    TagFullDate => MdocValueKind.FullDate,
                    0 => MdocValueKind.DateTime,
                    _ => MdocValueKind.Tagged,
                };
            }

            default:
                return initial switch
                {
                    0xf4 or 0xf5 => MdocValueKind.Boolean,
                    0xf6 => MdocValueKind.Null,
                    0xf9 or 0xfa or 0xfb => MdocValueKind.Float,
                    _ => MdocValueKind.Other,
                };
        }
    }

    private static void WriteJson(CborReader reader, Utf8JsonWriter writer, int depth)
    {
        switch (reader.PeekState())
        {
            case CborReaderState.UnsignedInteger:
            case CborReaderState.NegativeInteger:
                try
                {
                    writer.WriteNumberValue(reader.ReadInt64());
                }
                catch (OverflowException)
                {
                    writer.WriteNullValue();
                }

                break;
            case CborReaderState.TextString:
                writer.WriteStringValue(reader.ReadTextString());
                break;
            case CborReaderState.ByteString:
                writer.WriteStringValue(StrictBase64Url.Encode(reader.ReadDefiniteLengthByteString().Span));
                break;
            case CborReaderState.Boolean:
                writer.WriteBooleanValue(reader.ReadBoolean());
                break;
            case CborReaderState.HalfPrecisionFloat:
            case CborReaderState.SinglePrecisionFloat:
            case CborReaderState.DoublePrecisionFloat:
                var d = reader.ReadDouble();
                if (double.IsFinite(d))
                {
                    writer.WriteNumberValue(d);
                }
                else
                {
                    writer.WriteNullValue();
                }

                break;
            case CborReaderState.Tag:
                reader.ReadTag();
                WriteJson(reader, writer, depth);
                break;
            case CborReaderState.StartArray:
            {
                var count = reader.ReadStartArray() ?? 0;
                writer.WriteStartArray();
                for (var i = 0; i < count; i++)
                {
                    WriteJson(reader, writer, depth + 1);
                }

                reader.ReadEndArray();
                writer.WriteEndArray();
                break;
            }

            case CborReaderState.StartMap:
            {
                var count = reader.ReadStartMap() ?? 0;
                writer.WriteStartObject();
                for (var i = 0; i < count; i++)
                {
                    writer.WritePropertyName(KeyText(reader));
                    WriteJson(reader, writer, depth + 1);
                }

                reader.ReadEndMap();
                writer.WriteEndObject();
                break;
            }

            default:
                reader.SkipValue();
                writer.WriteNullValue();
                break;
        }
    }

    private static string KeyText(CborReader reader)
    {
        switch (reader.PeekState())
        {
            case CborReaderState.TextString:
                return reader.ReadTextString();
            case CborReaderState.UnsignedInteger:
            case CborReaderState.NegativeInteger:
                try
                {
                    return reader.ReadInt64().ToString(CultureInfo.InvariantCulture);
                }
                catch (OverflowException)
                {
                    return "?";
                }

            case CborReaderState.ByteString:
                return StrictBase64Url.Encode(reader.ReadDefiniteLengthByteString().Span);
            default:
                reader.SkipValue();
                return "?";
        }
    }
}
