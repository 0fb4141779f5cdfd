using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Credentials.Internal;
using Credentials.Jose;
using Credentials.Keys;

namespace Credentials.OpenId4Vp.Internal;

/// <summary>
/// Response encryption of OpenID4VP 1.0 section 8.3: the verifier's ephemeral P-256 <c>ECDH-ES</c> key in
/// <c>client_metadata.jwks</c>, the wallet's choice of key and <c>enc</c>.
/// </summary>
internal static class ResponseEncryption
{
    /// <summary>The <c>enc</c> assumed when the verifier's metadata names none (section 8.3).</summary>
    public const string DefaultEnc = "A128GCM";

    /// <summary>A fresh P-256 key pair for one transaction, with <c>kid</c>, <c>use</c> <c>enc</c> and <c>alg</c> <c>ECDH-ES</c>; the private JWK.</summary>
    public static Jwk CreateEphemeralKey(string kid)
    {
        using var key = KeyAgreementKey.CreateEc(JwkCurves.P256, kid);
        return key.ExportPrivateJwk() with { Kid = kid, Use = "enc", Alg = OpenId4VpConstants.EncryptionAlgorithm };
    }

    /// <summary>
    /// Section 8.3: the response parameters as a JWE (unsigned, encrypted JWT) to the verifier's key: <c>alg</c> equal to
    /// the key's <c>alg</c> (<c>ECDH-ES</c>), its <c>kid</c> in the header, the chosen <c>enc</c>.
    /// </summary>
    public static VerificationResult<string> Encrypt(ReadOnlySpan<byte> payload, Jwk verifierKey, string enc)
    {
        if (!JweEncryption.TryGet(enc, out var encryption))
        {
            return new VerificationError(OpenId4VpErrors.NoEncryptionKey, "The chosen content encryption is not supported.");
        }

        try
        {
            return JweEncrypter.Encrypt(payload, verifierKey, encryption, new JweHeaderOptions { KeyId = verifierKey.Kid });
        }
        catch (ArgumentException)
        {
            return new VerificationError(OpenId4VpErrors.NoEncryptionKey, "The verifier's encryption key is not a usable P-256 public key.");
        }
    }

    /// <summary>The <c>kid</c> of a compact JWE's protected header, read before decryption (it is checked again as AAD).</summary>
    public static string? PeekKeyId(string compact)
    {
        var dot = compact.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot > 8192)
        {
            return null;
        }

        var header = StrictBase64Url.TryDecode(compact.AsSpan(0, dot));
        if (header is null)
        {
            return null;
        }

