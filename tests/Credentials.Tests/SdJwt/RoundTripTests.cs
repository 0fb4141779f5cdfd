using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.Trust;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Tests.SdJwt;

public sealed class RoundTripTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string> AlgorithmPairs => new()
    {
        { "EdDSA", "EdDSA" },
        { "ES256", "EdDSA" },
        { "EdDSA", "ES256" },
        { "ES384", "ES256" },
        { "ES256K", "ES256" },
    };

    [Theory]
    [MemberData(nameof(AlgorithmPairs))]
    public async Task IssuePresentVerify_SelectedClaims_VerifiesExactlyThose(string issuerAlg, string holderAlg)
    {
        JwsAlgorithm.TryGet(issuerAlg, out var ia);
        JwsAlgorithm.TryGet(holderAlg, out var ha);
        using var issuerKey = SigningKey.Create(ia!);
        using var holderKey = SigningKey.Create(ha!);
        var clock = new FakeTimeProvider(s_now);

        var payload = SdJwtPayload.Create()
            .Claim("iss", "https://issuer.example")
            .Claim("iat", s_now.ToUnixTimeSeconds())
            .Claim("exp", s_now.AddYears(1).ToUnixTimeSeconds())
            .Disclosable("given_name", "太郎")
            .Disclosable("family_name", "山田")
            .Object("address", a => a.Disclosable("locality", "千代田区").Disclosable("country", "JP"), disclosable: true)
            .Array("nationalities", n => n.DisclosableElement("JP").DisclosableElement("DE"))
            .Decoys(2);

        var issuer = new SdJwtIssuer(issuerKey, options: new SdJwtIssuerOptions { Type = "example+sd-jwt" });
        var issued = await issuer.IssueAsync(payload, holderKey.PublicJwk);
        Assert.Equal(7, issued.Disclosures.Length);

        var holder = new SdJwtHolder(new SdJwtHolderOptions { TimeProvider = clock });
        var presented = await holder.PresentAsync(
            issued,
            [ClaimPath.Of("given_name"), ClaimPath.Of("address", "country"), ClaimPath.Create("nationalities", 1)],
            new KeyBindingInput("https://verifier.example", "n-0S6_WzA2Mj"),
            holderKey);
        Assert.True(presented.IsValid);

        var verifier = new SdJwtVerifier(new StaticIssuerKeyResolver(issuerKey.PublicJwk), options: new SdJwtVerifierOptions { TimeProvider = clock, AllowedAlgorithms = JwsAlgorithm.All });
        var result = await verifier.VerifyAsync(presented.Value.Serialize(), KeyBindingRequirement.Required("https://verifier.example", "n-0S6_WzA2Mj"));

        Assert.True(result.IsValid, result.Error?.ToString());
        var claims = result.Value.Claims;
        Assert.Equal("太郎", claims.GetProperty("given_name").GetString());
        Assert.False(claims.TryGetProperty("family_name", out _));
        Assert.Equal("JP", claims.GetProperty("address").GetProperty("country").GetString());
        Assert.False(claims.GetProperty("address").TryGetProperty("locality", out _));
        Assert.Equal(new[] { "DE" }, claims.GetProperty("nationalities").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.NotNull(result.Value.KeyBinding);
    }

    [Fact]
    public async Task Verify_KeyBindingRequiredButStripped_FailsWithKbMissing()
    {
        using var issuerKey = SigningKey.Create(JwsAlgorithm.EdDsa);
        using var holderKey = SigningKey.Create(JwsAlgorithm.EdDsa);
        var issuer = new SdJwtIssuer(issuerKey, options: new SdJwtIssuerOptions());
        var issued = await issuer.IssueAsync(SdJwtPayload.Create().Disclosable("a", 1), holderKey.PublicJwk);

        var verifier = new SdJwtVerifier(new StaticIssuerKeyResolver(issuerKey.PublicJwk), options: new SdJwtVerifierOptions());
        var result = await verifier.VerifyAsync(issued.Serialize(), KeyBindingRequirement.Required("aud", "nonce"));

        Assert.False(result.IsValid);
        Assert.Equal(KeyBindingErrors.Missing, result.Error.Code);
    }

    [Fact]
    public async Task Verify_JsonSerializations_AreEquivalentToCompact()
    {
        using var issuerKey = SigningKey.Create(JwsAlgorithm.Es256);
        using var holderKey = SigningKey.Create(JwsAlgorithm.EdDsa);
        var issuer = new SdJwtIssuer(issuerKey, options: new SdJwtIssuerOptions());
        var issued = await issuer.IssueAsync(SdJwtPayload.Create().Disclosable("a", 1).Disclosable("b", 2), holderKey.PublicJwk);
        var holder = new SdJwtHolder();
        var presented = (await holder.PresentAsync(issued, [ClaimPath.Of("b")], new KeyBindingInput("aud", "nonce"), holderKey)).Value;

        var verifier = new SdJwtVerifier(new StaticIssuerKeyResolver(issuerKey.PublicJwk), options: new SdJwtVerifierOptions());
        foreach (var text in new[] { presented.Serialize(), presented.ToFlattenedJson(), presented.ToGeneralJson() })
        {
            var result = await verifier.VerifyAsync(text, KeyBindingRequirement.Required("aud", "nonce"));
            Assert.True(result.IsValid, result.Error?.ToString());
            Assert.Equal(2, result.Value.Claims.GetProperty("b").GetInt32());
            Assert.False(result.Value.Claims.TryGetProperty("a", out _));
        }
    }

    [Fact]
    public void JsonSerialization_UnprotectedHeaderMemberOtherThanDisclosures_IsRefused()
    {
        // RFC 9901 section 8.1: the unprotected header carries disclosures and kb_jwt only; a kid there is unsigned.
        const string Flattened = "{\"payload\":\"e30\",\"protected\":\"eyJhbGciOiJFUzI1NiJ9\",\"header\":{\"kid\":\"issuer-key-1\",\"disclosures\":[]},\"signature\":\"AAAA\"}";
        var parsed = Credentials.SdJwt.SdJwtToken.Read(Flattened);

        Assert.Equal(SdJwtErrors.UnprotectedHeaderNotAllowed, parsed.Error!.Code);
    }

    [Fact]
    public async Task GetClaims_AllDisclosures_EqualsVerifierOutput()
    {
        using var issuerKey = SigningKey.Create(JwsAlgorithm.EdDsa);
        var issued = await new SdJwtIssuer(issuerKey, options: new SdJwtIssuerOptions()).IssueAsync(
            SdJwtPayload.Create().Claim("iss", "https://issuer.example").Disclosable("a", 1)
                .Object("o", o => o.Disclosable("b", "x").Claim("c", true), disclosable: true)
                .Array("arr", a => a.DisclosableElement("e1").Element("e2").Decoys(2)).Decoys(3));

        var holderView = new SdJwtHolder().GetClaims(issued);
        var verified = await new SdJwtVerifier(new StaticIssuerKeyResolver(issuerKey.PublicJwk), options: new SdJwtVerifierOptions())
            .VerifyAsync(issued.Serialize(), KeyBindingRequirement.Forbidden);

        Assert.True(holderView.IsValid);
        Assert.True(JsonElement.DeepEquals(verified.Value.Claims, holderView.Value));
        Assert.Equal(2, holderView.Value.GetProperty("arr").GetArrayLength());
    }
}
