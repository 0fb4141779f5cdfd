using System;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.Mdoc;
using Credentials.Tests.Mdoc;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Tests.Keys.X509;

/// <summary>mdocs issued from an <see cref="X509CertificateChain"/>: the chain goes into x5chain without the IACA root.</summary>
public sealed class MdocX5ChainTests
{
    private static readonly SessionTranscript s_transcript = SessionTranscript.ForOpenId4Vp("x509_san_dns:verifier.example", "n-0S6_WzA2Mj", null, "https://verifier.example/response");

    [Fact]
    public async Task Issue_ChainWithIacaRoot_DropsTheRootAndVerifies()
    {
        using var issuer = MdocCoreTestIssuer.Create(JwsAlgorithm.Es256);
        using var chain = X509CertificateChain.Create([issuer.DocumentSigner, issuer.Iaca]);
        var mdocIssuer = MdocIssuer.FromCertificateChain(issuer.Signer, chain, Options());
        using var deviceKey = SigningKey.Create(JwsAlgorithm.Es256);

        var issued = await mdocIssuer.IssueAsync(new MdocIssuance
        {
            DocType = MdocDocTypes.Mdl,
            NameSpaces = MdocCoreRoundTripTests.LicenceElements(),
            DeviceKey = deviceKey.PublicJwk,
        });
        var encoded = await MdocCoreRoundTripTests.PresentAsync(issued, deviceKey, s_transcript, "family_name", "age_over_20");
        var result = MdocCoreRoundTripTests.Verifier(issuer).Verify(encoded, s_transcript);

        // ISO/IEC 18013-5 section 9.3.3: the verifier holds the IACA; x5chain carries the document signer only.
        var x5chain = Assert.Single(issued.CertificateChain);
        Assert.Equal(issuer.DocumentSigner.RawData, x5chain.ToArray());
        Assert.True(result.IsValid, result.Error?.ToString());
    }

    [Fact]
    public async Task Issue_SignerFromCertificateWithKey_Verifies()
    {
        using var issuer = MdocCoreTestIssuer.Create(JwsAlgorithm.Es384);
        using var dsKey = MdocCoreTestIssuer.ToEcdsa(issuer.Signer.ExportPrivateJwk());
        using var dsWithKey = System.Security.Cryptography.X509Certificates.ECDsaCertificateExtensions.CopyWithPrivateKey(issuer.DocumentSigner, dsKey);
        using var chain = X509CertificateChain.Create([dsWithKey, issuer.Iaca]);
        using var signer = chain.CreateSigner();
        using var deviceKey = SigningKey.Create(JwsAlgorithm.Es256);

        var issued = await MdocIssuer.FromCertificateChain(signer, chain, Options()).IssueAsync(new MdocIssuance
        {
            DocType = MdocDocTypes.Mdl,
            NameSpaces = MdocCoreRoundTripTests.LicenceElements(),
            DeviceKey = deviceKey.PublicJwk,
        });
        var encoded = await MdocCoreRoundTripTests.PresentAsync(issued, deviceKey, s_transcript, "family_name");

        Assert.Equal(JwsAlgorithm.Es384, signer.Algorithm);
        Assert.True(MdocCoreRoundTripTests.Verifier(issuer).Verify(encoded, s_transcript).IsValid);
    }

    [Fact]
    public void Construct_OnlyTheIacaRoot_Throws()
    {
        using var issuer = MdocCoreTestIssuer.Create(JwsAlgorithm.Es256);
        using var chain = X509CertificateChain.Create([issuer.Iaca]);

        Assert.Throws<ArgumentException>(() => MdocIssuer.FromCertificateChain(issuer.Signer, chain, Options()));
    }

    [Fact]
    public void Construct_SignerIsNotTheDocumentSigner_Throws()
    {
        using var issuer = MdocCoreTestIssuer.Create(JwsAlgorithm.Es256);
        using var chain = X509CertificateChain.Create([issuer.DocumentSigner, issuer.Iaca]);
        using var other = SigningKey.Create(JwsAlgorithm.Es256);

        Assert.Throws<ArgumentException>(() => MdocIssuer.FromCertificateChain(other, chain, Options()));
    }

    private static MdocIssuerOptions Options() => new() { TimeProvider = new FakeTimeProvider(MdocCoreTestIssuer.Now), Validity = TimeSpan.FromDays(180) };
}
