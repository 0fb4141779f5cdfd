using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using Credentials.Internal;
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
        using var ecdh = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var p = ecdh.ExportParameters(includePrivateParameters: true);
        try
        {
            return new Jwk
            {
                Kty = "EC",
                Crv = "P-256",
                X = StrictBase64Url.Encode(p.Q.X),
                Y = StrictBase64Url.Encode(p.Q.Y),
                D = StrictBase64Url.Encode(p.D),
                Kid = kid,
                Use = "enc",
                Alg = OpenId4VpConstants.EncryptionAlgorithm,
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(p.D);
        }
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
