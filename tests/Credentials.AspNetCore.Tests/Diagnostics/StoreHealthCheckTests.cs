using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Protocols;
using Credentials.Status;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.AspNetCore.Tests.Diagnostics;

public sealed class StoreHealthCheckTests
{
    private const string Secret = "Password=hunter2-q8Zr";

    [Fact]
    public async Task ProtocolStateStoreCheck_WorkingStore_IsHealthy()
    {
        var report = await CheckAsync(s => s.AddSingleton<IProtocolStateStore>(new InMemoryProtocolStateStore()), b => b.AddProtocolStateStoreCheck());

        var entry = Assert.Single(report.Entries).Value;
        Assert.Equal(HealthStatus.Healthy, entry.Status);
    }

    [Fact]
    public async Task ProtocolStateStoreCheck_BrokenStore_IsUnhealthyWithoutTheExceptionsMessage()
    {
        var report = await CheckAsync(s => s.AddSingleton<IProtocolStateStore>(new BrokenProtocolStateStore()), b => b.AddProtocolStateStoreCheck(tags: ["ready"]));

        var (name, entry) = Assert.Single(report.Entries);
        Assert.Equal("credentials_protocol_state_store", name);
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Null(entry.Exception);
        Assert.DoesNotContain(Secret, entry.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(entry.Data.Values, v => v.ToString()!.Contains(Secret, StringComparison.Ordinal));
        Assert.Equal(typeof(InvalidOperationException).FullName, entry.Data["exception_type"]);
        Assert.Contains("ready", entry.Tags);
    }

    [Fact]
    public async Task ProtocolStateStoreCheck_BrokenStoreWithDegradedFailureStatus_IsDegraded()
    {
        var report = await CheckAsync(s => s.AddSingleton<IProtocolStateStore>(new BrokenProtocolStateStore()), b => b.AddProtocolStateStoreCheck(failureStatus: HealthStatus.Degraded));

        Assert.Equal(HealthStatus.Degraded, report.Status);
    }

    [Fact]
    public async Task ProtocolStateStoreCheck_SlowStore_IsDegraded()
    {
        var clock = new FakeTimeProvider();
        var report = await CheckAsync(
            s => s.AddSingleton<TimeProvider>(clock).AddSingleton<IProtocolStateStore>(new SlowProtocolStateStore(clock, TimeSpan.FromSeconds(3))),
            b => b.AddProtocolStateStoreCheck(degradedThreshold: TimeSpan.FromSeconds(2)));

        Assert.Equal(HealthStatus.Degraded, Assert.Single(report.Entries).Value.Status);
    }

    [Fact]
    public async Task ProtocolStateStoreCheck_KeyedStore_ChecksThatStore()
    {
        var report = await CheckAsync(
            s => s.AddSingleton<IProtocolStateStore>(new InMemoryProtocolStateStore()).AddKeyedSingleton<IProtocolStateStore>("second", new BrokenProtocolStateStore()),
            b => b.AddProtocolStateStoreCheck("second_state", serviceKey: "second"));

        Assert.Equal(HealthStatus.Unhealthy, report.Entries["second_state"].Status);
    }

    [Fact]
    public async Task StatusListStoreCheck_ConfiguredListPresent_IsHealthy()
    {
        var store = new InMemoryStatusListStore();
        await store.CreateListAsync("https://issuer.example/status/1", 1, 1024);

        var report = await CheckAsync(s => s.AddSingleton<IStatusListStore>(store), b => b.AddStatusListStoreCheck("https://issuer.example/status/1"));

        Assert.Equal(HealthStatus.Healthy, report.Status);
    }

    [Fact]
    public async Task StatusListStoreCheck_ConfiguredListMissing_IsUnhealthy()
    {
        var report = await CheckAsync(s => s.AddSingleton<IStatusListStore>(new InMemoryStatusListStore()), b => b.AddStatusListStoreCheck("https://issuer.example/status/9"));

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
    }

    [Fact]
    public async Task StatusListStoreCheck_NoListConfigured_RoundTripIsHealthy()
    {
        var report = await CheckAsync(s => s.AddSingleton<IStatusListStore>(new InMemoryStatusListStore()), b => b.AddStatusListStoreCheck());

        Assert.Equal(HealthStatus.Healthy, report.Status);
    }

    [Fact]
    public async Task StatusListStoreCheck_BrokenStore_IsUnhealthy()
    {
        var report = await CheckAsync(s => s.AddSingleton<IStatusListStore>(new BrokenStatusListStore()), b => b.AddStatusListStoreCheck());

        var entry = Assert.Single(report.Entries).Value;
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.DoesNotContain(Secret, entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void AddChecks_InvalidArguments_Throw()
    {
        var builder = new ServiceCollection().AddHealthChecks();

        Assert.Throws<ArgumentException>(() => builder.AddProtocolStateStoreCheck(string.Empty));
        Assert.Throws<ArgumentException>(() => builder.AddProtocolStateStoreCheck(degradedThreshold: TimeSpan.Zero));
        Assert.Throws<ArgumentException>(() => builder.AddStatusListStoreCheck(string.Empty));
    }

    private static async Task<HealthReport> CheckAsync(Action<IServiceCollection> services, Action<IHealthChecksBuilder> checks)
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        services(collection);
        checks(collection.AddHealthChecks());
        await using var provider = collection.BuildServiceProvider();
        return await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
    }

    private sealed class BrokenProtocolStateStore : IProtocolStateStore
    {
        public ValueTask<bool> TryAddAsync(string kind, string key, string value, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) => throw Failure();

        public ValueTask<string?> TryConsumeAsync(string kind, string key, DateTimeOffset now, CancellationToken cancellationToken = default) => throw Failure();

        public ValueTask<string?> TryGetAsync(string kind, string key, DateTimeOffset now, CancellationToken cancellationToken = default) => throw Failure();

        public ValueTask<bool> TryUpdateAsync(string kind, string key, string expected, string value, DateTimeOffset now, CancellationToken cancellationToken = default) => throw Failure();

        public ValueTask<int> RemoveExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default) => throw Failure();
    }

    private sealed class SlowProtocolStateStore(FakeTimeProvider clock, TimeSpan delay) : IProtocolStateStore
    {
        private readonly InMemoryProtocolStateStore _inner = new();

        public ValueTask<bool> TryAddAsync(string kind, string key, string value, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) => _inner.TryAddAsync(kind, key, value, expiresAt, cancellationToken);

        public ValueTask<string?> TryConsumeAsync(string kind, string key, DateTimeOffset now, CancellationToken cancellationToken = default) => _inner.TryConsumeAsync(kind, key, now, cancellationToken);

        public ValueTask<string?> TryGetAsync(string kind, string key, DateTimeOffset now, CancellationToken cancellationToken = default)
        {
            clock.Advance(delay);
            return _inner.TryGetAsync(kind, key, now, cancellationToken);
        }

        public ValueTask<bool> TryUpdateAsync(string kind, string key, string expected, string value, DateTimeOffset now, CancellationToken cancellationToken = default) => _inner.TryUpdateAsync(kind, key, expected, value, now, cancellationToken);

        public ValueTask<int> RemoveExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default) => _inner.RemoveExpiredAsync(now, cancellationToken);
    }

    private sealed class BrokenStatusListStore : IStatusListStore
    {
        public ValueTask<bool> CreateListAsync(string uri, int bits, long capacity, CancellationToken cancellationToken = default) => throw Failure();

        public ValueTask<StatusListInfo?> GetListAsync(string uri, CancellationToken cancellationToken = default) => throw Failure();

        public ValueTask<long?> TryAllocateAsync(string uri, CancellationToken cancellationToken = default) => throw Failure();

        public ValueTask<StatusValue?> GetStatusAsync(string uri, long index, CancellationToken cancellationToken = default) => throw Failure();

        public ValueTask<bool> TryUpdateStatusAsync(string uri, long index, StatusValue expected, StatusValue value, CancellationToken cancellationToken = default) => throw Failure();

        public ValueTask<StatusListBuilder> LoadAsync(string uri, CancellationToken cancellationToken = default) => throw Failure();

        public ValueTask SavePublishedTokenAsync(string uri, string token, CancellationToken cancellationToken = default) => throw Failure();

        public ValueTask<string?> GetPublishedTokenAsync(string uri, CancellationToken cancellationToken = default) => throw Failure();
    }

    private static InvalidOperationException Failure() => new("Could not connect: Host=db.internal;" + Secret);
}
