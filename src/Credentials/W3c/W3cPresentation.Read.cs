using System;
using System.Collections.Immutable;
using System.Text.Json;

namespace Credentials.W3c;

public sealed partial class W3cPresentation
{
    /// <summary>Reads a presentation from untrusted JSON text with the default limits; never throws for bad input.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The presentation, or the first data model violation (<c>vc.*</c>).</returns>
    public static VerificationResult<W3cPresentation> Read(string json) => Read(json, W3cReaderOptions.Default);

    /// <summary>Reads a presentation from untrusted JSON text; never throws for bad input.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="options">Limits.</param>
    /// <returns>The presentation, or the first data model violation (<c>vc.*</c>).</returns>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static VerificationResult<W3cPresentation> Read(string json, W3cReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(nameof(options));
        var element = W3cDocumentReader.Parse(json, options);
        return element.IsValid ? ReadElement(element.Value, options) : element.Error;
    }

    /// <summary>Reads a presentation from untrusted UTF-8 JSON (for example a JWS payload) with the default limits; never throws for bad input.</summary>
    /// <param name="utf8Json">The UTF-8 JSON.</param>
    /// <returns>The presentation, or the first data model violation (<c>vc.*</c>).</returns>
    public static VerificationResult<W3cPresentation> Read(ReadOnlySpan<byte> utf8Json) => Read(utf8Json, W3cReaderOptions.Default);

    /// <summary>Reads a presentation from untrusted UTF-8 JSON (for example a JWS payload); never throws for bad input.</summary>
    /// <param name="utf8Json">The UTF-8 JSON.</param>
    /// <param name="options">Limits.</param>
    /// <returns>The presentation, or the first data model violation (<c>vc.*</c>).</returns>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static VerificationResult<W3cPresentation> Read(ReadOnlySpan<byte> utf8Json, W3cReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(nameof(options));
        var element = W3cDocumentReader.Parse(utf8Json, options);
        return element.IsValid ? ReadElement(element.Value, options) : element.Error;
    }

    /// <summary>Reads a presentation from an untrusted JSON element (it is copied) with the default limits; never throws for bad input.</summary>
    /// <param name="json">The JSON element.</param>
    /// <returns>The presentation, or the first data model violation (<c>vc.*</c>).</returns>
    public static VerificationResult<W3cPresentation> Read(JsonElement json) => Read(json, W3cReaderOptions.Default);

    /// <summary>Reads a presentation from an untrusted JSON element (it is copied); never throws for bad input.</summary>
    /// <param name="json">The JSON element.</param>
    /// <param name="options">Limits (the presentation's count of credentials).</param>
    /// <returns>The presentation, or the first data model violation (<c>vc.*</c>).</returns>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static VerificationResult<W3cPresentation> Read(JsonElement json, W3cReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(nameof(options));
        if (json.ValueKind != JsonValueKind.Object)
        {
            return new VerificationError(VcErrors.Malformed, "A presentation must be a JSON object.");
        }

        return ReadElement(json.Clone(), options);
    }

    internal static VerificationResult<W3cPresentation> ReadElement(JsonElement root, W3cReaderOptions options)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new VerificationError(VcErrors.Malformed, "A presentation must be a JSON object.");
        }

        VerificationError? strictError = null;
        string? id = null;
        var types = ImmutableArray<string>.Empty;
        var error = W3cDocumentReader.ReadContext(root, out var context, out var usesUndefinedTerms)
            ?? W3cDocumentReader.ReadId(root, VcErrors.InvalidId, ClaimPath.Root, out id)
            ?? W3cDocumentReader.ReadDocumentTypes(root, W3cTypes.VerifiablePresentation, out types);
        if (error is not null)
        {
            return error;
        }

        // Section 4.13: holder is a URL or an object with an id.
        W3cEntity? holder = null;
        if (root.TryGetProperty("holder", out var holderValue))
        {
            error = W3cDocumentReader.ReadEntity(holderValue, VcErrors.InvalidHolder, "holder", out holder);
            if (error is not null)
            {
                return error;
            }
        }

        var termsOfUse = ImmutableArray<W3cTypedObject>.Empty;
        JsonElement? proof = null;
        error = W3cDocumentReader.ReadTypedObjects(root, "termsOfUse", VcErrors.InvalidTermsOfUse, requireId: false, out termsOfUse)
            ?? W3cDocumentReader.ReadProof(root, out proof);
        if (error is not null)
        {
            return error;
        }

        error = ReadCredentials(root, holder, options, ref strictError, out var credentials);
        if (error is not null)
        {
            return error;
        }

        return new W3cPresentation(root, context, id, types, holder, credentials, termsOfUse, proof, usesUndefinedTerms, strictError);
    }

    // Section 4.13: one or more objects (never strings, numbers or URLs), each a verifiable credential or an
    // enveloped verifiable credential, each secured; a credential without a proof is acceptable only when it is
    // self-asserted (its issuer is the holder), which then makes the holder property required.
    private static VerificationError? ReadCredentials(JsonElement root, W3cEntity? holder, W3cReaderOptions options, ref VerificationError? strictError, out ImmutableArray<PresentedCredential> credentials)
    {
        credentials = [];
        if (!root.TryGetProperty("verifiableCredential", out var value))
        {
            return null;
        }

        var path = ClaimPath.Of("verifiableCredential");
        if (value.ValueKind == JsonValueKind.Array)
        {
            if (value.GetArrayLength() == 0)
            {
                return new VerificationError(VcErrors.InvalidPresentedCredential, "'verifiableCredential' must hold one or more objects.") { Path = path };
            }

            if (value.GetArrayLength() > options.MaxPresentedCredentials)
            {
                return new VerificationError(VcErrors.TooLarge, $"A presentation may hold at most {options.MaxPresentedCredentials} credentials.") { Path = path };
            }

            var builder = ImmutableArray.CreateBuilder<PresentedCredential>(value.GetArrayLength());
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                var error = ReadCredential(item, holder, path.Append(index++), ref strictError, out var one);
                if (error is not null)
                {
                    return error;
                }

                builder.Add(one!);
            }

            credentials = builder.MoveToImmutable();
            return null;
        }

        var singleError = ReadCredential(value, holder, path, ref strictError, out var single);
        if (singleError is not null)
        {
            return singleError;
        }

        credentials = [single!];
        return null;
    }

    private static VerificationError? ReadCredential(JsonElement value, W3cEntity? holder, ClaimPath path, ref VerificationError? strictError, out PresentedCredential? credential)
    {
        credential = null;
        if (value.ValueKind != JsonValueKind.Object)
        {
            return new VerificationError(VcErrors.InvalidPresentedCredential, "Each 'verifiableCredential' value must be an object, never a string, number or URL.") { Path = path };
        }

        if (IsEnveloped(value))
        {
            var enveloped = EnvelopedVerifiableCredential.ReadElement(value, path);
            if (!enveloped.IsValid)
            {
                return enveloped.Error;
            }

            credential = new PresentedCredential(value, null, enveloped.Value);
            return null;
        }

        var embedded = W3cCredential.ReadElement(value);
        if (!embedded.IsValid)
        {
            return new VerificationError(VcErrors.InvalidPresentedCredential, "A presented credential does not conform to the data model.") { Path = path, Inner = embedded.Error };
        }

        if (embedded.Value.Proof is null && (holder is null || !string.Equals(embedded.Value.Issuer.Id, holder.Id, StringComparison.Ordinal)))
        {
            return new VerificationError(VcErrors.UnsecuredCredential, "A presented credential has no proof and is not self-asserted by the holder.") { Path = path };
        }

        strictError ??= embedded.Value.ValidateForIssuanceStrictOnly() is { } inner
            ? new VerificationError(inner.Code, inner.Message) { Path = path, Inner = inner }
            : null;
        credential = new PresentedCredential(value, embedded.Value, null);
        return null;
    }

    private static bool IsEnveloped(JsonElement value)
    {
        if (!value.TryGetProperty("type", out var type))
        {
            return false;
        }

        if (type.ValueKind == JsonValueKind.String)
        {
            return type.ValueEquals(W3cTypes.EnvelopedVerifiableCredential);
        }

        if (type.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in type.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && item.ValueEquals(W3cTypes.EnvelopedVerifiableCredential))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
