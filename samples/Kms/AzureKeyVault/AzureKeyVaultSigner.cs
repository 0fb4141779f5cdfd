using System;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Azure.Security.KeyVault.Keys;
using Azure.Security.KeyVault.Keys.Cryptography;
using Credentials;
using Credentials.Keys;

namespace Credentials.Samples.Kms.AzureKeyVault;

/// <summary>
/// A sample <see cref="ISigner"/> over an Azure Key Vault (or Managed HSM) EC key: the private key never leaves the
/// vault. Supported curves: P-256 (ES256) and P-384 (ES384), software (<c>EC</c>) or HSM-backed (<c>EC-HSM</c>) keys.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="CryptographyClient.SignDataAsync(SignatureAlgorithm, byte[], CancellationToken)"/> hashes the signing
/// input on this machine (SHA-256 for ES256, SHA-384 for ES384) and sends only the digest to the vault.
/// </para>
/// <para>
/// Key Vault's <c>sign</c> operation takes the JOSE algorithm names (<c>ES256</c>, <c>ES384</c>) and already returns
/// an EC signature as the raw <c>r||s</c> concatenation of RFC 7518 section 3.4, not DER (its SDKs convert to DER
/// for platform crypto that wants it, never the other way): no conversion is needed, only a length check.
/// </para>
/// <para>
/// The signer is pinned to one key version, the one whose public key is <see cref="PublicJwk"/>; a rotated key is a
/// new signer. The identity needs the <c>keys/get</c> and <c>keys/sign</c> permissions (RBAC: Key Vault Crypto User).
/// </para>
/// </remarks>
public sealed class AzureKeyVaultSigner : IPublicKeySigner
{
    private readonly CryptographyClient _crypto;
    private readonly SignatureAlgorithm _signatureAlgorithm;

    private AzureKeyVaultSigner(CryptographyClient crypto, Uri keyVersionId, JwsAlgorithm algorithm, SignatureAlgorithm signatureAlgorithm, Jwk publicJwk, string? keyId)
    {
        _crypto = crypto;
        _signatureAlgorithm = signatureAlgorithm;
        KeyVersionId = keyVersionId;
        Algorithm = algorithm;
        PublicJwk = publicJwk;
        KeyId = keyId;
    }

    /// <inheritdoc />
    public JwsAlgorithm Algorithm { get; }

    /// <inheritdoc />
    public string? KeyId { get; }

    /// <summary>The vault key's public key as a JWK (with <see cref="KeyId"/> as <c>kid</c> when set).</summary>
    public Jwk PublicJwk { get; }

    /// <summary>The versioned key identifier every signature is made with (<c>https://{vault}/keys/{name}/{version}</c>).</summary>
    public Uri KeyVersionId { get; }

    /// <summary>Reads the key from the vault and returns a signer pinned to its version.</summary>
    /// <param name="keyClient">The vault's key client (its URI, credential and options); the caller keeps ownership.</param>
    /// <param name="keyName">The key's name.</param>
    /// <param name="keyVersion">The key version; the current version when omitted (and then pinned).</param>
    /// <param name="keyId">The JWS <c>kid</c> to sign under (for example the DID URL of the verification method), or none.</param>
    /// <param name="cancellationToken">Cancels the vault call.</param>
    /// <exception cref="NotSupportedException">The key is not an EC P-256 or P-384 key (RSA, P-256K, P-521, oct), or may not sign.</exception>
    /// <exception cref="InvalidOperationException">The key is disabled.</exception>
    /// <exception cref="CryptographicException">The vault returned a public key that is not a valid point of its curve.</exception>
    public static async Task<AzureKeyVaultSigner> CreateAsync(KeyClient keyClient, string keyName, string? keyVersion = null, string? keyId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyClient);
        ArgumentException.ThrowIfNullOrEmpty(keyName);

        KeyVaultKey key = await keyClient.GetKeyAsync(keyName, keyVersion, cancellationToken).ConfigureAwait(false);
        var web = key.Key;
        if (web.KeyType != KeyType.Ec && web.KeyType != KeyType.EcHsm)
        {
            throw new NotSupportedException($"The vault key is of type {web.KeyType}; credentials are signed with EC keys (P-256 or P-384).");
        }

        var (algorithm, signatureAlgorithm, crv) =
            web.CurveName == KeyCurveName.P256 ? (JwsAlgorithm.Es256, SignatureAlgorithm.ES256, JwkCurves.P256)
            : web.CurveName == KeyCurveName.P384 ? (JwsAlgorithm.Es384, SignatureAlgorithm.ES384, JwkCurves.P384)
            : throw new NotSupportedException($"The vault key's curve {web.CurveName} cannot sign credentials here; use P-256 or P-384.");

        if (web.KeyOps is { Count: > 0 } ops && !ops.Contains(KeyOperation.Sign))
        {
            throw new NotSupportedException("The vault key does not permit the 'sign' operation.");
        }

        if (key.Properties.Enabled is false)
        {
            throw new InvalidOperationException("The vault key is disabled.");
        }

        var jwk = new Jwk { Kty = JwkKeyTypes.EC, Crv = crv, X = Base64Url(web.X), Y = Base64Url(web.Y), Kid = keyId };
        try
        {
            // The platform checks the point is on the curve before the key is used or published.
            PublicKeyInfo.FromJwk(jwk);
        }
        catch (ArgumentException ex)
        {
            throw new CryptographicException("The vault returned an invalid EC public key.", ex);
        }

        var crypto = keyClient.GetCryptographyClient(key.Name, key.Properties.Version);
        return new AzureKeyVaultSigner(crypto, key.Id, algorithm, signatureAlgorithm, jwk, keyId);
    }

    /// <inheritdoc />
    /// <exception cref="CryptographicException">The vault returned a signature that is not <c>r||s</c> of the curve's size.</exception>
    public async ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> signingInput, CancellationToken cancellationToken = default)
    {
        // A cancelled issuance sends nothing to the vault.
        cancellationToken.ThrowIfCancellationRequested();
        SignResult result = await _crypto.SignDataAsync(_signatureAlgorithm, signingInput.ToArray(), cancellationToken).ConfigureAwait(false);
        var signature = result.Signature;
        if (signature is null || signature.Length != Algorithm.SignatureSize)
        {
            // Never pass on something else (a DER signature from a proxy, a truncated value) as a JWS signature.
            throw new CryptographicException($"The vault returned a {Algorithm.Name} signature of {signature?.Length ?? 0} bytes, not {Algorithm.SignatureSize}.");
        }

        return signature;
    }

    private static string Base64Url(byte[]? value)
        => value is { Length: > 0 } ? System.Buffers.Text.Base64Url.EncodeToString(value) : throw new CryptographicException("The vault key has no public coordinates.");
}
