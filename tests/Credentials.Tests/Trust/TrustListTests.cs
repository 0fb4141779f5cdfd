using System;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.Trust;
using Xunit;

namespace Credentials.Tests.Trust;

public sealed class TrustListTests : IDisposable
{
    private const string Issuer = "https://issuer.credentials.example.jp/ipa";
    private const string Vct = "https://credentials.example.jp/vct/age/v1";
    private readonly SigningKey _key = SigningKey.Create(JwsAlgorithm.Es256, "k1");

    public void Dispose() => _key.Dispose();

    [Theory]
    [InlineData("[1]")]
    [InlineData("{}")]
    [InlineData("{\"issuers\":{}}")]
    [InlineData("{\"issuers\":[1]}")]
    [InlineData("{\"issuers\":[{\"name\":\"x\"}]}")]
    [InlineData("{\"issuers\":[{\"issuer\":\"did:example:1\",\"keys\":{}}]}")]
    [InlineData("{\"issuers\":[{\"issuer\":\"did:example:1\",\"credential_types\":[1]}]}")]
    [InlineData("{\"issuers\":[{\"issuer\":\"did:example:1\",\"credential_types\":\"x\"}]}")]
    [InlineData("{\"issuers\":[{\"issuer\":\"https://a.example\"}]}")]
    [InlineData("{\"issuers\":[{\"issuer\":\"did:example:1\"},{\"issuer\":\"did:example:1\"}]}")]
    [InlineData("{\"issuers\":[{\"issuer\":\"did:example:1\",\"issuer\":\"did:example:2\"}]}")]
    public void Parse_MalformedDocument_ThrowsFormatException(string json)
        => Assert.Throws<FormatException>(() => TrustList.Parse(json));

    [Fact]
    public async Task ParseAndToJson_RoundTrip_ResolvesKeyAndAuthorizesType()
    {
        using var list = new TrustList([new TrustedIssuer { Issuer = Issuer, Name = "IPA（サンプル）", Keys = [_key.PublicJwk], CredentialTypes = [Vct] }]);
        using var reloaded = TrustList.Parse(list.ToJson());

        var key = await reloaded.ResolveAsync(Request(Issuer, "k1"));

        Assert.True(key.IsValid);
        Assert.Null(reloaded.Authorize(Issuer, Vct));
        Assert.Equal(TrustErrors.VctNotAllowed, reloaded.Authorize(Issuer, "https://other/vct")!.Code);
        Assert.Equal(TrustErrors.UntrustedIssuer, reloaded.Authorize("https://evil.example", Vct)!.Code);
    }

    [Fact]
    public async Task Resolve_UnknownIssuer_FailsWithUntrustedIssuer()
    {
        using var list = new TrustList([new TrustedIssuer { Issuer = Issuer, Keys = [_key.PublicJwk], CredentialTypes = ["*"] }]);

        Assert.Equal(TrustErrors.UntrustedIssuer, (await list.ResolveAsync(Request("https://evil.example", "k1"))).Error!.Code);
        Assert.Null(list.Authorize(Issuer, "anything"));
    }

    [Fact]
    public async Task Resolve_KidMatchesNoKey_FailsWithKeyNotFound()
    {
        using var list = new TrustList([new TrustedIssuer { Issuer = Issuer, Keys = [_key.PublicJwk], CredentialTypes = [Vct] }]);

        Assert.Equal(TrustErrors.KeyNotFound, (await list.ResolveAsync(Request(Issuer, "other"))).Error!.Code);
    }

    [Fact]
    public async Task Resolve_DidIssuerWithoutResolver_FailsWithKeyNotFound()
    {
        using var list = new TrustList([new TrustedIssuer { Issuer = "did:example:123", CredentialTypes = [Vct] }]);

        Assert.Equal(TrustErrors.KeyNotFound, (await list.ResolveAsync(Request("did:example:123", null))).Error!.Code);
    }

    private static IssuerKeyRequest Request(string issuer, string? kid)
    {
        using var signer = SigningKey.Create(JwsAlgorithm.Es256, kid);
        return new IssuerKeyRequest(issuer, Jws.ReadCompact(JwsWriter.SignCompact(signer, "{}"u8)).Value);
    }
}
