using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using Credentials.Jose;
using Xunit;

namespace Credentials.Wallet.Tests.Storage;

public sealed class BatchTests
{
    [Fact]
    public async Task TakeUnusedCopyAsync_UntilExhausted_EachCopyOnceThenBatchExhausted()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync(TempWallet.FastOptions with { RunningLowThreshold = 2 });
        var keys = new HolderKeyInfo[5];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = (await store.CreateHolderKeyAsync(JwsAlgorithm.Es256)).Value;
        }

        var copies = await Task.WhenAll(keys.Select(async k => new CredentialCopyInput((await Samples.IssueAsync(k.PublicJwk)).Serialize(), k.Id)));
        var id = (await store.ImportAsync(Samples.Batch(copies))).Value;

        var summary = Assert.Single((await store.ListAsync()).Value);
        Assert.Equal(CredentialUse.SingleUse, summary.Use);
        Assert.Equal(5, summary.RemainingCopies);
        Assert.False(summary.IsRunningLow);

        var taken = new (string Raw, string? Key, int? Remaining, bool Low)[5];
        for (var i = 0; i < 5; i++)
        {
            var copy = (await store.TakeUnusedCopyAsync(id)).Value;
            taken[i] = (copy.Raw, copy.HolderKeyId, copy.RemainingCopies, copy.IsRunningLow);
        }

        Assert.Equal(copies.Select(c => c.Raw).Order(), taken.Select(t => t.Raw).Order());
        Assert.Equal(keys.Select(k => k.Id).Order(), taken.Select(t => t.Key!).Order());
        Assert.Equal([4, 3, 2, 1, 0], taken.Select(t => t.Remaining!.Value));
        Assert.Equal([false, false, true, true, true], taken.Select(t => t.Low));

        var exhausted = await store.TakeUnusedCopyAsync(id);
        Assert.Equal(WalletErrors.BatchExhausted, exhausted.Error!.Code);
        Assert.Equal(WalletErrors.BatchExhausted, (await store.GetAsync(id)).Error!.Code);
        var after = Assert.Single((await store.ListAsync()).Value);
        Assert.True(after.IsExhausted);
        Assert.Empty((await store.ListAsync(new CredentialFilter { ExcludeExhausted = true })).Value);
        // Used copies are erased, not just flagged.
        Assert.Equal(0L, temp.Scalar("SELECT count(*) FROM credential_copies WHERE raw IS NOT NULL"));
    }

    [Fact]
    public async Task TakeUnusedCopyAsync_ParallelTakers_NeverHandOutACopyTwice()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        var copies = Enumerable.Range(0, 40).Select(_ => new CredentialCopyInput(Samples.Opaque())).ToArray();
        var id = (await store.ImportAsync(Samples.Batch(copies))).Value;

        var handedOut = new ConcurrentBag<string>();
        var exhaustedCount = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 8; i++)
            {
                var copy = await store.TakeUnusedCopyAsync(id);
                if (copy.IsValid)
                {
                    handedOut.Add(copy.Value.Raw);
                }
                else
                {
                    Assert.Equal(WalletErrors.BatchExhausted, copy.Error.Code);
                    System.Threading.Interlocked.Increment(ref exhaustedCount);
                }
            }
        })));

        Assert.Equal(40, handedOut.Count);
        Assert.Equal(40, handedOut.Distinct().Count());
        Assert.Equal(24, exhaustedCount);
    }

    [Fact]
    public async Task TakeUnusedCopyAsync_TwoStoresOnOneFile_NeverHandOutACopyTwice()
    {
        using var temp = new TempWallet();
        string id;
        using (var creator = await temp.CreateAsync())
        {
            id = (await creator.ImportAsync(Samples.Batch([.. Enumerable.Range(0, 20).Select(_ => new CredentialCopyInput(Samples.Opaque()))]))).Value;
        }

        // Two independent stores behave like two processes: only SQLite's file lock serialises them.
        using var a = await temp.OpenAsync();
        using var b = await temp.OpenAsync();
        var handedOut = new ConcurrentBag<string>();
        await Task.WhenAll(new[] { a, b }.Select(store => Task.Run(async () =>
        {
            for (var i = 0; i < 15; i++)
            {
                var copy = await store.TakeUnusedCopyAsync(id);
                if (copy.IsValid)
                {
                    handedOut.Add(copy.Value.CopyId);
                }
            }
        })));

        Assert.Equal(20, handedOut.Count);
        Assert.Equal(20, handedOut.Distinct().Count());
    }

    [Fact]
    public async Task TakeUnusedCopyAsync_Reusable_ReturnsSameCopyEveryTime()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        var id = (await store.ImportAsync(Samples.Input("reusable"))).Value;
        for (var i = 0; i < 3; i++)
        {
            var copy = (await store.TakeUnusedCopyAsync(id)).Value;
            Assert.Equal("reusable", copy.Raw);
            Assert.Null(copy.RemainingCopies);
            Assert.False(copy.IsRunningLow);
        }
    }

    [Fact]
    public async Task AddCopiesAsync_Refill_RemainingGrowsAndUsedCopyCannotBeReimported()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        var id = (await store.ImportAsync(Samples.Batch([new CredentialCopyInput("copy-1"), new CredentialCopyInput("copy-2")]))).Value;
        var used = (await store.TakeUnusedCopyAsync(id)).Value;

        var refill = await store.AddCopiesAsync(id, [new CredentialCopyInput("copy-3"), new CredentialCopyInput("copy-4")]);
        Assert.Equal(3, refill.Value);
        Assert.Equal(3, (await store.ListAsync()).Value.Single().RemainingCopies);

        var again = await store.AddCopiesAsync(id, [new CredentialCopyInput(used.Raw)]);
        Assert.Equal(WalletErrors.DuplicateCredential, again.Error!.Code);
    }

    [Fact]
    public async Task AddCopiesAsync_ReusableCredential_NotSingleUse()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        var id = (await store.ImportAsync(Samples.Input("reusable"))).Value;
        Assert.Equal(WalletErrors.NotSingleUse, (await store.AddCopiesAsync(id, [new CredentialCopyInput("x")])).Error!.Code);
    }

    [Fact]
    public async Task ImportAsync_BatchOverLimit_TooLarge()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync(TempWallet.FastOptions with { MaxCopiesPerCredential = 3 });
        var result = await store.ImportAsync(Samples.Batch([.. Enumerable.Range(0, 4).Select(_ => new CredentialCopyInput(Samples.Opaque()))]));
        Assert.Equal(WalletErrors.TooLarge, result.Error!.Code);
    }

    [Fact]
    public async Task ImportAsync_BatchWithDuplicateCopy_NothingStored()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        var result = await store.ImportAsync(Samples.Batch([new CredentialCopyInput("dup"), new CredentialCopyInput("other"), new CredentialCopyInput("dup")]));
        Assert.Equal(WalletErrors.DuplicateCredential, result.Error!.Code);
        Assert.Equal(0L, temp.Scalar("SELECT count(*) FROM credentials"));
        Assert.Equal(0L, temp.Scalar("SELECT count(*) FROM credential_copies"));
    }
}
