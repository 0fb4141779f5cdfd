using System;
using System.Text;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.SdJwt;
using Xunit;
using static Credentials.Tests.SdJwt.Verification.SdJwtTestKit;

namespace Credentials.Tests.SdJwt.Verification;

/// <summary>RFC 7519 sections 4.1.4 and 4.1.5 applied to the KB-JWT: its own exp and nbf, when present, are checked with the verifier's skew.</summary>
public sealed class SdJwtVerifierKeyBindingTimeTests
{
    private static readonly KeyBindingRequirement s_required = KeyBindingRequirement.Required(Audience, Nonce);

    [Theory]
    [InlineData(-3600)]
    [InlineData(-61)]
    [InlineData(0)]
    public async Task Verify_KbJwtExpInThePast_FailsWithKbExpired(long offset)
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = await IssueAsync(kit);

        var result = await kit.VerifyAsync(sdJwt + KbJwt(kit, sdJwt, "\"exp\":" + (kit.NowSeconds - 60 + offset)), s_required);

        Assert.Equal(KeyBindingErrors.Expired, result.Error!.Code);
    }

    [Theory]
    [InlineData(61)]
    [InlineData(3600)]
    public async Task Verify_KbJwtNbfInTheFuture_FailsWithKbNotYetValid(long offset)
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = await IssueAsync(kit);

        var result = await kit.VerifyAsync(sdJwt + KbJwt(kit, sdJwt, "\"nbf\":" + (kit.NowSeconds + offset)), s_required);

        Assert.Equal(KeyBindingErrors.NotYetValid, result.Error!.Code);
    }

    [Theory]
    [InlineData("\"exp\":\"tomorrow\"")]
    [InlineData("\"exp\":null")]
    [InlineData("\"exp\":-1")]
    [InlineData("\"exp\":1e300")]
    [InlineData("\"nbf\":\"now\"")]
    [InlineData("\"nbf\":[1]")]
    public async Task Verify_KbJwtNonNumericTimeClaim_FailsWithKbInvalidTimeClaim(string claim)
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = await IssueAsync(kit);

        var result = await kit.VerifyAsync(sdJwt + KbJwt(kit, sdJwt, claim), s_required);

        Assert.Equal(KeyBindingErrors.InvalidTimeClaim, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_KbJwtExpAndNbfWithinSkew_Succeeds()
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = await IssueAsync(kit);

        var result = await kit.VerifyAsync(sdJwt + KbJwt(kit, sdJwt, "\"exp\":" + (kit.NowSeconds - 30) + ",\"nbf\":" + (kit.NowSeconds + 30)), s_required);

        Assert.True(result.IsValid, result.Error?.ToString());
    }

    [Fact]
    public async Task Verify_KbJwtExpiredWithZeroSkew_FailsWithKbExpired()
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = await IssueAsync(kit);

        var result = await kit.VerifyAsync(sdJwt + KbJwt(kit, sdJwt, "\"exp\":" + (kit.NowSeconds - 1)), s_required, kit.Options() with { ClockSkew = TimeSpan.Zero });

        Assert.Equal(KeyBindingErrors.Expired, result.Error!.Code);
    }

    private static string KbJwt(SdJwtTestKit kit, string sdJwt, string extraClaims)
    {
        var payload = "{\"nonce\":\"" + Nonce + "\",\"aud\":\"" + Audience + "\",\"iat\":" + kit.NowSeconds
            + ",\"sd_hash\":\"" + SdHashAlgorithm.Sha256.ComputeDigest(sdJwt) + "\"," + extraClaims + "}";
        return JwsWriter.SignCompact(kit.HolderKey, Encoding.UTF8.GetBytes(payload), "kb+jwt");
    }

    private static async Task<string> IssueAsync(SdJwtTestKit kit)
    {
        var issuer = new SdJwtIssuer(kit.IssuerKey, new SdJwtIssuerOptions { Type = "example+sd-jwt" });
        var issued = await issuer.IssueAsync(SdJwtPayload.Create().Claim("iss", "https://issuer.example").Disclosable("given_name", "Taro"), kit.HolderKey.PublicJwk);
        return issued.Serialize();
    }
}
