using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Credentials.Internal;
using Credentials.SdJwt;
using Credentials.Dcql.Matching;

namespace Credentials.Dcql;

/// <summary>
/// Reads and validates DCQL (OpenID4VP 1.0 sections 6, 7 and Appendix B). Every check returns the first error found, in
/// document order; unknown members are ignored (section 6).
/// </summary>
internal static class DcqlReader
{
    private const int FallbackMaxDepth = 256;

    public static VerificationResult<DcqlQuery> Read(ReadOnlyMemory<byte> utf8, DcqlReaderOptions options)
    {
        if (utf8.Length > options.MaxBytes)
        {
            return new VerificationError(DcqlErrors.TooLarge, "The query exceeds the size limit.");
        }

        using var document = SafeJson.TryParse(utf8, options.MaxDepth);
        if (document is null)
        {
            // Tell "too deep" from "not JSON": only failures pay for the second parse.
            using var deep = SafeJson.TryParse(utf8, FallbackMaxDepth);
            return deep is null
                ? new VerificationError(DcqlErrors.Malformed, "The query is not valid UTF-8 JSON without duplicate member names.")
                : new VerificationError(DcqlErrors.TooLarge, "The query nests deeper than the depth limit.");
        }

        return ReadCore(document.RootElement, options);
    }

    public static VerificationResult<DcqlQuery> Read(JsonElement root, DcqlReaderOptions options)
    {
        if (Depth(root, options.MaxDepth + 1) > options.MaxDepth)
        {
            return new VerificationError(DcqlErrors.TooLarge, "The query nests deeper than the depth limit.");
        }

        return ReadCore(root, options);
    }

    private static int Depth(JsonElement element, int stopAt)
    {
        if (stopAt <= 0)
        {
            return 0;
        }

        var max = 0;
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    max = Math.Max(max, Depth(member.Value, stopAt - 1));
                }

