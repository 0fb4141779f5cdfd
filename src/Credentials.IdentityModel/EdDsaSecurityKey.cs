using System;
using System.Globalization;
using Credentials.Internal;
using Credentials.Jose;
using Credentials.Keys;
using Microsoft.IdentityModel.Tokens;

namespace Credentials.IdentityModel;

/// <summary>
/// An Ed25519 key for Microsoft.IdentityModel (JWS <c>EdDSA</c>, RFC 8037, and the fully specified <c>Ed25519</c>,
/// RFC 9864), wrapping a Credentials <see cref="Keys.SigningKey"/> or <see cref="Keys.VerificationKey"/>.
/// </summary>
/// <remarks>
/// IdentityModel has no EdDSA of its own. This key's <see cref="SecurityKey.CryptoProviderFactory"/> is
/// <see cref="CredentialsCryptoProviderFactory.Shared"/>, so <c>JsonWebTokenHandler</c> signs and validates with it
/// without further configuration; the signatures are made and checked by NSec through the wrapped key. The wrapped key is
/// not owned: dispose it yourself when no handler uses this key any more.
/// </remarks>
public sealed class EdDsaSecurityKey : SecurityKey
{
    /// <summary>Wraps a private Ed25519 key; the security key can sign and verify.</summary>
    /// <param name="signingKey">An Ed25519 signing key (<see cref="JwsAlgorithm.EdDsa"/> or <see cref="JwsAlgorithm.Ed25519"/>).</param>
    /// <exception cref="ArgumentException">The key is not an Ed25519 key.</exception>
    public EdDsaSecurityKey(SigningKey signingKey)
    {
        ArgumentNullException.ThrowIfNull(signingKey);
        if (!IsEd25519(signingKey.PublicJwk))
        {
            throw new ArgumentException($"EdDsaSecurityKey needs an Ed25519 key, not {signingKey.Algorithm.Name}.", nameof(signingKey));
        }

        SigningKey = signingKey;
        VerificationKey = signingKey.GetVerificationKey();
        Init();
    }

    /// <summary>Wraps a public Ed25519 key; the security key can only verify.</summary>
    /// <param name="verificationKey">An Ed25519 verification key.</param>
    /// <exception cref="ArgumentException">The key is not an Ed25519 key.</exception>
    public EdDsaSecurityKey(VerificationKey verificationKey)
    {
        ArgumentNullException.ThrowIfNull(verificationKey);
        if (!IsEd25519(verificationKey.Jwk))
        {
            throw new ArgumentException($"EdDsaSecurityKey needs an Ed25519 key, not {verificationKey.Jwk.Kty} {verificationKey.Jwk.Crv}.", nameof(verificationKey));
        }

        VerificationKey = verificationKey;
        Init();
    }

    /// <summary>The wrapped private key, or <see langword="null"/> for a verification-only key.</summary>
    public SigningKey? SigningKey { get; }

    /// <summary>The wrapped public key.</summary>
    public VerificationKey VerificationKey { get; }

    /// <summary>The public key as a Credentials <see cref="Jwk"/> (with <c>kid</c> when set).</summary>
    public Jwk PublicJwk => VerificationKey.Jwk;

    /// <summary>Whether this key can sign (wraps a <see cref="Keys.SigningKey"/>).</summary>
    public bool HasPrivateKey => SigningKey is not null;

    /// <summary>The key size in bits: 256 for Ed25519.</summary>
    public override int KeySize => 256;

    /// <summary>Whether the algorithm is <c>EdDSA</c> or <c>Ed25519</c>.</summary>
    /// <param name="algorithm">The JWS <c>alg</c> value.</param>
    /// <returns><see langword="true"/> for the Ed25519 algorithms.</returns>
    public override bool IsSupportedAlgorithm(string algorithm) => CredentialsCryptoProviderFactory.IsEdDsaAlgorithm(algorithm);

    /// <summary>Ed25519 keys always have an RFC 7638 thumbprint.</summary>
    /// <returns><see langword="true"/>.</returns>
    public override bool CanComputeJwkThumbprint() => true;

    /// <summary>The RFC 7638 SHA-256 thumbprint of the public key as raw bytes (IdentityModel's convention).</summary>
    /// <returns>The 32-byte SHA-256 digest.</returns>
    public override byte[] ComputeJwkThumbprint()
        => StrictBase64Url.TryDecode(PublicJwk.ComputeThumbprint().AsSpan()) ?? throw new InvalidOperationException("The thumbprint is not base64url.");

    /// <summary>A description without key material.</summary>
    /// <returns>The type, key id and whether the key is private.</returns>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"EdDsaSecurityKey(Ed25519{(KeyId is null ? string.Empty : " kid=" + KeyId)}{(HasPrivateKey ? " private" : string.Empty)})");

    private void Init()
    {
        KeyId = PublicJwk.Kid;
        CryptoProviderFactory = CredentialsCryptoProviderFactory.Shared;
    }

    internal static bool IsEd25519(Jwk jwk) => jwk.Kty == JwkKeyTypes.Okp && jwk.Crv == JwkCurves.Ed25519;
}
