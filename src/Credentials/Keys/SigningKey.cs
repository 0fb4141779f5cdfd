using System;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Internal;
using Credentials.Jose;
using NSec.Cryptography;

namespace Credentials.Keys;

/// <summary>
/// An in-memory private signing key: Ed25519 through NSec, ECDSA P-256, P-384 and secp256k1 through
/// System.Security.Cryptography. Implements <see cref="ISigner"/>. Dispose it to release the key.
/// </summary>
public sealed class SigningKey : IPublicKeySigner, IDisposable
{
    private readonly Key? _ed25519;
    private readonly ECDsa? _ecdsa;
    private VerificationKey? _verificationKey;

    private SigningKey(JwsAlgorithm algorithm, Jwk publicJwk, Key? ed25519, ECDsa? ecdsa, string? keyId)
    {
        Algorithm = algorithm;
        PublicJwk = publicJwk;
        _ed25519 = ed25519;
        _ecdsa = ecdsa;
        KeyId = keyId;
    }

    /// <inheritdoc />
    public JwsAlgorithm Algorithm { get; }

    /// <inheritdoc />
    public string? KeyId { get; }

    /// <summary>The public key as a JWK (carries <see cref="KeyId"/> as <c>kid</c> when set).</summary>
    public Jwk PublicJwk { get; }

    /// <summary>The platform ECDSA key, for X.509 certificate signing; <see langword="null"/> for Ed25519.</summary>
    internal ECDsa? Ecdsa => _ecdsa;

    /// <summary>Creates a new random key for the algorithm.</summary>
    /// <param name="algorithm">The algorithm, for example <see cref="JwsAlgorithm.EdDsa"/>.</param>
    /// <param name="keyId">An optional key id for the JWS <c>kid</c> header.</param>
    /// <exception cref="PlatformNotSupportedException">The platform does not support the curve (secp256k1 on some systems).</exception>
    public static SigningKey Create(JwsAlgorithm algorithm, string? keyId = null)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        if (algorithm.IsEdDsa)
        {
            var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
            var x = StrictBase64Url.Encode(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
            var jwk = new Jwk { Kty = JwkKeyTypes.Okp, Crv = JwkCurves.Ed25519, X = x, Kid = keyId };
            return new SigningKey(algorithm, jwk, key, null, keyId);
        }

        if (!EcCurves.TryGet(algorithm.Curve, out var curve, out _))
        {
            throw new PlatformNotSupportedException($"The curve {algorithm.Curve} is not supported on this platform.");
        }

        var ecdsa = ECDsa.Create(curve);
        var parameters = ecdsa.ExportParameters(false);
        var ecJwk = new Jwk
        {
            Kty = JwkKeyTypes.EC,
            Crv = algorithm.Curve,
            X = StrictBase64Url.Encode(parameters.Q.X),
            Y = StrictBase64Url.Encode(parameters.Q.Y),
            Kid = keyId,
        };
        return new SigningKey(algorithm, ecJwk, null, ecdsa, keyId);
    }

