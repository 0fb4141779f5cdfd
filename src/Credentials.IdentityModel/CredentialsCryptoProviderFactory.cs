using System;
using Credentials.Jose;
using Credentials.Keys;
using Microsoft.IdentityModel.Tokens;

namespace Credentials.IdentityModel;

/// <summary>
/// A <see cref="CryptoProviderFactory"/> that adds the Ed25519 JWS algorithms (<c>EdDSA</c>, RFC 8037, and the fully
/// specified <c>Ed25519</c>, RFC 9864) to IdentityModel, so <c>JsonWebTokenHandler</c> can create and validate
/// Ed25519-signed JWTs. Every other algorithm is left to IdentityModel.
/// </summary>
/// <remarks>
/// <para>
/// Ed25519 keys may be an <see cref="EdDsaSecurityKey"/> (which uses <see cref="Shared"/> by default) or a
/// <see cref="JsonWebKey"/> with <c>kty</c> <c>OKP</c> and <c>crv</c> <c>Ed25519</c>; for the latter set this factory as
/// <c>TokenValidationParameters.CryptoProviderFactory</c> or <c>SigningCredentials.CryptoProviderFactory</c>.
/// The signature providers delegate to <see cref="SigningKey"/> and <see cref="VerificationKey"/> (NSec underneath); no
/// cryptography is implemented here.
/// </para>
/// <para>
/// Which algorithms a token may use is still the validator's choice: set <c>TokenValidationParameters.ValidAlgorithms</c>
/// (RFC 8725 section 3.1).
/// </para>
/// </remarks>
public sealed class CredentialsCryptoProviderFactory : CryptoProviderFactory
{
    /// <summary>A shared instance; the factory is stateless and thread-safe.</summary>
    public static CredentialsCryptoProviderFactory Shared { get; } = new();

    /// <summary>Whether <paramref name="algorithm"/> is <c>EdDSA</c> or <c>Ed25519</c> (case-sensitive, as in JOSE).</summary>
    /// <param name="algorithm">The JWS <c>alg</c> value.</param>
    /// <returns><see langword="true"/> for the Ed25519 algorithms.</returns>
    public static bool IsEdDsaAlgorithm(string? algorithm)
        => string.Equals(algorithm, JwsAlgorithm.EdDsa.Name, StringComparison.Ordinal)
        || string.Equals(algorithm, JwsAlgorithm.Ed25519.Name, StringComparison.Ordinal);

    /// <summary>Whether the algorithm is supported: the Ed25519 algorithms here, anything else as IdentityModel decides.</summary>
    /// <param name="algorithm">The JWS <c>alg</c> value.</param>
    /// <returns><see langword="true"/> when supported.</returns>
    public override bool IsSupportedAlgorithm(string algorithm)
        => IsEdDsaAlgorithm(algorithm) || base.IsSupportedAlgorithm(algorithm);

    /// <summary>
    /// Whether the algorithm is supported with the key: <c>EdDSA</c>/<c>Ed25519</c> with an <see cref="EdDsaSecurityKey"/>
    /// or an Ed25519 <see cref="JsonWebKey"/>; anything else as IdentityModel decides.
    /// </summary>
    /// <param name="algorithm">The JWS <c>alg</c> value.</param>
    /// <param name="key">The key.</param>
    /// <returns><see langword="true"/> when supported.</returns>
    public override bool IsSupportedAlgorithm(string algorithm, SecurityKey key)
    {
        if (!IsEdDsaAlgorithm(algorithm))
        {
            return base.IsSupportedAlgorithm(algorithm, key);
        }

        return key is EdDsaSecurityKey || IsEd25519JsonWebKey(key);
    }

    /// <summary>Creates a provider that signs; Ed25519 algorithms are handled here, others by IdentityModel.</summary>
    /// <param name="key">The private key.</param>
    /// <param name="algorithm">The JWS <c>alg</c> value.</param>
    /// <returns>A signature provider; release it with <see cref="ReleaseSignatureProvider"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    /// <exception cref="NotSupportedException">An Ed25519 algorithm with a key that is not an Ed25519 key.</exception>
    /// <exception cref="InvalidOperationException">An Ed25519 key without its private part.</exception>
    public override SignatureProvider CreateForSigning(SecurityKey key, string algorithm)
        => CreateForSigning(key, algorithm, CacheSignatureProviders);

