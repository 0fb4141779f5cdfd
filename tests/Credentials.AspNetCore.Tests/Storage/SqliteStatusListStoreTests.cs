using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Credentials.AspNetCore.Storage;
using Credentials.Status;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Credentials.AspNetCore.Tests.Storage;

/// <summary>What only the SQLite status list store does (the shared contract is in <see cref="SqliteStatusListStoreContractTests"/>): reservations, WAL, reopening.</summary>
public sealed class SqliteStatusListStoreTests : IDisposable
{
    private const string ListUri = "https://issuer.example/statuslists/1";
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

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
}
