using System;
using System.Linq;
using System.Threading.Tasks;
using Credentials.Status;
using Credentials.Testing.Stores;
using Npgsql;
using Xunit;
using Xunit.Abstractions;

namespace Credentials.PostgreSql.Tests.Stores;

/// <summary>What only the PostgreSQL status list store does (the shared contract is in <see cref="PostgreSqlStatusListStoreContractTests"/>).</summary>
public sealed class PostgreSqlStatusListStoreTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string ListUri = "https://issuer.example/statuslists/1";
    private NpgsqlDataSource _dataSource = null!;
    private string _connectionString = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await PostgreSqlTestServer.GetConnectionStringAsync();
        _dataSource = NpgsqlDataSource.Create(_connectionString);
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    [Fact]
    public async Task Reserve_SameKeyAgain_ReturnsTheSameIndicesAndAllocatesNoMore()
    {
        var store = new PostgreSqlStatusListStore(_dataSource);
        await store.CreateListAsync(ListUri, 2, 1000);

        var first = await store.ReserveAsync(ListUri, "batch:a", 50);
        await using var otherProcess = new PostgreSqlStatusListStore(_connectionString);
        var again = await otherProcess.ReserveAsync(ListUri, "batch:a", 50);
        var other = await store.ReserveAsync(ListUri, "batch:b", 10);

        Assert.Equal(50, first.Distinct().Count());
        Assert.Equal(first, again);
        Assert.Empty(first.Intersect(other));
        Assert.Equal(60, (await store.GetListAsync(ListUri))!.Allocated);
    }

    [Fact]
    public async Task Reserve_MorePositionsLater_KeepsTheFirstAndAddsOnlyTheRest()
    {
        var store = new PostgreSqlStatusListStore(_dataSource);
        await store.CreateListAsync(ListUri, 1, 100);

        var first = await store.ReserveAsync(ListUri, "job", 5);
        var grown = await store.ReserveAsync(ListUri, "job", 8);
        var fewer = await store.ReserveAsync(ListUri, "job", 3);

        Assert.Equal(first, grown.Take(5));
        Assert.Equal(first.Take(3), fewer);
        Assert.Equal(8, (await store.GetListAsync(ListUri))!.Allocated);
    }

    [Fact]
    public async Task Reserve_ListTooSmall_ReturnsWhatFitsAndAllocatesNothingMoreOnRetry()
    {
        var store = new PostgreSqlStatusListStore(_dataSource);
        await store.CreateListAsync(ListUri, 1, 8);

        var partial = await store.ReserveAsync(ListUri, "job", 10);
        var retry = await store.ReserveAsync(ListUri, "job", 10);

        Assert.Equal(8, partial.Count);
        Assert.Equal(partial, retry);
    }

    [Fact]
    public async Task Reserve_SameJobRacedFromFourInstances_OneSetOfIndices()
    {
        var sources = Enumerable.Range(0, 4).Select(_ => NpgsqlDataSource.Create(_connectionString)).ToList();
        try
        {
            var stores = sources.Select(s => new PostgreSqlStatusListStore(s)).ToList();
            await stores[0].CreateListAsync(ListUri, 1, 4096);

            var results = await StoreRace.RaceAsync(16, i => stores[i % 4].ReserveAsync(ListUri, "job", 100).AsTask());

            Assert.All(results, r => Assert.Equal(results[0], r));
            Assert.Equal(100, (await stores[1].GetListAsync(ListUri))!.Allocated);
            output.WriteLine($"reserve: 16 racers on 4 instances, {results[0].Distinct().Count()} indices, {results.Count(r => !r.SequenceEqual(results[0]))} differing answers");
        }
        finally
        {
            foreach (var source in sources)
            {
                await source.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Reserve_BadKey_Throws()
    {
        var store = new PostgreSqlStatusListStore(_dataSource);
        await store.CreateListAsync(ListUri, 1, 8);

        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.ReserveAsync(ListUri, "", 1));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.ReserveAsync(ListUri, new string('k', 257), 1));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.ReserveAsync("https://issuer.example/none", "job", 1));
    }

    [Fact]
    public async Task Allocate_NearlyFullLargeList_StillFindsEveryFreeIndex()
    {
        // 1000 of 1024 taken in one batch, then the last 24 one by one: the exact k-th-free path, not only random probes.
        var store = new PostgreSqlStatusListStore(_dataSource);
        await store.CreateListAsync(ListUri, 1, 1024);

        var bulk = await store.AllocateManyAsync(ListUri, 1000);
        var tail = new System.Collections.Generic.List<long>();
        for (var i = 0; i < 24; i++)
        {
            tail.Add((await store.TryAllocateAsync(ListUri))!.Value);
        }

        Assert.Equal(1024, bulk.Concat(tail).Distinct().Count());
        Assert.Null(await store.TryAllocateAsync(ListUri));
    }

    [Fact]
    public async Task AllocateMany_SixtyThousandOfAHundredThousand_OneCall_DistinctAndStatusesMatch()
    {
        // Far beyond what a few fixed sampling rounds give: the call needs more than half of the free indices.
        var store = new PostgreSqlStatusListStore(_dataSource);
        await store.CreateListAsync(ListUri, 2, 100_000);

        var first = await store.AllocateManyAsync(ListUri, 60_000);
        var rest = await store.AllocateManyAsync(ListUri, 50_000);

        Assert.Equal(60_000, first.Distinct().Count());
        Assert.Equal(40_000, rest.Count);
        Assert.Equal(100_000, first.Concat(rest).Distinct().Count());
        Assert.All(first.Concat(rest), i => Assert.InRange(i, 0, 99_999));
        Assert.Equal(100_000, (await store.GetListAsync(ListUri))!.Allocated);
        Assert.Empty(await store.AllocateManyAsync(ListUri, 1));
        Assert.Equal(100_000L, await CountEntriesAsync(ListUri));

        // The statuses set through the store are the ones loaded back; every other allocated entry is VALID.
        for (var i = 0; i < 30; i++)
        {
            Assert.True(await store.TryUpdateStatusAsync(ListUri, first[i], new StatusValue(0), new StatusValue((byte)(1 + (i % 3)))));
        }

        var loaded = await store.LoadAsync(ListUri);
        for (var i = 0; i < 60; i++)
        {
            var expected = i < 30 ? (byte)(1 + (i % 3)) : (byte)0;
            Assert.Equal(expected, loaded.Get(first[i]).Value);
            Assert.Equal(expected, (await store.GetStatusAsync(ListUri, first[i]))!.Value.Value);
            Assert.Equal(0, loaded.Get(rest[i]).Value);
        }
    }

    [Fact]
    public async Task Reserve_FortyThousandInOneCall_SampledBeyondFixedRounds_Distinct()
    {
        // Less than half of the free indices: several sampling rounds sized by the remaining count.
        var store = new PostgreSqlStatusListStore(_dataSource);
        await store.CreateListAsync(ListUri, 1, 100_000);
        var taken = await store.AllocateManyAsync(ListUri, 10_000);

        var reserved = await store.ReserveAsync(ListUri, "job", 40_000);
        var again = await store.ReserveAsync(ListUri, "job", 40_000);

        Assert.Equal(40_000, reserved.Distinct().Count());
        Assert.Empty(reserved.Intersect(taken));
        Assert.Equal(reserved, again);
        Assert.Equal(50_000, (await store.GetListAsync(ListUri))!.Allocated);
        Assert.Equal(50_000L, await CountEntriesAsync(ListUri));
        Assert.All(reserved.Take(100), i => Assert.InRange(i, 0, 99_999));
    }

    [Fact]
    public async Task AllocateOrReserve_AboveTheMaximumCount_Throws()
    {
        var store = new PostgreSqlStatusListStore(_dataSource);
        await store.CreateListAsync(ListUri, 1, 16);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await store.AllocateManyAsync(ListUri, PostgreSqlStatusListStore.MaxAllocationCount + 1));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await store.ReserveAsync(ListUri, "job", int.MaxValue));
        Assert.Equal(0, (await store.GetListAsync(ListUri))!.Allocated);
        Assert.Equal(16, (await store.AllocateManyAsync(ListUri, PostgreSqlStatusListStore.MaxAllocationCount)).Count);
    }

    [Fact]
    public async Task ConnectionStringStore_OwnsItsDataSource_DisposedWithIt()
    {
        var store = new PostgreSqlStatusListStore(_connectionString);
        await store.CreateListAsync(ListUri, 1, 8);

        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.GetListAsync(ListUri));
        Assert.NotNull(await new PostgreSqlStatusListStore(_dataSource).GetListAsync(ListUri));
    }

    private async Task<long> CountEntriesAsync(string uri)
    {
        await using var command = _dataSource.CreateCommand("SELECT count(*) FROM credentials.status_entries WHERE list_uri = $1;");
        command.Parameters.AddWithValue(uri);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
