using System;
using System.Collections.Generic;
using System.Formats.Cbor;
using Credentials.Keys;
using Credentials.Mdoc.Internal;

namespace Credentials.Mdoc;

/// <summary>
/// The Mobile Security Object (ISO/IEC 18013-5 §9.1.2.4): the issuer-signed digests of every data element, the device
/// key, the document type and the validity. <see cref="Encoded"/> is the <c>MobileSecurityObjectBytes</c> (tag 24) as
/// received in the issuerAuth payload.
/// </summary>
public sealed class MobileSecurityObject
{
    /// <summary>The only MSO version defined: <c>1.0</c>.</summary>
    public const string Version10 = "1.0";

    private MobileSecurityObject(string version, string digestAlgorithm, IReadOnlyDictionary<string, IReadOnlyDictionary<ulong, ReadOnlyMemory<byte>>> valueDigests, Jwk deviceKey, MdocKeyAuthorizations? keyAuthorizations, string docType, MdocValidityInfo validityInfo, ReadOnlyMemory<byte> encoded)
    {
        Version = version;
        DigestAlgorithm = digestAlgorithm;
        ValueDigests = valueDigests;
        DeviceKey = deviceKey;
        KeyAuthorizations = keyAuthorizations;
        DocType = docType;
        ValidityInfo = validityInfo;
        Encoded = encoded;
    }

    /// <summary>The version (<c>1.0</c>).</summary>
    public string Version { get; }

    /// <summary>The digest algorithm: <c>SHA-256</c>, <c>SHA-384</c> or <c>SHA-512</c>.</summary>
    public string DigestAlgorithm { get; }

    /// <summary>The value digests: namespace → digest ID → digest.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<ulong, ReadOnlyMemory<byte>>> ValueDigests { get; }

    /// <summary>The holder's device key (<c>deviceKeyInfo.deviceKey</c>), as a public JWK.</summary>
    public Jwk DeviceKey { get; }

    /// <summary>The device key's authorizations (<c>deviceKeyInfo.keyAuthorizations</c>), if present.</summary>
    public MdocKeyAuthorizations? KeyAuthorizations { get; }

    /// <summary>The document type, for example <c>org.iso.18013.5.1.mDL</c>.</summary>
    public string DocType { get; }

    /// <summary>The validity.</summary>
    public MdocValidityInfo ValidityInfo { get; }

    /// <summary>The <c>MobileSecurityObjectBytes</c> (<c>#6.24(bstr .cbor MobileSecurityObject)</c>) as received.</summary>
    public ReadOnlyMemory<byte> Encoded { get; }

    /// <inheritdoc />
    public override string ToString() => $"MobileSecurityObject({DocType}, {DigestAlgorithm})";

    internal static int DigestLength(string algorithm) => algorithm switch
    {
        "SHA-256" => 32,
        "SHA-384" => 48,
        "SHA-512" => 64,
        _ => 0,
    };

