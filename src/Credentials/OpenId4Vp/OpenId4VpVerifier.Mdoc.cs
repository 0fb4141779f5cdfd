using System;
using System.Buffers;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.Json;
using Credentials.Dcql;
using Credentials.Dcql.Matching;
using Credentials.Internal;
using Credentials.Mdoc;
using Credentials.OpenId4Vp.Internal;

namespace Credentials.OpenId4Vp;

public sealed partial class OpenId4VpVerifier
{
    /// <summary>
    /// Appendix B.2: an <c>mso_mdoc</c> presentation is a base64url DeviceResponse whose device signature or MAC covers
    /// the session transcript of this request (B.2.6.1 <c>OpenID4VPHandover</c> for redirect flows, B.2.6.2
    /// <c>OpenID4VPDCAPIHandover</c> over the DC API, with the encryption key's thumbprint when the response was
    /// encrypted). One document of the query's <c>doctype_value</c>; every disclosed element must be one the query asked
    /// for (the verifier learns nothing else); then the query's own constraints (section 14.9).
    /// </summary>
    private VerifiedPresentation VerifyMdocPresentation(MdocVerifier mdoc, TransactionRecord record, PresentationBinding binding, CredentialQuery query, VerifiedPresentation discarded, string presentation)
    {
        var bytes = StrictBase64Url.TryDecode(presentation.AsSpan());
        if (bytes is null)
        {
            return discarded with { Error = new VerificationError(OpenId4VpErrors.PresentationInvalid, "The mso_mdoc presentation is not base64url.") };
        }

        var transcript = binding.Origin is null
            ? SessionTranscript.ForOpenId4Vp(record.ClientId, record.Nonce, binding.EncryptionKeyThumbprint, record.ResponseUri)
            : SessionTranscript.ForDigitalCredentialsApi(binding.Origin, record.Nonce, binding.EncryptionKeyThumbprint);
        var result = mdoc.Verify(bytes, transcript);
        if (!result.IsValid)
        {
            // Section 14.1.2: a device authentication that does not cover this request's transcript is a binding failure.
            var unbound = result.OutcomeOf(MdocCheckKind.DeviceAuthentication) == CheckOutcome.Failed || result.Error.Kind == VerificationFailureKind.KeyBindingFailed;
            return discarded with
            {
                Error = unbound
                    ? new VerificationError(OpenId4VpErrors.HolderBindingFailed, "The mdoc device authentication does not cover this request's session transcript.") { Inner = result.Error }
                    : new VerificationError(OpenId4VpErrors.PresentationInvalid, "The mdoc presentation failed verification.") { Inner = result.Error },
            };
        }

        if (result.Value.Documents.Count != 1)
        {
            return discarded with { Error = new VerificationError(OpenId4VpErrors.PresentationInvalid, "A presentation answering a Credential Query carries exactly one document.") };
        }

        var document = result.Value.Documents[0];
        var verified = discarded with
        {
            DocType = document.DocType,
            Issuer = document.DocumentSigner.Subject,
            HolderKeyThumbprint = document.MobileSecurityObject.DeviceKey.ComputeThumbprint(),
        };

        // Appendix B.2.3: the doctype must be the query's doctype_value.
        if (!string.Equals(document.DocType, query.Meta.DoctypeValue, StringComparison.Ordinal))
        {
            return verified with { Error = new VerificationError(OpenId4VpErrors.CredentialTypeMismatch, "The document type is not the query's doctype_value.") };
        }

        var asked = new HashSet<(string, string)>();
        foreach (var claim in query.Claims ?? [])
        {
            if (claim.Path.Length == 2 && claim.Path.Components[0].Name is { } ns && claim.Path.Components[1].Name is { } element)
            {
                asked.Add((ns, element));
            }
        }

        var disclosed = ImmutableArray.CreateBuilder<ClaimPath>();
        foreach (var (ns, elements) in document.Elements.Concat(document.DeviceSignedElements))
        {
            foreach (var element in elements.Keys)
            {
                if (!asked.Contains((ns, element)))
                {
                    return verified with { Error = new VerificationError(OpenId4VpErrors.UnrequestedElements, "The mdoc discloses a data element the query did not ask for.") };
                }

                disclosed.Add(ClaimPath.Of(ns, element));
            }
        }

        var claims = MdocClaims(document);
        var candidate = new DcqlCandidate
        {
            Id = query.Id + "#" + discarded.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Format = DcqlFormats.MsoMdoc,
            Doctype = document.DocType,
            Claims = claims,
            SelectivelyDisclosable = disclosed.ToImmutable(),
            SupportsCryptographicHolderBinding = true,
        };
        var match = MatchQuery(query, candidate, "The document type is not one the query accepts.", out var mismatch);
        if (mismatch is not null)
        {
            return verified with { Error = mismatch };
        }

        var best = match.Matches[0].Alternatives.OrderBy(a => disclosed.Count(d => !a.Disclosures.Contains(d))).First();
        return verified with
        {
            Claims = claims,
            DisclosedClaims = disclosed.ToImmutable(),
            RequestedClaims = best.Paths,
            ExtraDisclosedClaims = [.. disclosed.Where(d => !best.Disclosures.Contains(d))],
        };
    }

    // The verified elements as JSON for DCQL matching and the result: namespace → element → value.
    private static JsonElement MdocClaims(MdocVerifiedDocument document)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, SafeJson.WriterOptions))
        {
            w.WriteStartObject();
            foreach (var (ns, elements) in document.Elements)
            {
                w.WriteStartObject(ns);
                foreach (var (element, value) in elements)
                {
                    w.WritePropertyName(element);
                    w.WriteRawValue(value.ToJson(), skipInputValidation: true);
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        using var json = JsonDocument.Parse(buffer.WrittenMemory);
        return json.RootElement.Clone();
    }
}
