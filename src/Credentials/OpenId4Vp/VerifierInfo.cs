using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Credentials.Dcql;

namespace Credentials.OpenId4Vp;

/// <summary>
/// One attestation about the verifier carried in the <c>verifier_info</c> request parameter (OpenID4VP 1.0 sections
/// 5.1 and 5.11), for example a registration certificate. The library carries and shape-checks it; the wallet app
/// decides whether to use it and, if it does, MUST validate its signature and binding itself (section 5.1).
/// </summary>
public sealed record VerifierInfo
{
    /// <summary>The most entries a request may carry; more is <c>openid4vp.invalid_request</c>.</summary>
    public const int MaxEntries = 16;

    /// <summary>The longest <see cref="Format"/>, in characters.</summary>
    public const int MaxFormatLength = 256;

    /// <summary>The format identifier of the attestation (collision-resistant in the ecosystem).</summary>
    public required string Format { get; init; }

    /// <summary>The attestation: a JSON object or a string (for example a JWT).</summary>
    public required JsonElement Data { get; init; }

    /// <summary>The ids of the DCQL Credential Queries the attestation is relevant to, or <see langword="null"/> for all.</summary>
    public IReadOnlyList<string>? CredentialIds { get; init; }

    /// <summary>The attestation when <see cref="Data"/> is a string (for example a JWT), else <see langword="null"/>.</summary>
    public string? DataString => Data.ValueKind == JsonValueKind.String ? Data.GetString() : null;

    /// <summary>Writes the entry as a JSON object.</summary>
    /// <param name="writer">The writer.</param>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("format", Format);
        writer.WritePropertyName("data");
        Data.WriteTo(writer);
        if (CredentialIds is { } ids)
        {
            writer.WriteStartArray("credential_ids");
            foreach (var id in ids)
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// Reads the <c>verifier_info</c> array: non-empty, at most <see cref="MaxEntries"/> objects, each with a non-empty
    /// string <c>format</c>, a <c>data</c> that is an object or a non-empty string, and optional non-empty
    /// <c>credential_ids</c> naming Credential Queries of <paramref name="query"/>. Never throws for bad input.
    /// </summary>
    /// <param name="element">The parameter's value.</param>
    /// <param name="query">The request's DCQL query.</param>
    public static VerificationResult<IReadOnlyList<VerifierInfo>> ReadAll(JsonElement element, DcqlQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        // Section 5.1: a non-empty array of attestation objects.
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
        {
            return Invalid("verifier_info is not a non-empty array.");
        }

        if (element.GetArrayLength() > MaxEntries)
        {
            return Invalid("verifier_info has too many entries.");
        }

        var list = new List<VerifierInfo>(element.GetArrayLength());
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String
                || format.GetString() is not { Length: > 0 and <= MaxFormatLength } formatText)
            {
                return Invalid("A verifier_info entry has no valid format.");
            }

            if (!item.TryGetProperty("data", out var data)
                || !(data.ValueKind == JsonValueKind.Object || (data.ValueKind == JsonValueKind.String && data.GetString()!.Length > 0)))
            {
                return Invalid("A verifier_info entry's data is neither an object nor a non-empty string.");
            }

            List<string>? ids = null;
            if (item.TryGetProperty("credential_ids", out var idsElement))
            {
                if (idsElement.ValueKind != JsonValueKind.Array || idsElement.GetArrayLength() == 0)
                {
                    return Invalid("A verifier_info entry's credential_ids is not a non-empty array.");
                }

                ids = [];
                foreach (var id in idsElement.EnumerateArray())
                {
                    // Section 5.1: each string matches the id of a DCQL Credential Query.
                    if (id.ValueKind != JsonValueKind.String || id.GetString() is not { } text || !query.Credentials.Any(c => c.Id == text))
                    {
                        return Invalid("A verifier_info entry names a credential id the query does not have.");
                    }

                    ids.Add(text);
                }
            }

            list.Add(new VerifierInfo { Format = formatText, Data = data.Clone(), CredentialIds = ids });
        }

        return list;
    }

    private static VerificationError Invalid(string message) => new(OpenId4VpErrors.InvalidRequest, message);
}
