using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Credentials.SdJwt;
using Credentials.Wallet.Holder;
using Xunit;

namespace Credentials.Wallet.Tests.Holder;

/// <summary><see cref="CredentialWallet.PresentAsync"/>: chosen claims of one credential for one verifier, without a DCQL request.</summary>
public sealed class HolderDirectPresentationTests
{
    private const string Audience = "https://verifier.example.jp";
    private const string Nonce = "n-direct-1";

    private static async Task<(HolderTestBed Bed, string PidId)> PidAsync(WalletOptions? walletOptions = null)
    {
        var bed = await HolderTestBed.CreateAsync(walletOptions: walletOptions);
        var key = await bed.NewHolderKeyAsync();
        var pid = await bed.ImportAsync(await bed.IssueAsync(HolderTestBed.PidVct, HolderTestBed.PidClaims(), key.PublicJwk));
        return (bed, pid.Id);
    }

    private static async Task<(HolderTestBed Bed, string Id)> AgeBatchAsync(int copies)
    {
        var bed = await HolderTestBed.CreateAsync();
        var raws = new List<string>();
        for (var i = 0; i < copies; i++)
        {
            var key = await bed.NewHolderKeyAsync();
            raws.Add(await bed.IssueAsync(HolderTestBed.AgeVct, HolderTestBed.AgeClaims(), key.PublicJwk));
        }

        var imported = await bed.Wallet.ImportBatchAsync(raws);
        Assert.True(imported.IsValid, imported.Error?.ToString());
        return (bed, imported.Value.Id);
    }

    [Fact]
    public async Task PresentAsync_ChosenClaims_DisclosesExactlyThoseBoundToAudienceAndNonce()
    {
        var (bed, pidId) = await PidAsync();
        using var owned = bed;

        var result = await bed.Wallet.PresentAsync(pidId, [ClaimPath.Of("family_name"), ClaimPath.Of("address", "locality")], Audience, Nonce);

        Assert.True(result.IsValid, result.Error?.ToString());
        var presentation = result.Value;
        var verified = await bed.VerifyPresentationAsync(presentation.Presentation, Nonce, Audience);
        Assert.Equal(["[\"address\",\"locality\"]", "[\"address\"]", "[\"family_name\"]"], HolderTestBed.Sorted(verified.DisclosedPaths));
        Assert.Equal(Audience, verified.KeyBinding!.Audience);
        Assert.Equal(HolderTestBed.Now, verified.KeyBinding.IssuedAt);
        Assert.False(verified.Claims.TryGetProperty("birthdate", out _));
        Assert.Equal(HolderTestBed.Sorted(verified.DisclosedPaths), HolderTestBed.Sorted(presentation.Disclosed.Select(c => c.Path)));
        Assert.Equal("山田", presentation.Disclosed.Single(c => c.Path.Equals(ClaimPath.Of("family_name"))).Value.GetString());
        Assert.Contains(presentation.Withheld, c => c.Path.Equals(ClaimPath.Of("birthdate")));
        Assert.Contains(presentation.Withheld, c => c.Path.Equals(ClaimPath.Of("email")));
        Assert.DoesNotContain(presentation.Withheld, c => c.Path.Equals(ClaimPath.Of("family_name")));
        Assert.Empty(presentation.RequestedAlwaysVisible);
        Assert.Equal(CredentialUse.Reusable, presentation.Use);
        Assert.Null(presentation.RemainingCopies);
    }

    [Fact]
    public async Task PresentAsync_Presented_LogsVerifierCredentialAndDisclosedPathsLikeTheOpenId4VpPath()
    {
        var (bed, pidId) = await PidAsync();
        using var owned = bed;
        bed.Clock.SetUtcNow(HolderTestBed.Now.AddSeconds(42));

        var presentation = (await bed.Wallet.PresentAsync(pidId, [ClaimPath.Of("given_name")], Audience, Nonce)).Value;

        var entry = Assert.Single((await bed.Store.GetDisclosureLogAsync()).Value);
        Assert.Equal(presentation.LogEntryId, entry.Id);
        Assert.Equal(Audience, entry.Verifier);
        Assert.Equal(HolderTestBed.Now.AddSeconds(42), entry.Time);
        var credential = Assert.Single(entry.Credentials);
        Assert.Equal(pidId, credential.CredentialId);
        Assert.Equal(HolderTestBed.PidVct, credential.Vct);
        Assert.Null(credential.QueryId);
        Assert.Equal(["[\"given_name\"]"], credential.Claims.Select(c => c.Path.ToString()));
        Assert.All(credential.Claims, c => Assert.Null(c.ValueJson));
        Assert.False(bed.Temp.FileContains("花子"));
    }

    [Fact]
    public async Task PresentAsync_StoreLogsValues_LogKeepsDisclosedValues()
    {
        var (bed, pidId) = await PidAsync(TempWallet.FastOptions with { LogClaimValues = true });
        using var owned = bed;

        await bed.Wallet.PresentAsync(pidId, [ClaimPath.Of("family_name")], Audience, Nonce);

        var claim = (await bed.Store.GetDisclosureLogAsync()).Value.Single().Credentials.Single().Claims.Single();
        Assert.Equal("\"山田\"", claim.ValueJson);
    }

