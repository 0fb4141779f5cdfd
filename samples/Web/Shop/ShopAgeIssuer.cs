using System;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using Credentials.Keys;
using Credentials.Mdoc;
using Credentials.Mdoc.Certificates;
using Credentials.SdJwtVc;
using Credentials.Trust;
using Credentials.Samples.Web.Trust;

namespace Credentials.Samples.Web.Shop;

/// <summary>
/// The sample age service (サンプル年齢確認サービス) the shop trusts for age credentials, created on first start in the
/// data folder: one ES256 key for SD-JWT VCs (<c>shop/age-issuer.jwk</c>), and for mdocs a sample IACA root
/// (<c>shop/age-iaca.jwk</c>, <c>shop/age-iaca.pem</c>) with a document signer it certifies
/// (<c>shop/age-document-signer.jwk</c>, <c>shop/age-document-signer.pem</c>, renewed by the IACA when it has expired).
/// It issues <see cref="AgeCredentialType"/> credentials and <c>jp.example.av.1</c> mdocs to the browser tests' wallet;
/// a real shop would trust a real age service and its IACA instead.
/// </summary>
public sealed class ShopAgeIssuer : ISampleIssuer, IDisposable
{
    /// <summary>The issuer identifier (<c>iss</c>) of the sample age service.</summary>
    public const string IssuerId = "https://issuer.credentials.example.jp/age";

    /// <summary>The mdoc document type (and namespace) of the age credential: <see cref="MdocSampleDocuments.JapaneseAgeDocType"/>.</summary>
    public const string MdocDocType = MdocSampleDocuments.JapaneseAgeDocType;

    private readonly SigningKey _key;
    private readonly SigningKey _documentSignerKey;
    private readonly X509CertificateChain _documentSignerChain;

    /// <summary>Loads the keys and certificates from the data folder, creating them on first start.</summary>
    /// <param name="data">The data folder.</param>
    /// <param name="time">The app's clock.</param>
    public ShopAgeIssuer(WebData data, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(time);
        _key = LoadOrCreateKey(data.PathOf(Path.Combine("shop", "age-issuer.jwk")), "age-1");
        Issuer = new SdJwtVcIssuer(_key, options: new SdJwtVcIssuerOptions { Issuer = IssuerId, TimeProvider = time });
        Trusted = new TrustedIssuer
        {
            Issuer = IssuerId,
            Name = "サンプル年齢確認サービス / Sample age service",
            Keys = [_key.PublicJwk],
            CredentialTypes = [AgeCredentialType.TypeUri],
        };

        // The mdoc side: a sample IACA root and its document signer (ISO/IEC 18013-5 Annex B profiles, made by the library).
        using var iacaKey = LoadOrCreateKey(data.PathOf(Path.Combine("shop", "age-iaca.jwk")), "age-iaca-1");
        var iacaPath = data.PathOf(Path.Combine("shop", "age-iaca.pem"));
        if (!File.Exists(iacaPath))
        {
            using var created = MdocCertificates.CreateIaca(iacaKey, new IacaCertificateOptions
            {
                CommonName = "Sample Age Service IACA",
                IssuerUri = new Uri(IssuerId),
                TimeProvider = time,
            });
            File.WriteAllText(iacaPath, MdocCertificates.ExportPem(created));
        }

        Iaca = MdocCertificates.ParsePem(File.ReadAllText(iacaPath));
        _documentSignerKey = LoadOrCreateKey(data.PathOf(Path.Combine("shop", "age-document-signer.jwk")), "age-ds-1");
        var signerPath = data.PathOf(Path.Combine("shop", "age-document-signer.pem"));
        if (!File.Exists(signerPath) || !ValidNow(signerPath, time))
        {
            using var signer = MdocCertificates.CreateDocumentSigner(iacaKey, Iaca, _documentSignerKey.PublicJwk, new DocumentSignerCertificateOptions
            {
                CommonName = "Sample Age Service Document Signer",
                TimeProvider = time,
            });
            File.WriteAllText(signerPath, MdocCertificates.ExportPem(signer));
        }

        _documentSignerChain = X509CertificateChain.FromPemFile(signerPath);
        MdocIssuer = MdocIssuer.FromCertificateChain(_documentSignerKey, _documentSignerChain, new MdocIssuerOptions { TimeProvider = time, Validity = TimeSpan.FromDays(30) });
    }

    /// <summary>Issues age credentials (SD-JWT VC) with the sample key.</summary>
    public SdJwtVcIssuer Issuer { get; }

    /// <summary>Issues age mdocs (<see cref="MdocDocType"/>) with the sample document signer.</summary>
    public MdocIssuer MdocIssuer { get; }

    /// <summary>The sample IACA root: the shop's trust anchor for age mdocs.</summary>
    public X509Certificate2 Iaca { get; }

    /// <inheritdoc />
    public TrustedIssuer Trusted { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        _key.Dispose();
        _documentSignerKey.Dispose();
        _documentSignerChain.Dispose();
        Iaca.Dispose();
    }

    private static SigningKey LoadOrCreateKey(string path, string keyId)
    {
        if (!File.Exists(path))
        {
            using var created = SigningKey.Create(JwsAlgorithm.Es256, keyId);
            JwkFile.WritePrivate(path, created.ExportPrivateJwk(), force: false);
        }

        return JwkFile.ReadSigningKey(path);
    }

    private static bool ValidNow(string path, TimeProvider time)
    {
        using var certificate = MdocCertificates.ParsePem(File.ReadAllText(path));
        var now = time.GetUtcNow();
        // Renewed a day before it expires, so that no mdoc outlives its signer by surprise.
        return now >= new DateTimeOffset(certificate.NotBefore) && now.AddDays(1) < new DateTimeOffset(certificate.NotAfter);
    }
}
