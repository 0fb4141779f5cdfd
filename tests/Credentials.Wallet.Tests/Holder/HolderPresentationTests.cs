using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.Dcql;
using Credentials.Dcql.Matching;
using Credentials.SdJwt;
using Credentials.Wallet.Holder;
using Xunit;

namespace Credentials.Wallet.Tests.Holder;

public sealed class HolderPresentationTests
{
    private static async Task<(HolderTestBed Bed, string PidId, string AgeId)> BedAsync(CredentialWalletOptions? options = null)
    {
        var bed = await HolderTestBed.CreateAsync(options);
        var key = await bed.NewHolderKeyAsync();
        var pid = await bed.ImportAsync(await bed.IssueAsync(HolderTestBed.PidVct, HolderTestBed.PidClaims(), key.PublicJwk));
        var age = await bed.ImportAsync(await bed.IssueAsync(HolderTestBed.AgeVct, HolderTestBed.AgeClaims(), key.PublicJwk));
        return (bed, pid.Id, age.Id);
    }

    [Theory]
    [InlineData("did:example:verifier", " ", null)]
    [InlineData("did:example:verifier", "n-0S6_WzA2Mj", " ")]
    public async Task PrepareAsync_BlankNonceOrAudience_FailsWithInvalidPresentationRequestBeforePlanning(string clientId, string nonce, string? audience)
    {
        var (bed, _, _) = await BedAsync();
        using var owned = bed;

        var plan = await bed.Wallet.PrepareAsync(new PresentationRequest(HolderTestBed.Query("pid_and_age_query.json"), clientId, nonce) { Audience = audience });

        Assert.Equal(HolderErrors.InvalidPresentationRequest, plan.Error?.Code);
    }

    [Fact]
    public async Task PrepareAsync_ClaimSetsAndCredentialSets_PlansMinimalDisclosureInUserLanguage()
    {
        var (bed, pidId, ageId) = await BedAsync();
        using var owned = bed;

        var plan = await bed.PrepareAsync(HolderTestBed.Query("pid_and_age_query.json"));

        Assert.True(plan.IsSatisfiable);
        Assert.Equal(HolderTestBed.Verifier, plan.Verifier);
        Assert.Equal(HolderTestBed.Verifier, plan.Audience);
        Assert.Equal("年齢確認のため", plan.Purpose);
        Assert.Equal(["pid", "age", "contact"], plan.Presentations.Select(p => p.QueryId));

        var pid = plan.Find("pid")!;
        Assert.Equal(pidId, pid.CredentialId);
        Assert.Equal("本人確認書類", pid.CredentialName);
        Assert.False(pid.IsOptional);

        // claim_sets: the second option (without the postal code) discloses less and is chosen.
        Assert.Equal(["姓", "名", "市区町村"], pid.RequestedClaims.Select(c => c.Label));
        Assert.Equal("千代田区", pid.RequestedClaims[2].Value.GetString());
        Assert.Equal(["[\"address\",\"locality\"]", "[\"address\"]", "[\"family_name\"]", "[\"given_name\"]"], HolderTestBed.Sorted(pid.Disclosures));
        var alternative = Assert.Single(pid.Alternatives);
        Assert.Equal(0, alternative.ClaimSetIndex);

        // Honest consent: disclosing the address object shows its plaintext country; the plaintext claims are listed.
        var also = Assert.Single(pid.AlsoRevealedClaims);
        Assert.Equal(ClaimPath.Of("address", "country"), also.Path);
        Assert.Equal("国", also.Label);
        Assert.Contains(pid.AlwaysVisibleClaims, c => c.Path.Equals(ClaimPath.Of("issuing_country")) && c.Label == "発行国");
        Assert.Contains(pid.AlwaysVisibleClaims, c => c.Path.Equals(ClaimPath.Of("iss")));
        Assert.Contains(pid.AlwaysVisibleClaims, c => c.Path.Equals(ClaimPath.Of("cnf")));
        Assert.DoesNotContain(pid.AlwaysVisibleClaims, c => c.Path.Equals(ClaimPath.Of("birthdate")));

        // credential_sets: "licence or age" is answered by the age credential; the licence is reported, not blocking.
        var age = plan.Find("age")!;
        Assert.Equal(ageId, age.CredentialId);
        Assert.Equal("20歳以上", Assert.Single(age.RequestedClaims).Label);
        Assert.Empty(age.AlsoRevealedClaims);
        Assert.Contains(age.AlwaysVisibleClaims, c => c.Path.Equals(ClaimPath.Of("issuing_authority")));
        var licence = Assert.Single(plan.Unanswered);
        Assert.Equal("licence", licence.QueryId);
        Assert.False(licence.IsBlocking);
        Assert.Equal(UnansweredReason.NoCredentialOfType, licence.Reason);

        Assert.True(plan.Find("contact")!.IsOptional);
    }

