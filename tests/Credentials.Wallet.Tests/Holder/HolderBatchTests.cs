using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Credentials.Wallet.Holder;
using Xunit;

namespace Credentials.Wallet.Tests.Holder;

/// <summary>Unlinkability: single-use copies (different salts and holder keys) used once each.</summary>
public sealed class HolderBatchTests
{
    private static async Task<(HolderTestBed Bed, string Id, List<HolderKeyInfo> Keys)> BatchAsync(int copies, int threshold)
    {
        var bed = await HolderTestBed.CreateAsync(new CredentialWalletOptions { Locale = "ja-JP", RunningLowThreshold = threshold });
        var keys = new List<HolderKeyInfo>();
        var raws = new List<string>();
        for (var i = 0; i < copies; i++)
        {
            var key = await bed.NewHolderKeyAsync();
            keys.Add(key);
            raws.Add(await bed.IssueAsync(HolderTestBed.AgeVct, HolderTestBed.AgeClaims(), key.PublicJwk));
        }

        var imported = await bed.Wallet.ImportBatchAsync(raws);
        Assert.True(imported.IsValid, imported.Error?.ToString());
        return (bed, imported.Value.Id, keys);
    }

    [Fact]
    public async Task RespondAsync_Batch_EachCopyUsedOnceRunningLowThenExhausted()
    {
        var (bed, id, keys) = await BatchAsync(copies: 3, threshold: 1);
        using var owned = bed;
        var query = HolderTestBed.Query("age20_query.json");
        var presented = new List<PresentedCredential>();
        var holderKeys = new List<string>();
        var issuerJwts = new List<string>();

        for (var i = 0; i < 3; i++)
        {
            var plan = await bed.PrepareAsync(query, nonce: $"nonce-{i}");
            var planned = Assert.Single(plan.Presentations);
            Assert.Equal(CredentialUse.SingleUse, planned.Use);
            Assert.Equal(3 - i, planned.RemainingCopies);
            Assert.Equal(3 - i - 1 <= 1, planned.WillBeRunningLow);
            var response = await bed.ApproveAsync(plan);
            var one = Assert.Single(response.Presented);
            presented.Add(one);
            var verified = await bed.VerifyPresentationAsync(response.VpToken["age20"][0], $"nonce-{i}");
            holderKeys.Add(verified.KeyBinding!.HolderKey.ComputeThumbprint());
            issuerJwts.Add(verified.SdJwt.SdJwt.IssuerSignedJwt);
        }

        Assert.Equal([2, 1, 0], presented.Select(p => p.RemainingCopies!.Value));
        Assert.Equal([false, true, true], presented.Select(p => p.IsRunningLow));
        Assert.Equal(3, presented.Select(p => p.CopyId).Distinct().Count());
        Assert.Equal(3, holderKeys.Distinct().Count());
        Assert.Equal(keys.Select(k => k.Thumbprint).Order(), holderKeys.Order());
        Assert.Equal(3, issuerJwts.Distinct().Count());
        Assert.Equal(3, presented.Select(p => p.Presentation).Distinct().Count());

        var listed = (await bed.Wallet.ListAsync()).Value.Single();
        Assert.True(listed.IsExhausted);
        Assert.True(listed.IsRunningLow);

        var exhausted = await bed.PrepareAsync(query, nonce: "nonce-4");
        Assert.False(exhausted.IsSatisfiable);
        var unanswered = Assert.Single(exhausted.Unanswered);
        Assert.Equal(UnansweredReason.BatchExhausted, unanswered.Reason);
        Assert.Equal([id], unanswered.ClosestCredentialIds.ToArray());
    }

    [Fact]
    public async Task RespondAsync_LastCopyTakenBetweenPlanAndConsent_BatchExhaustedNothingSent()
    {
        var (bed, id, _) = await BatchAsync(copies: 1, threshold: 0);
        using var owned = bed;
        var query = HolderTestBed.Query("age20_query.json");
        var first = await bed.PrepareAsync(query, nonce: "a");
        var second = await bed.PrepareAsync(query, nonce: "b");

        await bed.ApproveAsync(first);
        var late = await bed.Wallet.RespondAsync(second, PresentationConsent.Approve);

        Assert.False(late.IsValid);
        Assert.Equal(WalletErrors.BatchExhausted, late.Error!.Code);
        Assert.Single((await bed.Store.GetDisclosureLogAsync()).Value);
    }

    [Fact]
    public async Task RespondAsync_BatchPlanDenied_NoCopyUsed()
    {
        var (bed, _, _) = await BatchAsync(copies: 2, threshold: 0);
        using var owned = bed;

        var response = await bed.Wallet.RespondAsync(await bed.PrepareAsync(HolderTestBed.Query("age20_query.json")), PresentationConsent.Deny);

        Assert.True(response.Value.IsDenied);
        Assert.Equal(2, (await bed.Wallet.ListAsync()).Value.Single().RemainingCopies);
    }

    [Fact]
    public async Task RespondAsync_ConcurrentPlansOnOneBatch_NeverShareACopy()
    {
        var (bed, _, _) = await BatchAsync(copies: 4, threshold: 0);
        using var owned = bed;
        var query = HolderTestBed.Query("age20_query.json");
        var plans = new List<PresentationPlan>();
        for (var i = 0; i < 6; i++)
        {
            plans.Add(await bed.PrepareAsync(query, nonce: $"c-{i}"));
        }

        var results = await Task.WhenAll(plans.Select(p => Task.Run(async () => await bed.Wallet.RespondAsync(p, PresentationConsent.Approve))));

        var ok = results.Where(r => r.IsValid).Select(r => r.Value.Presented.Single()).ToList();
        Assert.Equal(4, ok.Count);
        Assert.Equal(4, ok.Select(p => p.CopyId).Distinct().Count());
        Assert.All(results.Where(r => !r.IsValid), r => Assert.Equal(WalletErrors.BatchExhausted, r.Error!.Code));
        Assert.Equal(4, (await bed.Store.GetDisclosureLogAsync()).Value.Count);
    }
}
