using System;
using System.Buffers.Text;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Credentials.Keys;
using Credentials.SdJwtVc;

namespace Credentials.Samples.Issuer;

/// <summary>
/// <c>keys create --cert-out</c>: an X.509 certificate for the issuer key, under the issuer's own CA
/// (<c>--ca-cert</c>/<c>--ca-key</c>, see <see cref="IssuerCa"/>) or else a throw-away sample root CA, for
/// SD-JWT VCs with <c>x5c</c>. The leaf names the issuer URL as SAN URI and its host as SAN DNS name (verifiers match
/// <c>iss</c> against them) and may sign documents (keyUsage digitalSignature, extendedKeyUsage id-kp-documentSigning).
/// The sample root's key is discarded: it only certifies this one key; a real issuer's CA signs its certificate.
/// </summary>
internal static class IssuerCertificates
{
    private const string DocumentSigningOid = "1.3.6.1.5.5.7.3.36";

    /// <summary>The default validity of the issuer certificate.</summary>
    public const int DefaultValidityDays = 365;

    /// <summary>
    /// PEM of the issuer certificate, then the CA certificates: the issuer's own CA (<paramref name="ca"/>, with the
    /// certificates above it as given), or else a throw-away sample root CA.
    /// </summary>
    public static string CreateChainPem(Jwk issuerKey, Uri issuerUrl, DateTimeOffset now, int validityDays, IssuerCa? ca)
    {
        using var leafKey = ToEcdsa(issuerKey);
        var notBefore = now.AddMinutes(-5);
        var notAfter = now.AddDays(validityDays);
        if (ca is not null)
        {
            // RFC 5280 section 6.1.3 (a)(2): the leaf is checked within its issuer's validity; a CA made a moment ago
            // starts after now - 5 minutes, so the leaf starts no earlier than its CA.
            var caNotBefore = new DateTimeOffset(ca.Certificate.NotBefore.ToUniversalTime());
            if (notBefore < caNotBefore)
            {
                notBefore = caNotBefore;
            }

            using var issued = CreateLeaf(leafKey, issuerUrl, ca.Hash, ca.Certificate, ca.CreateGenerator(), notBefore, notAfter);
            RequireChain(issued, ca, now);
            var pem = new System.Text.StringBuilder(issued.ExportCertificatePem()).Append('\n');
            foreach (var certificate in ca.Certificates)
            {
                pem.Append(certificate.ExportCertificatePem()).Append('\n');
            }

            return pem.ToString();
        }

        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest($"CN=Sample Issuer Root CA ({issuerUrl.Host}), O=Credentials Samples, C=JP", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, critical: false));
        using var root = rootRequest.CreateSelfSigned(notBefore, notAfter > now.AddYears(5) ? notAfter : now.AddYears(5));
        var hash = issuerKey.Crv == JwkCurves.P384 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;
        using var leaf = CreateLeaf(leafKey, issuerUrl, hash, root, X509SignatureGenerator.CreateForECDsa(rootKey), notBefore, notAfter);
        return leaf.ExportCertificatePem() + "\n" + root.ExportCertificatePem() + "\n";
    }

    // The issuer certificate: SAN URI = the issuer URL and SAN DNS = its host (draft-ietf-oauth-sd-jwt-vc section 3.5:
    // verifiers match iss against them), keyUsage digitalSignature, extendedKeyUsage id-kp-documentSigning (RFC 9336).
    private static X509Certificate2 CreateLeaf(ECDsa leafKey, Uri issuerUrl, HashAlgorithmName hash, X509Certificate2 issuer, X509SignatureGenerator generator, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var leafRequest = new CertificateRequest(new X500DistinguishedName($"CN={issuerUrl.Host}, O=Credentials Samples, C=JP"), leafKey, hash);
        leafRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        leafRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        leafRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(DocumentSigningOid)], critical: false));
        leafRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(leafRequest.PublicKey, critical: false));
        // RFC 5280 section 4.2.1.1: the authority key identifier is the issuer's subject key identifier, or, for a CA
        // without one, derived from its public key as section 4.2.1.2 method (1) does (SHA-1 of the subjectPublicKey).
        var issuerKeyId = issuer.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault()
            ?? new X509SubjectKeyIdentifierExtension(issuer.PublicKey, critical: false);
        leafRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(issuerKeyId));

        var san = new SubjectAlternativeNameBuilder();
        san.AddUri(issuerUrl);
        san.AddDnsName(issuerUrl.IdnHost);
        leafRequest.CertificateExtensions.Add(san.Build());
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        return leafRequest.Create(issuer.SubjectName, generator, notBefore, notAfter, serial);
    }

    /// <summary>
    /// The new issuer certificate must build, at <paramref name="now"/>, through the <c>--ca-cert</c> certificates to
    /// the last of them (trusted as the root): an expired or not yet valid certificate above the CA, a path length
    /// constraint the chain breaks, or a certificate missing between them is refused before anything is written.
    /// </summary>
    private static void RequireChain(X509Certificate2 leaf, IssuerCa ca, DateTimeOffset now)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca.Certificates[^1]);
        for (var i = 0; i < ca.Certificates.Count - 1; i++)
        {
            chain.ChainPolicy.ExtraStore.Add(ca.Certificates[i]);
        }

        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        if (chain.Build(leaf) && chain.ChainElements.Count == ca.Certificates.Count + 1)
        {
            return;
        }

        var reasons = chain.ChainStatus.Select(s => s.Status.ToString()).Distinct().ToList();
        if (reasons.Count == 0)
        {
            reasons.Add("the --ca-cert certificates are not one chain in order");
        }

        throw new CliException(new CliError(
            IssuerErrors.CaChainInvalid,
            $"The issuer certificate would not build through the --ca-cert chain to its last certificate: {string.Join(", ", reasons)}.",
            "Give the CA certificate first, then each certificate above it up to the root, all valid now (renew an expired one), with path length constraints that allow one more certificate below the CA.",
            ExitCodes.InputError));
    }

    /// <summary><c>issue --cert</c>: the issuer's chain (leaf first; a trailing root is kept out of <c>x5c</c>).</summary>
    public static X509CertificateChain ReadChain(string path)
    {
        var text = CliFiles.ReadAllText(path, "certificate chain");
        try
        {
            return X509CertificateChain.FromPem(text);
        }
        catch (ArgumentException ex)
        {
            throw new CliException(new CliError(IacaErrors.InvalidCertificate, $"'{path}' is not a PEM certificate chain in order (issuer certificate first): {CliErrors.Reason(ex)}", "Pass the chain written by 'issuer keys create --cert-out'."), ex);
        }
    }

    /// <summary>The SD-JWT VC issuer, with the chain in <c>x5c</c> when there is one; a key or issuer the chain does not name is a usage error.</summary>
    public static SdJwtVcIssuer CreateSdJwtVcIssuer(ISigner key, Jwk publicJwk, X509CertificateChain? chain, SdJwtVcIssuerOptions options, string keyPath, string? chainPath)
    {
        if (chain is not null)
        {
            using var certified = chain.Leaf.GetECDsaPublicKey();
            var q = certified?.ExportParameters(false).Q;
            if (q is null || publicJwk.X != Base64Url.EncodeToString(q.Value.X) || publicJwk.Y != Base64Url.EncodeToString(q.Value.Y))
            {
                throw new CliException(new CliError(IssuerErrors.KeyMismatch, $"'{keyPath}' is not the key of the certificate '{chainPath}'.", "Pass the key that 'issuer keys create --cert-out' wrote with the chain.", ExitCodes.Usage));
            }
        }

        try
        {
            return new SdJwtVcIssuer(key, options);
        }
        catch (ArgumentException ex) when (chain is not null)
        {
            throw new CliException(CliErrors.InvalidOption("--issuer", $"'{options.Issuer}' is not named by the certificate '{chainPath}' (SAN URI or DNS name): {CliErrors.Reason(ex)}", "Use the issuer URL given to 'issuer keys create --cert-out --issuer'."), ex);
        }
    }

    private static ECDsa ToEcdsa(Jwk jwk)
    {
        var curve = jwk.Crv == JwkCurves.P384 ? ECCurve.NamedCurves.nistP384 : ECCurve.NamedCurves.nistP256;
        return ECDsa.Create(new ECParameters
        {
            Curve = curve,
            D = Base64Url.DecodeFromChars(jwk.D),
            Q = new ECPoint { X = Base64Url.DecodeFromChars(jwk.X), Y = Base64Url.DecodeFromChars(jwk.Y) },
        });
    }
}
