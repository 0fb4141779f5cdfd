using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Credentials.AspNetCore.Storage;
using Credentials.Protocols;
using Xunit;

namespace Credentials.AspNetCore.Tests.Storage;

/// <summary>One contract, run against every store.</summary>
public sealed class ProtocolStateStoreTests : IDisposable
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("credentials-state-").FullName;

    public static TheoryData<string> Stores => new() { "memory", "sqlite" };

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Consume_Twice_SecondGetsNothing(string kind)
    {
        var store = Create(kind);
        Assert.True(await store.TryAddAsync("code", "k1", "v1", s_now.AddMinutes(5)));

        Assert.Equal("v1", await store.TryConsumeAsync("code", "k1", s_now));
        Assert.Null(await store.TryConsumeAsync("code", "k1", s_now));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Add_SameKeyTwice_SecondRefused(string kind)
    {
        var store = Create(kind);
        Assert.True(await store.TryAddAsync("code", "k1", "v1", s_now.AddMinutes(5)));
        Assert.False(await store.TryAddAsync("code", "k1", "v2", s_now.AddMinutes(5)));
        Assert.True(await store.TryAddAsync("nonce", "k1", "v3", s_now.AddMinutes(5)));
        Assert.Equal("v1", await store.TryGetAsync("code", "k1", s_now));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Expired_IsNeitherReadNorConsumed(string kind)
    {
        var store = Create(kind);
        await store.TryAddAsync("code", "k1", "v1", s_now.AddMinutes(5));

        Assert.Null(await store.TryGetAsync("code", "k1", s_now.AddMinutes(5)));
        Assert.Null(await store.TryConsumeAsync("code", "k1", s_now.AddMinutes(6)));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Update_CompareAndSet_OnlyFromExpectedValue(string kind)
    {
        var store = Create(kind);
        await store.TryAddAsync("tx", "t1", "pending", s_now.AddMinutes(5));

        Assert.True(await store.TryUpdateAsync("tx", "t1", "pending", "done", s_now));
        Assert.False(await store.TryUpdateAsync("tx", "t1", "pending", "again", s_now));
        Assert.Equal("done", await store.TryGetAsync("tx", "t1", s_now));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task RemoveExpired_RemovesOnlyExpired(string kind)
    {
        var store = Create(kind);
        await store.TryAddAsync("code", "old", "v", s_now.AddMinutes(1));
        await store.TryAddAsync("code", "new", "v", s_now.AddMinutes(10));

        Assert.Equal(1, await store.RemoveExpiredAsync(s_now.AddMinutes(5)));
        Assert.Equal("v", await store.TryGetAsync("code", "new", s_now.AddMinutes(5)));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Consume_Concurrently_ExactlyOneWins(string kind)
    {
        var store = Create(kind);
        for (var round = 0; round < 20; round++)
        {
            var key = "k" + round;
            await store.TryAddAsync("code", key, "v", s_now.AddMinutes(5));
            var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () => await store.TryConsumeAsync("code", key, s_now))));
            Assert.Single(results, r => r is not null);
        }
    }

    [Fact]
    public async Task Sqlite_Reopened_KeepsState()
    {
        var path = Path.Combine(_directory, "state.db");
        await new SqliteProtocolStateStore(path).TryAddAsync("code", "k1", "v1", s_now.AddMinutes(5));

        Assert.Equal("v1", await new SqliteProtocolStateStore(path).TryConsumeAsync("code", "k1", s_now));
    }

    private IProtocolStateStore Create(string kind) => kind == "memory"
        ? new InMemoryProtocolStateStore()
        : new SqliteProtocolStateStore(Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".db"));
}
