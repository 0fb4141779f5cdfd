using System;
using System.Buffers;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.Internal;
using Credentials.Jose;
using Credentials.Keys;

namespace Credentials.OAuth;

/// <summary>What the attestation JWTs (client, PoP, key) share: writing, the attester's key resolution, and claim reading.</summary>
internal static class AttestationJwt
{
    /// <summary>Writes with the library's writer settings and returns the UTF-8 bytes.</summary>
    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, SafeJson.WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A fresh 128-bit <c>jti</c>.</summary>
    public static string NewJti()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return StrictBase64Url.Encode(bytes);
    }

    /// <summary>The <c>x5c</c> header for a certificate chain (RFC 7515 section 4.1.6: base64 DER, leaf first).</summary>
    public static Dictionary<string, JsonNode?>? ChainHeader(IReadOnlyList<X509Certificate2>? chain, string paramName)
    {
        if (chain is null)
        {
            return null;
        }

        if (chain.Count == 0)
        {
            throw new ArgumentException("The certificate chain must not be empty when set.", paramName);
        }

        var array = new JsonArray();
        foreach (var certificate in chain)
        {
            ArgumentNullException.ThrowIfNull(certificate, paramName);
            array.Add((JsonNode?)JsonValue.Create(Convert.ToBase64String(certificate.RawData)));
        }

        return new Dictionary<string, JsonNode?>(StringComparer.Ordinal) { ["x5c"] = array };
    }

    /// <summary>
    /// Verifies the signature of an attestation with its attester's key: the <c>x5c</c> leaf when the header carries a
    /// chain that builds to one of <paramref name="anchors"/>, otherwise one of <paramref name="trustedKeys"/> (those
    /// whose <c>kid</c> equals the header's, or all when the header has none). The algorithm must be allowed first.
    /// </summary>
    /// <returns>The attester's key, or an error with one of the given codes.</returns>
    public static VerificationResult<Jwk> VerifyAttester(
        Jws jws,
        IReadOnlyList<Jwk> trustedKeys,
        X509Certificate2Collection anchors,
        IReadOnlyList<JwsAlgorithm> allowedAlgorithms,
        DateTimeOffset now,
        int maxChainLength,
        (ErrorCode AlgorithmNotAllowed, ErrorCode Untrusted, ErrorCode InvalidSignature) codes)
    {
        if (!IsAllowed(jws.AlgorithmName, allowedAlgorithms))
        {
            return new VerificationError(codes.AlgorithmNotAllowed, $"The algorithm '{Truncate(jws.AlgorithmName)}' is not allowed.");
        }

        if (anchors.Count > 0 && jws.Header.TryGetProperty("x5c", out var x5c))
        {
            var leaf = BuildChain(x5c, anchors, now, maxChainLength);
            if (!leaf.IsValid)
            {
                return new VerificationError(codes.Untrusted, leaf.Error.Message);
            }

            var imported = VerificationKey.FromJwk(leaf.Value);
            if (!imported.IsValid)
            {
                return new VerificationError(codes.Untrusted, "The leaf certificate's key is not a supported key.") { Inner = imported.Error };
            }

            using var key = imported.Value;
            var error = jws.VerifySignature(key, allowedAlgorithms);
            return error is null ? leaf.Value : new VerificationError(codes.InvalidSignature, "The signature does not verify with the certificate's key.") { Inner = error };
        }

        var candidates = 0;
        VerificationError? last = null;
        foreach (var trusted in trustedKeys)
        {
            if (jws.KeyId is not null && trusted.Kid is not null && !string.Equals(jws.KeyId, trusted.Kid, StringComparison.Ordinal))
            {
                continue;
            }

            candidates++;
            var imported = VerificationKey.FromJwk(trusted);
            if (!imported.IsValid)
            {
                continue;
            }

            using var key = imported.Value;
            last = jws.VerifySignature(key, allowedAlgorithms);
            if (last is null)
            {
                return trusted.ToPublic();
            }
        }

        if (candidates == 0 || last is null)
        {
            return new VerificationError(codes.Untrusted, "No trusted attester key or certificate chain applies to this attestation.");
        }

        return new VerificationError(codes.InvalidSignature, "The signature does not verify with any trusted attester key.") { Inner = last };
    }

    /// <summary>Builds the <c>x5c</c> chain to the anchors, offline, at <paramref name="now"/>; returns the leaf's public key.</summary>
    private static VerificationResult<Jwk> BuildChain(JsonElement x5c, X509Certificate2Collection anchors, DateTimeOffset now, int maxChainLength)
    {
        if (x5c.ValueKind != JsonValueKind.Array || x5c.GetArrayLength() == 0 || x5c.GetArrayLength() > maxChainLength)
        {
            return new VerificationError(JoseErrors.Malformed, "x5c must be a non-empty array within the chain length limit.");
        }

        var certificates = new List<X509Certificate2>();
        try
        {
            foreach (var item in x5c.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String || !TryDecodeBase64(item.GetString()!, out var der))
                {
                    return new VerificationError(JoseErrors.Malformed, "An x5c entry is not base64 DER.");
                }

                try
                {
                    certificates.Add(X509CertificateLoader.LoadCertificate(der));
                }
                catch (CryptographicException)
                {
                    return new VerificationError(JoseErrors.Malformed, "An x5c entry is not a certificate.");
                }
            }

            var leaf = certificates[0];
            using (var chain = X509Chains.CreateOffline(anchors, now))
            {
                for (var i = 1; i < certificates.Count; i++)
                {
                    chain.ChainPolicy.ExtraStore.Add(certificates[i]);
                }

                if (!chain.Build(leaf))
                {
                    return new VerificationError(JoseErrors.Malformed, "The x5c chain does not build to a trust anchor.");
                }
            }

            // RFC 5280 section 4.2.1.3: a leaf whose KeyUsage is stated must allow digital signatures.
            foreach (var extension in leaf.Extensions)
            {
                if (extension is X509KeyUsageExtension usage && (usage.KeyUsages & X509KeyUsageFlags.DigitalSignature) == 0)
                {
                    return new VerificationError(JoseErrors.Malformed, "The leaf certificate's KeyUsage does not include digitalSignature.");
                }
            }

            var jwk = X509PublicKeys.TryGetEcJwk(leaf) ?? X509PublicKeys.TryGetEd25519Jwk(leaf);
            return jwk is null ? new VerificationError(JoseErrors.Malformed, "The leaf certificate's key is not a supported key.") : jwk;
        }
        finally
        {
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }
        }
    }

    /// <summary>Reads an optional NumericDate claim (RFC 7519 section 2); false when present but not an integer in range.</summary>
    public static bool TryReadDate(JsonElement claims, string name, out DateTimeOffset? value)
    {
        value = null;
        if (!claims.TryGetProperty(name, out var element))
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var seconds) || seconds is < 0 or > 253402300799)
        {
            return false;
        }

        value = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    /// <summary>Reads an optional string claim; false when present but not a string.</summary>
    public static bool TryReadString(JsonElement claims, string name, out string? value)
    {
        value = null;
        if (!claims.TryGetProperty(name, out var element))
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = element.GetString();
        return true;
    }

    /// <summary>Whether <c>aud</c> is the audience, or a one-element array holding it.</summary>
    public static bool AudienceMatches(JsonElement claims, string audience)
    {
        if (!claims.TryGetProperty("aud", out var aud))
        {
            return false;
        }

        if (aud.ValueKind == JsonValueKind.String)
        {
            return string.Equals(aud.GetString(), audience, StringComparison.Ordinal);
        }

        return aud.ValueKind == JsonValueKind.Array && aud.GetArrayLength() == 1 && aud[0].ValueKind == JsonValueKind.String
            && string.Equals(aud[0].GetString(), audience, StringComparison.Ordinal);
    }

    public static bool IsAllowed(string algorithm, IReadOnlyList<JwsAlgorithm> allowed)
    {
        foreach (var a in allowed)
        {
            if (string.Equals(a.Name, algorithm, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public static string Truncate(string value) => value.Length <= 32 ? value : value[..32] + "…";

    private static bool TryDecodeBase64(string text, out byte[] der)
    {
        der = new byte[(text.Length * 3 / 4) + 3];
        if (Convert.TryFromBase64String(text, der, out var written) && written > 0)
        {
            der = der[..written];
            return true;
        }

        der = [];
        return false;
    }
}