    /// <summary>Reads the MSO from the issuerAuth payload (<c>MobileSecurityObjectBytes</c>).</summary>
    internal static MobileSecurityObject Read(ReadOnlyMemory<byte> payload, MdocReaderOptions options)
    {
        const string What = "The MobileSecurityObject";
        var outer = StrictCbor.CreateReader(payload);
        var mso = StrictCbor.ReadTag24(outer, "The issuerAuth payload (MobileSecurityObjectBytes)");
        if (outer.BytesRemaining != 0)
        {
            throw StrictCbor.Malformed("The issuerAuth payload has trailing bytes.");
        }

        var reader = StrictCbor.CreateReader(mso);
        var count = StrictCbor.ReadMapStart(reader, What);
        var seen = 0;
        string? version = null;
        string? digestAlgorithm = null;
        Dictionary<string, IReadOnlyDictionary<ulong, ReadOnlyMemory<byte>>>? digests = null;
        Jwk? deviceKey = null;
        MdocKeyAuthorizations? authorizations = null;
        string? docType = null;
        MdocValidityInfo? validity = null;
        for (var i = 0; i < count; i++)
        {
            var key = StrictCbor.ReadKey(reader, What);
            switch (key)
            {
                case "version":
                    StrictCbor.Seen(ref seen, 1, key, What);
                    version = StrictCbor.ReadText(reader, "version");
                    break;
                case "digestAlgorithm":
                    StrictCbor.Seen(ref seen, 2, key, What);
                    digestAlgorithm = StrictCbor.ReadText(reader, "digestAlgorithm");
                    break;
                case "valueDigests":
                    StrictCbor.Seen(ref seen, 4, key, What);
                    digests = ReadValueDigests(reader, options);
                    break;
                case "deviceKeyInfo":
                    StrictCbor.Seen(ref seen, 8, key, What);
                    (deviceKey, authorizations) = ReadDeviceKeyInfo(reader, mso, options);
                    break;
                case "docType":
                    StrictCbor.Seen(ref seen, 16, key, What);
                    docType = StrictCbor.ReadText(reader, "docType");
                    break;
                case "validityInfo":
                    StrictCbor.Seen(ref seen, 32, key, What);
                    validity = ReadValidity(reader);
                    break;
                default:
                    // Later editions add members (status); they are checked for shape and otherwise ignored.
                    StrictCbor.SkipChecked(reader, mso, 0, options.MaxDepth, options.MaxEntries);
                    break;
            }
        }

        reader.ReadEndMap();
        if (reader.BytesRemaining != 0)
        {
            throw StrictCbor.Malformed($"{What} has trailing bytes.");
        }

        if (version is null || digestAlgorithm is null || digests is null || deviceKey is null || docType is null || validity is null)
        {
            throw StrictCbor.Malformed($"{What} lacks version, digestAlgorithm, valueDigests, deviceKeyInfo, docType or validityInfo.");
        }

        if (version != Version10)
        {
            throw new MdocFormatException(MdocErrors.UnsupportedVersion, $"The MSO version '{version}' is not supported.");
        }

        var length = DigestLength(digestAlgorithm);
        if (length == 0)
        {
            throw new MdocFormatException(MdocErrors.UnsupportedAlgorithm, $"The MSO digest algorithm '{digestAlgorithm}' is not supported.");
        }

        foreach (var ns in digests.Values)
        {
            foreach (var digest in ns.Values)
            {
                if (digest.Length != length)
                {
                    throw StrictCbor.Malformed($"A value digest is not {length} bytes long.");
                }
            }
        }

        return new MobileSecurityObject(version, digestAlgorithm, digests, deviceKey, authorizations, docType, validity, payload);
    }

    private static Dictionary<string, IReadOnlyDictionary<ulong, ReadOnlyMemory<byte>>> ReadValueDigests(CborReader reader, MdocReaderOptions options)
    {
        var count = StrictCbor.ReadMapStart(reader, "valueDigests");
        if (count > options.MaxNamespaces)
        {
            throw StrictCbor.Limit($"valueDigests has more than {options.MaxNamespaces} namespaces.");
        }

        var result = new Dictionary<string, IReadOnlyDictionary<ulong, ReadOnlyMemory<byte>>>(count, StringComparer.Ordinal);
        var total = 0;
        for (var i = 0; i < count; i++)
        {
            var ns = StrictCbor.ReadKey(reader, "valueDigests");
            var n = StrictCbor.ReadMapStart(reader, "A namespace's digests");
            total += n;
            if (total > options.MaxElements)
            {
                throw StrictCbor.Limit($"valueDigests has more than {options.MaxElements} digests.");
            }

            var digests = new Dictionary<ulong, ReadOnlyMemory<byte>>(n);
            for (var j = 0; j < n; j++)
            {
                var id = StrictCbor.ReadUInt(reader, "A digest ID");
                if (!digests.TryAdd(id, StrictCbor.ReadBytes(reader, "A digest")))
                {
                    throw new MdocFormatException(MdocErrors.DuplicateKey, "valueDigests has a digest ID twice in one namespace.");
                }
            }

            reader.ReadEndMap();
            if (!result.TryAdd(ns, digests))
            {
                throw new MdocFormatException(MdocErrors.DuplicateKey, "valueDigests has a namespace twice.");
            }
        }

        reader.ReadEndMap();
        return result;
    }