                return max + 1;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    max = Math.Max(max, Depth(item, stopAt - 1));
                }

                return max + 1;
            default:
                return 0;
        }
    }

    private static VerificationResult<DcqlQuery> ReadCore(JsonElement root, DcqlReaderOptions options)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new VerificationError(DcqlErrors.Malformed, "The query is not a JSON object.");
        }

        if (!root.TryGetProperty("credentials", out var credentialsElement))
        {
            return new VerificationError(DcqlErrors.Malformed, "credentials is missing.");
        }

        if (ReadNonEmptyArray(credentialsElement, "credentials", options.MaxCredentialQueries, DcqlErrors.Malformed) is { } arrayError)
        {
            return arrayError;
        }

        var credentials = ImmutableArray.CreateBuilder<CredentialQuery>(credentialsElement.GetArrayLength());
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in credentialsElement.EnumerateArray())
        {
            var location = Invariant($"credentials[{index}]");
            if (ReadCredentialQuery(item, location, options, out var credential) is { } error)
            {
                return error;
            }

            if (!ids.Add(credential!.Id))
            {
                return new VerificationError(DcqlErrors.DuplicateId, $"{location}.id repeats the id of another Credential Query.");
            }

            credentials.Add(credential);
            index++;
        }

        ImmutableArray<CredentialSetQuery>? credentialSets = null;
        if (root.TryGetProperty("credential_sets", out var setsElement))
        {
            if (ReadCredentialSets(setsElement, ids, options, out var sets) is { } error)
            {
                return error;
            }

            credentialSets = sets;
        }

        return new DcqlQuery { Credentials = credentials.MoveToImmutable(), CredentialSets = credentialSets };
    }

    private static VerificationError? ReadCredentialQuery(JsonElement item, string location, DcqlReaderOptions options, out CredentialQuery? credential)
    {
        credential = null;
        if (item.ValueKind != JsonValueKind.Object)
        {
            return new VerificationError(DcqlErrors.Malformed, $"{location} is not an object.");
        }

        if (ReadId(item, location, required: true, out var id) is { } idError)
        {
            return idError;
        }

        if (!item.TryGetProperty("format", out var formatElement) || formatElement.ValueKind != JsonValueKind.String)
        {
            return new VerificationError(DcqlErrors.Malformed, $"{location}.format is missing or not a string.");
        }

        var format = formatElement.GetString()!;
        if (ReadBoolean(item, "multiple", location, defaultValue: false, out var multiple) is { } multipleError)
        {
            return multipleError;
        }

        if (ReadBoolean(item, "require_cryptographic_holder_binding", location, defaultValue: true, out var holderBinding) is { } bindingError)
        {
            return bindingError;
        }

        if (!item.TryGetProperty("meta", out var metaElement) || metaElement.ValueKind != JsonValueKind.Object)
        {
            return new VerificationError(DcqlErrors.Malformed, $"{location}.meta is missing or not an object.");
        }

        if (ReadMeta(metaElement, format, location + ".meta", options, out var meta) is { } metaError)
        {
            return metaError;
        }

        ImmutableArray<TrustedAuthorityQuery>? trustedAuthorities = null;
        if (item.TryGetProperty("trusted_authorities", out var authoritiesElement))
        {
            if (ReadTrustedAuthorities(authoritiesElement, location + ".trusted_authorities", options, out var authorities) is { } authoritiesError)
            {
                return authoritiesError;
            }

            trustedAuthorities = authorities;
        }

        var hasClaimSets = item.TryGetProperty("claim_sets", out var claimSetsElement);
        ImmutableArray<ClaimsQuery>? claims = null;
        if (item.TryGetProperty("claims", out var claimsElement))
        {
            if (ReadClaims(claimsElement, format, hasClaimSets, location + ".claims", options, out var claimList) is { } claimsError)
            {
                return claimsError;
            }

            claims = claimList;
        }

        ImmutableArray<ImmutableArray<string>>? claimSets = null;
        if (hasClaimSets)
        {
            if (claims is null)
            {
                return new VerificationError(DcqlErrors.ClaimSetsWithoutClaims, $"{location}.claim_sets is present without claims.");
            }

            var claimIds = new HashSet<string>(StringComparer.Ordinal);
            foreach (var claim in claims.Value)
            {
                claimIds.Add(claim.Id!);
            }

            if (ReadIdLists(claimSetsElement, location + ".claim_sets", claimIds, DcqlErrors.UnknownClaimId, innerMayBeEmpty: true, options, out var sets) is { } setsError)
            {
                return setsError;
            }

            claimSets = sets;
        }

        credential = new CredentialQuery
        {
            Id = id!,
            Format = format,
            Multiple = multiple,
            Meta = meta!,
            TrustedAuthorities = trustedAuthorities,
            RequireCryptographicHolderBinding = holderBinding,
            Claims = claims,
            ClaimSets = claimSets,
        };
        return null;
    }

    private static VerificationError? ReadId(JsonElement item, string location, bool required, out string? id)
    {
        id = null;
        if (!item.TryGetProperty("id", out var idElement))
        {
            return required ? new VerificationError(DcqlErrors.Malformed, $"{location}.id is missing.") : null;
        }

        if (idElement.ValueKind != JsonValueKind.String)
        {
            return new VerificationError(DcqlErrors.InvalidId, $"{location}.id is not a string.");
        }

        id = idElement.GetString()!;
        return IsValidId(id) ? null : new VerificationError(DcqlErrors.InvalidId, $"{location}.id is empty or has characters other than alphanumerics, '_' and '-'.");
    }

    /// <summary>Section 6.1 and 6.3: a non-empty string of alphanumeric, underscore or hyphen characters (ASCII).</summary>
    internal static bool IsValidId(string id)
    {
        if (id.Length == 0)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static VerificationError? ReadBoolean(JsonElement item, string name, string location, bool defaultValue, out bool value)
    {
        value = defaultValue;
        if (!item.TryGetProperty(name, out var element))
        {
            return null;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.True:
                value = true;
                return null;
            case JsonValueKind.False:
                value = false;
                return null;
            default:
                return new VerificationError(DcqlErrors.Malformed, $"{location}.{name} is not a boolean.");
        }
    }

    private static VerificationError? ReadNonEmptyArray(JsonElement element, string location, int maxLength, ErrorCode code)
    {
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
        {
            return new VerificationError(code, $"{location} is not a non-empty array.");
        }

        return element.GetArrayLength() > maxLength ? new VerificationError(DcqlErrors.TooLarge, $"{location} has more entries than the limit.") : null;
    }

    private static VerificationError? ReadStrings(JsonElement element, string location, int maxLength, ErrorCode code, bool allowEmptyStrings, out ImmutableArray<string> values)
    {
        values = default;
        if (ReadNonEmptyArray(element, location, maxLength, code) is { } error)
        {
            return error;
        }

        var builder = ImmutableArray.CreateBuilder<string>(element.GetArrayLength());
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return new VerificationError(code, $"{location} has an entry that is not a string.");
            }

            var value = item.GetString()!;
            if (!allowEmptyStrings && value.Length == 0)
            {
                return new VerificationError(code, $"{location} has an empty string.");
            }

            builder.Add(value);
        }

        values = builder.MoveToImmutable();
        return null;
    }

    private static VerificationError? ReadMeta(JsonElement element, string format, string location, DcqlReaderOptions options, out CredentialQueryMeta? meta)
    {
        meta = null;
        ImmutableArray<string>? vctValues = null;
        string? doctypeValue = null;
        ImmutableArray<ImmutableArray<string>>? typeValues = null;
        var additional = ImmutableDictionary.CreateBuilder<string, JsonElement>(StringComparer.Ordinal);
        foreach (var member in element.EnumerateObject())
        {
            switch (member.Name)
            {
                case "vct_values" when format == DcqlFormats.SdJwtVc:
                    if (ReadStrings(member.Value, location + ".vct_values", options.MaxArrayLength, DcqlErrors.InvalidMeta, allowEmptyStrings: false, out var vcts) is { } vctError)
                    {
                        return vctError;
                    }

                    vctValues = vcts;
                    break;
                case "doctype_value" when format == DcqlFormats.MsoMdoc:
                    if (member.Value.ValueKind != JsonValueKind.String || member.Value.GetString()!.Length == 0)
                    {
                        return new VerificationError(DcqlErrors.InvalidMeta, $"{location}.doctype_value is not a non-empty string.");
                    }

                    doctypeValue = member.Value.GetString();
                    break;
                case "type_values" when format is DcqlFormats.JwtVcJson or DcqlFormats.LdpVc:
                    if (ReadNonEmptyArray(member.Value, location + ".type_values", options.MaxArrayLength, DcqlErrors.InvalidMeta) is { } typeError)
                    {
                        return typeError;
                    }

                    var sets = ImmutableArray.CreateBuilder<ImmutableArray<string>>(member.Value.GetArrayLength());
                    foreach (var inner in member.Value.EnumerateArray())
                    {
                        if (ReadStrings(inner, location + ".type_values[]", options.MaxArrayLength, DcqlErrors.InvalidMeta, allowEmptyStrings: false, out var types) is { } innerError)
                        {
                            return innerError;
                        }

                        sets.Add(types);
                    }

                    typeValues = sets.MoveToImmutable();
                    break;
                default:
                    additional[member.Name] = member.Value.Clone();
                    break;
            }
        }

        // Appendix B: the format's parameter is REQUIRED.
        if (format == DcqlFormats.SdJwtVc && vctValues is null)
        {
            return new VerificationError(DcqlErrors.InvalidMeta, $"{location}.vct_values is required for dc+sd-jwt.");
        }

        if (format == DcqlFormats.MsoMdoc && doctypeValue is null)
        {
            return new VerificationError(DcqlErrors.InvalidMeta, $"{location}.doctype_value is required for mso_mdoc.");
        }

        if (format is DcqlFormats.JwtVcJson or DcqlFormats.LdpVc && typeValues is null)
        {
            return new VerificationError(DcqlErrors.InvalidMeta, $"{location}.type_values is required for W3C formats.");
        }

        meta = new CredentialQueryMeta
        {
            VctValues = vctValues,
            DoctypeValue = doctypeValue,
            TypeValues = typeValues,
            AdditionalProperties = additional.ToImmutable(),
        };
        return null;
    }

    private static VerificationError? ReadTrustedAuthorities(JsonElement element, string location, DcqlReaderOptions options, out ImmutableArray<TrustedAuthorityQuery> authorities)
    {
        authorities = default;
        if (ReadNonEmptyArray(element, location, options.MaxArrayLength, DcqlErrors.InvalidTrustedAuthorities) is { } error)
        {
            return error;
        }

        var builder = ImmutableArray.CreateBuilder<TrustedAuthorityQuery>(element.GetArrayLength());
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
                || !item.TryGetProperty("values", out var valuesElement))
            {
                return new VerificationError(DcqlErrors.InvalidTrustedAuthorities, $"{location} has an entry without a string type and values.");
            }

            if (ReadStrings(valuesElement, location + "[].values", options.MaxArrayLength, DcqlErrors.InvalidTrustedAuthorities, allowEmptyStrings: true, out var values) is { } valuesError)
            {
                return valuesError;
            }

            builder.Add(new TrustedAuthorityQuery { Type = type.GetString()!, Values = values });
        }

        authorities = builder.MoveToImmutable();
        return null;
    }

    private static VerificationError? ReadClaims(JsonElement element, string format, bool hasClaimSets, string location, DcqlReaderOptions options, out ImmutableArray<ClaimsQuery> claims)
    {
        claims = default;
        if (ReadNonEmptyArray(element, location, options.MaxClaimsPerCredentialQuery, DcqlErrors.Malformed) is { } error)
        {
            return error;
        }

        var builder = ImmutableArray.CreateBuilder<ClaimsQuery>(element.GetArrayLength());
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var paths = options.RejectDuplicateClaims ? new HashSet<ClaimPath>() : null;
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var itemLocation = Invariant($"{location}[{index}]");
            if (ReadClaimsQuery(item, format, itemLocation, options, out var claim) is { } claimError)
            {
                return claimError;
            }

            if (claim!.Id is null && hasClaimSets)
            {
                return new VerificationError(DcqlErrors.MissingClaimsIds, $"{itemLocation}.id is required because claim_sets is present.");
            }

            if (claim.Id is not null && !ids.Add(claim.Id))
            {
                return new VerificationError(DcqlErrors.DuplicateId, $"{itemLocation}.id repeats the id of another Claims Query.");
            }

            if (paths is not null && !paths.Add(claim.Path))
            {
                return new VerificationError(DcqlErrors.DuplicateClaim, $"{itemLocation}.path points to a claim already requested.");
            }

            builder.Add(claim);
            index++;
        }

        claims = builder.MoveToImmutable();
        return null;
    }

    private static VerificationError? ReadClaimsQuery(JsonElement item, string format, string location, DcqlReaderOptions options, out ClaimsQuery? claim)
    {
        claim = null;
        if (item.ValueKind != JsonValueKind.Object)
        {
            return new VerificationError(DcqlErrors.Malformed, $"{location} is not an object.");
        }

        if (ReadId(item, location, required: false, out var id) is { } idError)
        {
            return idError;
        }

        if (!item.TryGetProperty("path", out var pathElement))
        {
            return new VerificationError(DcqlErrors.Malformed, $"{location}.path is missing.");
        }

        if (pathElement.ValueKind == JsonValueKind.Array && pathElement.GetArrayLength() > options.MaxPathLength)
        {
            return new VerificationError(DcqlErrors.TooLarge, $"{location}.path has more components than the limit.");
        }

        if (!ClaimPath.TryRead(pathElement, out var path))
        {
            return new VerificationError(DcqlErrors.InvalidPath, $"{location}.path is not a non-empty array of strings, non-negative integers and nulls.");
        }

        if (format == DcqlFormats.MsoMdoc && (path.Length != 2 || path.Components[0].Name is null || path.Components[1].Name is null))
        {
            return new VerificationError(DcqlErrors.InvalidPath, $"{location}.path of an mso_mdoc query is not a namespace and a data element identifier.");
        }

        ImmutableArray<DcqlClaimValue>? values = null;
        if (item.TryGetProperty("values", out var valuesElement))
        {
            if (ReadNonEmptyArray(valuesElement, location + ".values", options.MaxArrayLength, DcqlErrors.InvalidValues) is { } valuesError)
            {
                return valuesError;
            }

            var builder = ImmutableArray.CreateBuilder<DcqlClaimValue>(valuesElement.GetArrayLength());
            foreach (var value in valuesElement.EnumerateArray())
            {
                if (!DcqlClaimValue.TryRead(value, out var expected))
                {
                    return new VerificationError(DcqlErrors.InvalidValues, $"{location}.values has an entry that is not a string, an integer or a boolean.");
                }

                builder.Add(expected);
            }

            values = builder.MoveToImmutable();
        }

        bool? intentToRetain = null;
        if (format == DcqlFormats.MsoMdoc && item.TryGetProperty("intent_to_retain", out var retain))
        {
            if (retain.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return new VerificationError(DcqlErrors.Malformed, $"{location}.intent_to_retain is not a boolean.");
            }

            intentToRetain = retain.GetBoolean();
        }

        claim = new ClaimsQuery { Id = id, Path = path, Values = values, IntentToRetain = intentToRetain };
        return null;
    }

    private static VerificationError? ReadCredentialSets(JsonElement element, HashSet<string> credentialIds, DcqlReaderOptions options, out ImmutableArray<CredentialSetQuery> sets)
    {
        sets = default;
        if (ReadNonEmptyArray(element, "credential_sets", options.MaxArrayLength, DcqlErrors.Malformed) is { } error)
        {
            return error;
        }

        var builder = ImmutableArray.CreateBuilder<CredentialSetQuery>(element.GetArrayLength());
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var location = Invariant($"credential_sets[{index}]");
            if (item.ValueKind != JsonValueKind.Object)
            {
                return new VerificationError(DcqlErrors.Malformed, $"{location} is not an object.");
            }

            if (!item.TryGetProperty("options", out var optionsElement))
            {
                return new VerificationError(DcqlErrors.Malformed, $"{location}.options is missing.");
            }

            if (ReadIdLists(optionsElement, location + ".options", credentialIds, DcqlErrors.UnknownCredentialId, innerMayBeEmpty: false, options, out var setOptions) is { } optionsError)
            {
                return optionsError;
            }

            if (ReadBoolean(item, "required", location, defaultValue: true, out var required) is { } requiredError)
            {
                return requiredError;
            }

            builder.Add(new CredentialSetQuery { Options = setOptions, Required = required });
            index++;
        }

        sets = builder.MoveToImmutable();
        return null;
    }

    /// <summary>
    /// <c>claim_sets</c> (section 6.1: a non-empty array of arrays of claim ids) and <c>options</c> (section 6.2: a
    /// non-empty array of non-empty arrays of Credential Query ids).
    /// </summary>
    private static VerificationError? ReadIdLists(JsonElement element, string location, HashSet<string> knownIds, ErrorCode unknownCode, bool innerMayBeEmpty, DcqlReaderOptions options, out ImmutableArray<ImmutableArray<string>> lists)
    {
        lists = default;
        if (ReadNonEmptyArray(element, location, options.MaxArrayLength, DcqlErrors.Malformed) is { } error)
        {
            return error;
        }

        var builder = ImmutableArray.CreateBuilder<ImmutableArray<string>>(element.GetArrayLength());
        foreach (var inner in element.EnumerateArray())
        {
            if (inner.ValueKind != JsonValueKind.Array || (!innerMayBeEmpty && inner.GetArrayLength() == 0))
            {
                return new VerificationError(DcqlErrors.Malformed, $"{location} has an entry that is not a{(innerMayBeEmpty ? "n" : " non-empty")} array.");
            }

            if (inner.GetArrayLength() > options.MaxArrayLength)
            {
                return new VerificationError(DcqlErrors.TooLarge, $"{location} has an entry with more ids than the limit.");
            }

            var ids = ImmutableArray.CreateBuilder<string>(inner.GetArrayLength());
            foreach (var idElement in inner.EnumerateArray())
            {
                if (idElement.ValueKind != JsonValueKind.String)
                {
                    return new VerificationError(DcqlErrors.Malformed, $"{location} has an id that is not a string.");
                }

                var id = idElement.GetString()!;
                if (!knownIds.Contains(id))
                {
                    return new VerificationError(unknownCode, $"{location} names an id that does not exist.");
                }

                ids.Add(id);
            }

            builder.Add(ids.MoveToImmutable());
        }

        lists = builder.MoveToImmutable();
        return null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
