using System;
using System.Security.Cryptography;
using Credentials.Internal;
using NSec.Cryptography;

namespace Credentials.Keys;

/// <summary>
/// A key-agreement key: X25519 (RFC 7748, JWK per RFC 8037) through NSec, or an elliptic-curve Diffie-Hellman key on
/// P-256, P-384 or P-521 (JWK per RFC 7518 section 6.2) through the platform's <see cref="ECDiffieHellman"/>.
/// Dispose it to release the key. Thread-safe.
/// </summary>
public sealed class KeyAgreementKey : IDisposable
{
    private readonly Key? _key;
    private readonly ECDiffieHellman? _ecdh;
    private readonly int _ecSize;
    private readonly object _gate = new();

    private KeyAgreementKey(Key key, string? keyId)
    {
        _key = key;
        PublicJwk = new Jwk
        {
            Kty = JwkKeyTypes.Okp,
            Crv = JwkCurves.X25519,
            X = StrictBase64Url.Encode(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)),
            Kid = keyId,
        };
    }

    private KeyAgreementKey(ECDiffieHellman ecdh, string curveName, int size, string? keyId)
    {
        _ecdh = ecdh;
        _ecSize = size;
        var parameters = ecdh.ExportParameters(includePrivateParameters: false);
        PublicJwk = new Jwk
        {
            Kty = JwkKeyTypes.EC,
            Crv = curveName,
            X = StrictBase64Url.Encode(parameters.Q.X),
            Y = StrictBase64Url.Encode(parameters.Q.Y),
            Kid = keyId,
        };
    }

    /// <summary>The public key as a JWK.</summary>
    public Jwk PublicJwk { get; }

    /// <summary>The JWK curve name of the key (<c>X25519</c>, <c>P-256</c>, <c>P-384</c> or <c>P-521</c>).</summary>
    public string Curve => PublicJwk.Crv!;

    /// <summary>Creates a new random X25519 key.</summary>
    /// <param name="keyId">An optional key id.</param>
    public static KeyAgreementKey Create(string? keyId = null)
        => new(Key.Create(KeyAgreementAlgorithm.X25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }), keyId);

    /// <summary>Creates a new random elliptic-curve Diffie-Hellman key.</summary>
    /// <param name="curve"><c>P-256</c>, <c>P-384</c> or <c>P-521</c> (<see cref="JwkCurves"/>).</param>
    /// <param name="keyId">An optional key id.</param>
    /// <exception cref="ArgumentException">The curve is not supported.</exception>
    public static KeyAgreementKey CreateEc(string curve, string? keyId = null)
    {
        if (!TryGetEcCurve(curve, out var ecCurve, out var size))
        {
            throw new ArgumentException("The curve must be P-256, P-384 or P-521.", nameof(curve));
        }

        return new KeyAgreementKey(ECDiffieHellman.Create(ecCurve), curve, size, keyId);
    }

    /// <summary>Imports a private key from a JWK: an OKP X25519 key, or an EC key on P-256, P-384 or P-521.</summary>
    /// <param name="privateJwk">A JWK with <c>d</c>.</param>
    /// <exception cref="ArgumentException">The JWK is not a supported private key, or its public part does not match.</exception>
    public static KeyAgreementKey FromJwk(Jwk privateJwk)
    {
        ArgumentNullException.ThrowIfNull(privateJwk);
        if (privateJwk.Kty == JwkKeyTypes.EC)
        {
            return FromEcJwk(privateJwk);
        }

        if (privateJwk.Kty != JwkKeyTypes.Okp || privateJwk.Crv != JwkCurves.X25519 || privateJwk.D is null)
        {
            throw new ArgumentException("The JWK is not a private X25519 key.", nameof(privateJwk));
        }

        var d = StrictBase64Url.TryDecode(privateJwk.D.AsSpan());
        if (d is null || d.Length != 32)
        {
            throw new ArgumentException("The X25519 private key must be 32 bytes.", nameof(privateJwk));
        }

        var key = Key.Import(KeyAgreementAlgorithm.X25519, d, KeyBlobFormat.RawPrivateKey, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        CryptographicOperations.ZeroMemory(d);
        var result = new KeyAgreementKey(key, privateJwk.Kid);
        if (privateJwk.X is not null && !string.Equals(privateJwk.X, result.PublicJwk.X, StringComparison.Ordinal))
        {
            result.Dispose();
            throw new ArgumentException("The JWK 'x' does not match its private key.", nameof(privateJwk));
        }

        return result;
    }

    private static KeyAgreementKey FromEcJwk(Jwk privateJwk)
    {
        if (!TryGetEcCurve(privateJwk.Crv, out var curve, out var size) || privateJwk.D is null)
        {
            throw new ArgumentException("The JWK is not a private P-256, P-384 or P-521 key.", nameof(privateJwk));
        }

        var d = StrictBase64Url.TryDecode(privateJwk.D.AsSpan());
        if (d is null || d.Length != size)
        {
            throw new ArgumentException("The EC private key has the wrong length.", nameof(privateJwk));
        }

        var ecdh = ECDiffieHellman.Create();
        try
        {
            ecdh.ImportParameters(new ECParameters { Curve = curve, D = d });
        }
        catch (CryptographicException)
        {
            ecdh.Dispose();
            throw new ArgumentException("The EC private key is not valid for its curve.", nameof(privateJwk));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(d);
        }

        var result = new KeyAgreementKey(ecdh, privateJwk.Crv!, size, privateJwk.Kid);
        if ((privateJwk.X is not null && !string.Equals(privateJwk.X, result.PublicJwk.X, StringComparison.Ordinal))
            || (privateJwk.Y is not null && !string.Equals(privateJwk.Y, result.PublicJwk.Y, StringComparison.Ordinal)))
        {
            result.Dispose();
            throw new ArgumentException("The JWK 'x'/'y' do not match its private key.", nameof(privateJwk));
        }

        return result;
    }

    /// <summary>Exports the private key as a JWK. Handle the result as a secret.</summary>
    public Jwk ExportPrivateJwk()
    {
        if (_ecdh is not null)
        {
            ECParameters parameters;
            lock (_gate)
            {
                parameters = _ecdh.ExportParameters(includePrivateParameters: true);
            }

            try
            {
                return PublicJwk with { D = StrictBase64Url.Encode(parameters.D) };
            }
            finally
            {
                CryptographicOperations.ZeroMemory(parameters.D);
            }
        }

        return PublicJwk with { D = StrictBase64Url.Encode(_key!.Export(KeyBlobFormat.RawPrivateKey)) };
    }

    /// <summary>
    /// Agrees on a shared secret with a peer's public key of the same curve and derives key material from it with
    /// HKDF-SHA-256 (the raw shared secret is not returned).
    /// </summary>
    /// <param name="peerPublicJwk">The peer's public JWK, on this key's curve.</param>
    /// <param name="salt">The HKDF salt.</param>
    /// <param name="info">The HKDF info (context binding).</param>
    /// <param name="length">The number of bytes to derive.</param>
    /// <exception cref="ArgumentException">The peer key is not a valid public key on this key's curve, or agreement fails (a low-order point).</exception>
    public byte[] DeriveSharedKey(Jwk peerPublicJwk, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> info, int length)
    {
        ArgumentNullException.ThrowIfNull(peerPublicJwk);
        if (_ecdh is not null)
        {
            var z = DeriveRawSecret(peerPublicJwk)
                ?? throw new ArgumentException("The peer key is not a valid public key on this key's curve.", nameof(peerPublicJwk));
            try
            {
                return HKDF.DeriveKey(HashAlgorithmName.SHA256, z, length, salt.ToArray(), info.ToArray());
            }
            finally
            {
                CryptographicOperations.ZeroMemory(z);
            }
        }

        if (peerPublicJwk.Kty != JwkKeyTypes.Okp || peerPublicJwk.Crv != JwkCurves.X25519 || peerPublicJwk.X is null)
        {
            throw new ArgumentException("The peer key is not an X25519 public key.", nameof(peerPublicJwk));
        }

        var raw = StrictBase64Url.TryDecode(peerPublicJwk.X.AsSpan());
        if (raw is null || !PublicKey.TryImport(KeyAgreementAlgorithm.X25519, raw, KeyBlobFormat.RawPublicKey, out var peer) || peer is null)
        {
            throw new ArgumentException("The peer key is not a valid X25519 public key.", nameof(peerPublicJwk));
        }

        using var shared = KeyAgreementAlgorithm.X25519.Agree(_key!, peer)
            ?? throw new ArgumentException("Key agreement failed for the peer key.", nameof(peerPublicJwk));
        return KeyDerivationAlgorithm.HkdfSha256.DeriveBytes(shared, salt, info, length);
    }

    /// <summary>
    /// The raw ECDH shared secret Z with a peer's public EC key (RFC 7518 section 4.6.2 feeds it to the Concat KDF), or
    /// <see langword="null"/> when this is not an EC key, or the peer key is not a valid point on this key's curve
    /// (the platform import checks the point lies on the curve: the invalid-curve attack). The caller zeroes Z.
    /// </summary>
    internal byte[]? DeriveRawSecret(Jwk peerPublicJwk)
    {
        if (_ecdh is null || !TryImportEcPublic(peerPublicJwk, PublicJwk.Crv, out var peer))
        {
            return null;
        }

        using (peer)
        {
            try
            {
                lock (_gate)
                {
                    return _ecdh.DeriveRawSecretAgreement(peer.PublicKey);
                }
            }
            catch (CryptographicException)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// Imports a public EC JWK on <paramref name="expectedCurve"/> as an ECDH key; <see langword="false"/> when the JWK
    /// is of another type or curve, has the wrong coordinate lengths, or is not a point on the curve.
    /// </summary>
    internal static bool TryImportEcPublic(Jwk jwk, string? expectedCurve, out ECDiffieHellman peer)
    {
        peer = null!;
        if (jwk.Kty != JwkKeyTypes.EC || !string.Equals(jwk.Crv, expectedCurve, StringComparison.Ordinal)
            || !TryGetEcCurve(jwk.Crv, out var curve, out var size) || jwk.X is null || jwk.Y is null)
        {
            return false;
        }

        var x = StrictBase64Url.TryDecode(jwk.X.AsSpan());
        var y = StrictBase64Url.TryDecode(jwk.Y.AsSpan());
        if (x is null || y is null || x.Length != size || y.Length != size)
        {
            return false;
        }

        var ecdh = ECDiffieHellman.Create();
        try
        {
            // The platform refuses coordinates that are not a point on the named curve (and coordinates >= p).
            ecdh.ImportParameters(new ECParameters { Curve = curve, Q = new ECPoint { X = x, Y = y } });
            peer = ecdh;
            return true;
        }
        catch (CryptographicException)
        {
            ecdh.Dispose();
            return false;
        }
    }

    /// <summary>Maps a JWK EC curve name to the platform curve and its field size in bytes.</summary>
    internal static bool TryGetEcCurve(string? crv, out ECCurve curve, out int size)
    {
        switch (crv)
        {
            case JwkCurves.P256:
                curve = ECCurve.NamedCurves.nistP256;
                size = 32;
                return true;
            case JwkCurves.P384:
                curve = ECCurve.NamedCurves.nistP384;
                size = 48;
                return true;
            case JwkCurves.P521:
                curve = ECCurve.NamedCurves.nistP521;
                size = 66;
                return true;
            default:
                curve = default;
                size = 0;
                return false;
        }
    }

    /// <summary>A short description without key material.</summary>
    public override string ToString() => $"KeyAgreementKey({PublicJwk.Crv}{(PublicJwk.Kid is null ? string.Empty : " kid=" + PublicJwk.Kid)})";

    /// <inheritdoc />
    public void Dispose()
    {
        _key?.Dispose();
        _ecdh?.Dispose();
    }
}
