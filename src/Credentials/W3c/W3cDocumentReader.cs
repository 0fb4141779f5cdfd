using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text.Json;
using Credentials.Internal;

namespace Credentials.W3c;

/// <summary>
/// The rules every credential and presentation shares (VCDM 2.0 sections 4 and 5), applied to an untrusted JSON
/// object. Each reader returns the first error, or <see langword="null"/>; a rule that only issuance enforces (a
/// <c>dateTimeStamp</c> without offset, a language tag that is not well formed) is recorded in <c>strictError</c>
/// instead, so that reading stays as lenient as the specification allows and issuance as strict as it asks.
/// </summary>
internal static class W3cDocumentReader
{
    // The terms the base context (https://www.w3.org/ns/credentials/v2) defines for the top level of a credential:
    // the VerifiableCredential scoped context, the global terms, and the JWT claim names it maps (section B.1).
    private static readonly string[] s_globalMembers =
    [
        "@context", "id", "type", "name", "description", "digestMultibase", "digestSRI", "mediaType",
        "_sd", "_sd_alg", "aud", "cnf", "exp", "iat", "iss", "jku", "kid", "nbf", "sub", "x5u",
    ];

    internal static readonly FrozenSet<string> CredentialMembers = FrozenSet.ToFrozenSet(
    [
        .. s_globalMembers, "confidenceMethod", "credentialSchema", "credentialStatus", "credentialSubject", "evidence",
        "issuer", "proof", "refreshService", "relatedResource", "renderMethod", "termsOfUse", "validFrom", "validUntil",
    ], StringComparer.Ordinal);

    internal static readonly FrozenSet<string> PresentationMembers = FrozenSet.ToFrozenSet(
    [
        .. s_globalMembers, "holder", "proof", "termsOfUse", "verifiableCredential",
    ], StringComparer.Ordinal);

    /// <summary>Section 4.3: <c>@context</c> is an ordered set whose first item is the base context URL; the rest are URLs or objects.</summary>
    public static VerificationError? ReadContext(JsonElement root, out ImmutableArray<JsonElement> context, out bool usesUndefinedTerms)
    {
        context = [];
        usesUndefinedTerms = false;
        if (!root.TryGetProperty("@context", out var value))
        {
            return new VerificationError(VcErrors.MissingContext, "The document has no '@context'.") { Path = ClaimPath.Of("@context") };
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            if (!value.ValueEquals(W3cContexts.CredentialsV2))
            {
                return InvalidContext("The first '@context' item must be " + W3cContexts.CredentialsV2 + ".");
            }

            context = [value];
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            return InvalidContext("'@context' must be a URL or a non-empty array.");
        }

        var builder = ImmutableArray.CreateBuilder<JsonElement>(value.GetArrayLength());
        var index = 0;
        var last = value.GetArrayLength() - 1;
        foreach (var item in value.EnumerateArray())
        {
            if (index == 0)
            {
                if (item.ValueKind != JsonValueKind.String || !item.ValueEquals(W3cContexts.CredentialsV2))
                {
                    return InvalidContext("The first '@context' item must be " + W3cContexts.CredentialsV2 + ".");
                }
            }
            else if (item.ValueKind == JsonValueKind.String)
            {
                if (!W3cSyntax.IsUrl(item.GetString()))
                {
                    return InvalidContext("A '@context' item is neither a URL nor an object.");
                }

                if (item.ValueEquals(W3cContexts.UndefinedTermsV2))
                {
                    // Section 5.2: the undefined-terms context, when used, is the last item.
                    if (index != last)
                    {
                        return InvalidContext("The undefined-terms context must be the last '@context' item.");
                    }

                    usesUndefinedTerms = true;
                }
            }
            else if (item.ValueKind != JsonValueKind.Object)
            {
                return InvalidContext("A '@context' item is neither a URL nor an object.");
            }

            builder.Add(item);
            index++;
        }

        context = builder.MoveToImmutable();
        return null;
    }

