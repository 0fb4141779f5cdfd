using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Formats.Cbor;
using Credentials.Mdoc.Internal;

namespace Credentials.Mdoc;

/// <summary>
/// The issuer-signed part of an mdoc (ISO/IEC 18013-5 §8.3.2.1.2.2 <c>IssuerSigned</c>): the issuer-signed items per
/// namespace, in received order, and the issuerAuth COSE_Sign1 over the Mobile Security Object. Immutable; every
/// item and the issuerAuth keep their bytes as received, and <see cref="Encode"/> re-emits them verbatim.
/// </summary>
public sealed class IssuerSigned
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<IssuerSignedItem>> s_empty = new ReadOnlyDictionary<string, IReadOnlyList<IssuerSignedItem>>(new Dictionary<string, IReadOnlyList<IssuerSignedItem>>());

    internal IssuerSigned(IReadOnlyDictionary<string, IReadOnlyList<IssuerSignedItem>> nameSpaces, CoseMessage issuerAuth, MobileSecurityObject mso)
    {
        NameSpaces = nameSpaces;
        IssuerAuthMessage = issuerAuth;
        MobileSecurityObject = mso;
    }

    /// <summary>The issuer-signed items: namespace → items, in received order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<IssuerSignedItem>> NameSpaces { get; }

    /// <summary>The issuerAuth COSE_Sign1, as received.</summary>
    public ReadOnlyMemory<byte> IssuerAuth => IssuerAuthMessage.Encoded;

    /// <summary>The Mobile Security Object from the issuerAuth payload (not yet verified: see <see cref="MdocVerifier"/>).</summary>
    public MobileSecurityObject MobileSecurityObject { get; }

    /// <summary>The document type of the MSO.</summary>
    public string DocType => MobileSecurityObject.DocType;

    /// <summary>The <c>x5chain</c> of the issuerAuth (DER certificates, document signer first).</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> CertificateChain => IssuerAuthMessage.X5Chain;

    internal CoseMessage IssuerAuthMessage { get; }

    /// <summary>Reads an encoded <c>IssuerSigned</c> from untrusted bytes; never throws. Checks structure and limits only: verify with <see cref="MdocVerifier"/>.</summary>
    /// <param name="encoded">The CBOR.</param>
    /// <param name="options">Limits; <see cref="MdocReaderOptions.Default"/> when null.</param>
    public static VerificationResult<IssuerSigned> Read(ReadOnlyMemory<byte> encoded, MdocReaderOptions? options = null)
    {
        options ??= MdocReaderOptions.Default;
        if (encoded.Length > options.MaxBytes)
        {
            return new VerificationError(MdocErrors.LimitExceeded, $"The IssuerSigned is larger than {options.MaxBytes} bytes.");
        }

        return StrictCbor.Guard(() =>
        {
            var reader = StrictCbor.CreateReader(encoded);
            var result = Read(reader, encoded, options);
            return reader.BytesRemaining == 0 ? result : throw StrictCbor.Malformed("The IssuerSigned has trailing bytes.");
        });
    }

    internal static IssuerSigned Read(CborReader reader, ReadOnlyMemory<byte> data, MdocReaderOptions options)
    {
        const string What = "The IssuerSigned";
        var count = StrictCbor.ReadMapStart(reader, What);
        var seen = 0;
        IReadOnlyDictionary<string, IReadOnlyList<IssuerSignedItem>>? nameSpaces = null;
        CoseMessage? issuerAuth = null;
        for (var i = 0; i < count; i++)
        {
            var key = StrictCbor.ReadKey(reader, What);
            switch (key)
            {
                case "nameSpaces":
                    StrictCbor.Seen(ref seen, 1, key, What);
                    nameSpaces = ReadNameSpaces(reader, data, options);
                    break;
                case "issuerAuth":
                    StrictCbor.Seen(ref seen, 2, key, What);
                    issuerAuth = CoseMessage.Read(reader, data, options.MaxCertificates, "The issuerAuth");
                    break;
                default:
                    throw StrictCbor.Malformed($"{What} has an unknown key.");
            }
        }

        reader.ReadEndMap();
        if (issuerAuth is null)
        {
            throw StrictCbor.Malformed($"{What} has no issuerAuth.");
        }

        if (issuerAuth.Payload is null)
        {
            throw StrictCbor.Malformed("The issuerAuth payload is detached; it must carry the MobileSecurityObjectBytes.");
        }

        var mso = MobileSecurityObject.Read(issuerAuth.Payload.Value, options);
        return new IssuerSigned(nameSpaces ?? s_empty, issuerAuth, mso);
    }

    private static ReadOnlyDictionary<string, IReadOnlyList<IssuerSignedItem>> ReadNameSpaces(CborReader reader, ReadOnlyMemory<byte> data, MdocReaderOptions options)
    {
        var count = StrictCbor.ReadMapStart(reader, "IssuerNameSpaces");
        if (count > options.MaxNamespaces)
        {
            throw StrictCbor.Limit($"The IssuerSigned has more than {options.MaxNamespaces} namespaces.");
        }

        var result = new OrderedDictionary<string, IReadOnlyList<IssuerSignedItem>>(count, StringComparer.Ordinal);
        var total = 0;
        for (var i = 0; i < count; i++)
        {
            var ns = StrictCbor.ReadKey(reader, "IssuerNameSpaces");
            var n = StrictCbor.ReadArrayStart(reader, "A namespace's IssuerSignedItems");
            total += n;
            if (total > options.MaxElements)
            {
                throw StrictCbor.Limit($"The IssuerSigned has more than {options.MaxElements} items.");
            }

            if (n == 0)
            {
                // ISO/IEC 18013-5 §8.3.2.1.2.2: [+ IssuerSignedItemBytes], at least one.
                throw StrictCbor.Malformed("A namespace has no IssuerSignedItem.");
            }

            var items = new IssuerSignedItem[n];
            for (var j = 0; j < n; j++)
            {
                items[j] = IssuerSignedItem.Read(reader, data, options);
            }

            reader.ReadEndArray();
            if (!result.TryAdd(ns, items))
            {
                throw new MdocFormatException(MdocErrors.DuplicateKey, "IssuerNameSpaces has a namespace twice.");
            }
        }

        reader.ReadEndMap();
        return new ReadOnlyDictionary<string, IReadOnlyList<IssuerSignedItem>>(result);
    }

    /// <summary>Encodes the <c>IssuerSigned</c>: the items and the issuerAuth are written verbatim.</summary>
    public byte[] Encode()
    {
        var writer = MdocValue.NewWriter(EstimateSize());
        WriteTo(writer);
        return writer.Encode();
    }

    internal void WriteTo(CborWriter writer)
    {
        writer.WriteStartMap(NameSpaces.Count == 0 ? 1 : 2);
        if (NameSpaces.Count != 0)
        {
            writer.WriteTextString("nameSpaces");
            writer.WriteStartMap(NameSpaces.Count);
            foreach (var (ns, items) in NameSpaces)
            {
                writer.WriteTextString(ns);
                writer.WriteStartArray(items.Count);
                foreach (var item in items)
                {
                    writer.WriteEncodedValue(item.Encoded.Span);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndMap();
        }

        writer.WriteTextString("issuerAuth");
        writer.WriteEncodedValue(IssuerAuth.Span);
        writer.WriteEndMap();
    }

    internal int EstimateSize()
    {
        var size = IssuerAuth.Length + 64;
        foreach (var (ns, items) in NameSpaces)
        {
            size += ns.Length + 8;
            foreach (var item in items)
            {
                size += item.Encoded.Length;
            }
        }

        return size;
    }

    /// <summary>
    /// The same issuer-signed data with only the chosen elements (for a presentation that discloses only what was
    /// asked). Namespaces with no chosen element are left out; chosen elements the document lacks are ignored.
    /// </summary>
    /// <param name="selection">Namespace → element identifiers to keep.</param>
    public IssuerSigned Select(IReadOnlyDictionary<string, IReadOnlyCollection<string>> selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var result = new OrderedDictionary<string, IReadOnlyList<IssuerSignedItem>>(StringComparer.Ordinal);
        foreach (var (ns, items) in NameSpaces)
        {
            if (!selection.TryGetValue(ns, out var wanted) || wanted.Count == 0)
            {
                continue;
            }

            var kept = new List<IssuerSignedItem>();
            foreach (var item in items)
            {
                if (Contains(wanted, item.ElementIdentifier))
                {
                    kept.Add(item);
                }
            }

            if (kept.Count != 0)
            {
                result.Add(ns, kept.AsReadOnly());
            }
        }

        return new IssuerSigned(new ReadOnlyDictionary<string, IReadOnlyList<IssuerSignedItem>>(result), IssuerAuthMessage, MobileSecurityObject);
    }

    private static bool Contains(IReadOnlyCollection<string> set, string value)
    {
        if (set is IReadOnlySet<string> s)
        {
            return s.Contains(value);
        }

        foreach (var v in set)
        {
            if (string.Equals(v, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public override string ToString() => $"IssuerSigned({DocType}, {NameSpaces.Count} namespaces)";
}
