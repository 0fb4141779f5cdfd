using System;
using Credentials.Internal;
using NSec.Cryptography;

namespace Credentials.Keys;

/// <summary>
/// An X25519 key-agreement key (RFC 7748, JWK per RFC 8037) through NSec. Dispose it to release the key.
/// </summary>
public sealed class KeyAgreementKey : IDisposable
{
    private readonly Key _key;

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

    /// <summary>The public key as a JWK.</summary>
    public Jwk PublicJwk { get; }

    /// <summary>Creates a new random X25519 key.</summary>
    /// <param name="keyId">An optional key id.</param>
    public static KeyAgreementKey Create(string? keyId = null)
        => new(Key.Create(KeyAgreementAlgorithm.X25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }), keyId);

    /// <summary>Imports a private X25519 key from a JWK.</summary>
    /// <param name="privateJwk">An OKP X25519 JWK with <c>d</c>.</param>
    /// <exception cref="ArgumentException">The JWK is not a private X25519 key, or <c>x</c> does not match.</exception>
    public static KeyAgreementKey FromJwk(Jwk privateJwk)
    {
        ArgumentNullException.ThrowIfNull(privateJwk);
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
        var result = new KeyAgreementKey(key, privateJwk.Kid);
        if (privateJwk.X is not null && !string.Equals(privateJwk.X, result.PublicJwk.X, StringComparison.Ordinal))
        {
            result.Dispose();
            throw new ArgumentException("The JWK 'x' does not match its private key.", nameof(privateJwk));
        }

        return result;
    }

    /// <summary>Exports the private key as a JWK. Handle the result as a secret.</summary>
    public Jwk ExportPrivateJwk() => PublicJwk with { D = StrictBase64Url.Encode(_key.Export(KeyBlobFormat.RawPrivateKey)) };

    /// <summary>
    /// Agrees on a shared secret with a peer's public X25519 key and derives key material from it with HKDF-SHA-256
    /// (the raw shared secret never leaves NSec).
    /// </summary>
    /// <param name="peerPublicJwk">The peer's public X25519 JWK.</param>
    /// <param name="salt">The HKDF salt.</param>
    /// <param name="info">The HKDF info (context binding).</param>
    /// <param name="length">The number of bytes to derive.</param>
    /// <exception cref="ArgumentException">The peer key is not a valid X25519 public key, or agreement fails (a low-order point).</exception>
    public byte[] DeriveSharedKey(Jwk peerPublicJwk, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> info, int length)
    {
        ArgumentNullException.ThrowIfNull(peerPublicJwk);
        if (peerPublicJwk.Kty != JwkKeyTypes.Okp || peerPublicJwk.Crv != JwkCurves.X25519 || peerPublicJwk.X is null)
        {
            throw new ArgumentException("The peer key is not an X25519 public key.", nameof(peerPublicJwk));
        }

        var raw = StrictBase64Url.TryDecode(peerPublicJwk.X.AsSpan());
        if (raw is null || !PublicKey.TryImport(KeyAgreementAlgorithm.X25519, raw, KeyBlobFormat.RawPublicKey, out var peer) || peer is null)
        {
            throw new ArgumentException("The peer key is not a valid X25519 public key.", nameof(peerPublicJwk));
        }

        using var shared = KeyAgreementAlgorithm.X25519.Agree(_key, peer)
            ?? throw new ArgumentException("Key agreement failed for the peer key.", nameof(peerPublicJwk));
        return KeyDerivationAlgorithm.HkdfSha256.DeriveBytes(shared, salt, info, length);
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
