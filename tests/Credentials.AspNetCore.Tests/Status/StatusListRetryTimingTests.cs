using System;
using System.Threading;
using System.Threading.Tasks;
using Credentials.AspNetCore.StatusLists;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Status;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.AspNetCore.Tests.Status;

/// <summary>The backoff after a failed publication counts from when the failure happened, not from when the attempt began.</summary>
public sealed class StatusListRetryTimingTests : IDisposable
{
    private const string Uri = "https://issuer.example/statuslists/9";
    private readonly SigningKey _key = SigningKey.Create(JwsAlgorithm.Es256, "status-1");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));

    public void Dispose() => _key.Dispose();

    [Fact]
    public async Task StoreTimingOutLongerThanTheRetryDelay_NextAttemptWaitsTheFullDelayAfterTheFailure()
    {
        var retryDelay = TimeSpan.FromSeconds(5);
        var inner = new InMemoryStatusListStore();
        await inner.CreateListAsync(Uri, 1, 1024);
        var store = new TimingOutStore(inner, _clock, TimeSpan.FromMinutes(2));
        var options = new StatusListHostingOptions { Store = store, Signer = _key, RetryDelay = retryDelay };
        options.Lists.Add(Uri);
        using var publisher = new StatusListPublisher(Options.Create(options), new ServiceCollection().BuildServiceProvider(), _clock, NullLogger<StatusListPublisher>.Instance);

        var next = await publisher.RunDueAsync(CancellationToken.None);
        var failedAt = _clock.GetUtcNow();
        Assert.Equal(1, store.Saves);
        Assert.Null(await inner.GetPublishedTokenAsync(Uri));
        Assert.Equal(failedAt + retryDelay, next);

        // Right after the failure, and just before the delay has passed: no attempt.
        await publisher.RunDueAsync(CancellationToken.None);
        _clock.Advance(retryDelay - TimeSpan.FromSeconds(1));
        await publisher.RunDueAsync(CancellationToken.None);
        Assert.Equal(1, store.Saves);

        _clock.Advance(TimeSpan.FromSeconds(1));
        await publisher.RunDueAsync(CancellationToken.None);
        Assert.Equal(2, store.Saves);
        Assert.NotNull(await inner.GetPublishedTokenAsync(Uri));
    }

    /// <summary>A store whose first save hangs for <paramref name="timeout"/> of fake time, then fails (a database timeout).</summary>
    private sealed class TimingOutStore(IStatusListStore inner, FakeTimeProvider clock, TimeSpan timeout) : IStatusListStore
    {
        private int _saves;

        public int Saves => Volatile.Read(ref _saves);

        public ValueTask<bool> CreateListAsync(string uri, int bits, long capacity, CancellationToken cancellationToken = default) => inner.CreateListAsync(uri, bits, capacity, cancellationToken);

        public ValueTask<StatusListInfo?> GetListAsync(string uri, CancellationToken cancellationToken = default) => inner.GetListAsync(uri, cancellationToken);

        public ValueTask<long?> TryAllocateAsync(string uri, CancellationToken cancellationToken = default) => inner.TryAllocateAsync(uri, cancellationToken);

        public ValueTask<StatusValue?> GetStatusAsync(string uri, long index, CancellationToken cancellationToken = default) => inner.GetStatusAsync(uri, index, cancellationToken);

        public ValueTask<bool> TryUpdateStatusAsync(string uri, long index, StatusValue expected, StatusValue value, CancellationToken cancellationToken = default)
            => inner.TryUpdateStatusAsync(uri, index, expected, value, cancellationToken);

        public ValueTask<StatusListBuilder> LoadAsync(string uri, CancellationToken cancellationToken = default) => inner.LoadAsync(uri, cancellationToken);

        public ValueTask SavePublishedTokenAsync(string uri, string token, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _saves) == 1)
            {
                clock.Advance(timeout);
                throw new TimeoutException("The store did not answer.");
            }

            return inner.SavePublishedTokenAsync(uri, token, cancellationToken);
        }

        public ValueTask<string?> GetPublishedTokenAsync(string uri, CancellationToken cancellationToken = default) => inner.GetPublishedTokenAsync(uri, cancellationToken);
    }
}
