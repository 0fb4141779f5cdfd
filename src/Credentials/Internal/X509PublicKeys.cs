using System;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Credentials.Keys;

namespace Credentials.Internal;

/// <summary>Reads a certificate's subject public key as a JWK, without importing it into a platform key first.</summary>
internal static class X509PublicKeys
{
    /// <summary>id-ecPublicKey (RFC 5480 section 2.1.1).</summary>
    public const string EcPublicKeyOid = "1.2.840.10045.2.1";

    /// <summary>id-Ed25519 (RFC 8410 section 3).</summary>
    public const string Ed25519Oid = "1.3.101.112";

    /// <summary>secp256r1 (P-256, RFC 5480 section 2.1.1.1).</summary>
    public const string P256Oid = "1.2.840.10045.3.1.7";

    /// <summary>secp384r1 (P-384).</summary>
    public const string P384Oid = "1.3.132.0.34";

    /// <summary>secp521r1 (P-521).</summary>
    public const string P521Oid = "1.3.132.0.35";

    /// <summary>The named curve of an EC subject public key, or <see langword="null"/> (not EC, or explicit parameters).</summary>
    public static string? GetEcCurveOid(PublicKey publicKey)
    {
        if (!string.Equals(publicKey.Oid.Value, EcPublicKeyOid, StringComparison.Ordinal))
        {
            return null;
        }

        if (publicKey.EncodedParameters?.RawData is not { Length: > 0 } parameters)
        {
            return null;
        }

        try
        {
            var reader = new AsnReader(parameters, AsnEncodingRules.DER);
            var oid = reader.ReadObjectIdentifier();
            return reader.HasData ? null : oid;
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    /// <summary>
    /// The certificate's key as a public JWK when it is an uncompressed EC point on P-256 or P-384 (the curves the
    /// library's keys support); otherwise <see langword="null"/>. The point itself is validated when the JWK is imported.
    /// </summary>
    public static Jwk? TryGetEcJwk(X509Certificate2 certificate)
    {
        var publicKey = certificate.PublicKey;
        var (crv, size) = GetEcCurveOid(publicKey) switch
        {
            P256Oid => (JwkCurves.P256, 32),
            P384Oid => (JwkCurves.P384, 48),
            _ => ((string?)null, 0),
        };
        var point = publicKey.EncodedKeyValue.RawData;
        if (crv is null || point.Length != 1 + (2 * size) || point[0] != 0x04)
        {
            return null;
        }

        return new Jwk
        {
            Kty = JwkKeyTypes.EC,
            Crv = crv,
            X = StrictBase64Url.Encode(point.AsSpan(1, size)),
            Y = StrictBase64Url.Encode(point.AsSpan(1 + size, size)),
        };
    }

    /// <summary>The certificate's key as a public OKP JWK when it is an Ed25519 key (RFC 8410); otherwise <see langword="null"/>.</summary>
    public static Jwk? TryGetEd25519Jwk(X509Certificate2 certificate)
    {
        var publicKey = certificate.PublicKey;
        if (!string.Equals(publicKey.Oid.Value, Ed25519Oid, StringComparison.Ordinal))
        {
            return null;
        }

        // RFC 8410 section 3: the parameters are absent; the key is the 32 raw bytes.
        var raw = publicKey.EncodedKeyValue.RawData;
        if (raw.Length != 32 || publicKey.EncodedParameters?.RawData is { Length: > 0 } parameters && !IsAsnNull(parameters))
        {
            return null;
        }

        return new Jwk { Kty = JwkKeyTypes.Okp, Crv = JwkCurves.Ed25519, X = StrictBase64Url.Encode(raw) };
    }

    private static bool IsAsnNull(byte[] encoded) => encoded is [0x05, 0x00];
}
