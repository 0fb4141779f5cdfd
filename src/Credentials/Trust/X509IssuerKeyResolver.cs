using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Internal;
using Credentials.Keys;
using Credentials.SdJwt;

namespace Credentials.Trust;

/// <summary>
/// Resolves the issuer key from the JWS <c>x5c</c> header (RFC 7515 section 4.1.6): the chain must build to one of
/// the configured trust anchors (never to a certificate the token brings), the leaf must not be self-signed, and the
/// <c>iss</c> claim must match the leaf's SAN URI, or its SAN DNS name for an HTTPS issuer
/// (draft-ietf-oauth-sd-jwt-vc-25 section 3.5). Never throws for bad input. Thread-safe.
/// </summary>
/// <remarks>Revocation of certificates is not checked (offline by design); use short-lived certificates.</remarks>
public sealed class X509IssuerKeyResolver : IIssuerKeyResolver
{
    private readonly X509Certificate2Collection _anchors;
    private readonly TimeProvider _timeProvider;
    private readonly int _maxChainLength;

    /// <summary>Creates a resolver.</summary>
    /// <param name="trustAnchors">The trust anchors (root or intermediate CA certificates) the verifier accepts.</param>
    /// <param name="timeProvider">The clock for certificate validity. Default: the system clock.</param>
    /// <param name="maxChainLength">The most certificates accepted in <c>x5c</c>. Default 5.</param>
    public X509IssuerKeyResolver(IEnumerable<X509Certificate2> trustAnchors, TimeProvider? timeProvider = null, int maxChainLength = 5)
    {
        ArgumentNullException.ThrowIfNull(trustAnchors);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChainLength, 1);
        _anchors = [.. trustAnchors];
        if (_anchors.Count == 0)
        {
            throw new ArgumentException("At least one trust anchor is required.", nameof(trustAnchors));
        }