    private static (Jwk Key, MdocKeyAuthorizations? Authorizations) ReadDeviceKeyInfo(CborReader reader, ReadOnlyMemory<byte> data, MdocReaderOptions options)
    {
        const string What = "deviceKeyInfo";
        var count = StrictCbor.ReadMapStart(reader, What);
        var seen = 0;
        Jwk? key = null;
        MdocKeyAuthorizations? authorizations = null;
        for (var i = 0; i < count; i++)
        {
            var name = StrictCbor.ReadKey(reader, What);
            switch (name)
            {
                case "deviceKey":
                    StrictCbor.Seen(ref seen, 1, name, What);
                    key = CoseKey.Read(reader);
                    break;
                case "keyAuthorizations":
                    StrictCbor.Seen(ref seen, 2, name, What);
                    authorizations = ReadKeyAuthorizations(reader, options);
                    break;
                default:
                    StrictCbor.Seen(ref seen, name == "keyInfo" ? 4 : 0, name, What);
                    StrictCbor.SkipChecked(reader, data, 0, options.MaxDepth, options.MaxEntries);
                    break;
            }
        }

        reader.ReadEndMap();
        return key is null ? throw StrictCbor.Malformed("deviceKeyInfo has no deviceKey.") : (key, authorizations);
    }

    private static MdocKeyAuthorizations ReadKeyAuthorizations(CborReader reader, MdocReaderOptions options)
    {
        const string What = "keyAuthorizations";
        var count = StrictCbor.ReadMapStart(reader, What);
        var seen = 0;
        var nameSpaces = new List<string>();
        var elements = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var name = StrictCbor.ReadKey(reader, What);
            switch (name)
            {
                case "nameSpaces":
                {
                    StrictCbor.Seen(ref seen, 1, name, What);
                    var n = StrictCbor.ReadArrayStart(reader, "AuthorizedNameSpaces");
                    if (n > options.MaxNamespaces)
                    {
                        throw StrictCbor.Limit("keyAuthorizations has too many namespaces.");
                    }

                    for (var j = 0; j < n; j++)
                    {
                        nameSpaces.Add(StrictCbor.ReadText(reader, "An authorized namespace"));
                    }

                    reader.ReadEndArray();
                    break;
                }

                case "dataElements":
                {
                    StrictCbor.Seen(ref seen, 2, name, What);
                    var n = StrictCbor.ReadMapStart(reader, "AuthorizedDataElements");
                    if (n > options.MaxNamespaces)
                    {
                        throw StrictCbor.Limit("keyAuthorizations has too many namespaces.");
                    }

                    for (var j = 0; j < n; j++)
                    {
                        var ns = StrictCbor.ReadKey(reader, "AuthorizedDataElements");
                        var m = StrictCbor.ReadArrayStart(reader, "DataElementsArray");
                        if (m > options.MaxElements)
                        {
                            throw StrictCbor.Limit("keyAuthorizations has too many elements.");
                        }

                        var ids = new string[m];
                        for (var k = 0; k < m; k++)
                        {
                            ids[k] = StrictCbor.ReadText(reader, "An authorized element");
                        }

                        reader.ReadEndArray();
                        if (!elements.TryAdd(ns, ids))
                        {
                            throw new MdocFormatException(MdocErrors.DuplicateKey, "AuthorizedDataElements has a namespace twice.");
                        }
                    }

                    reader.ReadEndMap();
                    break;
                }

                default:
                    throw StrictCbor.Malformed("keyAuthorizations has an unknown key.");
            }
        }

