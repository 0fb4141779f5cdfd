using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Protocols;
using Xunit;
using Xunit.Abstractions;

namespace Credentials.Testing.Stores;

/// <summary>
/// The contract of <see cref="IProtocolStateStore"/>, run against every implementation: a subclass says how to make a
/// fresh, empty store (and, where the store is shared storage, more instances over the same storage).
/// </summary>
public abstract class ProtocolStateStoreContract : StoreContractBase
{
    /// <summary>How many callers race in the concurrency tests.</summary>
    protected const int Racers = 32;

    /// <summary>The time the tests run at.</summary>
    protected static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Creates the suite.</summary>
    /// <param name="output">Where figures are printed.</param>
    protected ProtocolStateStoreContract(ITestOutputHelper? output = null)
        : base(output)
    {
    }

    /// <summary>A fresh, empty store (disposed by the subclass or through <see cref="StoreContractBase.Own{T}"/>).</summary>
    /// <returns>The store.</returns>
    protected abstract Task<IProtocolStateStore> CreateStoreAsync();

    /// <summary>
    /// <paramref name="count"/> independent instances over one fresh, empty storage (separate connection pools, as
    /// separate processes would have). Stores without shared storage return the same instance.
    /// </summary>
    /// <param name="count">How many instances.</param>
    /// <returns>The instances.</returns>
    protected virtual async Task<IReadOnlyList<IProtocolStateStore>> CreateInstancesAsync(int count)
    {
        var store = await CreateStoreAsync();
        return Enumerable.Repeat(store, count).ToList();
    }

    [Fact]
    public async Task Add_ThenGet_ReturnsTheValueUnchanged()
    {
        var store = await CreateStoreAsync();
        var value = "{\"claims\":\"äöü ✓ 𝄞\"," + new string('x', 64 * 1024) + "\"}";

        Assert.True(await store.TryAddAsync("code", "k1", value, Now.AddMinutes(5)));

        Assert.Equal(value, await store.TryGetAsync("code", "k1", Now));
    }

    [Fact]
    public async Task Get_DoesNotConsume()
    {
        var store = await CreateStoreAsync();
        await store.TryAddAsync("code", "k1", "v1", Now.AddMinutes(5));

        Assert.Equal("v1", await store.TryGetAsync("code", "k1", Now));
        Assert.Equal("v1", await store.TryGetAsync("code", "k1", Now));
        Assert.Equal("v1", await store.TryConsumeAsync("code", "k1", Now));
    }

    [Fact]
    public async Task Add_SameKeyTwice_SecondRefusedAndFirstKept()
    {
        var store = await CreateStoreAsync();
        Assert.True(await store.TryAddAsync("code", "k1", "v1", Now.AddMinutes(5)));

        Assert.False(await store.TryAddAsync("code", "k1", "v2", Now.AddMinutes(50)));

        Assert.Equal("v1", await store.TryGetAsync("code", "k1", Now));
        Assert.Null(await store.TryGetAsync("code", "k1", Now.AddMinutes(6)));
    }

    [Fact]
    public async Task Add_SameKeyOtherKind_IsAnotherEntry()
    {
        var store = await CreateStoreAsync();
        Assert.True(await store.TryAddAsync("code", "k1", "code-value", Now.AddMinutes(5)));
        Assert.True(await store.TryAddAsync("nonce", "k1", "nonce-value", Now.AddMinutes(5)));

        Assert.Equal("nonce-value", await store.TryConsumeAsync("nonce", "k1", Now));
        Assert.Equal("code-value", await store.TryGetAsync("code", "k1", Now));
    }