    [Fact]
    public async Task PrepareAsync_EnUs_LabelsInEnglish()
    {
        var (bed, _, _) = await BedAsync();
        using var owned = bed;

        var plan = await bed.PrepareAsync(HolderTestBed.Query("pid_and_age_query.json"), locale: "en-US");

        Assert.Equal(["Family name", "Given name", "City"], plan.Find("pid")!.RequestedClaims.Select(c => c.Label));
        Assert.Equal("Personal ID (Japan)", plan.Find("pid")!.CredentialName);
        Assert.Equal("Age 20 or over", plan.Find("age")!.RequestedClaims[0].Label);
    }

    [Fact]
    public async Task RespondAsync_Approved_VpTokenDisclosesExactlyThePlannedClaims()
    {
        var (bed, _, _) = await BedAsync();
        using var owned = bed;
        var plan = await bed.PrepareAsync(HolderTestBed.Query("pid_and_age_query.json"));

        var response = await bed.ApproveAsync(plan);

        Assert.False(response.IsDenied);
        Assert.Null(response.Error);
        Assert.Equal(["age", "contact", "pid"], response.VpToken.Keys.Order(StringComparer.Ordinal));
        Assert.All(response.VpToken.Values, v => Assert.Single(v));

        var pid = await bed.VerifyPresentationAsync(response.VpToken["pid"][0]);
        Assert.Equal(["[\"address\",\"locality\"]", "[\"address\"]", "[\"family_name\"]", "[\"given_name\"]"], HolderTestBed.Sorted(pid.DisclosedPaths));
        Assert.Equal("山田", pid.Claims.GetProperty("family_name").GetString());
        Assert.False(pid.Claims.TryGetProperty("birthdate", out _));
        Assert.False(pid.Claims.TryGetProperty("email", out _));
        Assert.False(pid.Claims.GetProperty("address").TryGetProperty("postal_code", out _));
        Assert.Equal(0, pid.Claims.GetProperty("nationalities").GetArrayLength());
        Assert.Equal(HolderTestBed.Now, pid.KeyBinding!.IssuedAt);

        var age = await bed.VerifyPresentationAsync(response.VpToken["age"][0]);
        Assert.Equal(["[\"age_equal_or_over\",\"20\"]"], HolderTestBed.Sorted(age.DisclosedPaths));
        Assert.Equal(["20"], age.Claims.GetProperty("age_equal_or_over").EnumerateObject().Select(p => p.Name));
        Assert.False(age.Claims.TryGetProperty("birthdate", out _));
        Assert.False(age.Claims.TryGetProperty("age_in_years", out _));

        var contact = await bed.VerifyPresentationAsync(response.VpToken["contact"][0]);
        Assert.Equal(["[\"email\"]"], HolderTestBed.Sorted(contact.DisclosedPaths));

        using var json = JsonDocument.Parse(response.ToVpTokenJson());
        Assert.Equal(response.VpToken["pid"][0], json.RootElement.GetProperty("pid")[0].GetString());
    }

    [Fact]
    public async Task RespondAsync_Denied_NothingDisclosedNoKbJwtNoLog()
    {
        var (bed, _, _) = await BedAsync();
        using var owned = bed;
        var plan = await bed.PrepareAsync(HolderTestBed.Query("pid_and_age_query.json"));

        var response = await bed.Wallet.RespondAsync(plan, PresentationConsent.Deny);

        Assert.True(response.IsValid);
        Assert.True(response.Value.IsDenied);
        Assert.Equal(PresentationResponse.AccessDenied, response.Value.Error);
        Assert.Empty(response.Value.VpToken);
        Assert.Empty(response.Value.Presented);
        Assert.Null(response.Value.LogEntryId);
        Assert.Equal("{}", response.Value.ToVpTokenJson());
        Assert.Empty((await bed.Store.GetDisclosureLogAsync()).Value);

        var again = await bed.Wallet.RespondAsync(plan, PresentationConsent.Approve);
        Assert.Equal(HolderErrors.PlanAlreadyAnswered, again.Error!.Code);
        Assert.Empty((await bed.Store.GetDisclosureLogAsync()).Value);
    }