    /// <summary>Creates a provider that signs; Ed25519 algorithms are handled here (never cached), others by IdentityModel.</summary>
    /// <param name="key">The private key.</param>
    /// <param name="algorithm">The JWS <c>alg</c> value.</param>
    /// <param name="cacheProvider">Passed to IdentityModel for other algorithms; Ed25519 providers are cheap and not cached.</param>
    /// <returns>A signature provider; release it with <see cref="ReleaseSignatureProvider"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    /// <exception cref="NotSupportedException">An Ed25519 algorithm with a key that is not an Ed25519 key.</exception>
    /// <exception cref="InvalidOperationException">An Ed25519 key without its private part.</exception>
    public override SignatureProvider CreateForSigning(SecurityKey key, string algorithm, bool cacheProvider)
        => IsEdDsaAlgorithm(algorithm) ? CreateEdDsaProvider(key, algorithm, forSigning: true) : base.CreateForSigning(key, algorithm, cacheProvider);

    /// <summary>Creates a provider that verifies; Ed25519 algorithms are handled here, others by IdentityModel.</summary>
    /// <param name="key">The public (or private) key.</param>
    /// <param name="algorithm">The JWS <c>alg</c> value.</param>
    /// <returns>A signature provider; release it with <see cref="ReleaseSignatureProvider"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    /// <exception cref="NotSupportedException">An Ed25519 algorithm with a key that is not an Ed25519 key.</exception>
    public override SignatureProvider CreateForVerifying(SecurityKey key, string algorithm)
        => CreateForVerifying(key, algorithm, CacheSignatureProviders);

    /// <summary>Creates a provider that verifies; Ed25519 algorithms are handled here (never cached), others by IdentityModel.</summary>
    /// <param name="key">The public (or private) key.</param>
    /// <param name="algorithm">The JWS <c>alg</c> value.</param>
    /// <param name="cacheProvider">Passed to IdentityModel for other algorithms; Ed25519 providers are cheap and not cached.</param>
    /// <returns>A signature provider; release it with <see cref="ReleaseSignatureProvider"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    /// <exception cref="NotSupportedException">An Ed25519 algorithm with a key that is not an Ed25519 key.</exception>
    public override SignatureProvider CreateForVerifying(SecurityKey key, string algorithm, bool cacheProvider)
        => IsEdDsaAlgorithm(algorithm) ? CreateEdDsaProvider(key, algorithm, forSigning: false) : base.CreateForVerifying(key, algorithm, cacheProvider);

    /// <summary>Releases a provider: Ed25519 providers are disposed, others go back to IdentityModel.</summary>
    /// <param name="signatureProvider">The provider.</param>
    public override void ReleaseSignatureProvider(SignatureProvider signatureProvider)
    {
        if (signatureProvider is EdDsaSignatureProvider ours)
        {
            ours.Dispose();
            return;
        }

        base.ReleaseSignatureProvider(signatureProvider);
    }

    private static EdDsaSignatureProvider CreateEdDsaProvider(SecurityKey key, string algorithmName, bool forSigning)
    {
        ArgumentNullException.ThrowIfNull(key);
        var algorithm = string.Equals(algorithmName, JwsAlgorithm.Ed25519.Name, StringComparison.Ordinal) ? JwsAlgorithm.Ed25519 : JwsAlgorithm.EdDsa;
        if (key is EdDsaSecurityKey edKey)
        {
            if (forSigning && edKey.SigningKey is null)
            {
                throw new InvalidOperationException("The EdDsaSecurityKey has no private key and cannot sign.");
            }

            return new EdDsaSignatureProvider(key, algorithm, forSigning ? edKey.SigningKey : null, edKey.VerificationKey, owned: null);
        }

        if (IsEd25519JsonWebKey(key))
        {
            var jwk = IdentityModelKeys.ToJwk(key, includePrivateKey: forSigning);
            if (forSigning)
            {
                if (!jwk.HasPrivateKey)
                {
                    throw new InvalidOperationException("The Ed25519 JsonWebKey has no private key ('d') and cannot sign.");
                }

                var signingKey = SigningKey.FromJwk(jwk, algorithm);
                return new EdDsaSignatureProvider(key, algorithm, signingKey, signingKey.GetVerificationKey(), owned: signingKey);
            }

            var verificationKey = VerificationKey.Create(jwk);
            return new EdDsaSignatureProvider(key, algorithm, null, verificationKey, owned: verificationKey);
        }

        throw new NotSupportedException($"The algorithm '{algorithm.Name}' needs an EdDsaSecurityKey or an Ed25519 JsonWebKey, not a {key.GetType().Name}.");
    }

    private static bool IsEd25519JsonWebKey(SecurityKey key)
        => key is JsonWebKey { Kty: JwkKeyTypes.Okp, Crv: JwkCurves.Ed25519 };
}
