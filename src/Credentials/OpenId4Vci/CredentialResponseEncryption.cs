using System.Text.Json;
using Credentials.Keys;

namespace Credentials.OpenId4Vci;

/// <summary>
/// The <c>credential_response_encryption</c> object of a Credential Request or Deferred Credential Request (OpenID4VCI 1.0
/// section 8.2): the Wallet's public key and the content encryption the Credential Response is to be encrypted with.
/// </summary>
public sealed record CredentialResponseEncryption
{
    /// <summary>The Wallet's public key (<c>jwk</c>); its <c>alg</c> is the JWE <c>alg</c> (section 10), for example <c>ECDH-ES</c>.</summary>
    public required Jwk Jwk { get; init; }

    /// <summary>The JWE content encryption algorithm (<c>enc</c>), for example <c>A128GCM</c>.</summary>
    public required string Enc { get; init; }

    /// <summary>The JWE compression algorithm (<c>zip</c>); <see langword="null"/> for none.</summary>
    public string? Zip { get; init; }

    internal void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject("credential_response_encryption");
        w.WritePropertyName("jwk");
        Jwk.ToPublic().WriteTo(w);
        w.WriteString("enc", Enc);
        if (Zip is not null)
        {
            w.WriteString("zip", Zip);
        }

        w.WriteEndObject();
    }

    /// <summary>Reads the object from an untrusted request; <see cref="OpenId4VciErrors.InvalidEncryptionParameters"/> when malformed.</summary>
    internal static VerificationResult<CredentialResponseEncryption> Read(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("jwk", out var jwkElement) || jwkElement.ValueKind != JsonValueKind.Object
            || !OpenId4VciJson.TryRequiredString(element, "enc", out var enc)
            || !OpenId4VciJson.TryOptionalString(element, "zip", out var zip))
        {
            return new VerificationError(OpenId4VciErrors.InvalidEncryptionParameters, "credential_response_encryption must be an object with a jwk object, an enc string and an optional zip string.");
        }

        // Section 8.2: a single public key; a private member is refused rather than used.
        var jwk = Jwk.ReadPublic(jwkElement);
        if (!jwk.IsValid)
        {
            return new VerificationError(OpenId4VciErrors.InvalidEncryptionParameters, "credential_response_encryption.jwk is not a public JWK.") { Inner = jwk.Error };
        }

        return new CredentialResponseEncryption { Jwk = jwk.Value, Enc = enc, Zip = zip };
    }

    /// <inheritdoc />
    public override string ToString() => $"CredentialResponseEncryption({Jwk.Alg}, {Enc})";
}
