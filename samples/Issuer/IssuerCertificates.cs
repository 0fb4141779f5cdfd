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
            using var issued = CreateLeaf(leafKey, issuerUrl, ca.Hash, ca.Certificate, ca.CreateGenerator(), notBefore, notAfter);
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
        if (issuer.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault() is { } issuerKeyId)
        {
            leafRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(issuerKeyId));
        }

        var san = new SubjectAlternativeNameBuilder();
        san.AddUri(issuerUrl);
        san.AddDnsName(issuerUrl.IdnHost);
        leafRequest.CertificateExtensions.Add(san.Build());
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        return leafRequest.Create(issuer.SubjectName, generator, notBefore, notAfter, serial);
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
