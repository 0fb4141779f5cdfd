using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Internal;

namespace Credentials.Keys;

/// <summary>
/// An <see cref="ISigner"/> over a platform <see cref="ECDsa"/> private key: P-256 signs ES256 and P-384 signs ES384
/// (RFC 7518 section 3.4), with the raw <c>r||s</c> signature JOSE requires. Use it for a key that already lives in an
/// <see cref="ECDsa"/> (a certificate's key, a key from the platform store, a key another library produced).
/// Thread-safe. Dispose it to release the key when it owns it.
/// </summary>
/// <remarks>
/// <para>Ownership: the constructor takes ownership of the <see cref="ECDsa"/> by default (<c>ownsKey</c>), so
/// disposing the signer disposes the key; pass <see langword="false"/> to keep the key's lifetime with the caller, who
/// must then keep it alive while the signer is in use. <see cref="FromCertificate"/> always gives the signer its own
/// key object, so disposing the signer never affects the certificate.</para>
/// <para>RSA is not offered, by design: the profiles this library implements sign with EC or EdDSA keys. P-521
/// (ES512) is refused because the library's verifiers do not verify it.</para>
/// </remarks>
public sealed class EcdsaSigner : IPublicKeySigner, IDisposable
{
    private readonly ECDsa _ecdsa;
    private readonly bool _ownsKey;

    /// <summary>Wraps an ECDSA private key.</summary>
    /// <param name="ecdsa">The private key, on P-256 or P-384.</param>
    /// <param name="keyId">An optional key id for the JWS <c>kid</c> header (also the public JWK's <c>kid</c>).</param>
    /// <param name="ownsKey">Whether disposing the signer disposes <paramref name="ecdsa"/>. Default <see langword="true"/>.</param>
    /// <exception cref="ArgumentException">The key has no private part, or is not on P-256 or P-384.</exception>
    public EcdsaSigner(ECDsa ecdsa, string? keyId = null, bool ownsKey = true)
    {
        ArgumentNullException.ThrowIfNull(ecdsa);
        (Algorithm, PublicJwk) = Describe(ecdsa, keyId, nameof(ecdsa));
        _ecdsa = ecdsa;
        ProbePrivateKey();
        _ownsKey = ownsKey;
        KeyId = keyId;
    }

    /// <inheritdoc />
    public JwsAlgorithm Algorithm { get; }

    /// <inheritdoc />
    public string? KeyId { get; }

    /// <summary>The public key as a JWK (carries <see cref="KeyId"/> as <c>kid</c> when set).</summary>
    public Jwk PublicJwk { get; }

    /// <summary>
    /// A signer over the private key of an X.509 certificate (for example one loaded from a PFX with its key).
    /// The signer holds its own handle to the key: dispose the signer and the certificate independently.
    /// </summary>
    /// <param name="certificate">A certificate with an EC private key on P-256 or P-384.</param>
    /// <param name="keyId">An optional key id for the JWS <c>kid</c> header.</param>
    /// <returns>The signer.</returns>
    /// <exception cref="ArgumentException">The certificate has no private key, or its key is RSA, DSA or another type that is not EC P-256 or P-384.</exception>
    public static EcdsaSigner FromCertificate(X509Certificate2 certificate, string? keyId = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException("The certificate has no private key.", nameof(certificate));
        }

        if (!string.Equals(certificate.PublicKey.Oid.Value, X509PublicKeys.EcPublicKeyOid, StringComparison.Ordinal))
        {
            // RSA and any other key type are refused by design (see the remarks).
            throw new ArgumentException("The certificate's key is not an EC key; only ECDSA P-256 and P-384 keys can sign.", nameof(certificate));
        }

        ECDsa? ecdsa;
        try
        {
            ecdsa = certificate.GetECDsaPrivateKey();
        }
        catch (CryptographicException ex)
        {
            throw new ArgumentException("The certificate's private key cannot be used.", nameof(certificate), ex);
        }

        if (ecdsa is null)
        {
            throw new ArgumentException("The certificate has no ECDSA private key.", nameof(certificate));
        }