        using var document = SafeJson.TryParse(header, 8);
        return document is not null && document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetString("kid", out var kid) ? kid : null;
    }

    /// <summary>
    /// Decrypts a response with the transaction's private key and the <c>enc</c> values offered; the plaintext must be
    /// a JSON object (section 8.3). The JWE's <c>kid</c> must be the key's.
    /// </summary>
    public static VerificationResult<JsonElement> Decrypt(string compact, string privateJwkJson, string? encValues, int maxLength)
    {
        if (!Jwk.TryParse(privateJwkJson, out var privateJwk))
        {
            return new VerificationError(OpenId4VpErrors.ResponseKeyUnknown, "The transaction's encryption key is unreadable.");
        }

        var allowed = (encValues ?? DefaultEnc).Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(name => JweEncryption.TryGet(name, out var e) ? e : null).OfType<JweEncryption>().ToList();
        using var key = KeyAgreementKey.FromJwk(privateJwk);
        var decrypted = new JweDecrypter(key, new JweDecrypterOptions { AllowedEncryptions = allowed, MaxTokenLength = maxLength }).Decrypt(compact);
        if (!decrypted.IsValid)
        {
            return new VerificationError(OpenId4VpErrors.ResponseDecryptionFailed, "The encrypted response does not decrypt with this transaction's key.") { Inner = decrypted.Error };
        }

        if (!string.Equals(decrypted.Value.KeyId, privateJwk.Kid, StringComparison.Ordinal))
        {
            return new VerificationError(OpenId4VpErrors.ResponseKeyUnknown, "The encrypted response names another key.");
        }

        using var document = SafeJson.TryParse(decrypted.Value.Plaintext, 16);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return new VerificationError(OpenId4VpErrors.ResponseDecryptionFailed, "The decrypted response is not a JSON object.");
        }

        return document.RootElement.Clone();
    }

    /// <summary>The client metadata with <c>jwks</c> (the public key only) and <c>encrypted_response_enc_values_supported</c> added.</summary>
    public static JsonElement AddKey(JsonElement metadata, Jwk publicKey, IReadOnlyList<string> encValues)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, SafeJson.WriterOptions))
        {
            w.WriteStartObject();
            foreach (var member in metadata.EnumerateObject())
            {
                if (member.Name is not (RequestParameterNames.Jwks or RequestParameterNames.EncryptedResponseEncValuesSupported))
                {
                    member.WriteTo(w);
                }
            }

            w.WriteStartObject(RequestParameterNames.Jwks);
            w.WriteStartArray("keys");
            publicKey.ToPublic().WriteTo(w);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartArray(RequestParameterNames.EncryptedResponseEncValuesSupported);
            foreach (var enc in encValues)
            {
                w.WriteStringValue(enc);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// The wallet's choice (section 8.3): a key from <c>client_metadata.jwks</c> whose <c>use</c> is <c>enc</c> or absent,
    /// whose <c>alg</c> is present and <c>ECDH-ES</c>, on P-256; and the first <c>enc</c> of
    /// <c>encrypted_response_enc_values_supported</c> the wallet supports (default <c>A128GCM</c>).
    /// </summary>
    public static VerificationError? Select(JsonElement? clientMetadata, IReadOnlyList<string> supportedEnc, out Jwk? key, out string? enc)
    {
        key = null;
        enc = null;
        if (clientMetadata is not { ValueKind: JsonValueKind.Object } metadata
            || !metadata.TryGetProperty(RequestParameterNames.Jwks, out var jwks) || jwks.ValueKind != JsonValueKind.Object
            || !jwks.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            return new VerificationError(OpenId4VpErrors.NoEncryptionKey, "The request asks for an encrypted response but client_metadata has no jwks.");
        }

        foreach (var candidate in keys.EnumerateArray().Take(16))
        {
            var jwk = Jwk.ReadPublic(candidate);
            if (jwk.IsValid && jwk.Value.Kty == "EC" && jwk.Value.Crv == "P-256" && jwk.Value.Use is null or "enc"
                && string.Equals(jwk.Value.Alg, OpenId4VpConstants.EncryptionAlgorithm, StringComparison.Ordinal))
            {
                key = jwk.Value;
                break;
            }
        }

        if (key is null)
        {
            return new VerificationError(OpenId4VpErrors.NoEncryptionKey, "client_metadata.jwks has no P-256 ECDH-ES encryption key.");
        }

        if (metadata.TryGetProperty(RequestParameterNames.EncryptedResponseEncValuesSupported, out var values))
        {
            if (values.ValueKind != JsonValueKind.Array)
            {
                key = null;
                return new VerificationError(OpenId4VpErrors.InvalidRequest, "encrypted_response_enc_values_supported is not an array.");
            }

            enc = values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).FirstOrDefault(v => supportedEnc.Contains(v, StringComparer.Ordinal));
        }
        else
        {
            enc = supportedEnc.Contains(DefaultEnc, StringComparer.Ordinal) ? DefaultEnc : null;
        }

        if (enc is null)
        {
            key = null;
            return new VerificationError(OpenId4VpErrors.NoEncryptionKey, "The verifier accepts no content encryption the wallet supports.");
        }

        return null;
    }
}
