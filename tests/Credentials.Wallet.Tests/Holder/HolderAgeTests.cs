using System.Linq;
using System.Threading.Tasks;
using Credentials.SdJwt;
using Credentials.Wallet.Holder;
using Xunit;

namespace Credentials.Wallet.Tests.Holder;

/// <summary>Age checks the Japanese way (Japanese age rules: an issuer-attested age_over_NN statement per threshold): the single age statement, never the birth date.</summary>
public sealed class HolderAgeTests
{
    [Fact]
    public async Task Age20Query_AgeCredentialWithBirthdate_DisclosesOnlyAgeEqualOrOver20()
    {
        using var bed = await HolderTestBed.CreateAsync();
        var key = await bed.NewHolderKeyAsync();
        await bed.ImportAsync(await bed.IssueAsync(HolderTestBed.AgeVct, HolderTestBed.AgeClaims(), key.PublicJwk));

        var plan = await bed.PrepareAsync(HolderTestBed.Query("age20_query.json"));
        var planned = Assert.Single(plan.Presentations);
        Assert.Equal([ClaimPath.Of("age_equal_or_over", "20")], planned.RequestedClaims.Select(c => c.Path));
        Assert.True(planned.RequestedClaims[0].Value.GetBoolean());
        var response = await bed.ApproveAsync(plan);

        var verified = await bed.VerifyPresentationAsync(response.VpToken["age20"][0]);
        Assert.Equal(["[\"age_equal_or_over\",\"20\"]"], HolderTestBed.Sorted(verified.DisclosedPaths));
        Assert.True(verified.Claims.GetProperty("age_equal_or_over").GetProperty("20").GetBoolean());
        Assert.False(verified.Claims.GetProperty("age_equal_or_over").TryGetProperty("18", out _));
        Assert.False(verified.Claims.TryGetProperty("birthdate", out _));
        Assert.False(verified.Claims.TryGetProperty("age_in_years", out _));
        Assert.False(verified.Claims.TryGetProperty("age_birth_year", out _));
    }

    [Fact]
    public async Task AgeOver20Query_CredentialWithBirthDateAndAgeOver20_DisclosesThatSingleClaim()
    {
        using var bed = await HolderTestBed.CreateAsync();
        var key = await bed.NewHolderKeyAsync();
        var claims = SdJwtPayload.Create().Disclosable("birth_date", "2002-04-02").Disclosable("age_over_20", true).Disclosable("family_name", "山田");
        await bed.ImportAsync(await bed.IssueAsync(HolderTestBed.ResidentVct, claims, key.PublicJwk));

        var response = await bed.ApproveAsync(await bed.PrepareAsync(HolderTestBed.Query("age_over_20_flat_query.json")));

        var verified = await bed.VerifyPresentationAsync(response.VpToken["adult"][0]);
        Assert.Equal(["[\"age_over_20\"]"], HolderTestBed.Sorted(verified.DisclosedPaths));
        Assert.True(verified.Claims.GetProperty("age_over_20").GetBoolean());
        Assert.False(verified.Claims.TryGetProperty("birth_date", out _));
        Assert.False(verified.Claims.TryGetProperty("family_name", out _));
    }

    [Fact]
    public async Task AgeOver20Query_OnlyBirthDateHeld_CannotAnswerWithoutDisclosingMore()
    {
        using var bed = await HolderTestBed.CreateAsync();
        var key = await bed.NewHolderKeyAsync();
        var claims = SdJwtPayload.Create().Disclosable("birth_date", "2002-04-02").Disclosable("family_name", "山田");
        var imported = await bed.ImportAsync(await bed.IssueAsync(HolderTestBed.ResidentVct, claims, key.PublicJwk));

        var plan = await bed.PrepareAsync(HolderTestBed.Query("age_over_20_flat_query.json"));

        Assert.False(plan.IsSatisfiable);
        Assert.Empty(plan.Presentations);
        var unanswered = Assert.Single(plan.Unanswered);
        Assert.Equal("adult", unanswered.QueryId);
        Assert.Equal(UnansweredReason.CannotAnswerWithoutDisclosingMore, unanswered.Reason);
        Assert.True(unanswered.IsBlocking);
        Assert.Equal([ClaimPath.Of("age_over_20")], unanswered.MissingClaims.ToArray());
        Assert.Equal([ClaimPath.Of("birth_date")], unanswered.HeldInstead.ToArray());
        Assert.Equal([imported.Id], unanswered.ClosestCredentialIds.ToArray());

        // Even an approval sends nothing: no derived claim, no birth date.
        var response = await bed.Wallet.RespondAsync(plan, PresentationConsent.Approve);
        Assert.Equal(HolderErrors.PlanNotSatisfiable, response.Error!.Code);
        Assert.Empty((await bed.Store.GetDisclosureLogAsync()).Value);
        Assert.Equal(1, (await bed.Store.ListAsync()).Value.Single().TotalCopies);
    }

    [Fact]
    public async Task Age20Query_PidWithOnly18And21_CannotAnswerAndNamesTheOtherThresholds()
    {
        // Japanese age rules: a 20-year-old holding only age_over_18=true and age_over_21=false cannot answer a request for 20.
        using var bed = await HolderTestBed.CreateAsync();
        var key = await bed.NewHolderKeyAsync();
        await bed.ImportAsync(await bed.IssueAsync("urn:eudi:pid:1", HolderTestBed.AgeClaims(includeTwenty: false), key.PublicJwk));

        var plan = await bed.PrepareAsync(HolderTestBed.Query("age20_query.json"));

        Assert.False(plan.IsSatisfiable);
        var unanswered = Assert.Single(plan.Unanswered);
        Assert.Equal(UnansweredReason.CannotAnswerWithoutDisclosingMore, unanswered.Reason);
        Assert.Equal([ClaimPath.Of("age_equal_or_over", "20")], unanswered.MissingClaims.ToArray());
        Assert.Equal(
            ["[\"age_birth_year\"]", "[\"age_equal_or_over\",\"18\"]", "[\"age_equal_or_over\",\"21\"]", "[\"age_equal_or_over\",\"65\"]", "[\"age_in_years\"]", "[\"birthdate\"]"],
            HolderTestBed.Sorted(unanswered.HeldInstead));
    }

    [Fact]
    public async Task AgeOver20Query_CredentialWithNoAgeFacts_PlainClaimMissing()
    {
        using var bed = await HolderTestBed.CreateAsync();
        var key = await bed.NewHolderKeyAsync();
        await bed.ImportAsync(await bed.IssueAsync(HolderTestBed.ResidentVct, SdJwtPayload.Create().Disclosable("family_name", "山田"), key.PublicJwk));

        var plan = await bed.PrepareAsync(HolderTestBed.Query("age_over_20_flat_query.json"));

        var unanswered = Assert.Single(plan.Unanswered);
        Assert.Equal(UnansweredReason.ClaimMissing, unanswered.Reason);
        Assert.Empty(unanswered.HeldInstead);
    }
}
