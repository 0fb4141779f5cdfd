using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Credentials.Status;
using Xunit;
using Xunit.Abstractions;

namespace Credentials.Testing.Stores;

/// <summary>
/// The contract of <see cref="IStatusListStore"/>, run against every implementation: a subclass says how to make a
/// fresh, empty store (and, where the store is shared storage, more instances over the same storage).
/// </summary>
public abstract class StatusListStoreContract : StoreContractBase
{
    /// <summary>How many callers race in the concurrency tests.</summary>
    protected const int Racers = 32;

    /// <summary>The list the tests use.</summary>
    protected const string ListUri = "https://issuer.example/statuslists/1";

    /// <summary>Creates the suite.</summary>
    /// <param name="output">Where figures are printed.</param>
    protected StatusListStoreContract(ITestOutputHelper? output = null)
        : base(output)
    {
    }

    /// <summary>A fresh, empty store.</summary>
    /// <returns>The store.</returns>
    protected abstract Task<IStatusListStore> CreateStoreAsync();

    /// <summary>
    /// <paramref name="count"/> independent instances over one fresh, empty storage (separate connection pools, as
    /// separate processes would have). Stores without shared storage return the same instance.
    /// </summary>
    /// <param name="count">How many instances.</param>
    /// <returns>The instances.</returns>
    protected virtual async Task<IReadOnlyList<IStatusListStore>> CreateInstancesAsync(int count)
    {
        var store = await CreateStoreAsync();
        return Enumerable.Repeat(store, count).ToList();
    }

