using System;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.Keys.Rotation;
using Credentials.Mdoc;
using Credentials.SdJwtVc;
using Credentials.Tests.Keys.Rotation;
using Credentials.Tests.Mdoc;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Tests.Keys.X509;

/// <summary>A certificate chain is bound only to a signer that reveals its public key, and only when the leaf certifies it.</summary>
public sealed class ChainSignerKeyTests : IDisposable
{
    private readonly TestPki _pki = TestPki.Create();

    public void Dispose() => _pki.Dispose();

    [Fact]
    public void SdJwtVc_SignerThatHidesItsKey_IsRefused_EvenWhenItIsTheLeafsKey()
    {
        using var chain = X509CertificateChain.FromPem(TestPki.Pem(_pki.Leaf, _pki.Intermediate));
        using var inner = new EcdsaSigner(_pki.LeafKey, ownsKey: false);

        Assert.Throws<ArgumentException>(() => new SdJwtVcIssuer(new Hiding(inner), new SdJwtVcIssuerOptions { Issuer = TestPki.IssuerUrl, CertificateChain = chain }));
    }

    [Fact]
    public void SdJwtVc_WrapperThatRevealsTheLeafsKey_IsAccepted_AndAnotherKeyIsRefused()
    {
        using var chain = X509CertificateChain.FromPem(TestPki.Pem(_pki.Leaf, _pki.Intermediate));
        using var inner = new EcdsaSigner(_pki.LeafKey, ownsKey: false);
        using var other = SigningKey.Create(JwsAlgorithm.Es256);

        _ = new SdJwtVcIssuer(new Revealing(inner), new SdJwtVcIssuerOptions { Issuer = TestPki.IssuerUrl, CertificateChain = chain });
        Assert.Throws<ArgumentException>(() => new SdJwtVcIssuer(new Revealing(other), new SdJwtVcIssuerOptions { Issuer = TestPki.IssuerUrl, CertificateChain = chain }));
    }

    [Fact]
    public void SdJwtVc_RotatingSigner_WithAChain_IsRefused()
    {
        using var fixture = new RotationFixture();
        using var chain = X509CertificateChain.FromPem(TestPki.Pem(_pki.Leaf, _pki.Intermediate));

        Assert.Throws<ArgumentException>(() => new SdJwtVcIssuer(new RotatingSigner(fixture.Rotated()), new SdJwtVcIssuerOptions { Issuer = TestPki.IssuerUrl, CertificateChain = chain }));
    }

    [Fact]
    public void Mdoc_SignerThatHidesItsKey_IsRefused_AndTheSameKeyRevealedIsAccepted()
    {
        using var issuer = MdocCoreTestIssuer.Create(JwsAlgorithm.Es256);
        using var chain = X509CertificateChain.Create([issuer.DocumentSigner, issuer.Iaca]);
        var options = new MdocIssuerOptions { TimeProvider = new FakeTimeProvider(MdocCoreTestIssuer.Now), Validity = TimeSpan.FromDays(180) };

        Assert.Throws<ArgumentException>(() => MdocIssuer.FromCertificateChain(new Hiding(issuer.Signer), chain, options));
        _ = MdocIssuer.FromCertificateChain(new Revealing(issuer.Signer), chain, options);
    }

    private sealed class Hiding(ISigner inner) : ISigner
    {
        public JwsAlgorithm Algorithm => inner.Algorithm;

        public string? KeyId => inner.KeyId;

        public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> signingInput, CancellationToken cancellationToken = default)
            => inner.SignAsync(signingInput, cancellationToken);
    }

    private sealed class Revealing(IPublicKeySigner inner) : IPublicKeySigner
    {
        public JwsAlgorithm Algorithm => inner.Algorithm;

        public string? KeyId => inner.KeyId;

        public Jwk PublicJwk => inner.PublicJwk;

        public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> signingInput, CancellationToken cancellationToken = default)
            => inner.SignAsync(signingInput, cancellationToken);
    }
}