    /// <summary>Section 4.5: <c>type</c> is one or more terms or absolute URLs (non-empty strings), in any order.</summary>
    public static VerificationError? ReadTypes(JsonElement value, ErrorCode code, ClaimPath path, out ImmutableArray<string> types)
    {
        types = [];
        if (value.ValueKind == JsonValueKind.String)
        {
            var single = value.GetString()!;
            if (!IsTypeValue(single))
            {
                return new VerificationError(code, "A 'type' value must be a non-empty term or URL.") { Path = path };
            }

            types = [single];
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            return new VerificationError(code, "'type' must be a string or a non-empty array of strings.") { Path = path };
        }

        var builder = ImmutableArray.CreateBuilder<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !IsTypeValue(item.GetString()!))
            {
                return new VerificationError(code, "Each 'type' value must be a non-empty term or URL.") { Path = path };
            }

            builder.Add(item.GetString()!);
        }

        types = builder.MoveToImmutable();
        return null;
    }

    /// <summary>The document's own <c>type</c>: present, well formed, and including the required type.</summary>
    public static VerificationError? ReadDocumentTypes(JsonElement root, string required, out ImmutableArray<string> types)
    {
        types = [];
        if (!root.TryGetProperty("type", out var value))
        {
            return new VerificationError(VcErrors.MissingType, $"The document has no 'type'; it must include '{required}'.") { Path = ClaimPath.Of("type") };
        }

        var error = ReadTypes(value, VcErrors.InvalidType, ClaimPath.Of("type"), out types);
        if (error is not null)
        {
            return error;
        }

        if (!types.Contains(required, StringComparer.Ordinal))
        {
            return new VerificationError(VcErrors.MissingType, $"'type' must include '{required}'.") { Path = ClaimPath.Of("type") };
        }

        return null;
    }

    /// <summary>Section 4.4: an optional <c>id</c> is a single URL.</summary>
    public static VerificationError? ReadId(JsonElement obj, ErrorCode code, ClaimPath objectPath, out string? id)
    {
        id = null;
        if (!obj.TryGetProperty("id", out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || !W3cSyntax.IsUrl(value.GetString()))
        {
            return new VerificationError(code, "An 'id' must be a single URL.") { Path = objectPath.Append("id") };
        }

        id = value.GetString();
        return null;
    }

    /// <summary>Sections 4.7 and 4.13: the issuer or holder is a URL or an object whose <c>id</c> is a URL.</summary>
    public static VerificationError? ReadEntity(JsonElement value, ErrorCode code, string member, out W3cEntity? entity)
    {
        entity = null;
        var path = ClaimPath.Of(member);
        if (value.ValueKind == JsonValueKind.String)
        {
            if (!W3cSyntax.IsUrl(value.GetString()))
            {
                return new VerificationError(code, $"'{member}' must be a URL or an object with a URL 'id'.") { Path = path };
            }

            entity = new W3cEntity(value.GetString()!, value, null);
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("id", out var id)
            || id.ValueKind != JsonValueKind.String || !W3cSyntax.IsUrl(id.GetString()))
        {
            return new VerificationError(code, $"'{member}' must be a URL or an object with a URL 'id'.") { Path = path };
        }

        // The entity's own name is not constrained by the data model; it is offered when it has the shape of one.
        LocalizedText? name = null;
        if (value.TryGetProperty("name", out var nameValue))
        {
            VerificationError? ignored = null;
            if (ReadLocalizedText(nameValue, code, path.Append("name"), ref ignored, out var text) is null)
            {
                name = text;
            }
        }

        entity = new W3cEntity(id.GetString()!, value, name);
        return null;
    }

    /// <summary>Sections 4.6 and 11.1: a string, a language value object, or an array of them.</summary>
    public static VerificationError? ReadLocalizedText(JsonElement value, ErrorCode code, ClaimPath path, ref VerificationError? strictError, out LocalizedText? text)
    {
        text = null;
        if (value.ValueKind == JsonValueKind.Array)
        {
            if (value.GetArrayLength() == 0)
            {
                return new VerificationError(code, "A natural-language value must not be an empty array.") { Path = path };
            }

            var builder = ImmutableArray.CreateBuilder<LanguageValue>(value.GetArrayLength());
            foreach (var item in value.EnumerateArray())
            {
                var error = ReadLanguageValue(item, code, path, ref strictError, out var one);
                if (error is not null)
                {
                    return error;
                }

                builder.Add(one!);
            }

            text = new LocalizedText(builder.MoveToImmutable());
            return null;
        }

        var single = ReadLanguageValue(value, code, path, ref strictError, out var only);
        if (single is not null)
        {
            return single;
        }

        text = new LocalizedText([only!]);
        return null;
    }

    private static VerificationError? ReadLanguageValue(JsonElement value, ErrorCode code, ClaimPath path, ref VerificationError? strictError, out LanguageValue? result)
    {
        result = null;
        if (value.ValueKind == JsonValueKind.String)
        {
            result = new LanguageValue(value.GetString()!);
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return new VerificationError(code, "A natural-language value must be a string or a language value object.") { Path = path };
        }

        string? text = null;
        string? language = null;
        BaseDirection? direction = null;
        foreach (var member in value.EnumerateObject())
        {
            switch (member.Name)
            {
                case "@value" when member.Value.ValueKind == JsonValueKind.String:
                    text = member.Value.GetString();
                    break;
                case "@language" when member.Value.ValueKind == JsonValueKind.String:
                    language = member.Value.GetString()!;
                    if (!W3cSyntax.IsLanguageTag(language))
                    {
                        // Section 11.1: SHOULD be a well-formed BCP 47 tag; read as given, never written.
                        strictError ??= new VerificationError(code, "'@language' is not a well-formed BCP 47 language tag.") { Path = path };
                    }

                    break;
                case "@direction" when member.Value.ValueKind == JsonValueKind.String && member.Value.ValueEquals("ltr"):
                    direction = BaseDirection.LeftToRight;
                    break;
                case "@direction" when member.Value.ValueKind == JsonValueKind.String && member.Value.ValueEquals("rtl"):
                    direction = BaseDirection.RightToLeft;
                    break;
                default:
                    // Section 11.1: @value is a string, @direction a base direction, and no other keys.
                    return new VerificationError(code, "A language value object has only a string '@value', '@language' and 'ltr'/'rtl' '@direction'.") { Path = path };
            }
        }

        if (text is null)
        {
            return new VerificationError(code, "A language value object must have a string '@value'.") { Path = path };
        }

        result = new LanguageValue(text, language, direction);
        return null;
    }

    /// <summary>Sections 4.9 and 5.8: a single <c>dateTimeStamp</c>; without offset it is read as UTC but never written.</summary>
    public static VerificationError? ReadDate(JsonElement root, string member, ref VerificationError? strictError, out DateTimeOffset? date)
    {
        date = null;
        if (!root.TryGetProperty(member, out var value))
        {
            return null;
        }

        var path = ClaimPath.Of(member);
        if (value.ValueKind != JsonValueKind.String || !W3cSyntax.TryParseDateTime(value.GetString()!, requireOffset: false, out var parsed))
        {
            return new VerificationError(VcErrors.InvalidDate, $"'{member}' must be an XML Schema dateTimeStamp string.") { Path = path };
        }

        if (!W3cSyntax.TryParseDateTime(value.GetString()!, requireOffset: true, out _))
        {
            strictError ??= new VerificationError(VcErrors.InvalidDate, $"'{member}' has no time zone offset.") { Path = path };
        }

        date = parsed;
        return null;
    }

    /// <summary>
    /// Sections 4.10, 4.11, 5.4 to 5.6: an absent member, or one object or a non-empty array of objects, each with a
    /// <c>type</c> and an optional (or, for schemas, required) URL <c>id</c>.
    /// </summary>
    public static VerificationError? ReadTypedObjects(JsonElement root, string member, ErrorCode code, bool requireId, out ImmutableArray<W3cTypedObject> objects)
    {
        objects = [];
        if (!root.TryGetProperty(member, out var value))
        {
            return null;
        }

        var path = ClaimPath.Of(member);
        if (value.ValueKind == JsonValueKind.Object)
        {
            var error = ReadTypedObject(value, code, requireId, path, out var single);
            if (error is not null)
            {
                return error;
            }

            objects = [single!];
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            return new VerificationError(code, $"'{member}' must be an object or a non-empty array of objects.") { Path = path };
        }

        var builder = ImmutableArray.CreateBuilder<W3cTypedObject>(value.GetArrayLength());
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var error = ReadTypedObject(item, code, requireId, path.Append(index++), out var one);
            if (error is not null)
            {
                return error;
            }

            builder.Add(one!);
        }

        objects = builder.MoveToImmutable();
        return null;
    }

    private static VerificationError? ReadTypedObject(JsonElement value, ErrorCode code, bool requireId, ClaimPath path, out W3cTypedObject? result)
    {
        result = null;
        if (value.ValueKind != JsonValueKind.Object)
        {
            return new VerificationError(code, "The value must be an object.") { Path = path };
        }

        if (!value.TryGetProperty("type", out var type))
        {
            return new VerificationError(code, "The object must say its 'type'.") { Path = path.Append("type") };
        }

        var typeError = ReadTypes(type, code, path.Append("type"), out var types);
        if (typeError is not null)
        {
            return typeError;
        }

        var idError = ReadId(value, code, path, out var id);
        if (idError is not null)
        {
            return idError;
        }

        if (requireId && id is null)
        {
            return new VerificationError(code, "The object must have a URL 'id'.") { Path = path.Append("id") };
        }

        result = new W3cTypedObject(id, types, value);
        return null;
    }

    /// <summary>Section 5.3: each related resource has a unique URL <c>id</c> and a <c>digestSRI</c> or <c>digestMultibase</c>.</summary>
    public static VerificationError? CheckRelatedResources(JsonElement root)
    {
        if (!root.TryGetProperty("relatedResource", out var value))
        {
            return null;
        }

        var path = ClaimPath.Of("relatedResource");
        var items = value.ValueKind == JsonValueKind.Array ? value : default;
        if (value.ValueKind != JsonValueKind.Object && (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0))
        {
            return new VerificationError(VcErrors.InvalidRelatedResource, "'relatedResource' must be one or more objects.") { Path = path };
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in value.ValueKind == JsonValueKind.Object ? [value] : EnumerateArray(items))
        {
            var itemPath = value.ValueKind == JsonValueKind.Array ? path.Append(index++) : path;
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || !W3cSyntax.IsUrl(id.GetString()))
            {
                return new VerificationError(VcErrors.InvalidRelatedResource, "A related resource must be an object with a URL 'id'.") { Path = itemPath };
            }

            if (!seen.Add(id.GetString()!))
            {
                return new VerificationError(VcErrors.InvalidRelatedResource, "Related resource 'id' values must be unique.") { Path = itemPath.Append("id") };
            }

            var hasSri = item.TryGetProperty("digestSRI", out var sri);
            var hasMultibase = item.TryGetProperty("digestMultibase", out var multibase);
            if ((!hasSri && !hasMultibase) || (hasSri && !IsStringOrStrings(sri)) || (hasMultibase && !IsStringOrStrings(multibase)))
            {
                return new VerificationError(VcErrors.InvalidRelatedResource, "A related resource needs a 'digestSRI' or 'digestMultibase' string.") { Path = itemPath };
            }
        }

        return null;
    }

    /// <summary>Section 5.10: a reserved extension point, when used, says its <c>type</c> in every value.</summary>
    public static VerificationError? CheckReservedProperties(JsonElement root)
    {
        foreach (var member in (ReadOnlySpan<string>)["confidenceMethod", "renderMethod"])
        {
            if (!root.TryGetProperty(member, out var value))
            {
                continue;
            }

            var path = ClaimPath.Of(member);
            var ok = value.ValueKind switch
            {
                JsonValueKind.Object => value.TryGetProperty("type", out _),
                JsonValueKind.Array => value.GetArrayLength() > 0 && AllHaveType(value),
                _ => false,
            };
            if (!ok)
            {
                return new VerificationError(VcErrors.InvalidReservedProperty, $"Every '{member}' value must be an object with a 'type'.") { Path = path };
            }
        }

        return null;
    }

    /// <summary>A <c>proof</c> is an object or a non-empty array of objects; its content is the securing mechanism's.</summary>
    public static VerificationError? ReadProof(JsonElement root, out JsonElement? proof)
    {
        proof = null;
        if (!root.TryGetProperty("proof", out var value))
        {
            return null;
        }

        var ok = value.ValueKind == JsonValueKind.Object
            || (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0 && AllObjects(value));
        if (!ok)
        {
            return new VerificationError(VcErrors.InvalidProof, "'proof' must be an object or a non-empty array of objects.") { Path = ClaimPath.Of("proof") };
        }

        proof = value;
        return null;
    }

    /// <summary>Section 5.2: the first top-level member neither the base context defines nor the issuer declared.</summary>
    public static VerificationError? CheckDefinedMembers(JsonElement root, FrozenSet<string> defined, W3cIssuanceOptions options, bool usesUndefinedTerms)
    {
        if (usesUndefinedTerms)
        {
            return null;
        }

        foreach (var member in root.EnumerateObject())
        {
            if (!defined.Contains(member.Name) && !Contains(options.ExtensionMembers, member.Name))
            {
                return new VerificationError(VcErrors.UndefinedMember, $"The member '{Truncate(member.Name)}' is not defined by the base context and was not declared as an extension member.")
                {
                    Path = ClaimPath.Of(member.Name),
                };
            }
        }

        return null;
    }

    /// <summary>Parses JSON text within the limits: the text's length is checked before it is encoded.</summary>
    public static VerificationResult<JsonElement> Parse(string json, W3cReaderOptions options)
    {
        if (json.Length > options.MaxLength)
        {
            return new VerificationError(VcErrors.TooLarge, $"The document is longer than {options.MaxLength} bytes.");
        }

        return Parse(System.Text.Encoding.UTF8.GetBytes(json), options);
    }

    /// <summary>Parses untrusted UTF-8 JSON that must be an object within the limits.</summary>
    public static VerificationResult<JsonElement> Parse(ReadOnlySpan<byte> utf8, W3cReaderOptions options)
    {
        if (utf8.Length > options.MaxLength)
        {
            return new VerificationError(VcErrors.TooLarge, $"The document is longer than {options.MaxLength} bytes.");
        }

        if (!SafeJson.TryParseElement(utf8, out var element, options.MaxDepth))
        {
            return new VerificationError(VcErrors.Malformed, "The document is not valid UTF-8 JSON without repeated member names, within the depth limit.");
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return new VerificationError(VcErrors.Malformed, "The document must be a JSON object.");
        }

        return element;
    }

    /// <summary>Whether the <c>@context</c> list has the given URL.</summary>
    public static bool HasContext(ImmutableArray<JsonElement> context, string url)
    {
        foreach (var item in context)
        {
            if (item.ValueKind == JsonValueKind.String && item.ValueEquals(url))
            {
                return true;
            }
        }

        return false;
    }

    private static VerificationError InvalidContext(string message) => new(VcErrors.InvalidContext, message) { Path = ClaimPath.Of("@context") };

    private static bool IsTypeValue(string value) => value.Length > 0 && !value.AsSpan().ContainsAny(" \t\r\n");

    private static bool IsStringOrStrings(JsonElement value)
        => value.ValueKind == JsonValueKind.String
            || (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0 && AllStrings(value));

    private static bool AllStrings(JsonElement array)
    {
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return false;
            }
        }

        return true;
    }

    private static bool AllObjects(JsonElement array)
    {
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                return false;
            }
        }

        return true;
    }

    private static bool AllHaveType(JsonElement array)
    {
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("type", out _))
            {
                return false;
            }
        }

        return true;
    }

    private static IEnumerable<JsonElement> EnumerateArray(JsonElement array)
    {
        foreach (var item in array.EnumerateArray())
        {
            yield return item;
        }
    }

    private static bool Contains(IReadOnlyCollection<string> names, string name)
    {
        foreach (var n in names)
        {
            if (string.Equals(n, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    internal static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
