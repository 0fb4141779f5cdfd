using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Trust;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Tests.Keys.X509;

/// <summary>SD-JWT VCs issued with the issuer's certificate chain in x5c, verified against a trust anchor.</summary>
public sealed class SdJwtVcX5cTests : IDisposable
{
    private const string Vct = "https://credentials.example.jp/vct/age/v1";
    private const string Audience = "https://shop.example.jp";
    private const string Nonce = "n-0S6_WzA2Mj";

    private readonly TestPki _pki = TestPki.Create();
    private readonly SigningKey _holderKey = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly FakeTimeProvider _clock = new(TestPki.Now);

    public void Dispose()
    {
        _pki.Dispose();
        _holderKey.Dispose();
    }

    [Fact]
    public async Task Issue_WithChain_WritesX5cWithoutTheRoot()
    {
        using var chain = X509CertificateChain.FromPem(TestPki.Pem(_pki.Leaf, _pki.Intermediate, _pki.Root));
        using var signer = new EcdsaSigner(_pki.LeafKey, ownsKey: false);

        var issued = await Issuer(signer, chain).IssueAsync(Age());
        var header = Jws.ReadCompact(issued.IssuerSignedJwt).Value.Header;

        var x5c = header.GetProperty("x5c").EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.Equal(chain.ToX5c(), x5c);
        Assert.Equal(2, x5c.Length);
    }

    [Fact]
    public async Task Verify_IssuedWithChain_PassesAgainstTheRootAnchor()
    {
        using var chain = X509CertificateChain.FromPem(TestPki.Pem(_pki.Leaf, _pki.Intermediate, _pki.Root));
        using var signer = new EcdsaSigner(_pki.LeafKey, ownsKey: false);
        var issued = await Issuer(signer, chain).IssueAsync(Age());

        var result = await Verifier(_pki.Root).VerifyAsync(await Present(issued), Policy());

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(TestPki.IssuerUrl, result.Value.Issuer);
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(CheckKind.IssuerTrust));
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(CheckKind.Signature));
    }

    [Fact]
    public async Task Verify_SignerFromPfx_PassesAgainstTheRootAnchor()
    {
        using var chain = X509CertificateChain.FromPfx(_pki.Pfx("pw"), "pw");
        using var signer = chain.CreateSigner();
        var issued = await Issuer(signer, chain).IssueAsync(Age());

        var result = await Verifier(_pki.Root).VerifyAsync(await Present(issued), Policy());

        Assert.True(result.IsValid, result.Error?.ToString());
    }

    [Fact]
    public async Task Verify_OtherTrustAnchor_FailsWithInvalidChain()
    {
        using var chain = X509CertificateChain.FromPem(TestPki.Pem(_pki.Leaf, _pki.Intermediate, _pki.Root));
        using var signer = new EcdsaSigner(_pki.LeafKey, ownsKey: false);
        using var other = TestPki.Create();
        var issued = await Issuer(signer, chain).IssueAsync(Age());

        var result = await Verifier(other.Root).VerifyAsync(await Present(issued), Policy());

        Assert.Equal(X509IssuerKeyResolver.InvalidChain, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_IssDoesNotMatchTheLeafSan_FailsWithIssuerMismatch()
    {
        // The issuer's own check is bypassed by writing x5c by hand: the verifier must still refuse.
        using var chain = X509CertificateChain.FromPem(TestPki.Pem(_pki.Leaf, _pki.Intermediate));
        using var signer = new EcdsaSigner(_pki.LeafKey, ownsKey: false);
        var x5c = new JsonArray(chain.ToX5c().Select(c => (JsonNode?)JsonValue.Create(c)).ToArray());
        var issuer = new SdJwtVcIssuer(signer, new SdJwtVcIssuerOptions
        {
            Issuer = "https://impostor.example.jp",
            TimeProvider = _clock,
            ExtraHeaders = new Dictionary<string, JsonNode?> { ["x5c"] = x5c },
        });
        var issued = await issuer.IssueAsync(Age());

        var result = await Verifier(_pki.Root).VerifyAsync(await Present(issued), Policy());

        Assert.Equal(X509IssuerKeyResolver.IssuerMismatch, result.Error!.Code);
    }

    [Fact]
    public void Construct_IssuerNotInTheLeafSan_Throws()
    {
        using var chain = X509CertificateChain.FromPem(TestPki.Pem(_pki.Leaf, _pki.Intermediate));
        using var signer = new EcdsaSigner(_pki.LeafKey, ownsKey: false);

        Assert.Throws<ArgumentException>(() => new SdJwtVcIssuer(signer, new SdJwtVcIssuerOptions { Issuer = "https://impostor.example.jp", CertificateChain = chain }));
    }

    [Fact]
    public void Construct_SignerKeyIsNotTheLeafs_Throws()
    {
        using var chain = X509CertificateChain.FromPem(TestPki.Pem(_pki.Leaf, _pki.Intermediate));
        using var otherSigner = new EcdsaSigner(ECDsa.Create(ECCurve.NamedCurves.nistP256));
        using var otherKey = SigningKey.Create(JwsAlgorithm.Es256);

        Assert.Throws<ArgumentException>(() => new SdJwtVcIssuer(otherSigner, new SdJwtVcIssuerOptions { Issuer = TestPki.IssuerUrl, CertificateChain = chain }));
        Assert.Throws<ArgumentException>(() => new SdJwtVcIssuer(otherKey, new SdJwtVcIssuerOptions { Issuer = TestPki.IssuerUrl, CertificateChain = chain }));
    }

    [Fact]
    public void Construct_X5cInBothChainAndExtraHeaders_Throws()
    {
        using var chain = X509CertificateChain.FromPem(TestPki.Pem(_pki.Leaf, _pki.Intermediate));
        using var signer = new EcdsaSigner(_pki.LeafKey, ownsKey: false);

        Assert.Throws<ArgumentException>(() => new SdJwtVcIssuer(signer, new SdJwtVcIssuerOptions
        {
            Issuer = TestPki.IssuerUrl,
            CertificateChain = chain,
            ExtraHeaders = new Dictionary<string, JsonNode?> { ["x5c"] = new JsonArray() },
        }));
    }

    private SdJwtVcIssuer Issuer(ISigner signer, X509CertificateChain chain)
        => new(signer, new SdJwtVcIssuerOptions { Issuer = TestPki.IssuerUrl, TimeProvider = _clock, CertificateChain = chain });

    private SdJwtVcVerifier Verifier(System.Security.Cryptography.X509Certificates.X509Certificate2 anchor)
        => new(new X509IssuerKeyResolver([anchor], _clock), options: new SdJwtVcVerifierOptions { TimeProvider = _clock });

    private static SdJwtVcPolicy Policy() => new()
    {
        KeyBinding = KeyBindingRequirement.Required(Audience, Nonce),
        Status = StatusCheck.Skip,
    };

    private SdJwtVcIssuance Age() => new()
    {
        Vct = Vct,
        Claims = SdJwtPayload.Create().Disclosable("age_over_20", true),
        HolderKey = _holderKey.PublicJwk,
        ExpiresAt = TestPki.Now.AddDays(90),
    };

    private async Task<string> Present(SdJwtToken issued)
    {
        var holder = new SdJwtHolder(new SdJwtHolderOptions { TimeProvider = _clock });
        var presented = await holder.PresentAsync(issued, [ClaimPath.Of("age_over_20")], new KeyBindingInput(Audience, Nonce), _holderKey);
        return presented.Value.Serialize();
    }
}
