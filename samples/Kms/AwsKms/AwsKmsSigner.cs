using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Credentials;
using Credentials.Keys;

namespace Credentials.Samples.Kms.AwsKms;

/// <summary>
/// A sample <see cref="ISigner"/> over an AWS KMS asymmetric signing key: the private key never leaves KMS. Supported
/// key specs: <c>ECC_NIST_P256</c> (ES256), <c>ECC_NIST_P384</c> (ES384) and <c>ECC_NIST_EDWARDS25519</c> (EdDSA).
/// </summary>
/// <remarks>
/// <para>
/// ECDSA: the signing input is hashed here and KMS signs the digest (<see cref="MessageType.DIGEST"/>), so a large
/// SD-JWT costs one small request; KMS answers with a DER <c>ECDSA-Sig-Value</c>, which
/// <see cref="EcdsaSignatureEncoding.DerToJose"/> turns into the <c>r||s</c> form JWS needs (RFC 7518 section 3.4).
/// </para>
/// <para>
/// Ed25519: KMS signs the message itself (<c>ED25519_SHA_512</c> with <see cref="MessageType.RAW"/>, pure EdDSA as in
/// RFC 8032); KMS takes at most 4096 bytes of raw message, so a longer signing input is refused before any call.
/// </para>
/// <para>
/// The key is pinned when the signer is created: an alias is resolved to its key ARN, and every signature is made by
/// that key, whose public key is <see cref="PublicJwk"/>. Publish that JWK (issuer metadata, a DID document) before
/// issuing with it. IAM needs <c>kms:GetPublicKey</c> and <c>kms:Sign</c> on the key.
/// </para>
/// </remarks>
public sealed class AwsKmsSigner : IPublicKeySigner
{
    /// <summary>The most bytes KMS accepts as a raw message to sign.</summary>
    public const int MaxRawMessageLength = 4096;

    private readonly IAmazonKeyManagementService _kms;
    private readonly string _keyArn;
    private readonly SigningAlgorithmSpec _signingAlgorithm;

    private AwsKmsSigner(IAmazonKeyManagementService kms, string keyArn, JwsAlgorithm algorithm, SigningAlgorithmSpec signingAlgorithm, Jwk publicJwk, string? keyId)
    {
        _kms = kms;
        _keyArn = keyArn;
        _signingAlgorithm = signingAlgorithm;
        Algorithm = algorithm;
        PublicJwk = publicJwk;
        KeyId = keyId;
    }

    /// <inheritdoc />
    public JwsAlgorithm Algorithm { get; }

    /// <inheritdoc />
    public string? KeyId { get; }

    /// <summary>The KMS key's public key as a JWK (with <see cref="KeyId"/> as <c>kid</c> when set).</summary>
    public Jwk PublicJwk { get; }

    /// <summary>The ARN of the KMS key every signature is made with (an alias given to <see cref="CreateAsync"/> resolved).</summary>
    public string KeyArn => _keyArn;

    /// <summary>Reads the key's public key and spec from KMS and returns a signer pinned to that key.</summary>
    /// <param name="kms">The KMS client (its region and credentials); the caller keeps ownership.</param>
    /// <param name="kmsKeyId">The key: id, ARN, alias name (<c>alias/…</c>) or alias ARN.</param>
    /// <param name="keyId">The JWS <c>kid</c> to sign under (for example the DID URL of the verification method), or none.</param>
    /// <param name="cancellationToken">Cancels the KMS call.</param>
    /// <exception cref="NotSupportedException">The key is not a signing key of a supported spec (RSA, secp256k1, P-521, HMAC, ML-DSA…).</exception>
    /// <exception cref="CryptographicException">KMS returned a public key that is not a valid SubjectPublicKeyInfo of its spec.</exception>
    public static async Task<AwsKmsSigner> CreateAsync(IAmazonKeyManagementService kms, string kmsKeyId, string? keyId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kms);
        ArgumentException.ThrowIfNullOrEmpty(kmsKeyId);

