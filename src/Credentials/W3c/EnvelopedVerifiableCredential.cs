using System;
using System.Buffers;
using System.Text.Json;
using Credentials.Internal;

namespace Credentials.W3c;

/// <summary>
/// A credential secured by an enveloping proof, carried in a presentation as an object whose <c>id</c> is a
/// <c>data:</c> URL (VCDM 2.0 section 4.13, Enveloped Verifiable Credentials; VC-JOSE-COSE section 3): for example
/// <c>data:application/vc+jwt,eyJ…</c>. Reading checks the envelope, not what it envelops.
/// </summary>
public sealed class EnvelopedVerifiableCredential
{
    private EnvelopedVerifiableCredential(JsonElement json, string id, string mediaType, bool isBase64, string data)
    {
        Json = json;
        Id = id;
        MediaType = mediaType;
        IsBase64 = isBase64;
        Data = data;
    }

    /// <summary>The object as it appears in the presentation.</summary>
    public JsonElement Json { get; }

    /// <summary>The <c>data:</c> URL.</summary>
    public string Id { get; }

    /// <summary>The media type of the secured credential, lower case (for example <c>application/vc+jwt</c>).</summary>
    public string MediaType { get; }

    /// <summary>Whether the data is base64 (<c>;base64</c>), as for <c>application/vc+cose</c>.</summary>
    public bool IsBase64 { get; }

    /// <summary>The secured credential: the text after the comma (percent-decoded unless base64), for example a compact JWS.</summary>
    public string Data { get; }

    /// <summary>Wraps a credential secured as <c>application/vc+jwt</c> (VC-JOSE-COSE section 3.1.1).</summary>
    /// <param name="compactJws">The compact JWS.</param>
    /// <returns>The envelope.</returns>
    /// <exception cref="ArgumentException">The text is empty or has characters a compact JWS never has.</exception>
    public static EnvelopedVerifiableCredential FromVcJwt(string compactJws) => Create("application/vc+jwt", compactJws);

    /// <summary>Wraps a credential secured by an enveloping mechanism identified by its media type.</summary>
    /// <param name="mediaType">The media type, for example <c>application/vc+jwt</c> or <c>application/vc+sd-jwt</c>.</param>
    /// <param name="securedCredential">The secured credential, as text of URL-safe characters (a compact JWS or SD-JWT).</param>
    /// <returns>The envelope.</returns>
    /// <exception cref="ArgumentException">The media type is not <c>type/subtype</c>, or the text is empty or not URL-safe.</exception>
    public static EnvelopedVerifiableCredential Create(string mediaType, string securedCredential)
    {
        ArgumentException.ThrowIfNullOrEmpty(mediaType);
        ArgumentException.ThrowIfNullOrEmpty(securedCredential);
        foreach (var c in securedCredential)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~'))
            {
                throw new ArgumentException("The secured credential must consist of URL-safe characters (base64url, '.', '~').", nameof(securedCredential));
            }
        }

        var id = "data:" + mediaType + "," + securedCredential;
        if (!W3cSyntax.TryParseDataUrl(id, out var type, out _, out _))
        {
            throw new ArgumentException("The media type must be 'type/subtype'.", nameof(mediaType));
        }

        var buffer = new ArrayBufferWriter<byte>(id.Length + 96);
        using (var writer = new Utf8JsonWriter(buffer, Internal.SafeJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("@context", W3cContexts.CredentialsV2);
            writer.WriteString("id", id);
            writer.WriteString("type", W3cTypes.EnvelopedVerifiableCredential);
            writer.WriteEndObject();
        }

        return new EnvelopedVerifiableCredential(JsonElement.Parse(buffer.WrittenSpan), id, type, false, securedCredential);
    }

    /// <summary>
    /// Reads an enveloped credential object (section 4.13): an <c>@context</c> that includes the base context, a
    /// <c>type</c> of <c>EnvelopedVerifiableCredential</c>, and an <c>id</c> that is a <c>data:</c> URL with a media type.
    /// Never throws for bad input.
    /// </summary>
    /// <param name="json">The object.</param>
    /// <returns>The envelope, or <see cref="VcErrors.InvalidEnvelopedCredential"/>.</returns>
    public static VerificationResult<EnvelopedVerifiableCredential> Read(JsonElement json)
    {
        var result = ReadElement(json, ClaimPath.Root);
        return result.IsValid ? new EnvelopedVerifiableCredential(json.Clone(), result.Value.Id, result.Value.MediaType, result.Value.IsBase64, result.Value.Data) : result;
    }

    internal static VerificationResult<EnvelopedVerifiableCredential> ReadElement(JsonElement json, ClaimPath path)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            return Invalid("An enveloped credential must be an object.", path);
        }

        if (!json.TryGetProperty("@context", out var context) || !IncludesBaseContext(context))
        {
            return Invalid("An enveloped credential's '@context' must include the base context.", path.Append("@context"));
        }

        if (!json.TryGetProperty("type", out var type)
            || W3cDocumentReader.ReadTypes(type, VcErrors.InvalidEnvelopedCredential, path.Append("type"), out var types) is not null
            || !types.Contains(W3cTypes.EnvelopedVerifiableCredential, StringComparer.Ordinal))
        {
            return Invalid("An enveloped credential's 'type' must be EnvelopedVerifiableCredential.", path.Append("type"));
        }

        if (!json.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String
            || !W3cSyntax.TryParseDataUrl(id.GetString()!, out var mediaType, out var isBase64, out var data) || data.Length == 0)
        {
            return Invalid("An enveloped credential's 'id' must be a data: URL with a media type.", path.Append("id"));
        }

        return new EnvelopedVerifiableCredential(json, id.GetString()!, mediaType, isBase64, data);
    }

    private static bool IncludesBaseContext(JsonElement context)
    {
        if (context.ValueKind == JsonValueKind.String)
        {
            return context.ValueEquals(W3cContexts.CredentialsV2);
        }

        if (context.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var item in context.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && item.ValueEquals(W3cContexts.CredentialsV2))
            {
                return true;
            }
        }

        return false;
    }

    private static VerificationError Invalid(string message, ClaimPath path)
        => new(VcErrors.InvalidEnvelopedCredential, message) { Path = path.Length == 0 ? null : path };
}
