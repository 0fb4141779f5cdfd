using System;
using System.Collections.Immutable;
using System.Text.Json;

namespace Credentials.W3c;

public sealed partial class W3cCredential
{
    /// <summary>Reads a credential from untrusted JSON text with the default limits; never throws for bad input.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The credential, or the first data model violation (<c>vc.*</c>).</returns>
    public static VerificationResult<W3cCredential> Read(string json) => Read(json, W3cReaderOptions.Default);

    /// <summary>Reads a credential from untrusted JSON text; never throws for bad input.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="options">Limits.</param>
    /// <returns>The credential, or the first data model violation (<c>vc.*</c>).</returns>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static VerificationResult<W3cCredential> Read(string json, W3cReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(nameof(options));
        var element = W3cDocumentReader.Parse(json, options);
        return element.IsValid ? ReadElement(element.Value) : element.Error;
    }

    /// <summary>Reads a credential from untrusted UTF-8 JSON (for example a JWS payload) with the default limits; never throws for bad input.</summary>
    /// <param name="utf8Json">The UTF-8 JSON.</param>
    /// <returns>The credential, or the first data model violation (<c>vc.*</c>).</returns>
    public static VerificationResult<W3cCredential> Read(ReadOnlySpan<byte> utf8Json) => Read(utf8Json, W3cReaderOptions.Default);

    /// <summary>Reads a credential from untrusted UTF-8 JSON (for example a JWS payload); never throws for bad input.</summary>
    /// <param name="utf8Json">The UTF-8 JSON.</param>
    /// <param name="options">Limits.</param>
    /// <returns>The credential, or the first data model violation (<c>vc.*</c>).</returns>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static VerificationResult<W3cCredential> Read(ReadOnlySpan<byte> utf8Json, W3cReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(nameof(options));
        var element = W3cDocumentReader.Parse(utf8Json, options);
        return element.IsValid ? ReadElement(element.Value) : element.Error;
    }

    /// <summary>Reads a credential from an untrusted JSON element (it is copied); never throws for bad input.</summary>
    /// <param name="json">The JSON element.</param>
    /// <returns>The credential, or the first data model violation (<c>vc.*</c>).</returns>
    public static VerificationResult<W3cCredential> Read(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            return new VerificationError(VcErrors.Malformed, "A credential must be a JSON object.");
        }

        return ReadElement(json.Clone());
    }

    /// <summary>Reads a credential from an object that stays alive (a parsed document the caller owns), without copying.</summary>
    internal static VerificationResult<W3cCredential> ReadElement(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new VerificationError(VcErrors.Malformed, "A credential must be a JSON object.");
        }

        VerificationError? strictError = null;

        // Section 4.3.
        var error = W3cDocumentReader.ReadContext(root, out var context, out var usesUndefinedTerms);
        if (error is not null)
        {
            return error;
        }

        // Sections 4.4 and 4.5.
        error = W3cDocumentReader.ReadId(root, VcErrors.InvalidId, ClaimPath.Root, out var id);
        if (error is not null)
        {
            return error;
        }

        error = W3cDocumentReader.ReadDocumentTypes(root, W3cTypes.VerifiableCredential, out var types);
        if (error is not null)
        {
            return error;
        }

        // Section 4.6.
        LocalizedText? name = null;
        LocalizedText? description = null;
        if (root.TryGetProperty("name", out var nameValue))
        {
            error = W3cDocumentReader.ReadLocalizedText(nameValue, VcErrors.InvalidName, ClaimPath.Of("name"), ref strictError, out name);
        }

        if (error is null && root.TryGetProperty("description", out var descriptionValue))
        {
            error = W3cDocumentReader.ReadLocalizedText(descriptionValue, VcErrors.InvalidDescription, ClaimPath.Of("description"), ref strictError, out description);
        }

        if (error is not null)
        {
            return error;
        }

        // Section 4.7.
        if (!root.TryGetProperty("issuer", out var issuerValue))
        {
            return new VerificationError(VcErrors.MissingIssuer, "A credential must have an 'issuer'.") { Path = ClaimPath.Of("issuer") };
        }

        error = W3cDocumentReader.ReadEntity(issuerValue, VcErrors.InvalidIssuer, "issuer", out var issuer);
        if (error is not null)
        {
            return error;
        }

        // Section 4.8.
        error = ReadSubjects(root, out var subjects);
        if (error is not null)
        {
            return error;
        }

        // Section 4.9.
        error = W3cDocumentReader.ReadDate(root, "validFrom", ref strictError, out var validFrom);
        if (error is not null)
        {
            return error;
        }

        error = W3cDocumentReader.ReadDate(root, "validUntil", ref strictError, out var validUntil);
        if (error is not null)
        {
            return error;
        }

        if (validFrom is { } from && validUntil is { } until && from > until)
        {
            return new VerificationError(VcErrors.InvalidValidityPeriod, "'validFrom' must not be later than 'validUntil'.") { Path = ClaimPath.Of("validFrom") };
        }

        // Sections 4.10, 4.11, 5.3 to 5.6 and 5.10.
        var status = ImmutableArray<W3cTypedObject>.Empty;
        var schemas = ImmutableArray<W3cTypedObject>.Empty;
        var evidence = ImmutableArray<W3cTypedObject>.Empty;
        var termsOfUse = ImmutableArray<W3cTypedObject>.Empty;
        var refresh = ImmutableArray<W3cTypedObject>.Empty;
        JsonElement? proof = null;
        error = W3cDocumentReader.ReadTypedObjects(root, "credentialStatus", VcErrors.InvalidStatus, requireId: false, out status)
            ?? W3cDocumentReader.ReadTypedObjects(root, "credentialSchema", VcErrors.InvalidSchema, requireId: true, out schemas)
            ?? W3cDocumentReader.ReadTypedObjects(root, "evidence", VcErrors.InvalidEvidence, requireId: false, out evidence)
            ?? W3cDocumentReader.ReadTypedObjects(root, "termsOfUse", VcErrors.InvalidTermsOfUse, requireId: false, out termsOfUse)
            ?? W3cDocumentReader.ReadTypedObjects(root, "refreshService", VcErrors.InvalidRefreshService, requireId: false, out refresh)
            ?? W3cDocumentReader.CheckRelatedResources(root)
            ?? W3cDocumentReader.CheckReservedProperties(root)
            ?? W3cDocumentReader.ReadProof(root, out proof);
        if (error is not null)
        {
            return error;
        }

        return new W3cCredential(
            root, context, id, types, issuer!, name, description, validFrom, validUntil, subjects,
            new Extensions(status, schemas, evidence, termsOfUse, refresh), proof, usesUndefinedTerms, strictError);
    }

    // Section 4.8: one object or a non-empty array of objects, each the subject of one or more claims.
    private static VerificationError? ReadSubjects(JsonElement root, out ImmutableArray<W3cCredentialSubject> subjects)
    {
        subjects = [];
        var path = ClaimPath.Of("credentialSubject");
        if (!root.TryGetProperty("credentialSubject", out var value))
        {
            return new VerificationError(VcErrors.MissingSubject, "A credential must have a 'credentialSubject'.") { Path = path };
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            var error = ReadSubject(value, path, out var single);
            subjects = error is null ? [single!] : [];
            return error;
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            return new VerificationError(VcErrors.InvalidSubject, "'credentialSubject' must be an object or a non-empty array of objects.") { Path = path };
        }

        var builder = ImmutableArray.CreateBuilder<W3cCredentialSubject>(value.GetArrayLength());
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var error = ReadSubject(item, path.Append(index++), out var one);
            if (error is not null)
            {
                return error;
            }

            builder.Add(one!);
        }

        subjects = builder.MoveToImmutable();
        return null;
    }

    private static VerificationError? ReadSubject(JsonElement value, ClaimPath path, out W3cCredentialSubject? subject)
    {
        subject = null;
        if (value.ValueKind != JsonValueKind.Object)
        {
            return new VerificationError(VcErrors.InvalidSubject, "Each credential subject must be an object.") { Path = path };
        }

        var claims = 0;
        foreach (var member in value.EnumerateObject())
        {
            if (member.Name != "id")
            {
                claims++;
                break;
            }
        }

        if (claims == 0)
        {
            return new VerificationError(VcErrors.InvalidSubject, "Each credential subject must be the subject of one or more claims.") { Path = path };
        }

        var error = W3cDocumentReader.ReadId(value, VcErrors.InvalidSubject, path, out var id);
        if (error is not null)
        {
            return error;
        }

        var types = ImmutableArray<string>.Empty;
        if (value.TryGetProperty("type", out var type))
        {
            error = W3cDocumentReader.ReadTypes(type, VcErrors.InvalidSubject, path.Append("type"), out types);
            if (error is not null)
            {
                return error;
            }
        }

        subject = new W3cCredentialSubject(id, types, value);
        return null;
    }
}
