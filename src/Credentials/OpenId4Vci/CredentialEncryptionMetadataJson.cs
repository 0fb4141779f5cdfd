using System.Collections.Generic;
using System.Text.Json;
using Credentials.Keys;

namespace Credentials.OpenId4Vci;

/// <summary>Writes and reads the <c>credential_request_encryption</c> and <c>credential_response_encryption</c> metadata (section 12.2.4).</summary>
internal static class CredentialEncryptionMetadataJson
{
    public static void Write(Utf8JsonWriter w, CredentialRequestEncryptionMetadata? request, CredentialResponseEncryptionMetadata? response)
    {
        if (request is not null)
        {
            w.WriteStartObject("credential_request_encryption");
            w.WriteStartObject("jwks");
            w.WriteStartArray("keys");
            foreach (var key in request.Keys)
            {
                key.ToPublic().WriteTo(w);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            OpenId4VciJson.WriteStringArray(w, "enc_values_supported", request.EncValuesSupported);
            if (request.ZipValuesSupported is { Count: > 0 } zips)
            {
                OpenId4VciJson.WriteStringArray(w, "zip_values_supported", zips);
            }

            w.WriteBoolean("encryption_required", request.EncryptionRequired);
            w.WriteEndObject();
        }

        if (response is not null)
        {
            w.WriteStartObject("credential_response_encryption");
            OpenId4VciJson.WriteStringArray(w, "alg_values_supported", response.AlgValuesSupported);
            OpenId4VciJson.WriteStringArray(w, "enc_values_supported", response.EncValuesSupported);
            if (response.ZipValuesSupported is { Count: > 0 } zips)
            {
                OpenId4VciJson.WriteStringArray(w, "zip_values_supported", zips);
            }

            w.WriteBoolean("encryption_required", response.EncryptionRequired);
            w.WriteEndObject();
        }
    }

    public static VerificationResult<CredentialRequestEncryptionMetadata?> ReadRequest(JsonElement root)
    {
        if (!root.TryGetProperty("credential_request_encryption", out var e))
        {
            return VerificationResult<CredentialRequestEncryptionMetadata?>.Success(null);
        }

        // Section 12.2.4: jwks (each key with a kid), a non-empty enc_values_supported and encryption_required are required.
        // jwks is a JWK Set ({"keys": [...]}); the specification's own example gives the bare array, also accepted.
        JsonElement keys = default;
        if (e.ValueKind != JsonValueKind.Object
            || !e.TryGetProperty("jwks", out var jwks)
            || !(jwks.ValueKind == JsonValueKind.Array ? (keys = jwks).ValueKind == JsonValueKind.Array : jwks.ValueKind == JsonValueKind.Object && jwks.TryGetProperty("keys", out keys))
            || keys.ValueKind != JsonValueKind.Array || keys.GetArrayLength() == 0
            || !OpenId4VciJson.TryOptionalStringArray(e, "enc_values_supported", nonEmpty: true, out var encs) || encs is null
            || !OpenId4VciJson.TryOptionalStringArray(e, "zip_values_supported", nonEmpty: true, out var zips)
            || !TryRequiredBool(e, "encryption_required", out var required))
        {
            return new VerificationError(OpenId4VciErrors.InvalidMetadata, "credential_request_encryption must have jwks.keys, a non-empty enc_values_supported and a boolean encryption_required.");
        }

        var list = new List<Jwk>(keys.GetArrayLength());
        var kids = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var item in keys.EnumerateArray())
        {
            var key = Jwk.ReadPublic(item);
            if (!key.IsValid || key.Value.Kid is not { Length: > 0 } kid || !kids.Add(kid))
            {
                return new VerificationError(OpenId4VciErrors.InvalidMetadata, "Each credential_request_encryption key must be a public JWK with a unique kid.");
            }

            list.Add(key.Value);
        }

        return new CredentialRequestEncryptionMetadata { Keys = list, EncValuesSupported = encs, ZipValuesSupported = zips, EncryptionRequired = required };
    }

    public static VerificationResult<CredentialResponseEncryptionMetadata?> ReadResponse(JsonElement root)
    {
        if (!root.TryGetProperty("credential_response_encryption", out var e))
        {
            return VerificationResult<CredentialResponseEncryptionMetadata?>.Success(null);
        }

        if (e.ValueKind != JsonValueKind.Object
            || !OpenId4VciJson.TryOptionalStringArray(e, "alg_values_supported", nonEmpty: true, out var algs) || algs is null
            || !OpenId4VciJson.TryOptionalStringArray(e, "enc_values_supported", nonEmpty: true, out var encs) || encs is null
            || !OpenId4VciJson.TryOptionalStringArray(e, "zip_values_supported", nonEmpty: true, out var zips)
            || !TryRequiredBool(e, "encryption_required", out var required))
        {
            return new VerificationError(OpenId4VciErrors.InvalidMetadata, "credential_response_encryption must have non-empty alg_values_supported and enc_values_supported and a boolean encryption_required.");
        }

        return new CredentialResponseEncryptionMetadata { AlgValuesSupported = algs, EncValuesSupported = encs, ZipValuesSupported = zips, EncryptionRequired = required };
    }

    private static bool TryRequiredBool(JsonElement obj, string name, out bool value)
    {
        value = false;
        if (!obj.TryGetProperty(name, out var element) || element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return false;
        }

        value = element.GetBoolean();
        return true;
    }
}
