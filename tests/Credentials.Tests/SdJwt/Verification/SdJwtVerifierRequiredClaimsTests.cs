using System.Threading.Tasks;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Trust;
using Xunit;
using static Credentials.Tests.SdJwt.Verification.SdJwtTestKit;

namespace Credentials.Tests.SdJwt.Verification;

/// <summary>
/// A verifier cannot tell which claim an undisclosed digest hides. An issuer that made exp (or cnf, or status)
/// disclosable lets the holder withhold it; the require switches turn that into a failure.
/// </summary>
public sealed class SdJwtVerifierRequiredClaimsTests
{
    private const string StatusJson = "{\"status_list\":{\"idx\":7,\"uri\":\"https://issuer.example/status/1\"}}";

    [Fact]
    public async Task Verify_PlainSdJwtWithWithheldExpiredExp_IsValidByDefault()
    {
        // Documented in specs/sd-jwt.md: without the switch, plain SD-JWT cannot notice the withheld expiry.
        using var kit = new SdJwtTestKit();
        var exp = Encode("[\"salt-exp\",\"exp\"," + (kit.NowSeconds - 86400) + "]");

        var result = await kit.VerifyAsync(kit.Compact("{\"iss\":\"https://issuer.example\",\"_sd\":[" + Quoted(Digest(exp)) + "]}"));

        Assert.True(result.IsValid, result.Error?.ToString());
    }

    [Fact]
    public async Task Verify_PlainSdJwtWithDisclosedExpiredExp_FailsWithExpired()
    {
        using var kit = new SdJwtTestKit();
        var exp = Encode("[\"salt-exp\",\"exp\"," + (kit.NowSeconds - 86400) + "]");

        var result = await kit.VerifyAsync(kit.Compact("{\"_sd\":[" + Quoted(Digest(exp)) + "]}", exp));

        Assert.Equal(SdJwtErrors.Expired, result.Error!.Code);
    }

    [Theory]
    [InlineData("exp")]
    [InlineData("cnf")]
    [InlineData("status")]
    public async Task Verify_PlainSdJwtWithWithheldRequiredClaim_FailsWithMissingRequiredClaim(string claim)
    {
        using var kit = new SdJwtTestKit();
        var withheld = Encode("[\"salt-w\",\"" + claim + "\"," + Value(kit, claim) + "]");
        var options = kit.Options() with
        {
            RequireExpirationTime = claim == "exp",
            RequireConfirmationKey = claim == "cnf",
            RequireStatus = claim == "status",
        };

        var result = await kit.VerifyAsync(kit.Compact("{\"_sd\":[" + Quoted(Digest(withheld)) + "]}"), options: options);

        Assert.Equal(SdJwtErrors.MissingRequiredClaim, result.Error!.Code);
        Assert.Equal(ClaimPath.Of(claim), result.Error.Path);
    }

    [Theory]
    [InlineData("exp")]
    [InlineData("cnf")]
    [InlineData("status")]
    public async Task VerifySdJwtVc_RegisteredClaimMadeDisclosableAndWithheld_FailsWithMissingRequiredClaim(string claim)
    {
        using var kit = new SdJwtTestKit();
        var withheld = Encode("[\"salt-w\",\"" + claim + "\"," + Value(kit, claim) + "]");
        var members = "\"iss\":\"https://issuer.example\",\"vct\":\"https://credentials.example/vct/v1\",\"iat\":" + kit.NowSeconds;
        foreach (var plain in new[] { "exp", "cnf", "status" })
        {
            if (plain != claim)
            {
                members += ",\"" + plain + "\":" + Value(kit, plain);
            }
        }

        var sdJwt = kit.SignPayload("{" + members + ",\"_sd\":[" + Quoted(Digest(withheld)) + "]}", "dc+sd-jwt") + "~";
        var verifier = new SdJwtVcVerifier(new StaticIssuerKeyResolver(kit.IssuerKey.PublicJwk), options: new SdJwtVcVerifierOptions { TimeProvider = kit.Clock, RequireStatus = claim == "status" });

        var result = await verifier.VerifyAsync(sdJwt, new SdJwtVcPolicy { KeyBinding = KeyBindingRequirement.Forbidden, Status = StatusCheck.Skip });

        Assert.Equal(SdJwtErrors.MissingRequiredClaim, result.Error!.Code);
    }

    [Fact]
    public async Task VerifySdJwtVc_AllRegisteredClaimsInPlaintext_Succeeds()
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = kit.SignPayload("{\"iss\":\"https://issuer.example\",\"vct\":\"https://credentials.example/vct/v1\",\"iat\":" + kit.NowSeconds
            + ",\"exp\":" + Value(kit, "exp") + ",\"cnf\":" + Value(kit, "cnf") + ",\"status\":" + StatusJson + "}", "dc+sd-jwt") + "~";
        var verifier = new SdJwtVcVerifier(new StaticIssuerKeyResolver(kit.IssuerKey.PublicJwk), options: new SdJwtVcVerifierOptions { TimeProvider = kit.Clock });

        var result = await verifier.VerifyAsync(sdJwt, new SdJwtVcPolicy { KeyBinding = KeyBindingRequirement.Forbidden, Status = StatusCheck.Skip });

        Assert.True(result.IsValid, result.Error?.ToString());
    }

    private static string Value(SdJwtTestKit kit, string claim) => claim switch
    {
        "exp" => (kit.NowSeconds + 86400).ToString(System.Globalization.CultureInfo.InvariantCulture),
        "cnf" => kit.CnfJson,
        _ => StatusJson,
    };
}
