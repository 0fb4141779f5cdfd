using System;
using System.Formats.Asn1;
using System.Security.Cryptography;
using Credentials.Internal;
using NSec.Cryptography;

namespace Credentials.Keys;

/// <summary>
/// Converts public keys between the DER <c>SubjectPublicKeyInfo</c> (RFC 5280 section 4.1.2.7) that key services and
/// HSMs export and a public <see cref="Jwk"/>: EC keys on P-256, P-384 and P-521 (RFC 5480, uncompressed points) and
/// Ed25519 keys (RFC 8410).
/// </summary>
/// <remarks>
/// The key itself is imported by the platform (<c>ECDsa.ImportSubjectPublicKeyInfo</c>) or NSec, so a point not
/// on its curve is refused. A malformed structure is a <see cref="CryptographicException"/>; a well-formed key of a kind
/// this library does not sign with (RSA, secp256k1, explicit curve parameters, a compressed point) is a
/// <see cref="NotSupportedException"/>.
/// </remarks>
public static class PublicKeyInfo
{
    /// <summary>Reads a DER <c>SubjectPublicKeyInfo</c> as a public JWK (no <c>kid</c>, <c>alg</c> or <c>use</c>).</summary>
    /// <param name="subjectPublicKeyInfo">The DER structure, nothing after it.</param>
    /// <returns>An <c>EC</c> JWK (P-256, P-384, P-521) or an <c>OKP</c> Ed25519 JWK.</returns>
    /// <exception cref="CryptographicException">The bytes are not a DER SubjectPublicKeyInfo, or the key is invalid.</exception>
    /// <exception cref="NotSupportedException">The key is well formed but of another kind (RSA, another curve, compressed).</exception>
    public static Jwk ToJwk(ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        string algorithmOid;
        string? curveOid = null;
        ReadOnlySpan<byte> subjectPublicKey;
        try
        {
            // RFC 5280 section 4.1: SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }.
            AsnDecoder.ReadSequence(subjectPublicKeyInfo, AsnEncodingRules.DER, out var offset, out var length, out var consumed);
            if (consumed != subjectPublicKeyInfo.Length)
            {
                throw new CryptographicException("The SubjectPublicKeyInfo has bytes after its DER sequence.");
            }

            var content = subjectPublicKeyInfo.Slice(offset, length);
            AsnDecoder.ReadSequence(content, AsnEncodingRules.DER, out var algOffset, out var algLength, out var algConsumed);
            var algorithm = content.Slice(algOffset, algLength);
            algorithmOid = AsnDecoder.ReadObjectIdentifier(algorithm, AsnEncodingRules.DER, out var oidLength);
            var parameters = algorithm[oidLength..];
            switch (algorithmOid)
            {
                case X509PublicKeys.EcPublicKeyOid:
                    // RFC 5480 section 2.1.1: ECParameters must be a named curve (an OID) here, nothing after it.
                    if (parameters.IsEmpty || !Asn1Tag.Decode(parameters, out _).HasSameClassAndValue(Asn1Tag.ObjectIdentifier))
                    {
                        throw new NotSupportedException("EC keys with explicit or implicit curve parameters are not supported; use a named curve.");
                    }

                    curveOid = AsnDecoder.ReadObjectIdentifier(parameters, AsnEncodingRules.DER, out var curveLength);
                    if (curveLength != parameters.Length)
                    {
                        throw new CryptographicException("The EC AlgorithmIdentifier has bytes after its curve.");
                    }

                    break;
                case X509PublicKeys.Ed25519Oid when !parameters.IsEmpty:
                    // RFC 8410 section 3: the parameters of id-Ed25519 must be absent.
                    throw new CryptographicException("The Ed25519 AlgorithmIdentifier must have no parameters.");
            }

            var rest = content[algConsumed..];
            var bits = AsnDecoder.ReadBitString(rest, AsnEncodingRules.DER, out var unusedBits, out var bitsLength);
            if (bitsLength != rest.Length || unusedBits != 0)
            {
                throw new CryptographicException("The SubjectPublicKeyInfo key is not a whole number of bytes, or is followed by more data.");
            }

            subjectPublicKey = bits;
        }
        catch (AsnContentException ex)
        {
            throw new CryptographicException("The bytes are not a DER SubjectPublicKeyInfo.", ex);
        }

        return algorithmOid switch
        {
            X509PublicKeys.EcPublicKeyOid => EcToJwk(subjectPublicKeyInfo, curveOid!, subjectPublicKey),
            X509PublicKeys.Ed25519Oid => Ed25519ToJwk(subjectPublicKeyInfo),
            "1.2.840.113549.1.1.1" or "1.2.840.113549.1.1.10" => throw new NotSupportedException("RSA keys are not supported: credentials are signed with ECDSA or Ed25519."),
            _ => throw new NotSupportedException($"Keys of algorithm {algorithmOid} are not supported; only EC (P-256, P-384, P-521) and Ed25519."),
        };
    }

