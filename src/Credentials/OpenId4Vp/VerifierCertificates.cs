using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Credentials.Jose;
using Credentials.Keys;

namespace Credentials.OpenId4Vp;

/// <summary>
/// Makes X.509 certificates that identify a verifier by a DNS name (OpenID4VP 1.0 section 5.9.3, <c>x509_san_dns</c>
/// and <c>x509_hash</c>) with the platform's <see cref="CertificateRequest"/>: a root for tests and samples, a leaf
/// with a <c>dNSName</c> subject alternative name under it, or a self-signed leaf for pinning. Keys are ECDSA P-256
/// (ES256) or P-384 (ES384). Production verifiers get their leaf from their ecosystem's CA.
/// </summary>
public static class VerifierCertificates
{
    /// <summary>Creates a self-signed root: <c>basicConstraints</c> cA, <c>keyUsage</c> keyCertSign and cRLSign, a subject key identifier.</summary>
    /// <param name="rootKey">The root's private key (ES256 or ES384).</param>
    /// <param name="commonName">The subject's common name.</param>
    /// <param name="validity">How long the certificate is valid from now.</param>
    /// <param name="timeProvider">The clock for "now"; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The key is not ES256/ES384 or the validity is not positive.</exception>
    public static X509Certificate2 CreateRoot(SigningKey rootKey, string commonName, TimeSpan validity, TimeProvider? timeProvider = null)
    {
        var ecdsa = GetEcdsa(rootKey, nameof(rootKey));
        ArgumentException.ThrowIfNullOrWhiteSpace(commonName);
        CheckValidity(validity);
        var subject = Name(commonName);
        var request = new CertificateRequest(subject, ecdsa, rootKey.Algorithm.Hash);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var notBefore = Now(timeProvider);
        return request.Create(subject, X509SignatureGenerator.CreateForECDsa(ecdsa), notBefore, notBefore + validity, NewSerialNumber());
    }

    /// <summary>
    /// Creates a verifier's leaf certificate signed by <paramref name="issuerCertificate"/>: subject CN = the DNS name,
    /// a <c>dNSName</c> subject alternative name, <c>keyUsage</c> digitalSignature (critical), <c>basicConstraints</c>
    /// not a CA, authority and subject key identifiers. Its validity ends no later than the issuer's.
    /// </summary>
    /// <param name="issuerKey">The issuing CA's private key (ES256 or ES384).</param>
    /// <param name="issuerCertificate">The issuing CA's certificate.</param>
    /// <param name="verifierKey">The verifier's request signing key (EC P-256 or P-384); only its public part is certified.</param>
    /// <param name="dnsName">The verifier's DNS name (the <c>x509_san_dns</c> Client Identifier without prefix).</param>
    /// <param name="validity">How long the certificate is valid from now.</param>
    /// <param name="timeProvider">The clock for "now"; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A key is not ES256/ES384, the name is not a DNS name, or the validity is not positive.</exception>
    public static X509Certificate2 CreateLeaf(SigningKey issuerKey, X509Certificate2 issuerCertificate, SigningKey verifierKey, string dnsName, TimeSpan validity, TimeProvider? timeProvider = null)
    {
        var issuerEcdsa = GetEcdsa(issuerKey, nameof(issuerKey));
        ArgumentNullException.ThrowIfNull(issuerCertificate);
        var request = LeafRequest(verifierKey, dnsName, validity, issuerKey.Algorithm);
        var issuerKeyId = issuerCertificate.Extensions["2.5.29.14"] as X509SubjectKeyIdentifierExtension
            ?? new X509SubjectKeyIdentifierExtension(issuerCertificate.PublicKey, critical: false);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(issuerKeyId));
        var notBefore = Now(timeProvider);
        var notAfter = notBefore + validity;
        var issuerNotAfter = new DateTimeOffset(issuerCertificate.NotAfter.ToUniversalTime());
        notAfter = notAfter > issuerNotAfter ? issuerNotAfter : notAfter;
        return request.Create(issuerCertificate.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerEcdsa), notBefore, notAfter, NewSerialNumber());
    }

    /// <summary>Creates a self-signed verifier leaf (a wallet accepts it only when pinned): as <see cref="CreateLeaf"/>, signed by its own key.</summary>
    /// <param name="verifierKey">The verifier's request signing key (ES256 or ES384).</param>
    /// <param name="dnsName">The verifier's DNS name.</param>
    /// <param name="validity">How long the certificate is valid from now.</param>
    /// <param name="timeProvider">The clock for "now"; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The key is not ES256/ES384, the name is not a DNS name, or the validity is not positive.</exception>
    public static X509Certificate2 CreateSelfSigned(SigningKey verifierKey, string dnsName, TimeSpan validity, TimeProvider? timeProvider = null)
    {
        var ecdsa = GetEcdsa(verifierKey, nameof(verifierKey));
        var request = LeafRequest(verifierKey, dnsName, validity, verifierKey.Algorithm);
        var notBefore = Now(timeProvider);
        return request.Create(request.SubjectName, X509SignatureGenerator.CreateForECDsa(ecdsa), notBefore, notBefore + validity, NewSerialNumber());
    }

    /// <summary>The <c>x509_hash</c> Client Identifier value of a leaf: the base64url SHA-256 of its DER (section 5.9.3).</summary>
    /// <param name="leaf">The leaf certificate.</param>
    public static string ComputeHash(X509Certificate2 leaf)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        return Internal.X509ClientAuthentication.Hash(leaf);
    }

    private static CertificateRequest LeafRequest(SigningKey verifierKey, string dnsName, TimeSpan validity, JwsAlgorithm signatureAlgorithm)
    {
        var ecdsa = GetEcdsa(verifierKey, nameof(verifierKey));
        ArgumentException.ThrowIfNullOrEmpty(dnsName);
        if (Uri.CheckHostName(dnsName) != UriHostNameType.Dns)
        {
            throw new ArgumentException("Not a DNS name.", nameof(dnsName));
        }

        CheckValidity(validity);
        var request = new CertificateRequest(Name(dnsName), ecdsa, signatureAlgorithm.Hash);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(dnsName);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request;
    }

    private static ECDsa GetEcdsa(SigningKey key, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(key, parameterName);
        if ((key.Algorithm != JwsAlgorithm.Es256 && key.Algorithm != JwsAlgorithm.Es384) || key.Ecdsa is null)
        {
            throw new ArgumentException($"Verifier certificates use ES256 or ES384 keys, not {key.Algorithm.Name}.", parameterName);
        }

        return key.Ecdsa;
    }

    private static void CheckValidity(TimeSpan validity)
    {
        if (validity <= TimeSpan.Zero)
        {
            throw new ArgumentException("The validity must be positive.", nameof(validity));
        }
    }

    private static X500DistinguishedName Name(string commonName)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(commonName);
        return builder.Build();
    }

    private static DateTimeOffset Now(TimeProvider? timeProvider)
    {
        var now = (timeProvider ?? TimeProvider.System).GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    private static byte[] NewSerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x3F) | 0x40);
        return serial;
    }
}
