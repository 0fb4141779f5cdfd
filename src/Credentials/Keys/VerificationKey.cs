using System;
using System.Security.Cryptography;
using Credentials.Internal;
using Credentials.Jose;

namespace Credentials.Keys;

/// <summary>
/// A public key ready to verify signatures, imported once from a <see cref="Jwk"/>. Thread-safe for verification.
/// </summary>
public sealed class VerificationKey : IDisposable
{
    private readonly NSec.Cryptography.PublicKey? _ed25519;
    private readonly ECDsa? _ecdsa;

    private VerificationKey(Jwk jwk, NSec.Cryptography.PublicKey? ed25519, ECDsa? ecdsa)
    {
        Jwk = jwk;
        _ed25519 = ed25519;
        _ecdsa = ecdsa;
    }

    /// <summary>The public JWK.</summary>
    public Jwk Jwk { get; }

    /// <summary>Imports a public key from an untrusted JWK; never throws for bad keys.</summary>
    /// <param name="jwk">The JWK (a private part, if present, is ignored: read untrusted JWKs with <see cref="Jwk.ReadPublic(string)"/>, which refuses one).</param>
    public static VerificationResult<VerificationKey> FromJwk(Jwk jwk)
    {
        ArgumentNullException.ThrowIfNull(jwk);
        var publicJwk = jwk.ToPublic();
        switch (jwk.Kty)
        {
            case JwkKeyTypes.Okp when jwk.Crv == JwkCurves.Ed25519:
            {
                var raw = jwk.X is null ? null : StrictBase64Url.TryDecode(jwk.X.AsSpan());
                if (raw is null || raw.Length != 32)
                {
                    return new VerificationError(KeyErrors.InvalidJwk, "The Ed25519 public key must be 32 bytes.");
                }

                // RFC 8032 section 5.1.3: the encoding must be canonical (y < p); and a key of small order (or outside
                // the prime-order subgroup) verifies forged signatures. Refused here, when the key is imported, with
                // the check did:key uses (libsodium's, through Ed25519ToX25519), not only later at signature time.
                if (!IsCanonicalEd25519(raw) || !Dids.Ed25519ToX25519.TryConvert(raw, out _))
                {
                    return new VerificationError(KeyErrors.InvalidJwk, "The Ed25519 public key is not canonical, or is of small order.");
                }

                if (!NSec.Cryptography.PublicKey.TryImport(NSec.Cryptography.SignatureAlgorithm.Ed25519, raw, NSec.Cryptography.KeyBlobFormat.RawPublicKey, out var key) || key is null)
                {
                    return new VerificationError(KeyErrors.InvalidJwk, "The Ed25519 public key is invalid.");
                }

                return new VerificationKey(publicJwk, key, null);
            }

            case JwkKeyTypes.EC:
            {
                if (!EcCurves.TryGet(jwk.Crv, out var curve, out var size))
                {
                    return new VerificationError(KeyErrors.UnsupportedKeyType, $"The EC curve '{jwk.Crv}' is not supported on this platform.");
                }

                var x = jwk.X is null ? null : StrictBase64Url.TryDecode(jwk.X.AsSpan());
                var y = jwk.Y is null ? null : StrictBase64Url.TryDecode(jwk.Y.AsSpan());
                if (x is null || y is null || x.Length != size || y.Length != size)
                {
                    return new VerificationError(KeyErrors.InvalidJwk, $"The {jwk.Crv} public key coordinates must be {size} bytes.");
                }

                try
                {
                    // The platform validates that the point is on the curve.
                    var ecdsa = ECDsa.Create(new ECParameters { Curve = curve, Q = new ECPoint { X = x, Y = y } });
                    return new VerificationKey(publicJwk, null, ecdsa);
                }
                catch (CryptographicException)
                {
                    return new VerificationError(KeyErrors.InvalidJwk, $"The {jwk.Crv} public key is not a valid point on the curve.");
                }
            }

            default:
                return new VerificationError(KeyErrors.UnsupportedKeyType, $"Keys of type '{jwk.Kty}' ({jwk.Crv}) cannot verify signatures here.");
        }
    }

    // The little-endian y coordinate (top bit, the sign of x, cleared) must be below p = 2^255 - 19 (RFC 8032 section 5.1.3).
    private static bool IsCanonicalEd25519(ReadOnlySpan<byte> encoded)
    {
        if ((encoded[31] & 0x7f) != 0x7f)
        {
            return true;
        }

        for (var i = 30; i >= 1; i--)
        {
            if (encoded[i] != 0xff)
            {
                return true;
            }
        }

        return encoded[0] < 0xed;
    }

    /// <summary>Imports a public key from a trusted JWK (configuration).</summary>
    /// <param name="jwk">The JWK.</param>
    /// <exception cref="ArgumentException">The JWK is not a supported, valid public key.</exception>
    public static VerificationKey Create(Jwk jwk)
    {
        var result = FromJwk(jwk);
        return result.IsValid ? result.Value : throw new ArgumentException(result.Error.Message, nameof(jwk));
    }

    /// <summary>
    /// Whether this key can verify signatures of the given algorithm: its type and curve fit the algorithm, and the
    /// JWK's own <c>alg</c>, <c>use</c> and <c>key_ops</c>, when stated, allow it (RFC 7517 sections 4.2 to 4.4).
    /// </summary>
    /// <param name="algorithm">The algorithm.</param>
    public bool CanVerify(JwsAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        return algorithm.KeyType == Jwk.Kty && algorithm.IsCompatibleWithCurve(Jwk.Crv) && Jwk.PermitsVerification(algorithm);
    }

    /// <summary>
    /// Verifies a signature. Returns <see langword="false"/> for a wrong signature, a signature of the wrong length,
    /// an all-zero ECDSA signature, or an algorithm this key cannot verify. Never throws for bad signatures.
    /// </summary>
    /// <param name="algorithm">The algorithm from the (allow-listed) header.</param>
    /// <param name="data">The signed data.</param>
    /// <param name="signature">The signature (raw <c>r||s</c> for ECDSA).</param>
    public bool Verify(JwsAlgorithm algorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        if (!CanVerify(algorithm) || signature.Length != algorithm.SignatureSize)
        {
            return false;
        }

        if (_ed25519 is not null)
        {
            return NSec.Cryptography.SignatureAlgorithm.Ed25519.Verify(_ed25519, data, signature);
        }

        // RFC 7518 section 3.4: r and s are each in [1, n-1]; all-zero halves are rejected before the platform sees them.
        var half = signature.Length / 2;
        if (!signature[..half].ContainsAnyExcept((byte)0) || !signature[half..].ContainsAnyExcept((byte)0))
        {
            return false;
        }

        return _ecdsa!.VerifyData(data, signature, algorithm.Hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <inheritdoc />
    public void Dispose() => _ecdsa?.Dispose();

    /// <inheritdoc />
    public override string ToString() => $"VerificationKey({Jwk.Kty} {Jwk.Crv})";
}
