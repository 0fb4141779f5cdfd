using System;
using System.Collections.Generic;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Credentials.Keys;

namespace Credentials.Tests.Mdoc;

/// <summary>An IACA root and a document signer (created with the platform's CertificateRequest) for mdoc tests.</summary>
internal sealed class MdocCoreTestIssuer : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private MdocCoreTestIssuer(SigningKey signer, X509Certificate2 iaca, X509Certificate2 documentSigner)
    {
        Signer = signer;
        Iaca = iaca;
        DocumentSigner = documentSigner;
    }

    public SigningKey Signer { get; }

    public X509Certificate2 Iaca { get; }

    public X509Certificate2 DocumentSigner { get; }

    public IReadOnlyList<X509Certificate2> Chain => [DocumentSigner];

    public static MdocCoreTestIssuer Create(JwsAlgorithm algorithm, string iacaName = "Test IACA")
    {
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest($"CN={iacaName}, C=JP", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var iaca = rootRequest.CreateSelfSigned(Now.AddYears(-1), Now.AddYears(5));

        var signer = SigningKey.Create(algorithm);
        using var dsKey = ToEcdsa(signer.ExportPrivateJwk());
        var dsRequest = new CertificateRequest("CN=Test DS, C=JP", dsKey, algorithm == JwsAlgorithm.Es384 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256);
        dsRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var serial = new byte[8];
        RandomNumberGenerator.Fill(serial);
        serial[0] &= 0x7f;
        using var ds = dsRequest.Create(iaca, Now.AddMonths(-6), Now.AddYears(2), serial);
        return new MdocCoreTestIssuer(signer, iaca, X509CertificateLoader.LoadCertificate(ds.RawData));
    }

    public static ECDsa ToEcdsa(Jwk jwk)
    {
        var curve = jwk.Crv == JwkCurves.P384 ? ECCurve.NamedCurves.nistP384 : ECCurve.NamedCurves.nistP256;
        return ECDsa.Create(new ECParameters
        {
            Curve = curve,
            D = jwk.D is null ? null : Base64Url.DecodeFromChars(jwk.D),
            Q = new ECPoint { X = Base64Url.DecodeFromChars(jwk.X), Y = Base64Url.DecodeFromChars(jwk.Y) },
        });
    }

    public void Dispose()
    {
        Signer.Dispose();
        Iaca.Dispose();
        DocumentSigner.Dispose();
    }
}
