using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Mdoc.Certificates;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.Tests.Mdoc.Certificates;

/// <summary>An IACA and a document signer made by <see cref="MdocCertificates"/> at a fixed clock, and odd certificates for failure cases.</summary>
internal sealed class MdocCertificateTestPki : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The ISO/IEC 18013-5:2021 Annex D document signer certificate ("utopia ds", C=US, P-256, valid 2020-10-01 to
    /// 2021-10-01). Source: /work/shared/vectors/mdoc/iso18013-5-annex-d/ds_cert.der.hex, extracted from
    /// openwallet-foundation-labs/identity-credential (Apache-2.0) @ af670c68, TestVectors.kt; see specs/mdoc-certificates.md.
    /// </summary>
    public const string AnnexDDocumentSignerHex = "308201ef30820195a00302010202143c4416eed784f3b413e48f56f075abfa6d87eb84300a06082a8648ce3d04030230233114301206035504030c0b75746f7069612069616361310b3009060355040613025553301e170d3230313030313030303030305a170d3231313030313030303030305a30213112301006035504030c0975746f706961206473310b30090603550406130255533059301306072a8648ce3d020106082a8648ce3d03010703420004ace7ab7340e5d9648c5a72a9a6f56745c7aad436a03a43efea77b5fa7b88f0197d57d8983e1b37d3a539f4d588365e38cbbf5b94d68c547b5bc8731dcd2f146ba381a83081a5301e0603551d120417301581136578616d706c65406578616d706c652e636f6d301c0603551d1f041530133011a00fa00d820b6578616d706c652e636f6d301d0603551d0e0416041414e29017a6c35621ffc7a686b7b72db06cd12351301f0603551d2304183016801454fa2383a04c28e0d930792261c80c4881d2c00b300e0603551d0f0101ff04040302078030150603551d250101ff040b3009060728818c5d050102300a06082a8648ce3d040302034800304502210097717ab9016740c8d7bcdaa494a62c053bbdecce1383c1aca72ad08dbc04cbb202203bad859c13a63c6d1ad67d814d43e2425caf90d422422c04a8ee0304c0d3a68d";

    public MdocCertificateTestPki(JwsAlgorithm? algorithm = null, string country = "JP")
    {
        Clock = new FakeTimeProvider(Start);
        IacaKey = SigningKey.Create(algorithm ?? JwsAlgorithm.Es256);
        DocumentSignerKey = SigningKey.Create(algorithm ?? JwsAlgorithm.Es256);
        Iaca = MdocCertificates.CreateIaca(IacaKey, new IacaCertificateOptions
        {
            CommonName = "Sample IACA",
            Country = country,
            IssuerUri = new Uri("https://iaca.example.jp"),
            TimeProvider = Clock,
        });
        DocumentSigner = MdocCertificates.CreateDocumentSigner(IacaKey, Iaca, DocumentSignerKey.PublicJwk, new DocumentSignerCertificateOptions
        {
            CommonName = "Sample DS",
            TimeProvider = Clock,
        });
    }

    public FakeTimeProvider Clock { get; }

    public SigningKey IacaKey { get; }

    public X509Certificate2 Iaca { get; }

    public SigningKey DocumentSignerKey { get; }

    public X509Certificate2 DocumentSigner { get; }

    public static X509Certificate2 AnnexDDocumentSigner() => X509CertificateLoader.LoadCertificate(Convert.FromHexString(AnnexDDocumentSignerHex));

    public MdocCertificateValidator Validator(MdocCertificateValidatorOptions? options = null, IEnumerable<X509Certificate2>? pinned = null)
        => new([Iaca], pinned, (options ?? new MdocCertificateValidatorOptions()) with { TimeProvider = Clock });

    /// <summary>A document signer made directly with <see cref="CertificateRequest"/>, signed by <paramref name="issuerKey"/> as <paramref name="issuer"/>.</summary>
    public X509Certificate2 CustomDocumentSigner(
        string subject = "C=JP, CN=Custom DS",
        X509KeyUsageFlags? keyUsage = X509KeyUsageFlags.DigitalSignature,
        string[]? extendedKeyUsages = null,
        bool ca = false,
        X509Certificate2? issuer = null,
        SigningKey? issuerKey = null,
        TimeSpan? validity = null)
    {
        issuer ??= Iaca;
        issuerKey ??= IacaKey;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        if (keyUsage is { } usage)
        {
            request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        }

        var ekus = new OidCollection();
        foreach (var oid in extendedKeyUsages ?? [MdocCertificateValidator.DocumentSignerExtendedKeyUsage])
        {
            ekus.Add(new Oid(oid));
        }

        if (ekus.Count > 0)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(ekus, critical: true));
        }

        if (ca)
        {
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        }

        var notBefore = Clock.GetUtcNow();
        return request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey.Ecdsa!), notBefore, notBefore + (validity ?? TimeSpan.FromDays(365)), [0x42, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07]);
    }

    /// <summary>A self-signed root made directly with <see cref="CertificateRequest"/>.</summary>
    public X509Certificate2 CustomRoot(SigningKey key, string subject = "C=JP, CN=Custom Root", bool? ca = true, int pathLength = 0, X509KeyUsageFlags keyUsage = X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign)
    {
        var request = new CertificateRequest(subject, key.Ecdsa!, HashAlgorithmName.SHA256);
        if (ca is { } isCa)
        {
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(isCa, isCa, pathLength, true));
        }

        request.CertificateExtensions.Add(new X509KeyUsageExtension(keyUsage, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var notBefore = Clock.GetUtcNow();
        return request.Create(request.SubjectName, X509SignatureGenerator.CreateForECDsa(key.Ecdsa!), notBefore, notBefore.AddYears(5), [0x41, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10]);
    }

    public void Dispose()
    {
        Iaca.Dispose();
        DocumentSigner.Dispose();
        IacaKey.Dispose();
        DocumentSignerKey.Dispose();
    }
}
