using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Credentials.Internal;
using Credentials.Jose;
using Credentials.Keys;

namespace Credentials.Mdoc.Certificates;

/// <summary>
/// Makes the X.509 certificates of an mdoc issuer with the platform's <see cref="CertificateRequest"/>: an IACA root
/// and document signer (DS) certificates under it (ISO/IEC 18013-5:2021 Annex B), and reads and writes them as PEM.
/// </summary>
/// <remarks>
/// Keys are ECDSA on P-256 (ES256) or P-384 (ES384), the signature's hash following the curve. ISO/IEC 18013-5 profiles
/// only ECDSA and EdDSA for mdoc authentication, so RSA is not offered; an IACA cannot be Ed25519 because the
/// platform's <see cref="CertificateRequest"/> signs no EdDSA, but a DS certificate can certify an Ed25519 key.
/// P-521 (ES512) is not offered because <see cref="SigningKey"/> has no P-521 keys.
/// </remarks>
public static class MdocCertificates
{
    private const string IssuerAlternativeNameOid = "2.5.29.18";
    private const int SerialNumberBytes = 16;

    /// <summary>The longest IACA validity Annex B allows.</summary>
    public static TimeSpan MaxIacaValidity { get; } = TimeSpan.FromDays(20 * 365 + 5);

    /// <summary>The longest document signer validity Annex B allows: 457 days.</summary>
    public static TimeSpan MaxDocumentSignerValidity { get; } = TimeSpan.FromDays(457);

    /// <summary>
    /// Creates a self-signed IACA root certificate: version 3, a random positive serial number of 126 bits, subject
    /// (and issuer) <c>countryName</c> [, <c>stateOrProvinceName</c>], <c>commonName</c>; <c>basicConstraints</c>
    /// cA with <c>pathLenConstraint</c> 0 and <c>keyUsage</c> keyCertSign and cRLSign (both critical),
    /// <c>subjectKeyIdentifier</c>, <c>issuerAlternativeName</c> and, when set, <c>cRLDistributionPoints</c>.
    /// </summary>
    /// <param name="iacaKey">The IACA's private key (ES256 or ES384).</param>
    /// <param name="options">The subject and validity.</param>
    /// <returns>The certificate, without its private key.</returns>
    /// <exception cref="ArgumentException">The key is not ES256 or ES384, or an option is invalid (country not two letters, no issuer alternative name, validity not within 20 years).</exception>
    public static X509Certificate2 CreateIaca(SigningKey iacaKey, IacaCertificateOptions options)
    {
        ArgumentNullException.ThrowIfNull(iacaKey);
        ArgumentNullException.ThrowIfNull(options);
        var ecdsa = GetEcdsa(iacaKey, nameof(iacaKey));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.CommonName, nameof(options));
        var country = CheckCountry(options.Country);
        if (options.IssuerUri is null && string.IsNullOrEmpty(options.IssuerEmail))
        {
            throw new ArgumentException("Annex B requires an issuerAlternativeName: set IssuerUri or IssuerEmail.", nameof(options));
        }

        if (options.IssuerUri is { IsAbsoluteUri: false } || options.CrlDistributionPoint is { IsAbsoluteUri: false })
        {
            throw new ArgumentException("IssuerUri and CrlDistributionPoint must be absolute URIs.", nameof(options));
        }

        if (options.Validity <= TimeSpan.Zero || options.Validity > MaxIacaValidity)
        {
            throw new ArgumentException("An IACA's validity must be positive and at most 20 years (Annex B).", nameof(options));
        }

        var subject = BuildName(country, options.StateOrProvince, options.CommonName);
        var request = new CertificateRequest(subject, ecdsa, iacaKey.Algorithm.Hash);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var alternativeName = new SubjectAlternativeNameBuilder();
        if (options.IssuerUri is not null)
        {
            alternativeName.AddUri(options.IssuerUri);
        }

        if (!string.IsNullOrEmpty(options.IssuerEmail))
        {
            alternativeName.AddEmailAddress(options.IssuerEmail);
        }