    [Fact]
    public async Task PresentAsync_Batch_UsesOneSingleUseCopyEachTime()
    {
        var (bed, id) = await AgeBatchAsync(copies: 3);
        using var owned = bed;
        var claim = ClaimPath.Of("age_equal_or_over", "20");

        var first = await bed.Wallet.PresentAsync(id, [claim], Audience, "nonce-1");
        var second = await bed.Wallet.PresentAsync(id, [claim], Audience, "nonce-2");

        Assert.True(first.IsValid && second.IsValid);
        Assert.Equal(CredentialUse.SingleUse, first.Value.Use);
        Assert.Equal([2, 1], new[] { first.Value.RemainingCopies!.Value, second.Value.RemainingCopies!.Value });
        Assert.NotEqual(first.Value.CopyId, second.Value.CopyId);
        Assert.Equal(1, (await bed.Store.ListAsync()).Value.Single().RemainingCopies);
        var verified = await bed.VerifyPresentationAsync(second.Value.Presentation, "nonce-2", Audience);
        Assert.Equal(["[\"age_equal_or_over\",\"20\"]"], HolderTestBed.Sorted(verified.DisclosedPaths));
        Assert.Equal(2, (await bed.Store.GetDisclosureLogAsync()).Value.Count);
    }

    [Fact]
    public async Task PresentAsync_ClaimNotInCredential_ClaimNotFoundNoCopyUsedNothingLogged()
    {
        var (bed, id) = await AgeBatchAsync(copies: 2);
        using var owned = bed;

        var result = await bed.Wallet.PresentAsync(id, [ClaimPath.Of("age_equal_or_over", "20"), ClaimPath.Of("driving_privileges")], Audience, Nonce);

        Assert.False(result.IsValid);
        Assert.Equal(HolderErrors.ClaimNotFound, result.Error!.Code);
        Assert.Equal(2, (await bed.Store.ListAsync()).Value.Single().RemainingCopies);
        Assert.Empty((await bed.Store.GetDisclosureLogAsync()).Value);

        // Refused before the (aud, nonce) pair was used: the corrected request goes through.
        Assert.True((await bed.Wallet.PresentAsync(id, [ClaimPath.Of("age_equal_or_over", "20")], Audience, Nonce)).IsValid);
    }

    [Fact]
    public async Task PresentAsync_PlaintextClaim_ReportedAsAlwaysVisibleAndNotDisclosed()
    {
        var (bed, pidId) = await PidAsync();
        using var owned = bed;

        var presentation = (await bed.Wallet.PresentAsync(pidId, [ClaimPath.Of("issuing_country")], Audience, Nonce)).Value;

        Assert.Equal(ClaimPath.Of("issuing_country"), Assert.Single(presentation.RequestedAlwaysVisible));
        Assert.Empty(presentation.Disclosed);
        Assert.Empty((await bed.VerifyPresentationAsync(presentation.Presentation, Nonce, Audience)).DisclosedPaths);
    }

    [Fact]
    public async Task PresentAsync_EveryArrayElement_DisclosesTheElements()
    {
        var (bed, pidId) = await PidAsync();
        using var owned = bed;

        var presentation = (await bed.Wallet.PresentAsync(pidId, [ClaimPath.Create("nationalities", null)], Audience, Nonce)).Value;

        var verified = await bed.VerifyPresentationAsync(presentation.Presentation, Nonce, Audience);
        Assert.Equal(["[\"nationalities\",0]"], HolderTestBed.Sorted(verified.DisclosedPaths));
        Assert.Equal("JP", verified.Claims.GetProperty("nationalities")[0].GetString());
    }

    [Fact]
    public async Task PresentAsync_SameAudienceAndNonceTwice_SecondRefused()
    {
        var (bed, pidId) = await PidAsync();
        using var owned = bed;

        var first = await bed.Wallet.PresentAsync(pidId, [ClaimPath.Of("family_name")], Audience, Nonce);
        var again = await bed.Wallet.PresentAsync(pidId, [ClaimPath.Of("family_name")], Audience, Nonce);

        Assert.True(first.IsValid);
        Assert.Equal(HolderErrors.PlanAlreadyAnswered, again.Error!.Code);
        Assert.Single((await bed.Store.GetDisclosureLogAsync()).Value);
    }

    [Fact]
    public async Task PresentAsync_UnknownCredential_NotFound()
    {
        var (bed, _) = await PidAsync();
        using var owned = bed;

        var result = await bed.Wallet.PresentAsync("no-such-id", [ClaimPath.Of("family_name")], Audience, Nonce);

        Assert.Equal(WalletErrors.NotFound, result.Error!.Code);
    }

    [Fact]
    public async Task PresentAsync_EmptyAudienceOrNonce_IsAProgrammerError()
    {
        var (bed, pidId) = await PidAsync();
        using var owned = bed;

        await Assert.ThrowsAsync<ArgumentException>(async () => await bed.Wallet.PresentAsync(pidId, [], "", Nonce));
        await Assert.ThrowsAsync<ArgumentException>(async () => await bed.Wallet.PresentAsync(pidId, [], Audience, " "));
    }
}
