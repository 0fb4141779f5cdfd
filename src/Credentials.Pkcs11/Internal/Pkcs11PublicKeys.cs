using System;
using System.Buffers.Text;
using Credentials.Keys;

namespace Credentials.Pkcs11.Internal;

/// <summary>Reads CKA_EC_PARAMS and CKA_EC_POINT into a JWK (PKCS#11 v2.40 section 2.3.3, PKCS#11 3.0 section 2.3.3).</summary>
internal static class Pkcs11PublicKeys
{
    public static bool IsEdDsa(JwsAlgorithm algorithm) => algorithm.KeyType == JwkKeyTypes.Okp;

    public static JwsAlgorithm? AlgorithmOf(bool edwards, ReadOnlySpan<byte> ecParams)
    {
        if (edwards)
        {
            return ecParams.SequenceEqual(Pkcs11Constants.Ed25519Params) || ecParams.SequenceEqual(Pkcs11Constants.Ed25519NameParams)
                ? JwsAlgorithm.EdDsa
                : null;
        }

        if (ecParams.SequenceEqual(Pkcs11Constants.P256Params))
        {
            return JwsAlgorithm.Es256;
        }

        return ecParams.SequenceEqual(Pkcs11Constants.P384Params) ? JwsAlgorithm.Es384 : null;
    }

    public static ReadOnlySpan<byte> ParamsOf(JwsAlgorithm algorithm)
        => IsEdDsa(algorithm) ? Pkcs11Constants.Ed25519Params
            : algorithm == JwsAlgorithm.Es256 ? Pkcs11Constants.P256Params
            : algorithm == JwsAlgorithm.Es384 ? Pkcs11Constants.P384Params
            : throw new ArgumentException("Only EdDSA (Ed25519), ES256 and ES384 keys live on PKCS#11 tokens here.", nameof(algorithm));

    /// <summary>
    /// The JWK of CKA_EC_POINT: a DER OCTET STRING holding the point (v2.40 section 2.3.3: "DER-encoding of ANSI X9.62
    /// ECPoint value Q"), which some modules return unwrapped; the uncompressed SEC 1 point for EC, the 32-byte
    /// encoding (RFC 8032 section 5.1.2) for Ed25519.
    /// </summary>
    public static Jwk? ToJwk(JwsAlgorithm algorithm, ReadOnlySpan<byte> ecPoint, string? keyId)
    {
        var size = IsEdDsa(algorithm) ? 32 : 1 + (2 * (algorithm.SignatureSize / 2));
        var point = Unwrap(ecPoint, size);
        if (point.Length != size)
        {
            return null;
        }

        if (IsEdDsa(algorithm))
        {
            return new Jwk { Kty = JwkKeyTypes.Okp, Crv = JwkCurves.Ed25519, X = Base64Url.EncodeToString(point), Kid = keyId };
        }

        if (point[0] != 0x04)
        {
            return null;
        }

        var half = (size - 1) / 2;
        return new Jwk
        {
            Kty = JwkKeyTypes.EC,
            Crv = algorithm.Curve,
            X = Base64Url.EncodeToString(point.Slice(1, half)),
            Y = Base64Url.EncodeToString(point.Slice(1 + half, half)),
            Kid = keyId,
        };
    }

    private static ReadOnlySpan<byte> Unwrap(ReadOnlySpan<byte> value, int size)
    {
        if (value.Length == size)
        {
            return value;
        }

        // DER OCTET STRING: 0x04, a short or one-byte long length, then the content.
        if (value.Length == size + 2 && value[0] == 0x04 && value[1] == size)
        {
            return value[2..];
        }

        if (value.Length == size + 3 && value[0] == 0x04 && value[1] == 0x81 && value[2] == size)
        {
            return value[3..];
        }

        return [];
    }
}