        var response = await kms.GetPublicKeyAsync(new GetPublicKeyRequest { KeyId = kmsKeyId }, cancellationToken).ConfigureAwait(false);
        if (response.KeyUsage != KeyUsageType.SIGN_VERIFY)
        {
            throw new NotSupportedException($"The KMS key's usage is {response.KeyUsage}, not SIGN_VERIFY.");
        }

        var spec = response.KeySpec;
        var (algorithm, signingAlgorithm, crv) =
            spec == KeySpec.ECC_NIST_P256 ? (JwsAlgorithm.Es256, SigningAlgorithmSpec.ECDSA_SHA_256, JwkCurves.P256)
            : spec == KeySpec.ECC_NIST_P384 ? (JwsAlgorithm.Es384, SigningAlgorithmSpec.ECDSA_SHA_384, JwkCurves.P384)
            : spec == KeySpec.ECC_NIST_EDWARDS25519 ? (JwsAlgorithm.EdDsa, SigningAlgorithmSpec.ED25519_SHA_512, JwkCurves.Ed25519)
            : throw new NotSupportedException($"The KMS key spec {spec} cannot sign credentials here; use ECC_NIST_P256, ECC_NIST_P384 or ECC_NIST_EDWARDS25519.");

        if (response.SigningAlgorithms is { Count: > 0 } offered && !offered.Contains(signingAlgorithm.Value))
        {
            throw new NotSupportedException($"The KMS key does not offer {signingAlgorithm}.");
        }

        var jwk = PublicKeyInfo.ToJwk(response.PublicKey.ToArray());
        if (!string.Equals(jwk.Crv, crv, StringComparison.Ordinal))
        {
            throw new CryptographicException($"KMS reported key spec {spec} but returned a {jwk.Crv} public key.");
        }

        return new AwsKmsSigner(kms, response.KeyId ?? kmsKeyId, algorithm, signingAlgorithm, jwk with { Kid = keyId }, keyId);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">An Ed25519 key's signing input is longer than <see cref="MaxRawMessageLength"/>.</exception>
    /// <exception cref="CryptographicException">KMS returned a signature that is not of the key's form.</exception>
    public async ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> signingInput, CancellationToken cancellationToken = default)
    {
        // A cancelled issuance sends nothing to KMS.
        cancellationToken.ThrowIfCancellationRequested();
        MessageType messageType;
        byte[] message;
        if (Algorithm == JwsAlgorithm.EdDsa)
        {
            if (signingInput.Length > MaxRawMessageLength)
            {
                throw new ArgumentException($"KMS signs at most {MaxRawMessageLength} bytes with an Ed25519 key; this JWS signing input has {signingInput.Length}.", nameof(signingInput));
            }

            (messageType, message) = (MessageType.RAW, signingInput.ToArray());
        }
        else
        {
            // KMS signs the digest as given: it must be the hash the JWS algorithm names (RFC 7518 section 3.4).
            message = Algorithm == JwsAlgorithm.Es384 ? SHA384.HashData(signingInput.Span) : SHA256.HashData(signingInput.Span);
            messageType = MessageType.DIGEST;
        }

        using var stream = new MemoryStream(message, writable: false);
        var request = new SignRequest { KeyId = _keyArn, Message = stream, MessageType = messageType, SigningAlgorithm = _signingAlgorithm };
        var response = await _kms.SignAsync(request, cancellationToken).ConfigureAwait(false);
        var signature = response.Signature?.ToArray() ?? throw new CryptographicException("KMS returned no signature.");
        if (Algorithm == JwsAlgorithm.EdDsa)
        {
            return signature.Length == Algorithm.SignatureSize ? signature : throw new CryptographicException("KMS returned an Ed25519 signature of the wrong length.");
        }

        return EcdsaSignatureEncoding.DerToJose(signature, Algorithm);
    }
}