        reader.ReadEndMap();
        return new MdocKeyAuthorizations(nameSpaces, elements);
    }

    private static MdocValidityInfo ReadValidity(CborReader reader)
    {
        const string What = "validityInfo";
        var count = StrictCbor.ReadMapStart(reader, What);
        var seen = 0;
        DateTimeOffset? signed = null;
        DateTimeOffset? from = null;
        DateTimeOffset? until = null;
        DateTimeOffset? expected = null;
        for (var i = 0; i < count; i++)
        {
            var name = StrictCbor.ReadKey(reader, What);
            switch (name)
            {
                case "signed":
                    StrictCbor.Seen(ref seen, 1, name, What);
                    signed = ReadTdate(reader, name);
                    break;
                case "validFrom":
                    StrictCbor.Seen(ref seen, 2, name, What);
                    from = ReadTdate(reader, name);
                    break;
                case "validUntil":
                    StrictCbor.Seen(ref seen, 4, name, What);
                    until = ReadTdate(reader, name);
                    break;
                case "expectedUpdate":
                    StrictCbor.Seen(ref seen, 8, name, What);
                    expected = ReadTdate(reader, name);
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        }

        reader.ReadEndMap();
        if (signed is null || from is null || until is null)
        {
            throw StrictCbor.Malformed("validityInfo lacks signed, validFrom or validUntil.");
        }

        return new MdocValidityInfo(signed.Value, from.Value, until.Value, expected);
    }

    private static DateTimeOffset ReadTdate(CborReader reader, string what)
    {
        // ISO/IEC 18013-5 §9.1.2.4: each is a tdate (tag 0).
        if (reader.PeekState() != CborReaderState.Tag || reader.PeekTag() != CborTag.DateTimeString)
        {
            throw StrictCbor.Malformed($"validityInfo.{what} is not a tdate (tag 0).");
        }

        reader.ReadTag();
        var text = StrictCbor.ReadText(reader, what);
        return MdocValue.TryParseTdate(text, out var value) ? value : throw StrictCbor.Malformed($"validityInfo.{what} is not an RFC 3339 date and time.");
    }

    /// <summary>Encodes an MSO as <c>MobileSecurityObjectBytes</c> (tag 24).</summary>
    internal static byte[] Encode(string digestAlgorithm, IReadOnlyList<KeyValuePair<string, IReadOnlyList<(ulong Id, byte[] Digest)>>> digests, Jwk deviceKey, string docType, MdocValidityInfo validity)
    {
        var writer = MdocValue.NewWriter(256 + (digests.Count * 64));
        writer.WriteStartMap(6);
        writer.WriteTextString("version");
        writer.WriteTextString(Version10);
        writer.WriteTextString("digestAlgorithm");
        writer.WriteTextString(digestAlgorithm);
        writer.WriteTextString("valueDigests");
        writer.WriteStartMap(digests.Count);
        foreach (var (ns, items) in digests)
        {
            writer.WriteTextString(ns);
            writer.WriteStartMap(items.Count);
            foreach (var (id, digest) in items)
            {
                writer.WriteUInt64(id);
                writer.WriteByteString(digest);
            }

            writer.WriteEndMap();
        }

        writer.WriteEndMap();
        writer.WriteTextString("deviceKeyInfo");
        writer.WriteStartMap(1);
        writer.WriteTextString("deviceKey");
        CoseKey.Write(writer, deviceKey);
        writer.WriteEndMap();
        writer.WriteTextString("docType");
        writer.WriteTextString(docType);
        writer.WriteTextString("validityInfo");
        writer.WriteStartMap(validity.ExpectedUpdate is null ? 3 : 4);
        writer.WriteTextString("signed");
        MdocValue.WriteTdate(writer, validity.Signed);
        writer.WriteTextString("validFrom");
        MdocValue.WriteTdate(writer, validity.ValidFrom);
        writer.WriteTextString("validUntil");
        MdocValue.WriteTdate(writer, validity.ValidUntil);
        if (validity.ExpectedUpdate is { } expected)
        {
            writer.WriteTextString("expectedUpdate");
            MdocValue.WriteTdate(writer, expected);
        }

        writer.WriteEndMap();
        writer.WriteEndMap();
        var mso = writer.Encode();
        var outer = MdocValue.NewWriter(mso.Length + 8);
        outer.WriteTag(CborTag.EncodedCborDataItem);
        outer.WriteByteString(mso);
        return outer.Encode();
    }
}