    [Fact]
    public async Task Add_ExpiredKeyNotYetRemoved_IsStillRefused_AndAcceptedAfterRemoval()
    {
        var store = await CreateStoreAsync();
        await store.TryAddAsync("code", "k1", "v1", Now.AddMinutes(1));

        // A key is never reused while its row exists, even expired: an expired code stays dead.
        Assert.False(await store.TryAddAsync("code", "k1", "v2", Now.AddMinutes(10)));
        Assert.Equal(1, await store.RemoveExpiredAsync(Now.AddMinutes(2)));
        Assert.True(await store.TryAddAsync("code", "k1", "v3", Now.AddMinutes(10)));
        Assert.Equal("v3", await store.TryGetAsync("code", "k1", Now.AddMinutes(2)));
    }

    [Fact]
    public async Task Consume_Twice_SecondGetsNothing()
    {
        var store = await CreateStoreAsync();
        await store.TryAddAsync("code", "k1", "v1", Now.AddMinutes(5));

        Assert.Equal("v1", await store.TryConsumeAsync("code", "k1", Now));
        Assert.Null(await store.TryConsumeAsync("code", "k1", Now));
        Assert.Null(await store.TryGetAsync("code", "k1", Now));
    }

    [Fact]
    public async Task Consume_Unknown_GetsNothing()
    {
        var store = await CreateStoreAsync();

        Assert.Null(await store.TryConsumeAsync("code", "never-added", Now));
        Assert.Null(await store.TryGetAsync("code", "never-added", Now));
    }

    [Fact]
    public async Task Expired_IsNeitherReadNorConsumed_FromTheExpiryInstantOn()
    {
        var store = await CreateStoreAsync();
        await store.TryAddAsync("code", "k1", "v1", Now.AddMinutes(5));

        Assert.Equal("v1", await store.TryGetAsync("code", "k1", Now.AddMinutes(5).AddMilliseconds(-1)));
        Assert.Null(await store.TryGetAsync("code", "k1", Now.AddMinutes(5)));
        Assert.Null(await store.TryConsumeAsync("code", "k1", Now.AddMinutes(6)));

        // Consuming an expired entry removes it: it is not there at an earlier time either.
        Assert.Null(await store.TryGetAsync("code", "k1", Now));
    }

    [Fact]
    public async Task Update_CompareAndSet_OnlyFromTheExpectedValue()
    {
        var store = await CreateStoreAsync();
        await store.TryAddAsync("tx", "t1", "pending", Now.AddMinutes(5));

        Assert.True(await store.TryUpdateAsync("tx", "t1", "pending", "done", Now));
        Assert.False(await store.TryUpdateAsync("tx", "t1", "pending", "again", Now));
        Assert.Equal("done", await store.TryGetAsync("tx", "t1", Now));
    }

    [Fact]
    public async Task Update_MissingOrExpired_Refused()
    {
        var store = await CreateStoreAsync();
        await store.TryAddAsync("tx", "t1", "pending", Now.AddMinutes(5));

        Assert.False(await store.TryUpdateAsync("tx", "missing", "pending", "done", Now));
        Assert.False(await store.TryUpdateAsync("tx", "t1", "pending", "done", Now.AddMinutes(5)));
        Assert.Equal("pending", await store.TryGetAsync("tx", "t1", Now));
    }

    [Fact]
    public async Task Update_KeepsTheExpiry()
    {
        var store = await CreateStoreAsync();
        await store.TryAddAsync("tx", "t1", "pending", Now.AddMinutes(5));

        Assert.True(await store.TryUpdateAsync("tx", "t1", "pending", "done", Now));

        Assert.Null(await store.TryGetAsync("tx", "t1", Now.AddMinutes(5)));
    }

    [Fact]
    public async Task RemoveExpired_RemovesOnlyExpiredAndCountsThem()
    {
        var store = await CreateStoreAsync();
        await store.TryAddAsync("code", "old1", "v", Now.AddMinutes(1));
        await store.TryAddAsync("nonce", "old2", "v", Now.AddMinutes(2));
        await store.TryAddAsync("code", "at-the-instant", "v", Now.AddMinutes(5));
        await store.TryAddAsync("code", "new", "v", Now.AddMinutes(10));

        Assert.Equal(3, await store.RemoveExpiredAsync(Now.AddMinutes(5)));
        Assert.Equal(0, await store.RemoveExpiredAsync(Now.AddMinutes(5)));

        Assert.Equal("v", await store.TryGetAsync("code", "new", Now.AddMinutes(5)));
        Assert.Null(await store.TryGetAsync("code", "old1", Now));
    }