    /// <summary>Imports a private key from a JWK (configuration or a key file).</summary>
    /// <param name="privateJwk">A JWK with <c>d</c>.</param>
    /// <param name="algorithm">The algorithm; defaults to the JWK's <c>alg</c> or the curve's algorithm.</param>
    /// <exception cref="ArgumentException">The JWK has no private key, or is invalid, or does not match the algorithm.</exception>
    public static SigningKey FromJwk(Jwk privateJwk, JwsAlgorithm? algorithm = null)
    {
        ArgumentNullException.ThrowIfNull(privateJwk);
        if (privateJwk.D is null)
        {
            throw new ArgumentException("The JWK has no private key ('d').", nameof(privateJwk));
        }

        if (algorithm is null && !JwsAlgorithm.TryGet(privateJwk.Alg, out algorithm) && !JwsAlgorithm.TryGetForCurve(privateJwk.Crv, out algorithm))
        {
            throw new ArgumentException($"No signature algorithm for curve '{privateJwk.Crv}'.", nameof(privateJwk));
        }

        if (algorithm.KeyType != privateJwk.Kty || !algorithm.IsCompatibleWithCurve(privateJwk.Crv))
        {
            throw new ArgumentException($"The key ({privateJwk.Kty} {privateJwk.Crv}) cannot sign {algorithm.Name}.", nameof(privateJwk));
        }

        // RFC 7517 sections 4.2 to 4.4: a JWK that states its algorithm, use or operations allows only those.
        if (!privateJwk.PermitsSigning(algorithm))
        {
            throw new ArgumentException($"The JWK's 'alg', 'use' or 'key_ops' does not allow signing with {algorithm.Name}.", nameof(privateJwk));
        }

        // The public half verifies; the private JWK's key_ops (sign) does not describe it.
        privateJwk = privateJwk with { KeyOps = null };

        var d = StrictBase64Url.TryDecode(privateJwk.D.AsSpan()) ?? throw new ArgumentException("The JWK 'd' is not base64url.", nameof(privateJwk));
        try
        {
            if (algorithm.IsEdDsa)
            {
                var key = Key.Import(SignatureAlgorithm.Ed25519, d, KeyBlobFormat.RawPrivateKey, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
                var x = StrictBase64Url.Encode(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
                if (privateJwk.X is not null && !string.Equals(privateJwk.X, x, StringComparison.Ordinal))
                {
                    key.Dispose();
                    throw new ArgumentException("The JWK 'x' does not match its private key.", nameof(privateJwk));
                }

                return new SigningKey(algorithm, privateJwk.ToPublic() with { X = x }, key, null, privateJwk.Kid);
            }

            if (!EcCurves.TryGet(algorithm.Curve, out var curve, out _))
            {
                throw new PlatformNotSupportedException($"The curve {algorithm.Curve} is not supported on this platform.");
            }

            var parameters = new ECParameters
            {
                Curve = curve,
                D = d,
                Q = new ECPoint
                {
                    X = privateJwk.X is null ? null : StrictBase64Url.TryDecode(privateJwk.X.AsSpan()),
                    Y = privateJwk.Y is null ? null : StrictBase64Url.TryDecode(privateJwk.Y.AsSpan()),
                },
            };
            var ecdsa = ECDsa.Create(parameters);
            return new SigningKey(algorithm, privateJwk.ToPublic(), null, ecdsa, privateJwk.Kid);
        }
        catch (CryptographicException ex)
        {
            throw new ArgumentException("The JWK is not a valid private key.", nameof(privateJwk), ex);
        }
    }

    /// <summary>Exports the private key as a JWK. Handle the result as a secret.</summary>
    public Jwk ExportPrivateJwk()
    {
        if (_ed25519 is not null)
        {
            return PublicJwk with { D = StrictBase64Url.Encode(_ed25519.Export(KeyBlobFormat.RawPrivateKey)) };
        }

        var parameters = _ecdsa!.ExportParameters(true);
        try
        {
            return PublicJwk with { D = StrictBase64Url.Encode(parameters.D) };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
        }
    }

    /// <summary>The matching public key, imported once.</summary>
    public VerificationKey GetVerificationKey() => _verificationKey ??= VerificationKey.Create(PublicJwk);

    /// <summary>Signs data synchronously.</summary>
    /// <param name="data">The data (JWS signing input).</param>
    /// <returns>The signature (raw <c>r||s</c> for ECDSA).</returns>
    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        var signature = new byte[Algorithm.SignatureSize];
        Sign(data, signature);
        return signature;
    }

    /// <summary>Signs data into a buffer of exactly <see cref="JwsAlgorithm.SignatureSize"/> bytes.</summary>
    /// <param name="data">The data.</param>
    /// <param name="signature">The destination.</param>
    /// <exception cref="ArgumentException">The destination has the wrong size.</exception>
    public void Sign(ReadOnlySpan<byte> data, Span<byte> signature)
    {
        if (signature.Length != Algorithm.SignatureSize)
        {
            throw new ArgumentException($"The signature buffer must be {Algorithm.SignatureSize} bytes.", nameof(signature));
        }

        if (_ed25519 is not null)
        {
            SignatureAlgorithm.Ed25519.Sign(_ed25519, data, signature);
            return;
        }

        if (!_ecdsa!.TrySignData(data, signature, Algorithm.Hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation, out var written) || written != signature.Length)
        {
            throw new CryptographicException("ECDSA signing failed.");
        }
    }

    /// <inheritdoc />
    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> signingInput, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Sign(signingInput.Span));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _ed25519?.Dispose();
        _ecdsa?.Dispose();
        _verificationKey?.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"SigningKey({Algorithm.Name}{(KeyId is null ? string.Empty : " kid=" + KeyId)})";
}
