using System;
using System.Formats.Cbor;
using Credentials.Mdoc.Internal;

namespace Credentials.Mdoc;

/// <summary>
/// One issuer-signed data element (ISO/IEC 18013-5 §8.3.2.1.2.2 <c>IssuerSignedItem</c>) with the exact
/// <c>IssuerSignedItemBytes</c> (<c>#6.24(bstr)</c>) as received: the MSO value digest is over those bytes (§9.1.2.5),
/// never a re-encoding.
/// </summary>
public sealed class IssuerSignedItem
{
    /// <summary>The minimum length of <see cref="Random"/> (ISO/IEC 18013-5 §9.1.2.5).</summary>
    public const int MinRandomLength = 16;

    private IssuerSignedItem(ulong digestId, ReadOnlyMemory<byte> random, string elementIdentifier, MdocValue elementValue, ReadOnlyMemory<byte> encoded)
    {
        DigestId = digestId;
        Random = random;
        ElementIdentifier = elementIdentifier;
        ElementValue = elementValue;
        Encoded = encoded;
    }

    /// <summary>The digest ID: the key of this item's digest in the MSO's <c>valueDigests</c> for its namespace.</summary>
    public ulong DigestId { get; }

    /// <summary>The random salt (at least 16 bytes).</summary>
    public ReadOnlyMemory<byte> Random { get; }

    /// <summary>The data element identifier, for example <c>family_name</c>.</summary>
    public string ElementIdentifier { get; }

    /// <summary>The data element value.</summary>
    public MdocValue ElementValue { get; }

    /// <summary>The <c>IssuerSignedItemBytes</c>: the tag-24 encoding as received (or as issued), the input of the value digest.</summary>
    public ReadOnlyMemory<byte> Encoded { get; }

    /// <inheritdoc />
    public override string ToString() => $"IssuerSignedItem({ElementIdentifier}, digestID {DigestId})";

    /// <summary>Creates an item: encodes <c>IssuerSignedItem</c> and wraps it in tag 24.</summary>
    internal static IssuerSignedItem Create(ulong digestId, ReadOnlySpan<byte> random, string elementIdentifier, MdocValue value)
    {
        var inner = MdocValue.NewWriter(value.Encoded.Length + random.Length + elementIdentifier.Length + 64);
        inner.WriteStartMap(4);
        inner.WriteTextString("digestID");
        inner.WriteUInt64(digestId);
        inner.WriteTextString("random");
        inner.WriteByteString(random);
        inner.WriteTextString("elementIdentifier");
        inner.WriteTextString(elementIdentifier);
        inner.WriteTextString("elementValue");
        inner.WriteEncodedValue(value.Encoded.Span);
        inner.WriteEndMap();
        var itemBytes = inner.Encode();
        var outer = MdocValue.NewWriter(itemBytes.Length + 8);
        outer.WriteTag(CborTag.EncodedCborDataItem);
        outer.WriteByteString(itemBytes);
        var encoded = outer.Encode();

        // Slices of the final encoding, so the item keeps one buffer.
        var embedded = encoded.AsMemory(encoded.Length - itemBytes.Length);
        var reader = StrictCbor.CreateReader(embedded);
        return ReadInner(reader, embedded, encoded, MdocReaderOptions.Default);
    }

    /// <summary>Reads <c>#6.24(bstr .cbor IssuerSignedItem)</c> at the reader's position.</summary>
    internal static IssuerSignedItem Read(CborReader reader, ReadOnlyMemory<byte> data, MdocReaderOptions options)
    {
        var start = StrictCbor.Offset(data, reader);
        var embedded = StrictCbor.ReadTag24(reader, "An IssuerSignedItemBytes");
        var encoded = data[start..StrictCbor.Offset(data, reader)];
        return ReadInner(StrictCbor.CreateReader(embedded), embedded, encoded, options);
    }

    private static IssuerSignedItem ReadInner(CborReader reader, ReadOnlyMemory<byte> embedded, ReadOnlyMemory<byte> encoded, MdocReaderOptions options)
    {
        const string What = "An IssuerSignedItem";
        var count = StrictCbor.ReadMapStart(reader, What);
        var seen = 0;
        ulong? digestId = null;
        ReadOnlyMemory<byte>? random = null;
        string? identifier = null;
        MdocValue? value = null;
        for (var i = 0; i < count; i++)
        {
            var key = StrictCbor.ReadKey(reader, What);
            switch (key)
            {
                case "digestID":
                    StrictCbor.Seen(ref seen, 1, key, What);
                    digestId = StrictCbor.ReadUInt(reader, "digestID");
                    break;
                case "random":
                    StrictCbor.Seen(ref seen, 2, key, What);
                    random = StrictCbor.ReadBytes(reader, "random");
                    break;
                case "elementIdentifier":
                    StrictCbor.Seen(ref seen, 4, key, What);
                    identifier = StrictCbor.ReadText(reader, "elementIdentifier");
                    break;
                case "elementValue":
                {
                    StrictCbor.Seen(ref seen, 8, key, What);
                    var valueStart = StrictCbor.Offset(embedded, reader);
                    StrictCbor.SkipChecked(reader, embedded, 0, options.MaxDepth, options.MaxEntries);
                    value = new MdocValue(embedded[valueStart..StrictCbor.Offset(embedded, reader)]);
                    break;
                }

                default:
                    throw StrictCbor.Malformed($"{What} has an unknown key.");
            }
        }

        reader.ReadEndMap();
        if (reader.BytesRemaining != 0)
        {
            throw StrictCbor.Malformed($"{What} has trailing bytes.");
        }

        if (digestId is null || random is null || identifier is null || value is null)
        {
            throw StrictCbor.Malformed($"{What} lacks digestID, random, elementIdentifier or elementValue.");
        }

        if (random.Value.Length < MinRandomLength)
        {
            // ISO/IEC 18013-5 §9.1.2.5: the random value shall be at least 16 bytes.
            throw StrictCbor.Malformed($"{What} has a random value shorter than {MinRandomLength} bytes.");
        }

        return new IssuerSignedItem(digestId.Value, random.Value, identifier, value, encoded);
    }
}