        // GeneralNames is the same structure in subjectAltName and issuerAltName (RFC 5280 section 4.2.1.7).
        request.CertificateExtensions.Add(new X509Extension(IssuerAlternativeNameOid, alternativeName.Build().RawData, critical: false));
        AddCrlDistributionPoint(request, options.CrlDistributionPoint);

        var notBefore = WholeSeconds(options.TimeProvider.GetUtcNow());
        return request.Create(subject, X509SignatureGenerator.CreateForECDsa(ecdsa), notBefore, notBefore + options.Validity, NewSerialNumber());
    }

    /// <summary>
    /// Creates a document signer certificate for <paramref name="documentSignerKey"/>, signed by the IACA: subject
    /// <c>countryName</c> [, <c>stateOrProvinceName</c>] copied from the IACA and <c>commonName</c>; <c>keyUsage</c>
    /// digitalSignature and <c>extendedKeyUsage</c> <c>id-mdl-kp-mdlDS</c> (1.0.18013.5.1.2), both critical;
    /// <c>authorityKeyIdentifier</c>, <c>subjectKeyIdentifier</c>, the IACA's <c>issuerAlternativeName</c> and, when set,
    /// <c>cRLDistributionPoints</c>. The validity starts now and ends no later than the IACA's.
    /// </summary>
    /// <param name="iacaKey">The IACA's private key.</param>
    /// <param name="iacaCertificate">The IACA's certificate (from <see cref="CreateIaca"/> or <see cref="ParsePem"/>).</param>
    /// <param name="documentSignerKey">The document signer's key (EC P-256 or P-384, or Ed25519); a private part is ignored.</param>
    /// <param name="options">The subject and validity.</param>
    /// <returns>The certificate.</returns>
    /// <exception cref="ArgumentException">
    /// The IACA key is not ES256/ES384 or is not the key of <paramref name="iacaCertificate"/>; the certificate is not a CA;
    /// the document signer key is not a supported public key; or the validity is not within 457 days.
    /// </exception>
    /// <exception cref="InvalidOperationException">The IACA certificate is not valid at the current time.</exception>
    public static X509Certificate2 CreateDocumentSigner(SigningKey iacaKey, X509Certificate2 iacaCertificate, Jwk documentSignerKey, DocumentSignerCertificateOptions options)
    {
        ArgumentNullException.ThrowIfNull(iacaKey);
        ArgumentNullException.ThrowIfNull(iacaCertificate);
        ArgumentNullException.ThrowIfNull(documentSignerKey);
        ArgumentNullException.ThrowIfNull(options);
        var ecdsa = GetEcdsa(iacaKey, nameof(iacaKey));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.CommonName, nameof(options));
        if (options.Validity <= TimeSpan.Zero || options.Validity > MaxDocumentSignerValidity)
        {
            throw new ArgumentException("A document signer's validity must be positive and at most 457 days (Annex B).", nameof(options));
        }

        if (options.CrlDistributionPoint is { IsAbsoluteUri: false })
        {
            throw new ArgumentException("CrlDistributionPoint must be an absolute URI.", nameof(options));
        }

        var iacaPublic = X509PublicKeys.TryGetEcJwk(iacaCertificate);
        if (iacaPublic is null || iacaPublic.Crv != iacaKey.PublicJwk.Crv || iacaPublic.X != iacaKey.PublicJwk.X || iacaPublic.Y != iacaKey.PublicJwk.Y)
        {
            throw new ArgumentException("The IACA key is not the key of the IACA certificate.", nameof(iacaKey));
        }

        if (iacaCertificate.Extensions[Oids.BasicConstraints] is not X509BasicConstraintsExtension { CertificateAuthority: true })
        {
            throw new ArgumentException("The IACA certificate is not a CA certificate.", nameof(iacaCertificate));
        }

        var now = WholeSeconds(options.TimeProvider.GetUtcNow());
        var iacaNotBefore = new DateTimeOffset(iacaCertificate.NotBefore);
        var iacaNotAfter = new DateTimeOffset(iacaCertificate.NotAfter);
        if (now < iacaNotBefore || now >= iacaNotAfter)
        {
            throw new InvalidOperationException("The IACA certificate is not valid now.");
        }

        var (country, state) = MdocCertificateValidator.CountryAndState(iacaCertificate.SubjectName);
        if (country is null)
        {
            throw new ArgumentException("The IACA certificate has no countryName.", nameof(iacaCertificate));
        }

        using var publicKey = ToPublicKey(documentSignerKey);
        var subject = BuildName(country, state, options.CommonName);
        var request = new CertificateRequest(subject, publicKey.Key, iacaKey.Algorithm.Hash);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(MdocCertificateValidator.DocumentSignerExtendedKeyUsage)], critical: true));
        var iacaKeyId = iacaCertificate.Extensions[Oids.SubjectKeyIdentifier] as X509SubjectKeyIdentifierExtension
            ?? new X509SubjectKeyIdentifierExtension(iacaCertificate.PublicKey, critical: false);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(iacaKeyId));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        if (iacaCertificate.Extensions[IssuerAlternativeNameOid] is { } issuerAlternativeName)
        {
            request.CertificateExtensions.Add(new X509Extension(IssuerAlternativeNameOid, issuerAlternativeName.RawData, critical: false));
        }

        AddCrlDistributionPoint(request, options.CrlDistributionPoint);
        var notAfter = now + options.Validity;
        notAfter = notAfter > iacaNotAfter ? iacaNotAfter : notAfter;
        return request.Create(iacaCertificate.SubjectName, X509SignatureGenerator.CreateForECDsa(ecdsa), now, notAfter, NewSerialNumber());
    }

    /// <summary>Writes a certificate as PEM (<c>-----BEGIN CERTIFICATE-----</c>, RFC 7468).</summary>
    /// <param name="certificate">The certificate.</param>
    public static string ExportPem(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.ExportCertificatePem() + "\n";
    }

    /// <summary>Writes certificates as one PEM bundle, in the order given (an <c>x5chain</c>: document signer first).</summary>
    /// <param name="certificates">The certificates.</param>
    public static string ExportPem(IEnumerable<X509Certificate2> certificates)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        var builder = new StringBuilder();
        foreach (var certificate in certificates)
        {
            builder.Append(ExportPem(certificate));
        }

        return builder.ToString();
    }

    /// <summary>Reads the first certificate of a PEM text (configuration: an IACA root, a pinned document signer).</summary>
    /// <param name="pem">PEM text with at least one <c>CERTIFICATE</c> block; other blocks are skipped.</param>
    /// <exception cref="ArgumentException">The text has no certificate.</exception>
    /// <exception cref="CryptographicException">The certificate block is not a DER certificate.</exception>
    public static X509Certificate2 ParsePem(string pem)
    {
        var certificates = ParsePemBundle(pem);
        for (var i = 1; i < certificates.Count; i++)
        {
            certificates[i].Dispose();
        }

        return certificates[0];
    }

    /// <summary>Reads every certificate of a PEM bundle, in order (a chain, or a set of IACA roots).</summary>
    /// <param name="pem">PEM text with at least one <c>CERTIFICATE</c> block; other blocks (a private key) are skipped.</param>
    /// <exception cref="ArgumentException">The text has no certificate.</exception>
    /// <exception cref="CryptographicException">A certificate block is not a DER certificate.</exception>
    public static IReadOnlyList<X509Certificate2> ParsePemBundle(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var certificates = new List<X509Certificate2>();
        var rest = pem.AsSpan();
        try
        {
            while (PemEncoding.TryFind(rest, out var fields))
            {
                if (rest[fields.Label].SequenceEqual("CERTIFICATE"))
                {
                    var der = new byte[fields.DecodedDataLength];
                    if (!Convert.TryFromBase64Chars(rest[fields.Base64Data], der, out var written))
                    {
                        throw new CryptographicException("A PEM certificate block is not base64.");
                    }

                    certificates.Add(X509CertificateLoader.LoadCertificate(der.AsSpan(0, written)));
                }

                rest = rest[fields.Location.End..];
            }
        }
        catch
        {
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }

            throw;
        }

        return certificates.Count > 0 ? certificates : throw new ArgumentException("The PEM text has no CERTIFICATE block.", nameof(pem));
    }

    private static ECDsa GetEcdsa(SigningKey key, string parameterName)
    {
        // 18013-5 (section 9.1.3.5 and Annex B) authenticates mdocs with ECDSA or EdDSA only: no RSA keys here.
        if ((key.Algorithm != JwsAlgorithm.Es256 && key.Algorithm != JwsAlgorithm.Es384) || key.Ecdsa is null)
        {
            throw new ArgumentException($"Certificates are signed with ES256 or ES384 keys, not {key.Algorithm.Name}.", parameterName);
        }

        return key.Ecdsa;
    }

    private static string CheckCountry(string? country)
    {
        if (country is not { Length: 2 } || !char.IsAsciiLetter(country[0]) || !char.IsAsciiLetter(country[1]))
        {
            throw new ArgumentException("The country must be an ISO 3166-1 alpha-2 code such as JP.", nameof(country));
        }

        return country.ToUpperInvariant();
    }

    private static X500DistinguishedName BuildName(string country, string? state, string commonName)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCountryOrRegion(country);
        if (!string.IsNullOrEmpty(state))
        {
            builder.AddStateOrProvinceName(state);
        }

        builder.AddCommonName(commonName);
        return builder.Build();
    }

    private static void AddCrlDistributionPoint(CertificateRequest request, Uri? crl)
    {
        if (crl is not null)
        {
            request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([crl.AbsoluteUri], critical: false));
        }
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    // Annex B: a non-sequential positive integer with at least 63 (should: 71) bits from a CSPRNG, at most 20 octets.
    // 16 random bytes with the top bits set to 01: positive, minimal DER, 126 random bits.
    private static byte[] NewSerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(SerialNumberBytes);
        serial[0] = (byte)((serial[0] & 0x3F) | 0x40);
        return serial;
    }

    private static DisposablePublicKey ToPublicKey(Jwk jwk)
    {
        var imported = VerificationKey.FromJwk(jwk.ToPublic());
        if (!imported.IsValid)
        {
            throw new ArgumentException("The document signer key is not a supported public key: " + imported.Error.Message, nameof(jwk));
        }

        imported.Value.Dispose();
        if (jwk.Kty == JwkKeyTypes.Okp && jwk.Crv == JwkCurves.Ed25519)
        {
            // RFC 8410 section 4: id-Ed25519 with absent parameters and the raw 32-byte key.
            var raw = StrictBase64Url.TryDecode(jwk.X.AsSpan())!;
            return new DisposablePublicKey(new PublicKey(new Oid(X509PublicKeys.Ed25519Oid), null, new AsnEncodedData(raw)), null);
        }

        if (jwk.Kty != JwkKeyTypes.EC || !EcCurves.TryGet(jwk.Crv, out var curve, out _) || jwk.Crv == JwkCurves.Secp256k1)
        {
            throw new ArgumentException($"A document signer key is EC P-256 or P-384, or Ed25519, not {jwk.Kty} {jwk.Crv}.", nameof(jwk));
        }

        var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = curve,
            Q = new ECPoint { X = StrictBase64Url.TryDecode(jwk.X.AsSpan()), Y = StrictBase64Url.TryDecode(jwk.Y.AsSpan()) },
        });
        return new DisposablePublicKey(new PublicKey(ecdsa), ecdsa);
    }

    private sealed class DisposablePublicKey(PublicKey key, IDisposable? owner) : IDisposable
    {
        public PublicKey Key { get; } = key;

        public void Dispose() => owner?.Dispose();
    }

    private static class Oids
    {
        public const string BasicConstraints = "2.5.29.19";
        public const string SubjectKeyIdentifier = "2.5.29.14";
    }
}