        _timeProvider = timeProvider ?? TimeProvider.System;
        _maxChainLength = maxChainLength;
    }

    /// <summary>Error code <c>x509.invalid_chain</c>: <c>x5c</c> is missing, malformed, or does not build to a trust anchor.</summary>
    public static readonly ErrorCode InvalidChain = new("x509.invalid_chain", VerificationFailureKind.UntrustedIssuer);

    /// <summary>Error code <c>x509.issuer_mismatch</c>: <c>iss</c> does not match the leaf certificate's SAN.</summary>
    public static readonly ErrorCode IssuerMismatch = new("x509.issuer_mismatch", VerificationFailureKind.UntrustedIssuer);

    /// <summary>Error code <c>x509.unsupported_key</c>: the leaf certificate's key is not a supported EC key.</summary>
    public static readonly ErrorCode UnsupportedKey = new("x509.unsupported_key", VerificationFailureKind.UnsupportedAlgorithm);

    /// <summary>
    /// Error code <c>x509.key_usage_not_permitted</c>: the leaf certificate may not sign credentials: its KeyUsage
    /// lacks <c>digitalSignature</c>, its ExtendedKeyUsage names none of <see cref="AcceptedExtendedKeyUsages"/>, or it
    /// is a CA certificate.
    /// </summary>
    public static readonly ErrorCode KeyUsageNotPermitted = new("x509.key_usage_not_permitted", VerificationFailureKind.UntrustedIssuer);

    /// <summary>
    /// The extended key usages that allow a leaf to sign credentials when it has an ExtendedKeyUsage extension (a leaf
    /// without one is not restricted): <c>anyExtendedKeyUsage</c> (2.5.29.37.0, RFC 5280 section 4.2.1.12), the general
    /// document signing usage <c>id-kp-documentSigning</c> (1.3.6.1.5.5.7.3.36, RFC 9336) and the ISO/IEC 18013-5
    /// document signer usage <c>id-mdl-kp-mdlDS</c> (1.0.18013.5.1.2, ISO/IEC 18013-5:2021 Annex B). TLS, e-mail,
    /// code-signing or time-stamping usages alone are refused.
    /// </summary>
    public static IReadOnlyList<string> AcceptedExtendedKeyUsages { get; } = ["2.5.29.37.0", "1.3.6.1.5.5.7.3.36", "1.0.18013.5.1.2"];

    /// <inheritdoc />
    public ValueTask<VerificationResult<VerificationKey>> ResolveAsync(IssuerKeyRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ValueTask.FromResult(Resolve(request));
    }

    private VerificationResult<VerificationKey> Resolve(IssuerKeyRequest request)
    {
        if (!request.Jwt.Header.TryGetProperty("x5c", out var x5c) || x5c.ValueKind != JsonValueKind.Array
            || x5c.GetArrayLength() == 0 || x5c.GetArrayLength() > _maxChainLength)
        {
            return new VerificationError(InvalidChain, "The JWT has no usable 'x5c' certificate chain.");
        }

        var certificates = new List<X509Certificate2>();
        try
        {
            foreach (var item in x5c.EnumerateArray())
            {
                // RFC 7515 section 4.1.6: each entry is base64 (not base64url) DER.
                if (item.ValueKind != JsonValueKind.String || !TryDecodeBase64(item.GetString()!, out var der))
                {
                    return new VerificationError(InvalidChain, "An 'x5c' entry is not base64 DER.");
                }

                try
                {
                    certificates.Add(X509CertificateLoader.LoadCertificate(der));
                }
                catch (CryptographicException)
                {
                    return new VerificationError(InvalidChain, "An 'x5c' entry is not a valid certificate.");
                }
            }

            var leaf = certificates[0];
            if (leaf.SubjectName.RawData.AsSpan().SequenceEqual(leaf.IssuerName.RawData))
            {
                return new VerificationError(InvalidChain, "The leaf certificate is self-signed.");
            }

            using (var chain = X509Chains.CreateOffline(_anchors, _timeProvider.GetUtcNow()))
            {
                for (var i = 1; i < certificates.Count; i++)
                {
                    chain.ChainPolicy.ExtraStore.Add(certificates[i]);
                }

                if (!chain.Build(leaf))
                {
                    return new VerificationError(InvalidChain, "The 'x5c' chain does not build to a configured trust anchor.");
                }
            }

            var usageError = CheckLeafUsage(leaf);
            if (usageError is not null)
            {
                return usageError;
            }

            if (!IssuerMatches(leaf, request.Issuer))
            {
                return new VerificationError(IssuerMismatch, "'iss' does not match the certificate's subject alternative name.");
            }

            var jwk = X509PublicKeys.TryGetEcJwk(leaf);
            if (jwk is null)
            {
                return new VerificationError(UnsupportedKey, "The leaf certificate's key is not an EC key on a supported curve.");
            }

            return VerificationKey.FromJwk(jwk);
        }
        finally
        {
            foreach (var c in certificates)
            {
                c.Dispose();
            }
        }
    }

    // RFC 5280 sections 4.2.1.3, 4.2.1.9 and 4.2.1.12: a certificate whose key usage, basic constraints or extended key
    // usage says its key is for something else must not be taken as a credential signer.
    private static VerificationError? CheckLeafUsage(X509Certificate2 leaf)
    {
        foreach (var extension in leaf.Extensions)
        {
            switch (extension)
            {
                case X509KeyUsageExtension keyUsage when (keyUsage.KeyUsages & X509KeyUsageFlags.DigitalSignature) == 0:
                    return new VerificationError(KeyUsageNotPermitted, "The leaf certificate's KeyUsage does not include digitalSignature.");

                case X509BasicConstraintsExtension basic when basic.CertificateAuthority:
                    return new VerificationError(KeyUsageNotPermitted, "The leaf certificate is a CA certificate.");

                case X509EnhancedKeyUsageExtension eku:
                    var accepted = false;
                    foreach (var oid in eku.EnhancedKeyUsages)
                    {
                        foreach (var allowed in AcceptedExtendedKeyUsages)
                        {
                            accepted |= string.Equals(oid.Value, allowed, StringComparison.Ordinal);
                        }
                    }

                    if (!accepted)
                    {
                        return new VerificationError(KeyUsageNotPermitted, "The leaf certificate's ExtendedKeyUsage does not allow signing credentials.");
                    }

                    break;
            }
        }

        return null;
    }

    internal static bool IssuerMatches(X509Certificate2 leaf, string? issuer)
    {
        if (issuer is null)
        {
            return false;
        }

        Uri.TryCreate(issuer, UriKind.Absolute, out var issuerUri);
        foreach (var extension in leaf.Extensions)
        {
            if (extension is not X509SubjectAlternativeNameExtension san)
            {
                continue;
            }

            foreach (var dns in san.EnumerateDnsNames())
            {
                if (issuerUri is { Scheme: "https" } && string.Equals(dns, issuerUri.IdnHost, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            // SAN URIs are not exposed by the helper; read them from the raw extension.
            foreach (var uri in ReadSanUris(san.RawData))
            {
                if (string.Equals(uri, issuer, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static List<string> ReadSanUris(byte[] rawData)
    {
        var result = new List<string>();
        try
        {
            var reader = new System.Formats.Asn1.AsnReader(rawData, System.Formats.Asn1.AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            var uriTag = new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.ContextSpecific, 6);
            while (sequence.HasData)
            {
                var tag = sequence.PeekTag();
                if (tag.HasSameClassAndValue(uriTag))
                {
                    result.Add(sequence.ReadCharacterString(System.Formats.Asn1.UniversalTagNumber.IA5String, uriTag));
                }
                else
                {
                    sequence.ReadEncodedValue();
                }
            }
        }
        catch (System.Formats.Asn1.AsnContentException)
        {
            return [];
        }

        return result;
    }

    private static bool TryDecodeBase64(string text, out byte[] der)
    {
        der = new byte[text.Length * 3 / 4 + 3];
        if (Convert.TryFromBase64String(text, der, out var written) && written > 0)
        {
            der = der[..written];
            return true;
        }

        der = [];
        return false;
    }


}