    [Fact]
    public async Task CreateList_New_ThenSameAgain_ThenOtherSettings()
    {
        var store = await CreateStoreAsync();

        Assert.True(await store.CreateListAsync(ListUri, 2, 64));
        Assert.False(await store.CreateListAsync(ListUri, 2, 64));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.CreateListAsync(ListUri, 1, 64));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.CreateListAsync(ListUri, 2, 128));

        Assert.Equal(new StatusListInfo(ListUri, 2, 64, 0), await store.GetListAsync(ListUri));
    }

    [Fact]
    public async Task CreateList_RacedBy32_ExactlyOneCreates()
    {
        var stores = await CreateInstancesAsync(4);

        var results = await StoreRace.RaceAsync(Racers, i => stores[i % stores.Count].CreateListAsync(ListUri, 1, 1024).AsTask());

        Assert.Single(results, created => created);
    }

    [Theory]
    [InlineData(0, 16)]
    [InlineData(3, 16)]
    [InlineData(16, 16)]
    [InlineData(1, 0)]
    [InlineData(1, -1)]
    public async Task CreateList_InvalidBitsOrCapacity_Throws(int bits, long capacity)
    {
        var store = await CreateStoreAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await store.CreateListAsync(ListUri, bits, capacity));
        Assert.Null(await store.GetListAsync(ListUri));
    }

    [Fact]
    public async Task Allocate_WholeList_NeverRepeats_ThenNull()
    {
        var store = await CreateStoreAsync();
        await store.CreateListAsync(ListUri, 2, 200);
        var seen = new HashSet<long>();

        for (var i = 0; i < 200; i++)
        {
            var index = (await store.TryAllocateAsync(ListUri))!.Value;
            Assert.InRange(index, 0, 199);
            Assert.True(seen.Add(index));
        }

        Assert.Null(await store.TryAllocateAsync(ListUri));
        Assert.Empty(await store.AllocateManyAsync(ListUri, 5));
        Assert.Equal(200, (await store.GetListAsync(ListUri))!.Allocated);
    }

    [Fact]
    public async Task Allocate_IsRandom_NotInIssuanceOrder()
    {
        var store = await CreateStoreAsync();
        await store.CreateListAsync(ListUri, 1, 1 << 20);

        var indices = new List<long>();
        for (var i = 0; i < 40; i++)
        {
            indices.Add((await store.TryAllocateAsync(ListUri))!.Value);
        }

        indices.AddRange(await store.AllocateManyAsync(ListUri, 40));

        // Sequential allocation would give 0..79; 80 uniform draws in 2^20 all below 2^16 happen with probability 2^-320.
        Assert.Contains(indices, i => i >= 1 << 16);
        Assert.Equal(80, indices.Distinct().Count());
    }

    [Fact]
    public async Task Allocate_RacedBy32_NoIndexTwice_AndTheListFillsExactly()
    {
        var store = await CreateStoreAsync();
        await store.CreateListAsync(ListUri, 1, 300);

        var results = await StoreRace.RaceAsync(320, _ => store.TryAllocateAsync(ListUri).AsTask(), Racers);

        var allocated = results.Where(r => r is not null).Select(r => r!.Value).ToList();
        Report($"allocate: 320 requests by {Racers} racers on a list of 300: {allocated.Count} indices, {allocated.Count - allocated.Distinct().Count()} duplicates, {results.Count(r => r is null)} refused");
        Assert.Equal(300, allocated.Count);
        Assert.Equal(300, allocated.Distinct().Count());
        Assert.All(allocated, i => Assert.InRange(i, 0, 299));
        Assert.Equal(300, (await store.GetListAsync(ListUri))!.Allocated);
    }

    [Fact]
    public async Task AllocateMany_RacedFromSeveralInstances_NoIndexTwice()
    {
        const int instances = 4;
        const int capacity = 2048;
        var stores = await CreateInstancesAsync(instances);
        await stores[0].CreateListAsync(ListUri, 1, capacity);

        // Single allocations and batches of 1 to 16, from every instance at once, asking for more than the list holds.
        var results = await StoreRace.RaceAsync(
            Racers * 4,
            async n => n % 2 == 0
                ? (IReadOnlyList<long>)(await stores[n % instances].TryAllocateAsync(ListUri) is { } one ? [one] : [])
                : await stores[n % instances].AllocateManyAsync(ListUri, 1 + (n % 16) * 10),
            Racers);
        var refill = await stores[1].AllocateManyAsync(ListUri, capacity);

        var all = results.SelectMany(r => r).Concat(refill).ToList();
        var duplicates = all.Count - all.Distinct().Count();
        Report($"allocate across {instances} instances: {results.Length} requests, {all.Count} indices in a list of {capacity}, {duplicates} duplicates");
        Assert.Equal(0, duplicates);
        Assert.Equal(capacity, all.Count);
        Assert.All(all, i => Assert.InRange(i, 0, capacity - 1));
        Assert.Equal(capacity, (await stores[2].GetListAsync(ListUri))!.Allocated);
        Assert.Null(await stores[3].TryAllocateAsync(ListUri));
    }

    [Fact]
    public async Task AllocateMany_Batches_DistinctAcrossBatches_UntilFull()
    {
        var store = await CreateStoreAsync();
        await store.CreateListAsync(ListUri, 1, 512);

        var first = await store.AllocateManyAsync(ListUri, 500);
        var single = await store.TryAllocateAsync(ListUri);
        var rest = await store.AllocateManyAsync(ListUri, 100);

        Assert.Equal(500, first.Count);
        Assert.Equal(11, rest.Count);
        var all = first.Concat(rest).Append(single!.Value).ToList();
        Assert.Equal(512, all.Distinct().Count());
        Assert.All(all, i => Assert.InRange(i, 0, 511));
        Assert.Equal(512, (await store.GetListAsync(ListUri))!.Allocated);
        Assert.Empty(await store.AllocateManyAsync(ListUri, 1));
    }

    [Fact]
    public async Task AllocateMany_ZeroOrNegative()
    {
        var store = await CreateStoreAsync();
        await store.CreateListAsync(ListUri, 1, 16);

        Assert.Empty(await store.AllocateManyAsync(ListUri, 0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await store.AllocateManyAsync(ListUri, -1));
        Assert.Equal(0, (await store.GetListAsync(ListUri))!.Allocated);
    }

    [Fact]
    public async Task Lists_AreIndependent()
    {
        var store = await CreateStoreAsync();
        const string other = "https://issuer.example/statuslists/2";
        await store.CreateListAsync(ListUri, 1, 8);
        await store.CreateListAsync(other, 8, 8);

        var a = await store.AllocateManyAsync(ListUri, 8);
        var b = await store.AllocateManyAsync(other, 8);
        Assert.True(await store.TryUpdateStatusAsync(other, b[0], StatusValue.Valid, new StatusValue(200)));

        Assert.Equal(8, a.Distinct().Count());
        Assert.Equal(8, b.Distinct().Count());
        Assert.Equal(StatusValue.Valid, await store.GetStatusAsync(ListUri, b[0]));
        Assert.Equal(new StatusValue(200), await store.GetStatusAsync(other, b[0]));
    }

    [Fact]
    public async Task Status_NewIndexIsValid_UnallocatedIsNull()
    {
        var store = await CreateStoreAsync();
        await store.CreateListAsync(ListUri, 2, 16);
        var index = (await store.TryAllocateAsync(ListUri))!.Value;

        Assert.Equal(StatusValue.Valid, await store.GetStatusAsync(ListUri, index));
        Assert.Null(await store.GetStatusAsync(ListUri, (index + 1) % 16));
        Assert.Null(await store.GetStatusAsync(ListUri, 16));
    }

    [Fact]
    public async Task UpdateStatus_CompareAndSet_OnlyWhenExpectedMatches()
    {
        var store = await CreateStoreAsync();
        await store.CreateListAsync(ListUri, 2, 16);
        var index = (await store.TryAllocateAsync(ListUri))!.Value;

        Assert.True(await store.TryUpdateStatusAsync(ListUri, index, StatusValue.Valid, StatusValue.Suspended));
        Assert.False(await store.TryUpdateStatusAsync(ListUri, index, StatusValue.Valid, StatusValue.Invalid));
        Assert.Equal(StatusValue.Suspended, await store.GetStatusAsync(ListUri, index));
        Assert.True(await store.TryUpdateStatusAsync(ListUri, index, StatusValue.Suspended, StatusValue.Invalid));
        Assert.Equal(StatusValue.Invalid, await store.GetStatusAsync(ListUri, index));
    }

    [Fact]
    public async Task UpdateStatus_UnallocatedIndex_Refused()
    {
        var store = await CreateStoreAsync();
        await store.CreateListAsync(ListUri, 2, 16);
        var index = (await store.TryAllocateAsync(ListUri))!.Value;

        Assert.False(await store.TryUpdateStatusAsync(ListUri, (index + 1) % 16, StatusValue.Valid, StatusValue.Invalid));
        Assert.Null(await store.GetStatusAsync(ListUri, (index + 1) % 16));
    }

    [Fact]
    public async Task UpdateStatus_ValueWiderThanTheList_Throws()
    {
        var store = await CreateStoreAsync();
        await store.CreateListAsync(ListUri, 1, 16);
        var index = (await store.TryAllocateAsync(ListUri))!.Value;

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await store.TryUpdateStatusAsync(ListUri, index, StatusValue.Valid, StatusValue.Suspended));
        Assert.Equal(StatusValue.Valid, await store.GetStatusAsync(ListUri, index));
    }

    [Fact]
    public async Task UpdateStatus_RacedBy32_ExactlyOneWins()
    {
        var stores = await CreateInstancesAsync(4);
        await stores[0].CreateListAsync(ListUri, 8, 16);
        var index = (await stores[0].TryAllocateAsync(ListUri))!.Value;

        var results = await StoreRace.RaceAsync(Racers, i => stores[i % stores.Count].TryUpdateStatusAsync(ListUri, index, StatusValue.Valid, new StatusValue((byte)(i + 1))).AsTask());

        var winner = Assert.Single(Enumerable.Range(0, Racers), i => results[i]);
        Assert.Equal(new StatusValue((byte)(winner + 1)), await stores[1].GetStatusAsync(ListUri, index));
    }

    [Fact]
    public async Task Load_ReflectsEveryStatus_UnallocatedValid()
    {
        var store = await CreateStoreAsync();
        await store.CreateListAsync(ListUri, 2, 64);
        var a = (await store.TryAllocateAsync(ListUri))!.Value;
        var b = (await store.TryAllocateAsync(ListUri))!.Value;
        var c = (await store.TryAllocateAsync(ListUri))!.Value;
        await store.TryUpdateStatusAsync(ListUri, a, StatusValue.Valid, StatusValue.Invalid);
        await store.TryUpdateStatusAsync(ListUri, b, StatusValue.Valid, StatusValue.Suspended);

        var builder = await store.LoadAsync(ListUri);

        Assert.Equal(64, builder.Count);
        Assert.Equal(2, builder.Bits);
        for (var i = 0; i < 64; i++)
        {
            Assert.Equal(i == a ? StatusValue.Invalid : i == b ? StatusValue.Suspended : StatusValue.Valid, builder.Get(i));
        }

        Assert.Equal(StatusValue.Valid, await store.GetStatusAsync(ListUri, c));
    }

    [Fact]
    public async Task PublishedToken_RoundTrips_AndIsReplaced()
    {
        var store = await CreateStoreAsync();
        await store.CreateListAsync(ListUri, 1, 16);
        var token = "eyJhbGciOiJFUzI1NiIsInR5cCI6InN0YXR1c2xpc3Qrand0In0." + new string('A', 20_000) + ".sig";

        Assert.Null(await store.GetPublishedTokenAsync(ListUri));
        await store.SavePublishedTokenAsync(ListUri, token);
        Assert.Equal(token, await store.GetPublishedTokenAsync(ListUri));
        await store.SavePublishedTokenAsync(ListUri, "second");
        Assert.Equal("second", await store.GetPublishedTokenAsync(ListUri));
    }

    [Fact]
    public async Task PublishedToken_SeenByEveryInstance()
    {
        var stores = await CreateInstancesAsync(2);
        await stores[0].CreateListAsync(ListUri, 1, 16);

        await stores[0].SavePublishedTokenAsync(ListUri, "token-1");

        Assert.Equal("token-1", await stores[1].GetPublishedTokenAsync(ListUri));
    }

    [Fact]
    public async Task MissingList_OperationsThrowOrReturnNull()
    {
        var store = await CreateStoreAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.TryAllocateAsync(ListUri));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.AllocateManyAsync(ListUri, 2));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.GetStatusAsync(ListUri, 0));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.TryUpdateStatusAsync(ListUri, 0, StatusValue.Valid, StatusValue.Invalid));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.LoadAsync(ListUri));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.SavePublishedTokenAsync(ListUri, "x"));
        Assert.Null(await store.GetPublishedTokenAsync(ListUri));
        Assert.Null(await store.GetListAsync(ListUri));
    }
}