    [Fact]
    public async Task Consume_RacedBy32_ExactlyOneWinsEachRound()
    {
        var store = await CreateStoreAsync();
        const int rounds = 20;
        var winners = 0;
        for (var round = 0; round < rounds; round++)
        {
            var key = "k" + round;
            await store.TryAddAsync("code", key, "v" + round, Now.AddMinutes(5));
            var results = await StoreRace.RaceAsync(Racers, _ => store.TryConsumeAsync("code", key, Now).AsTask());
            Assert.Equal("v" + round, Assert.Single(results, r => r is not null));
            winners += results.Count(r => r is not null);
        }

        Report($"consume: {Racers} racers x {rounds} rounds: {winners} winners, {winners - rounds} duplicates");
    }

    [Fact]
    public async Task Add_RacedBy32OnOneKey_ExactlyOneAcceptedAndItsValueKept()
    {
        var store = await CreateStoreAsync();

        var results = await StoreRace.RaceAsync(Racers, i => store.TryAddAsync("code", "k1", "v" + i, Now.AddMinutes(5)).AsTask());

        var winner = Assert.Single(Enumerable.Range(0, Racers), i => results[i]);
        Assert.Equal("v" + winner, await store.TryGetAsync("code", "k1", Now));
    }

    [Fact]
    public async Task Update_RacedBy32_ExactlyOneSwapWins()
    {
        var store = await CreateStoreAsync();
        await store.TryAddAsync("tx", "t1", "pending", Now.AddMinutes(5));

        var results = await StoreRace.RaceAsync(Racers, i => store.TryUpdateAsync("tx", "t1", "pending", "done" + i, Now).AsTask());

        var winner = Assert.Single(Enumerable.Range(0, Racers), i => results[i]);
        Assert.Equal("done" + winner, await store.TryGetAsync("tx", "t1", Now));
    }

    [Fact]
    public async Task Consume_ManyCodesRacedFromSeveralInstances_EachConsumedExactlyOnce()
    {
        const int instances = 4;
        const int codes = 100;
        const int racersPerCode = 4;
        var stores = await CreateInstancesAsync(instances);
        for (var i = 0; i < codes; i++)
        {
            Assert.True(await stores[i % instances].TryAddAsync("pre_authorized_code", "c" + i, "v" + i, Now.AddMinutes(5)));
        }

        // Every code raced by callers on different instances (separate pools, as separate processes would have).
        var results = await StoreRace.RaceAsync(codes * racersPerCode, n => stores[n % instances].TryConsumeAsync("pre_authorized_code", "c" + (n / racersPerCode), Now).AsTask(), Racers * 2);

        var redeemed = results.Where(r => r is not null).ToList();
        var duplicates = redeemed.Count - redeemed.Distinct().Count();
        Report($"consume across {instances} instances: {codes} codes, {results.Length} racers, {redeemed.Count} redeemed, {duplicates} duplicates");
        Assert.Equal(0, duplicates);
        Assert.Equal(codes, redeemed.Count);
    }

    [Fact]
    public async Task Arguments_EmptyKindOrKeyOrNullValue_Throw()
    {
        var store = await CreateStoreAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.TryAddAsync("", "k", "v", Now));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.TryAddAsync("code", "", "v", Now));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.TryAddAsync("code", "k", null!, Now));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.TryConsumeAsync("code", "", Now));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.TryGetAsync("", "k", Now));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.TryUpdateAsync("code", "k", null!, "v", Now));
    }
}