    [Fact]
    public async Task RespondAsync_OptionalCredentialSetDropped_NotPresentedNotLogged()
    {
        var (bed, _, _) = await BedAsync();
        using var owned = bed;
        var plan = await bed.PrepareAsync(HolderTestBed.Query("pid_and_age_query.json"));

        var response = await bed.ApproveAsync(plan, PresentationConsent.Approve.WithoutQuery("contact"));

        Assert.Equal(["age", "pid"], response.VpToken.Keys.Order(StringComparer.Ordinal));
        var entry = Assert.Single((await bed.Store.GetDisclosureLogAsync()).Value);
        Assert.DoesNotContain(entry.Credentials, c => c.QueryId == "contact");
        Assert.DoesNotContain(entry.Credentials.SelectMany(c => c.Claims), c => c.Path.Equals(ClaimPath.Of("email")));
    }

    [Fact]
    public async Task RespondAsync_RequiredQueryDropped_ConsentInvalidNothingSent()
    {
        var (bed, _, _) = await BedAsync();
        using var owned = bed;
        var plan = await bed.PrepareAsync(HolderTestBed.Query("pid_and_age_query.json"));

        var response = await bed.Wallet.RespondAsync(plan, PresentationConsent.Approve.WithoutQuery("pid"));

        Assert.False(response.IsValid);
        Assert.Equal(HolderErrors.ConsentInvalid, response.Error!.Code);
        Assert.Empty((await bed.Store.GetDisclosureLogAsync()).Value);
    }

    [Fact]
    public async Task RespondAsync_OptionalClaimDropped_AnswersWithSmallerClaimSet()
    {
        // Verifier order: the first claim set (with the postal code) is planned; the postal code is optional.
        var (bed, _, _) = await BedAsync(new CredentialWalletOptions { Locale = "ja-JP", Matching = new DcqlMatcherOptions() });
        using var owned = bed;
        var plan = await bed.PrepareAsync(HolderTestBed.Query("pid_and_age_query.json"));
        var pid = plan.Find("pid")!;
        Assert.Equal(["姓", "名", "市区町村", "郵便番号"], pid.RequestedClaims.Select(c => c.Label));
        Assert.Equal([false, false, false, true], pid.RequestedClaims.Select(c => c.IsOptional));

        var response = await bed.ApproveAsync(plan, PresentationConsent.Approve.WithoutClaim("pid", ClaimPath.Of("address", "postal_code")));

        var verified = await bed.VerifyPresentationAsync(response.VpToken["pid"][0]);
        Assert.Equal(["[\"address\",\"locality\"]", "[\"address\"]", "[\"family_name\"]", "[\"given_name\"]"], HolderTestBed.Sorted(verified.DisclosedPaths));
        var logged = (await bed.Store.GetDisclosureLogAsync()).Value.Single().Credentials.Single(c => c.QueryId == "pid");
        Assert.DoesNotContain(logged.Claims, c => c.Path.Equals(ClaimPath.Of("address", "postal_code")));
    }

    [Fact]
    public async Task RespondAsync_RequiredClaimDropped_ConsentInvalid()
    {
        var (bed, _, _) = await BedAsync();
        using var owned = bed;
        var plan = await bed.PrepareAsync(HolderTestBed.Query("pid_and_age_query.json"));

        var response = await bed.Wallet.RespondAsync(plan, PresentationConsent.Approve.WithoutClaim("pid", ClaimPath.Of("family_name")));

        Assert.Equal(HolderErrors.ConsentInvalid, response.Error!.Code);
        Assert.Empty((await bed.Store.GetDisclosureLogAsync()).Value);
    }

    [Fact]
    public async Task RespondAsync_AlternativeChosen_DisclosesThatClaimSet()
    {
        var (bed, _, _) = await BedAsync();
        using var owned = bed;
        var plan = await bed.PrepareAsync(HolderTestBed.Query("pid_and_age_query.json"));

        var response = await bed.ApproveAsync(plan, PresentationConsent.Approve.WithAlternative("pid", 0));

        var verified = await bed.VerifyPresentationAsync(response.VpToken["pid"][0]);
        Assert.Contains(ClaimPath.Of("address", "postal_code"), verified.DisclosedPaths);
    }