        try
        {
            return new EcdsaSigner(ecdsa, keyId, ownsKey: true);
        }
        catch
        {
            ecdsa.Dispose();
            throw;
        }
    }

    /// <summary>Signs data synchronously.</summary>
    /// <param name="data">The data (JWS signing input).</param>
    /// <returns>The raw <c>r||s</c> signature of <see cref="JwsAlgorithm.SignatureSize"/> bytes.</returns>
    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        var signature = new byte[Algorithm.SignatureSize];

        // RFC 7518 section 3.4: JOSE ECDSA signatures are the fixed-length concatenation r||s, never DER.
        if (!_ecdsa.TrySignData(data, signature, Algorithm.Hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation, out var written)
            || written != signature.Length)
        {
            throw new CryptographicException("ECDSA signing failed.");
        }

        return signature;
    }

    /// <inheritdoc />
    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> signingInput, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Sign(signingInput.Span));
    }

    // A public-only key (or one whose private part the platform cannot use) is a programmer error: say so now, not at
    // the first issuance.
    private void ProbePrivateKey()
    {
        try
        {
            Span<byte> probe = stackalloc byte[1];
            Sign(probe);
        }
        catch (CryptographicException ex)
        {
            throw new ArgumentException("The ECDSA key has no usable private key.", "ecdsa", ex);
        }
    }

    /// <summary>Whether this signer's public key is the one in <paramref name="certificate"/>.</summary>
    /// <param name="certificate">A certificate.</param>
    internal bool Matches(X509Certificate2 certificate) => PublicKeyMatches(PublicJwk, certificate);

    /// <summary>Whether <paramref name="jwk"/> is the EC public key of <paramref name="certificate"/>.</summary>
    internal static bool PublicKeyMatches(Jwk jwk, X509Certificate2 certificate)
    {
        var certificateJwk = X509PublicKeys.TryGetEcJwk(certificate) ?? X509PublicKeys.TryGetEd25519Jwk(certificate);
        return certificateJwk is not null
            && string.Equals(certificateJwk.Kty, jwk.Kty, StringComparison.Ordinal)
            && string.Equals(certificateJwk.Crv, jwk.Crv, StringComparison.Ordinal)
            && string.Equals(certificateJwk.X, jwk.X, StringComparison.Ordinal)
            && string.Equals(certificateJwk.Y, jwk.Y, StringComparison.Ordinal);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsKey)
        {
            _ecdsa.Dispose();
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"EcdsaSigner({Algorithm.Name}{(KeyId is null ? string.Empty : " kid=" + KeyId)})";

    private static (JwsAlgorithm Algorithm, Jwk PublicJwk) Describe(ECDsa ecdsa, string? keyId, string parameterName)
    {
        ECParameters parameters;
        try
        {
            // The public half only: the private scalar is never exported (it may not be exportable at all).
            parameters = ecdsa.ExportParameters(includePrivateParameters: false);
        }
        catch (CryptographicException ex)
        {
            throw new ArgumentException("The ECDSA key cannot be read.", parameterName, ex);
        }

        var oid = parameters.Curve.IsNamed ? parameters.Curve.Oid : null;
        var algorithm = (oid?.Value, oid?.FriendlyName) switch
        {
            (X509PublicKeys.P256Oid, _) or (_, "nistP256" or "ECDSA_P256") => JwsAlgorithm.Es256,
            (X509PublicKeys.P384Oid, _) or (_, "nistP384" or "ECDSA_P384") => JwsAlgorithm.Es384,
            _ => throw new ArgumentException("The ECDSA key must be on P-256 or P-384.", parameterName),
        };

        var size = algorithm.SignatureSize / 2;
        if (parameters.Q.X is not { } x || parameters.Q.Y is not { } y || x.Length != size || y.Length != size)
        {
            throw new ArgumentException("The ECDSA key has no valid public point.", parameterName);
        }

        var jwk = new Jwk
        {
            Kty = JwkKeyTypes.EC,
            Crv = algorithm.Curve,
            X = StrictBase64Url.Encode(x),
            Y = StrictBase64Url.Encode(y),
            Kid = keyId,
        };
        return (algorithm, jwk);
    }
}
