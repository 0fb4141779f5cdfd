using System;
using System.Buffers;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Text.Json;
using Credentials.Mdoc;

namespace Credentials.Wallet.Holder.Internal;

/// <summary>The holder's view of a stored mdoc (<c>mso_mdoc</c>).</summary>
internal sealed partial class HolderView
{
    private HolderView(IssuerSigned mdoc, JsonElement claims, IReadOnlySet<ClaimPath> elements)
    {
        Mdoc = mdoc;
        Claims = claims;
        Disclosable = [];
        SelectivelyDisclosable = elements;
    }

    /// <summary>The stored IssuerSigned of an mdoc, or <see langword="null"/> for other formats.</summary>
    public IssuerSigned? Mdoc { get; }

    /// <summary>Whether this is an mdoc: every data element is disclosed on its own, nothing else is ever revealed.</summary>
    public bool IsMdoc => Mdoc is not null;

    /// <summary>
    /// The view of a stored mdoc: claims as namespace → element identifier → value (OpenID4VP 1.0 Appendix B.2.1 claim
    /// paths <c>[namespace, element]</c>), values as <see cref="MdocValue.ToJson"/> gives them. Every element is
    /// selectively disclosable. The issuer side was verified on import; the stored bytes are authenticated by the
    /// wallet's record cipher.
    /// </summary>
    public static VerificationResult<HolderView> BuildMdoc(string raw, MdocReaderOptions? limits = null)
    {
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(raw);
        }
        catch (FormatException)
        {
            return new VerificationError(MdocErrors.MalformedCbor, "The stored mdoc is not base64url.");
        }

        var read = IssuerSigned.Read(bytes, limits);
        return read.IsValid ? FromIssuerSigned(read.Value) : read.Error;
    }

    /// <summary>The view of an IssuerSigned already read.</summary>
    public static VerificationResult<HolderView> FromIssuerSigned(IssuerSigned mdoc)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        var elements = new HashSet<ClaimPath>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (ns, items) in mdoc.NameSpaces)
            {
                writer.WritePropertyName(ns);
                writer.WriteStartObject();
                foreach (var item in items)
                {
                    // One value per element: a repeated identifier would make the claim path ambiguous.
                    if (!elements.Add(ClaimPath.Of(ns, item.ElementIdentifier)))
                    {
                        return new VerificationError(MdocErrors.DuplicateKey, "A namespace of the mdoc repeats a data element identifier.");
                    }

                    writer.WritePropertyName(item.ElementIdentifier);
                    writer.WriteRawValue(item.ElementValue.ToJson(), skipInputValidation: true);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return new HolderView(mdoc, document.RootElement.Clone(), elements);
    }

    /// <summary>The claim paths as the namespace → element identifiers selection of <see cref="IssuerSigned.Select"/>.</summary>
    public static Dictionary<string, IReadOnlyCollection<string>> ToSelection(IEnumerable<ClaimPath> paths)
    {
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (path.Length != 2 || path.Components[0].Name is not { } ns || path.Components[1].Name is not { } element)
            {
                continue;
            }

            if (!result.TryGetValue(ns, out var set))
            {
                result[ns] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(element);
        }

        var selection = new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal);
        foreach (var (ns, set) in result)
        {
            selection[ns] = set;
        }

        return selection;
    }
}
