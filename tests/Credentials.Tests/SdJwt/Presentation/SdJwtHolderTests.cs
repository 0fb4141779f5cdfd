using System;
using System.Linq;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.Trust;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Tests.SdJwt.Presentation;

/// <summary>RFC 9901 sections 7.2 and 4.3: selection of disclosures and the Key Binding JWT.</summary>
public sealed class SdJwtHolderTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task GetDisclosableClaims_NestedCredential_ListsEveryPathWithItsParent()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var issued = await IssueAsync(key);

        var claims = new SdJwtHolder().GetDisclosableClaims(issued);

        Assert.True(claims.IsValid, claims.Error?.ToString());
        var byPath = claims.Value.ToDictionary(c => c.Path.ToString(), c => c.ParentPath?.ToString());
        Assert.Equal(
            new[] { "[\"address\"]", "[\"address\",\"country\"]", "[\"address\",\"locality\"]", "[\"given_name\"]", "[\"nationalities\",0]", "[\"nationalities\",1]" }.Order(StringComparer.Ordinal),
            byPath.Keys.Order(StringComparer.Ordinal));
        Assert.Null(byPath["[\"given_name\"]"]);
        Assert.Null(byPath["[\"address\"]"]);
        Assert.Equal("[\"address\"]", byPath["[\"address\",\"country\"]"]);
        Assert.Null(byPath["[\"nationalities\",1]"]);
        Assert.Equal(issued.Disclosures.Length, claims.Value.Length);
    }

    [Fact]
    public async Task GetDisclosableClaims_ArrayWithDecoys_IndicesCountOnlyRealElements()
    {
        // Decoys are removed in processing (RFC 9901 section 7.1 step 3.d), so claim path indices must skip them.
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var issuer = new SdJwtIssuer(key, options: new SdJwtIssuerOptions());
        var verifier = new SdJwtVerifier(new StaticIssuerKeyResolver(key.PublicJwk), options: new SdJwtVerifierOptions());
        for (var run = 0; run < 20; run++)
        {
            var issued = await issuer.IssueAsync(SdJwtPayload.Create().Array("list", a => a.Element("plain").DisclosableElement("secret").Decoys(6)));

            var claim = new SdJwtHolder().GetDisclosableClaims(issued).Value.Single();
            var verified = await verifier.VerifyAsync(issued.Serialize(), KeyBindingRequirement.Forbidden);

            Assert.Equal("[\"list\",1]", claim.Path.ToString());
            Assert.Equal("[\"plain\",\"secret\"]", verified.Value.Claims.GetProperty("list").GetRawText());
            Assert.Equal("[\"list\",1]", verified.Value.DisclosedPaths.Single().ToString());
        }
    }

    [Fact]
    public async Task Select_ArrayIndexWithDecoys_SelectsThatElement()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var issuer = new SdJwtIssuer(key, options: new SdJwtIssuerOptions());
        for (var run = 0; run < 20; run++)
        {
            var issued = await issuer.IssueAsync(SdJwtPayload.Create().Array("list", a => a.DisclosableElement("first").DisclosableElement("second").Decoys(4)));

            var selected = new SdJwtHolder().Select(issued, [ClaimPath.Create("list", 1)]).Value;

            Assert.Equal("second", Assert.Single(selected.Disclosures).Value.GetString());
        }
    }

    [Fact]
    public async Task Select_NestedClaimInRecursiveObject_BringsItsParentDisclosureOnly()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var issued = await IssueAsync(key);

        var selected = new SdJwtHolder().Select(issued, [ClaimPath.Of("address", "country")]).Value;

        Assert.Equal(new[] { "address", "country" }, selected.Disclosures.Select(d => d.ClaimName).Order(StringComparer.Ordinal));
        var claims = await VerifyAsync(key, selected.Serialize());
        Assert.Equal("{\"country\":\"JP\"}", claims.GetProperty("address").GetRawText());
        Assert.False(claims.TryGetProperty("given_name", out _));
    }

    [Fact]
    public async Task Select_Object_BringsItsWholeSubtree()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var issued = await IssueAsync(key);

        var selected = new SdJwtHolder().Select(issued, [ClaimPath.Of("address")]).Value;

        Assert.Equal(new[] { "address", "country", "locality" }, selected.Disclosures.Select(d => d.ClaimName).Order(StringComparer.Ordinal));
        var claims = await VerifyAsync(key, selected.Serialize());
        Assert.Equal("JP", claims.GetProperty("address").GetProperty("country").GetString());
        Assert.Equal("千代田区", claims.GetProperty("address").GetProperty("locality").GetString());
    }

    [Fact]
    public async Task Select_NullWildcard_SelectsEveryElement()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var issued = await IssueAsync(key);

        var selected = new SdJwtHolder().Select(issued, [ClaimPath.Create("nationalities", null)]).Value;

        Assert.Equal(2, selected.Disclosures.Length);
        Assert.All(selected.Disclosures, d => Assert.True(d.IsArrayElement));
        var claims = await VerifyAsync(key, selected.Serialize());
        Assert.Equal("[\"JP\",\"DE\"]", claims.GetProperty("nationalities").GetRawText());
    }

    [Fact]
    public async Task Select_NothingOrPlaintextOnly_PresentsNoDisclosures()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var issued = await IssueAsync(key);

        var none = new SdJwtHolder().Select(issued, []).Value;
        var plaintext = new SdJwtHolder().Select(issued, [ClaimPath.Of("iss")]).Value;

        Assert.Empty(none.Disclosures);
        Assert.Empty(plaintext.Disclosures);
        Assert.Equal(issued.IssuerSignedJwt + "~", none.Serialize());
        var claims = await VerifyAsync(key, none.Serialize());
        Assert.Equal("[]", claims.GetProperty("nationalities").GetRawText());
        Assert.Equal("https://issuer.example", claims.GetProperty("iss").GetString());
    }

    [Fact]
    public async Task PresentAsync_KeyBindingJwt_HasTypIatAudNonceAndSdHashOverThePresentedString()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        using var holderKey = SigningKey.Create(JwsAlgorithm.EdDsa);
        var issued = await IssueAsync(key, holderKey.PublicJwk);
        var holder = new SdJwtHolder(new SdJwtHolderOptions { TimeProvider = new FakeTimeProvider(s_now) });

        var presented = (await holder.PresentAsync(issued, [ClaimPath.Of("given_name")], new KeyBindingInput("https://verifier.example", "nonce-1"), holderKey)).Value;

        var serialized = presented.Serialize();
        var prefix = serialized[..(serialized.LastIndexOf('~') + 1)];
        Assert.Equal(prefix, presented.GetSdHashInput());
        var kb = Jws.ReadCompact(presented.KeyBindingJwt!).Value;
        Assert.Equal("kb+jwt", kb.Type);
        Assert.Equal("EdDSA", kb.AlgorithmName);
        Assert.Null(kb.VerifySignature(holderKey.GetVerificationKey()));
        var payload = kb.ParsePayload().Value;
        Assert.Equal(s_now.ToUnixTimeSeconds(), payload.GetProperty("iat").GetInt64());
        Assert.Equal("https://verifier.example", payload.GetProperty("aud").GetString());
        Assert.Equal("nonce-1", payload.GetProperty("nonce").GetString());
        Assert.Equal(SdHashAlgorithm.Sha256.ComputeDigest(prefix), payload.GetProperty("sd_hash").GetString());
    }

    [Fact]
    public async Task CreateKeyBindingJwtAsync_Sha512Credential_HashesWithSdAlg()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        using var holderKey = SigningKey.Create(JwsAlgorithm.EdDsa);
        var issuer = new SdJwtIssuer(key, options: new SdJwtIssuerOptions { HashAlgorithm = SdHashAlgorithm.Sha512 });
        var issued = await issuer.IssueAsync(SdJwtPayload.Create().Disclosable("a", 1), holderKey.PublicJwk);

        var kb = await new SdJwtHolder().CreateKeyBindingJwtAsync(issued, new KeyBindingInput("aud", "nonce"), holderKey);

        var sdHash = Jws.ReadCompact(kb).Value.ParsePayload().Value.GetProperty("sd_hash").GetString();
        Assert.Equal(SdHashAlgorithm.Sha512.ComputeDigest(issued.GetSdHashInput()), sdHash);
    }

    [Fact]
    public async Task Select_TamperedIssuedSdJwt_ReturnsErrorWithoutThrowing()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var issued = await IssueAsync(key);
        var doubled = issued.WithDisclosures([.. issued.Disclosures, issued.Disclosures[0]]);

        var result = new SdJwtHolder().Select(doubled, [ClaimPath.Of("given_name")]);

        Assert.False(result.IsValid);
        Assert.Equal(SdJwtErrors.DuplicateDisclosure, result.Error.Code);
    }

    [Fact]
    public async Task Parse_IssuedSerialization_RoundTripsExactly()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var issued = await IssueAsync(key);

        var parsed = Credentials.SdJwt.SdJwtToken.Read(issued.Serialize());

        Assert.True(parsed.IsValid, parsed.Error?.ToString());
        Assert.Equal(issued.Serialize(), parsed.Value.Serialize());
        Assert.Equal(issued.Disclosures.Select(d => d.Encoded), parsed.Value.Disclosures.Select(d => d.Encoded));
    }

    private static async Task<Credentials.SdJwt.SdJwtToken> IssueAsync(SigningKey key, Jwk? holderKey = null)
    {
        var payload = SdJwtPayload.Create()
            .Claim("iss", "https://issuer.example")
            .Disclosable("given_name", "太郎")
            .Object("address", a => a.Disclosable("locality", "千代田区").Disclosable("country", "JP"), disclosable: true)
            .Array("nationalities", n => n.DisclosableElement("JP").DisclosableElement("DE"))
            .Decoys(2);
        return await new SdJwtIssuer(key, options: new SdJwtIssuerOptions()).IssueAsync(payload, holderKey);
    }

    private static async Task<System.Text.Json.JsonElement> VerifyAsync(SigningKey key, string presentation)
    {
        var verifier = new SdJwtVerifier(new StaticIssuerKeyResolver(key.PublicJwk), options: new SdJwtVerifierOptions());
        var result = await verifier.VerifyAsync(presentation, KeyBindingRequirement.Forbidden);
        Assert.True(result.IsValid, result.Error?.ToString());
        return result.Value.Claims;
    }
}