    [Fact]
    public async Task RespondAsync_Approved_LogRecordsVerifierTimeCredentialsAndPathsWithoutValues()
    {
        var (bed, pidId, ageId) = await BedAsync();
        using var owned = bed;
        var plan = await bed.PrepareAsync(HolderTestBed.Query("pid_and_age_query.json"));
        bed.Clock.SetUtcNow(HolderTestBed.Now.AddSeconds(30));

        var response = await bed.ApproveAsync(plan, PresentationConsent.Approve.WithoutQuery("contact"));

        var entry = Assert.Single((await bed.Store.GetDisclosureLogAsync()).Value);
        Assert.Equal(response.LogEntryId, entry.Id);
        Assert.Equal(HolderTestBed.Verifier, entry.Verifier);
        Assert.Equal(HolderTestBed.Now.AddSeconds(30), entry.Time);
        Assert.Equal([pidId, ageId], entry.Credentials.Select(c => c.CredentialId));
        Assert.Equal(["pid", "age"], entry.Credentials.Select(c => c.QueryId));
        Assert.Equal(HolderTestBed.PidVct, entry.Credentials[0].Vct);
        Assert.Equal(["[\"family_name\"]", "[\"given_name\"]", "[\"address\",\"locality\"]", "[\"address\",\"country\"]"], entry.Credentials[0].Claims.Select(c => c.Path.ToString()));
        Assert.Equal(["[\"age_equal_or_over\",\"20\"]"], entry.Credentials[1].Claims.Select(c => c.Path.ToString()));
        Assert.All(entry.Credentials.SelectMany(c => c.Claims), c => Assert.Null(c.ValueJson));
        Assert.False(bed.Temp.FileContains("千代田区"));
    }

    [Fact]
    public async Task RespondAsync_StoreLogsValues_LogKeepsDisclosedValues()
    {
        using var bed = await HolderTestBed.CreateAsync(walletOptions: TempWallet.FastOptions with { LogClaimValues = true });
        var key = await bed.NewHolderKeyAsync();
        await bed.ImportAsync(await bed.IssueAsync(HolderTestBed.AgeVct, HolderTestBed.AgeClaims(), key.PublicJwk));
        var plan = await bed.PrepareAsync(HolderTestBed.Query("age20_query.json"));

        await bed.ApproveAsync(plan);

        var claim = (await bed.Store.GetDisclosureLogAsync()).Value.Single().Credentials.Single().Claims.Single();
        Assert.Equal(ClaimPath.Of("age_equal_or_over", "20"), claim.Path);
        Assert.Equal("true", claim.ValueJson);
    }

    [Fact]
    public async Task RespondAsync_TwoRequests_FreshKbJwtEachAndNonceNeverAnsweredTwice()
    {
        var (bed, _, _) = await BedAsync();
        using var owned = bed;
        var query = HolderTestBed.Query("age20_query.json");

        var first = await bed.ApproveAsync(await bed.PrepareAsync(query, nonce: "nonce-1"));
        bed.Clock.SetUtcNow(HolderTestBed.Now.AddSeconds(5));
        var second = await bed.ApproveAsync(await bed.PrepareAsync(query, nonce: "nonce-2"));
        var replay = await bed.Wallet.RespondAsync(await bed.PrepareAsync(query, nonce: "nonce-1"), PresentationConsent.Approve);

        var kb1 = SdJwtToken.Read(first.VpToken["age20"][0]).Value.KeyBindingJwt;
        var kb2 = SdJwtToken.Read(second.VpToken["age20"][0]).Value.KeyBindingJwt;
        Assert.NotNull(kb1);
        Assert.NotEqual(kb1, kb2);
        Assert.Equal("nonce-1", (await bed.VerifyPresentationAsync(first.VpToken["age20"][0], "nonce-1")).KeyBinding!.Nonce);
        var v2 = await bed.VerifyPresentationAsync(second.VpToken["age20"][0], "nonce-2");
        Assert.Equal(HolderTestBed.Now.AddSeconds(5), v2.KeyBinding!.IssuedAt);
        Assert.Equal(HolderErrors.PlanAlreadyAnswered, replay.Error!.Code);
        Assert.Equal(2, (await bed.Store.GetDisclosureLogAsync()).Value.Count);
    }