    /// <summary>Writes a public JWK as a DER <c>SubjectPublicKeyInfo</c>. A private part (<c>d</c>) is ignored.</summary>
    /// <param name="jwk">An <c>EC</c> JWK on P-256, P-384 or P-521, or an <c>OKP</c> Ed25519 JWK.</param>
    /// <returns>The DER structure.</returns>
    /// <exception cref="ArgumentException">The JWK is of another kind, or its key is invalid (not on the curve).</exception>
    public static byte[] FromJwk(Jwk jwk)
    {
        ArgumentNullException.ThrowIfNull(jwk);
        var x = jwk.X is null ? null : StrictBase64Url.TryDecode(jwk.X.AsSpan());
        if (x is null)
        {
            throw new ArgumentException("The JWK has no valid 'x'.", nameof(jwk));
        }

        if (string.Equals(jwk.Kty, JwkKeyTypes.Okp, StringComparison.Ordinal) && string.Equals(jwk.Crv, JwkCurves.Ed25519, StringComparison.Ordinal))
        {
            if (!PublicKey.TryImport(SignatureAlgorithm.Ed25519, x, KeyBlobFormat.RawPublicKey, out var key) || key is null)
            {
                throw new ArgumentException("The JWK is not a valid Ed25519 public key.", nameof(jwk));
            }

            return key.Export(KeyBlobFormat.PkixPublicKey);
        }

        if (!string.Equals(jwk.Kty, JwkKeyTypes.EC, StringComparison.Ordinal) || !TryGetCurve(jwk.Crv, out var curve, out var size))
        {
            throw new ArgumentException($"Only EC P-256, P-384, P-521 and Ed25519 keys have a SubjectPublicKeyInfo here, not {jwk.Kty} {jwk.Crv}.", nameof(jwk));
        }

        var y = jwk.Y is null ? null : StrictBase64Url.TryDecode(jwk.Y.AsSpan());
        if (y is null || x.Length != size || y.Length != size)
        {
            throw new ArgumentException($"The {jwk.Crv} JWK coordinates must be {size} bytes each.", nameof(jwk));
        }

        try
        {
            using var ecdsa = ECDsa.Create(new ECParameters { Curve = curve, Q = new ECPoint { X = x, Y = y } });
            return ecdsa.ExportSubjectPublicKeyInfo();
        }
        catch (CryptographicException ex)
        {
            throw new ArgumentException("The JWK is not a valid EC public key (not on its curve).", nameof(jwk), ex);
        }
    }

    private static Jwk EcToJwk(ReadOnlySpan<byte> subjectPublicKeyInfo, string curveOid, ReadOnlySpan<byte> point)
    {
        var (crv, size) = curveOid switch
        {
            X509PublicKeys.P256Oid => (JwkCurves.P256, 32),
            X509PublicKeys.P384Oid => (JwkCurves.P384, 48),
            X509PublicKeys.P521Oid => (JwkCurves.P521, 66),
            "1.3.132.0.10" => throw new NotSupportedException("secp256k1 keys are not supported here; use P-256, P-384 or P-521."),
            _ => throw new NotSupportedException($"The EC curve {curveOid} is not supported; use P-256, P-384 or P-521."),
        };

        // SEC 1 section 2.3.3: 0x04 then x and y is the uncompressed form; 0x02/0x03 the compressed form.
        if (point.Length == size + 1 && point[0] is 0x02 or 0x03)
        {
            throw new NotSupportedException("Compressed EC points are not supported; export the key uncompressed.");
        }

        if (point.Length != 1 + (2 * size) || point[0] != 0x04)
        {
            throw new CryptographicException($"The {crv} public key is not an uncompressed point of {1 + (2 * size)} bytes.");
        }

        // The platform checks the point is on the curve.
        ECParameters parameters;
        using (var ecdsa = ECDsa.Create())
        {
            try
            {
                ecdsa.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
            }
            catch (CryptographicException ex)
            {
                throw new CryptographicException($"The {crv} public key is not a point on its curve.", ex);
            }

            parameters = ecdsa.ExportParameters(false);
        }

        return new Jwk
        {
            Kty = JwkKeyTypes.EC,
            Crv = crv,
            X = StrictBase64Url.Encode(parameters.Q.X),
            Y = StrictBase64Url.Encode(parameters.Q.Y),
        };
    }

    private static Jwk Ed25519ToJwk(ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        if (!PublicKey.TryImport(SignatureAlgorithm.Ed25519, subjectPublicKeyInfo, KeyBlobFormat.PkixPublicKey, out var key) || key is null)
        {
            throw new CryptographicException("The Ed25519 SubjectPublicKeyInfo is invalid.");
        }

        return new Jwk { Kty = JwkKeyTypes.Okp, Crv = JwkCurves.Ed25519, X = StrictBase64Url.Encode(key.Export(KeyBlobFormat.RawPublicKey)) };
    }

    private static bool TryGetCurve(string? crv, out ECCurve curve, out int size)
    {
        switch (crv)
        {
            case JwkCurves.P256:
                (curve, size) = (ECCurve.NamedCurves.nistP256, 32);
                return true;
            case JwkCurves.P384:
                (curve, size) = (ECCurve.NamedCurves.nistP384, 48);
                return true;
            case JwkCurves.P521:
                (curve, size) = (ECCurve.NamedCurves.nistP521, 66);
                return true;
            default:
                (curve, size) = (default, 0);
                return false;
        }
    }
}
