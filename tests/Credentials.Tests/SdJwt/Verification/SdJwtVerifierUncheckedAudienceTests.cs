using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.SdJwt;
using Xunit;
using static Credentials.Tests.SdJwt.Verification.SdJwtTestKit;

namespace Credentials.Tests.SdJwt.Verification;

/// <summary>
/// <see cref="KeyBindingRequirement.RequiredAudienceAndNonceUnchecked"/>: the KB-JWT is verified (signature, typ,
/// sd_hash, iat) but its aud and nonce are reported, never compared; <see cref="KeyBindingRequirement.Required(string, string)"/>
/// still refuses the same presentations.
/// </summary>
public sealed class SdJwtVerifierUncheckedAudienceTests
{
    private static readonly KeyBindingRequirement s_unchecked = KeyBindingRequirement.RequiredAudienceAndNonceUnchecked;

    [Fact]
    public void RequiredAudienceAndNonceUnchecked_SaysItChecksNeither()
    {
        Assert.Equal(KeyBindingMode.Required, s_unchecked.Mode);
        Assert.False(s_unchecked.ChecksAudienceAndNonce);
        Assert.Null(s_unchecked.Audience);
        Assert.True(KeyBindingRequirement.Required(Audience, Nonce).ChecksAudienceAndNonce);
        Assert.True(KeyBindingRequirement.Optional(Audience, Nonce).ChecksAudienceAndNonce);
    }

    [Fact]
    public async Task Verify_OtherAudienceAndNonce_ReportedAsTheyAreNotAsExpected()
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = await IssueAsync(kit);
        var presentation = sdJwt + kit.KeyBindingJwt(sdJwt, audienceJson: "\"https://elsewhere.example\"", nonce: "someone-elses-nonce");

        var result = await kit.VerifyAsync(presentation, s_unchecked);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal("https://elsewhere.example", result.Value.KeyBinding!.Audience);
        Assert.Equal("someone-elses-nonce", result.Value.KeyBinding.Nonce);
        Assert.Equal(Now, result.Value.KeyBinding.IssuedAt);
        Assert.Equal(kit.HolderKey.PublicJwk, result.Value.KeyBinding.HolderKey);
    }

    [Fact]
    public async Task Verify_SamePresentationWithRequired_RefusesAudienceThenNonce()
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = await IssueAsync(kit);
        var otherAudience = sdJwt + kit.KeyBindingJwt(sdJwt, audienceJson: "\"https://elsewhere.example\"");
        var otherNonce = sdJwt + kit.KeyBindingJwt(sdJwt, nonce: "someone-elses-nonce");

        var audienceResult = await kit.VerifyAsync(otherAudience, KeyBindingRequirement.Required(Audience, Nonce));
        var nonceResult = await kit.VerifyAsync(otherNonce, KeyBindingRequirement.Required(Audience, Nonce));

        Assert.Equal(KeyBindingErrors.AudienceMismatch, audienceResult.Error!.Code);
        Assert.Equal(KeyBindingErrors.NonceMismatch, nonceResult.Error!.Code);
        Assert.True((await kit.VerifyAsync(otherAudience, s_unchecked)).IsValid);
        Assert.True((await kit.VerifyAsync(otherNonce, s_unchecked)).IsValid);
    }

    [Fact]
    public async Task Verify_SingleAudienceInArray_Reported()
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = await IssueAsync(kit);

        var result = await kit.VerifyAsync(sdJwt + kit.KeyBindingJwt(sdJwt, audienceJson: "[\"https://elsewhere.example\"]"), s_unchecked);

        Assert.Equal("https://elsewhere.example", result.Value.KeyBinding!.Audience);
    }

    [Fact]
    public async Task Verify_SeveralAudiences_StillRefused()
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = await IssueAsync(kit);

        var result = await kit.VerifyAsync(sdJwt + kit.KeyBindingJwt(sdJwt, audienceJson: "[\"https://a.example\",\"https://b.example\"]"), s_unchecked);

        Assert.Equal(KeyBindingErrors.AudienceMismatch, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_NoKbJwt_FailsWithMissing()
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = await IssueAsync(kit);

        var result = await kit.VerifyAsync(sdJwt, s_unchecked);

        Assert.Equal(KeyBindingErrors.Missing, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_SignedByAnotherKey_StillFailsWithInvalidSignature()
    {
        using var kit = new SdJwtTestKit();
        using var other = SigningKey.Create(JwsAlgorithm.EdDsa);
        var sdJwt = await IssueAsync(kit);

        var result = await kit.VerifyAsync(sdJwt + kit.KeyBindingJwt(sdJwt, key: other), s_unchecked);

        Assert.Equal(KeyBindingErrors.InvalidSignature, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_SdHashOverAnotherPresentation_StillFailsWithSdHashMismatch()
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = await IssueAsync(kit);
        var fewer = sdJwt[..(sdJwt.IndexOf('~', System.StringComparison.Ordinal) + 1)];

        var result = await kit.VerifyAsync(sdJwt + kit.KeyBindingJwt(fewer), s_unchecked);

        Assert.Equal(KeyBindingErrors.SdHashMismatch, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_IssuedInTheFuture_StillFailsWithIssuedInFuture()
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = await IssueAsync(kit);

        var result = await kit.VerifyAsync(sdJwt + kit.KeyBindingJwt(sdJwt, iat: kit.NowSeconds + 3600), s_unchecked);

        Assert.Equal(KeyBindingErrors.IssuedInFuture, result.Error!.Code);
    }

    private static async Task<string> IssueAsync(SdJwtTestKit kit)
    {
        var issuer = new SdJwtIssuer(kit.IssuerKey, options: new SdJwtIssuerOptions { Type = "example+sd-jwt" });
        var payload = SdJwtPayload.Create()
            .Claim("iss", "https://issuer.example")
            .Claim("iat", kit.NowSeconds)
            .Disclosable("given_name", "太郎");
        return (await issuer.IssueAsync(payload, kit.HolderKey.PublicJwk)).Serialize();
    }
}
