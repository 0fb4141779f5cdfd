using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Credentials.AspNetCore.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace Credentials.AspNetCore.Tests.Storage;

/// <summary>The hosted cleanup removes expired protocol state at start-up and then at every interval.</summary>
public sealed class ProtocolStateCleanupTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Cleanup_Hosted_RemovesExpiredRowsAtStartAndEveryIntervalAndKeepsLiveOnes()
    {
        var now = DateTimeOffset.UtcNow;
        var store = new SqliteProtocolStateStore(_db.Path);
        await store.TryAddAsync("openid4vci.c_nonce", "expired-before-start", "1", now.AddMinutes(-1));
        await store.TryAddAsync("openid4vci.c_nonce", "live", "1", now.AddMinutes(10));
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<Credentials.Protocols.IProtocolStateStore>(store);
        builder.Services.AddSqliteProtocolStateStore(_db.Path, new ProtocolStateCleanupOptions { Interval = TimeSpan.FromMilliseconds(100) });
        using var host = builder.Build();

        await host.StartAsync();
        await WaitUntilGoneAsync("expired-before-start");
        await store.TryAddAsync("openid4vci.c_nonce", "expired-while-running", "1", DateTimeOffset.UtcNow.AddMilliseconds(-1));
        await WaitUntilGoneAsync("expired-while-running");
        await host.StopAsync();

        Assert.Equal(1, await CountAsync("live"));
    }

    [Fact]
    public void AddProtocolStateCleanup_NonPositiveInterval_Throws()
        => Assert.Throws<ArgumentException>(() => new ServiceCollection().AddProtocolStateCleanup(new ProtocolStateCleanupOptions { Interval = TimeSpan.Zero }));

    private async Task WaitUntilGoneAsync(string key)
    {
        var stopwatch = Stopwatch.StartNew();
        while (await CountAsync(key) > 0)
        {
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"'{key}' was not removed.");
            await Task.Delay(50);
        }
    }

    private async Task<long> CountAsync(string key)
    {
        await using var connection = new SqliteConnection($"Data Source={_db.Path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM protocol_state WHERE key = $key;";
        command.Parameters.AddWithValue("$key", key);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
