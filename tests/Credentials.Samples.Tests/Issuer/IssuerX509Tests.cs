using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.Samples.Issuer;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Trust;
using Xunit;

namespace Credentials.Samples.Tests.Issuer;

/// <summary><c>keys create --cert-out</c> and <c>issue --cert</c>: SD-JWT VCs with the issuer's certificate chain in x5c.</summary>
public sealed class IssuerX509Tests : IssuerTestBase
{
    private const string IssuerUrl = "https://issuer.credentials.example.jp/ipa";
    private const string Audience = "https://shop.example.jp";
    private const string Nonce = "n-0S6_WzA2Mj";

    [Fact]
    public async Task KeysCreate_CertOut_WritesIssuerCertificateAndSampleRoot()
    {
        var run = await RunOkAsync("keys", "create", "--out", PathOf("issuer.jwk"), "--cert-out", PathOf("chain.pem"), "--issuer", IssuerUrl, "--json");

        using var chain = X509CertificateChain.FromPemFile(PathOf("chain.pem"));
        using var key = SigningKey.FromJwk(Jwk.Parse(File.ReadAllText(PathOf("issuer.jwk"))));
        Assert.Equal(2, chain.Certificates.Count);
        Assert.True(chain.IncludesTrustAnchor);
        Assert.Single(chain.ToX5c());
        Assert.Equal(PathOf("chain.pem"), run.Json.GetProperty("certOut").GetString());

        // The certificate certifies the key just written.
        var issuer = new SdJwtVcIssuer(key, new SdJwtVcIssuerOptions { Issuer = IssuerUrl, CertificateChain = chain });
        Assert.NotNull(issuer);
    }

    [Fact]
    public async Task Issue_Cert_PutsTheChainIntoX5cAndVerifiesAgainstTheRoot()
    {
        await RunOkAsync("keys", "create", "--out", PathOf("issuer.jwk"), "--cert-out", PathOf("chain.pem"), "--issuer", IssuerUrl);
        await CreateKeyAsync("holder");

        var run = await RunOkAsync("issue", "--key", PathOf("issuer.jwk"), "--issuer", IssuerUrl, "--cert", PathOf("chain.pem"), "--type", "age", "--claims", SampleClaims("age"), "--holder-key", PathOf("holder.pub.jwk"), "--out", PathOf("age.sd-jwt"), "--json");

        using var chain = X509CertificateChain.FromPemFile(PathOf("chain.pem"));
        using var holderKey = SigningKey.FromJwk(Jwk.Parse(File.ReadAllText(PathOf("holder.jwk"))));
        var sdJwt = SdJwtToken.Read(File.ReadAllText(PathOf("age.sd-jwt"))).Value;
        var holder = new SdJwtHolder(new SdJwtHolderOptions { TimeProvider = Clock });
        var paths = holder.GetDisclosableClaims(sdJwt).Value.Select(c => c.Path).ToArray();
        var presentation = (await holder.PresentAsync(sdJwt, paths, new KeyBindingInput(Audience, Nonce), holderKey)).Value.Serialize();
        var verifier = new SdJwtVcVerifier(new X509IssuerKeyResolver([chain.Certificates[^1]], Clock), options: new SdJwtVcVerifierOptions { TimeProvider = Clock });

        var result = await verifier.VerifyAsync(presentation, new SdJwtVcPolicy { KeyBinding = KeyBindingRequirement.Required(Audience, Nonce), Status = StatusCheck.Skip });

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(IssuerUrl, result.Value.Issuer);
        Assert.Equal(1, run.Json.GetProperty("x5c").GetInt32());
    }

    [Fact]
    public async Task Issue_CertOfAnotherIssuer_UsageErrorAndNothingWritten()
    {
        await RunOkAsync("keys", "create", "--out", PathOf("issuer.jwk"), "--cert-out", PathOf("chain.pem"), "--issuer", IssuerUrl);

        var run = await RunAsync("issue", "--key", PathOf("issuer.jwk"), "--issuer", "https://other.example.jp", "--cert", PathOf("chain.pem"), "--type", "age", "--claims", SampleClaims("age"), "--out", PathOf("age.sd-jwt"), "--json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.False(File.Exists(PathOf("age.sd-jwt")));
    }

    [Fact]
    public async Task Issue_CertOfAnotherKey_KeyMismatch()
    {
        await RunOkAsync("keys", "create", "--out", PathOf("issuer.jwk"), "--cert-out", PathOf("chain.pem"), "--issuer", IssuerUrl);
        await CreateKeyAsync("other");

        var run = await RunAsync("issue", "--key", PathOf("other.jwk"), "--issuer", IssuerUrl, "--cert", PathOf("chain.pem"), "--type", "age", "--claims", SampleClaims("age"), "--out", PathOf("age.sd-jwt"), "--json");

        Assert.Equal(IssuerErrors.KeyMismatch, run.ErrorCode);
        Assert.False(File.Exists(PathOf("age.sd-jwt")));
    }

    [Fact]
    public async Task KeysCreate_CertOutWithoutIssuer_UsageError()
    {
        var run = await RunAsync("keys", "create", "--out", PathOf("issuer.jwk"), "--cert-out", PathOf("chain.pem"), "--json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.False(File.Exists(PathOf("chain.pem")));
    }
}
