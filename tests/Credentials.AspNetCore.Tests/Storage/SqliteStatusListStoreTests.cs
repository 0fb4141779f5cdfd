using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Credentials.AspNetCore.Storage;
using Credentials.Status;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Credentials.AspNetCore.Tests.Storage;

public sealed class SqliteStatusListStoreTests : IDisposable
{
    private const string ListUri = "https://issuer.example/statuslists/1";
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task TryAllocateAsync_ParallelCallersOnSeparateStores_AllDistinct()
    {
        // Two store instances over one file behave like two processes: only SQLite's locking keeps them apart.
        var first = SqliteStatusListStore.ForFile(_db.Path);
        var second = SqliteStatusListStore.ForFile(_db.Path);
        await first.CreateListAsync(ListUri, 1, 300);

        var tasks = Enumerable.Range(0, 320).Select(i => Task.Run(async () => await (i % 2 == 0 ? first : second).TryAllocateAsync(ListUri)));
        var results = await Task.WhenAll(tasks);

        var allocated = results.Where(r => r is not null).Select(r => r!.Value).ToList();
        Assert.Equal(300, allocated.Count);
        Assert.Equal(300, allocated.Distinct().Count());
        Assert.All(allocated, i => Assert.InRange(i, 0, 299));
        Assert.Equal(300, (await first.GetListAsync(ListUri))!.Allocated);
    }

    [Fact]
    public async Task TryAllocateAsync_WholeList_NeverRepeatsAndThenReturnsNull()
    {
        var store = SqliteStatusListStore.ForFile(_db.Path);
        await store.CreateListAsync(ListUri, 2, 200);
        var seen = new HashSet<long>();

        for (var i = 0; i < 200; i++)
        {
            Assert.True(seen.Add((await store.TryAllocateAsync(ListUri))!.Value));
        }

        Assert.Null(await store.TryAllocateAsync(ListUri));
    }

    [Fact]
    public async Task AllocateManyAsync_Batches_DistinctAcrossBatchesUntilFullThenEmpty()
    {
        var store = SqliteStatusListStore.ForFile(_db.Path);
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
    public async Task AllocateManyAsync_DefaultImplementation_AllocatesOneByOne()
    {
        IStatusListStore store = new InMemoryStatusListStore();
        await store.CreateListAsync(ListUri, 1, 64);

        var indices = await store.AllocateManyAsync(ListUri, 70);

        Assert.Equal(64, indices.Count);
        Assert.Equal(64, indices.Distinct().Count());
    }

    [Fact]
    public async Task ReserveAsync_SameKeyAgain_ReturnsTheSameIndicesAndAllocatesNoMore()
    {
        var store = SqliteStatusListStore.ForFile(_db.Path);
        await store.CreateListAsync(ListUri, 2, 1000);

        var first = await store.ReserveAsync(ListUri, "batch:a", 50);
        var again = await SqliteStatusListStore.ForFile(_db.Path).ReserveAsync(ListUri, "batch:a", 50);
        var other = await store.ReserveAsync(ListUri, "batch:b", 10);

        Assert.Equal(50, first.Distinct().Count());
        Assert.Equal(first, again);
        Assert.Empty(first.Intersect(other));
        Assert.Equal(60, (await store.GetListAsync(ListUri))!.Allocated);
    }

    [Fact]
    public async Task ReserveAsync_MorePositionsLater_KeepsTheFirstAndAddsOnlyTheRest()
    {
        var store = SqliteStatusListStore.ForFile(_db.Path);
        await store.CreateListAsync(ListUri, 1, 100);

        var first = await store.ReserveAsync(ListUri, "job", 5);
        var grown = await store.ReserveAsync(ListUri, "job", 8);
        var fewer = await store.ReserveAsync(ListUri, "job", 3);

        Assert.Equal(first, grown.Take(5));
        Assert.Equal(first.Take(3), fewer);
        Assert.Equal(8, (await store.GetListAsync(ListUri))!.Allocated);
    }

    [Fact]
    public async Task ReserveAsync_ListTooSmall_ReturnsWhatFitsAndAllocatesNothingMoreOnRetry()
    {
        var store = SqliteStatusListStore.ForFile(_db.Path);
        await store.CreateListAsync(ListUri, 1, 8);

        var partial = await store.ReserveAsync(ListUri, "job", 10);
        var retry = await store.ReserveAsync(ListUri, "job", 10);

        Assert.Equal(8, partial.Count);
        Assert.Equal(partial, retry);
    }

    [Fact]
    public async Task InitializeAsync_NewFile_UsesWriteAheadLog()
    {
        var store = SqliteStatusListStore.ForFile(_db.Path);
        await store.InitializeAsync();

        using var connection = new SqliteConnection($"Data Source={_db.Path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", (string?)command.ExecuteScalar());
    }

    [Fact]
    public async Task TryUpdateStatusAsync_CompareAndSet_OnlyWhenExpectedMatches()
    {
        var store = SqliteStatusListStore.ForFile(_db.Path);
        await store.CreateListAsync(ListUri, 2, 16);
        var index = (await store.TryAllocateAsync(ListUri))!.Value;

        Assert.True(await store.TryUpdateStatusAsync(ListUri, index, StatusValue.Valid, StatusValue.Suspended));
        Assert.False(await store.TryUpdateStatusAsync(ListUri, index, StatusValue.Valid, StatusValue.Invalid));
        Assert.Equal(StatusValue.Suspended, await store.GetStatusAsync(ListUri, index));
        Assert.Null(await store.GetStatusAsync(ListUri, (index + 1) % 16));
        Assert.False(await store.TryUpdateStatusAsync(ListUri, (index + 1) % 16, StatusValue.Valid, StatusValue.Invalid));
    }

    [Fact]
    public async Task LoadAsync_AfterChanges_ReflectsEveryStatus()
    {
        var store = SqliteStatusListStore.ForFile(_db.Path);
        await store.CreateListAsync(ListUri, 2, 64);
        var a = (await store.TryAllocateAsync(ListUri))!.Value;
        var b = (await store.TryAllocateAsync(ListUri))!.Value;
        await store.TryUpdateStatusAsync(ListUri, a, StatusValue.Valid, StatusValue.Invalid);
        await store.TryUpdateStatusAsync(ListUri, b, StatusValue.Valid, StatusValue.Suspended);

        var reopened = SqliteStatusListStore.ForFile(_db.Path);
        var builder = await reopened.LoadAsync(ListUri);

        Assert.Equal(64, builder.Count);
        for (var i = 0; i < 64; i++)
        {
            Assert.Equal(i == a ? StatusValue.Invalid : i == b ? StatusValue.Suspended : StatusValue.Valid, builder.Get(i));
        }
    }

    [Fact]
    public async Task CreateListAsync_ExistingWithOtherSettings_Throws()
    {
        var store = SqliteStatusListStore.ForFile(_db.Path);
        Assert.True(await store.CreateListAsync(ListUri, 1, 64));
        Assert.False(await store.CreateListAsync(ListUri, 1, 64));

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.CreateListAsync(ListUri, 2, 64));
    }

    [Fact]
    public async Task MissingList_Operations_ThrowOrReturnNull()
    {
        var store = SqliteStatusListStore.ForFile(_db.Path);

        await Assert.ThrowsAsync<ArgumentException>(async () => await store.TryAllocateAsync(ListUri));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.GetStatusAsync(ListUri, 0));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.SavePublishedTokenAsync(ListUri, "x"));
        Assert.Null(await store.GetPublishedTokenAsync(ListUri));
        Assert.Null(await store.GetListAsync(ListUri));
    }
}
