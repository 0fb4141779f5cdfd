using System;
using System.Collections.Generic;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Credentials.Keys;
using Credentials.Mdoc.Certificates;
using Microsoft.Extensions.Time.Testing;

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
        var clock = new FakeTimeProvider(Now.AddMonths(-6));
        using var iacaKey = SigningKey.Create(JwsAlgorithm.Es256);
        var iaca = MdocCertificates.CreateIaca(iacaKey, new IacaCertificateOptions { CommonName = iacaName, Country = "JP", IssuerUri = new Uri("https://iaca.example.jp"), TimeProvider = clock });
        var signer = SigningKey.Create(algorithm);
        var ds = MdocCertificates.CreateDocumentSigner(iacaKey, iaca, signer.PublicJwk, new DocumentSignerCertificateOptions { CommonName = "Test DS", Validity = TimeSpan.FromDays(450), TimeProvider = clock });
        return new MdocCoreTestIssuer(signer, iaca, ds);
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