    [Fact]
    public async Task RespondAsync_AudienceGiven_KbJwtBoundToIt()
    {
        var (bed, _, _) = await BedAsync();
        using var owned = bed;
        var request = new PresentationRequest(HolderTestBed.Query("age20_query.json"), HolderTestBed.Verifier, "n-1") { Audience = "origin:https://shop.example.jp" };
        var plan = (await bed.Wallet.PrepareAsync(request)).Value;

        var response = await bed.ApproveAsync(plan);

        var verified = await bed.VerifyPresentationAsync(response.VpToken["age20"][0], "n-1", "origin:https://shop.example.jp");
        Assert.Equal("origin:https://shop.example.jp", verified.KeyBinding!.Audience);
        Assert.Equal("origin:https://shop.example.jp", (await bed.Store.GetDisclosureLogAsync()).Value.Single().Audience);
    }

    [Fact]
    public async Task PrepareAsync_NonMatchingCredentialCorrupted_NeverDecrypted()
    {
        var (bed, pidId, ageId) = await BedAsync();
        using var owned = bed;
        bed.Temp.Execute($"UPDATE credential_copies SET raw = CAST(X'01' || randomblob(length(raw) - 1) AS BLOB) WHERE credential_id = '{pidId}'");

        // The age query cannot match the PID type: its (now corrupt) copy is never opened.
        var plan = await bed.PrepareAsync(HolderTestBed.Query("age20_query.json"));
        Assert.Equal(ageId, Assert.Single(plan.Presentations).CredentialId);

        // The PID query must open it, and finds the corruption.
        var failed = await bed.Wallet.PrepareAsync(new PresentationRequest(HolderTestBed.Query("pid_and_age_query.json"), HolderTestBed.Verifier, "n"));
        Assert.Equal(WalletErrors.Corrupt, failed.Error!.Code);
    }

    [Fact]
    public async Task PrepareAsync_CredentialExpiredSinceImport_ReportedExpired()
    {
        var (bed, _, ageId) = await BedAsync();
        using var owned = bed;
        bed.Clock.SetUtcNow(HolderTestBed.Now.AddDays(31));

        var plan = await bed.PrepareAsync(HolderTestBed.Query("age20_query.json"));

        Assert.False(plan.IsSatisfiable);
        Assert.Empty(plan.Presentations);
        var unanswered = Assert.Single(plan.Unanswered);
        Assert.Equal(UnansweredReason.Expired, unanswered.Reason);
        Assert.True(unanswered.IsBlocking);
        Assert.Equal([ageId], unanswered.ClosestCredentialIds.ToArray());
        var response = await bed.Wallet.RespondAsync(plan, PresentationConsent.Approve);
        Assert.Equal(HolderErrors.PlanNotSatisfiable, response.Error!.Code);
    }

    [Fact]
    public async Task PrepareAsync_ClaimMissing_ReportsPathAndRequiredSetBlocks()
    {
        var (bed, pidId, _) = await BedAsync();
        using var owned = bed;
        var query = HolderTestBed.ParseQuery("""
            {"credentials":[{"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":["https://credentials.example.jp/vct/pid/v1"]},
              "claims":[{"path":["family_name"]},{"path":["tax_id"]}]}]}
            """);

        var plan = await bed.PrepareAsync(query);

        Assert.False(plan.IsSatisfiable);
        var unanswered = Assert.Single(plan.Unanswered);
        Assert.Equal(UnansweredReason.ClaimMissing, unanswered.Reason);
        Assert.Equal([ClaimPath.Of("tax_id")], unanswered.MissingClaims.ToArray());
        Assert.Equal([pidId], unanswered.ClosestCredentialIds.ToArray());
        Assert.True(unanswered.IsBlocking);
    }

    [Fact]
    public async Task HolderView_IssuedCredential_EqualsVerifierProcessedClaims()
    {
        var (bed, pidId, _) = await BedAsync();
        using var owned = bed;
        var raw = (await bed.Store.GetAsync(pidId)).Value.Raw;
        var verified = await bed.ImportVerifier.VerifyAsync(raw, new SdJwtVc.SdJwtVcPolicy { KeyBinding = KeyBindingRequirement.Forbidden, Status = StatusCheck.Skip });

        var view = Credentials.Wallet.Holder.Internal.HolderView.Build(raw, new SdJwtHolder(), SdJwtReaderOptions.Default);

        Assert.True(view.IsValid);
        Assert.True(JsonElement.DeepEquals(verified.Value!.Claims, view.Value.Claims), view.Value.Claims.GetRawText());
        Assert.Equal(HolderTestBed.Sorted(verified.Value.DisclosedPaths), HolderTestBed.Sorted(view.Value.SelectivelyDisclosable));
    }
}
