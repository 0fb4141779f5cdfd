using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Http;
using Credentials.Testing;
using Xunit;

namespace Credentials.Tests.Http;

/// <summary>The default resolver cache: one fetch per key for concurrent callers, failures never kept, entries dropped at KeepUntil.</summary>
public sealed class ResolverCacheTests
{
    private static readonly DateTimeOffset s_start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task GetOrFetchAsync_ManyConcurrentCallersForOneKey_ShareOneFetch()
    {
        var clock = TestClock.At(s_start);
        var cache = new BoundedResolverCache(10, clock);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fetches = 0;
        async Task<ResolverCacheEntry<string>> Fetch(CancellationToken ct)
        {
            Interlocked.Increment(ref fetches);
            await gate.Task;
            return new ResolverCacheEntry<string>("value", clock.GetUtcNow(), s_start.AddMinutes(5), s_start.AddMinutes(10));
        }

        var callers = Enumerable.Range(0, 32).Select(_ => cache.GetOrFetchAsync("k", Fetch, refresh: false).AsTask()).ToArray();
        gate.SetResult();
        var entries = await Task.WhenAll(callers);

        Assert.Equal(1, fetches);
        Assert.All(entries, e => Assert.Same(entries[0], e));
        Assert.Same(entries[0], await cache.GetOrFetchAsync("k", Fetch, refresh: false));
        Assert.Equal(1, fetches);
    }

    [Fact]
    public async Task GetOrFetchAsync_FetchFails_EveryWaiterGetsTheFailureAndNothingIsKept()
    {
        var clock = TestClock.At(s_start);
        var cache = new BoundedResolverCache(10, clock);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fetches = 0;
        async Task<ResolverCacheEntry<string>> Failing(CancellationToken ct)
        {
            Interlocked.Increment(ref fetches);
            await gate.Task;
            throw ResolverCaching.Failure(new VerificationError(HttpErrors.Failed, "down"));
        }

        var callers = Enumerable.Range(0, 8).Select(_ => ResolverCaching.GetAsync(cache, "k", Failing, clock, default).AsTask()).ToArray();
        gate.SetResult();
        var results = await Task.WhenAll(callers);

        Assert.Equal(1, fetches);
        Assert.All(results, r => Assert.Equal(HttpErrors.Failed, r.Error?.Code));
        Assert.Equal(0, cache.Count);
        await ResolverCaching.GetAsync(cache, "k", Failing, clock, default);
        Assert.Equal(2, fetches);
    }

    [Fact]
    public async Task GetOrFetchAsync_Refresh_FetchesThoughAnEntryIsKept()
    {
        var clock = TestClock.At(s_start);
        var cache = new BoundedResolverCache(10, clock);
        var fetches = 0;
        Task<ResolverCacheEntry<string>> Fetch(CancellationToken ct)
            => Task.FromResult(new ResolverCacheEntry<string>("v" + Interlocked.Increment(ref fetches), clock.GetUtcNow(), s_start.AddMinutes(5), s_start.AddMinutes(5)));

        await cache.GetOrFetchAsync("k", Fetch, refresh: false);
        var refreshed = await cache.GetOrFetchAsync("k", Fetch, refresh: true);

        Assert.Equal("v2", refreshed.Value);
        Assert.Equal("v2", (await cache.GetOrFetchAsync("k", Fetch, refresh: false)).Value);
    }

    [Fact]
    public async Task GetAsync_EntryPastKeepUntil_IsFetchedAfresh()
    {
        var clock = TestClock.At(s_start);
        var cache = new BoundedResolverCache(10, clock);
        var fetches = 0;
        Task<ResolverCacheEntry<string>> Fetch(CancellationToken ct)
        {
            Interlocked.Increment(ref fetches);
            return Task.FromResult(ResolverCaching.Entry("v", clock.GetUtcNow(), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)));
        }

        await ResolverCaching.GetAsync(cache, "k", Fetch, clock, default);
        clock.Advance(TimeSpan.FromSeconds(59));
        await ResolverCaching.GetAsync(cache, "k", Fetch, clock, default);
        Assert.Equal(1, fetches);

        clock.Advance(TimeSpan.FromMinutes(2));
        var result = await ResolverCaching.GetAsync(cache, "k", Fetch, clock, default);

        Assert.Equal(2, fetches);
        Assert.False(result.Value.IsStaleAt(clock.GetUtcNow()));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.Gone, false)]
    [InlineData(HttpStatusCode.Forbidden, false)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    public async Task IsSourceUnavailable_ByStatus(HttpStatusCode status, bool unavailable)
    {
        using var handler = new ResolverTestHandler { Status = status };
        using var client = handler.Client();
        var result = await new HttpFetcher(client).GetAsync(new Uri("https://issuer.example/doc"));

        Assert.False(result.IsValid);
        Assert.Equal(unavailable, HttpFetcher.IsSourceUnavailable(result.Error!));
    }

    [Fact]
    public async Task IsSourceUnavailable_ConnectionFailure_IsUnavailable()
    {
        using var handler = new ResolverTestHandler { Unreachable = true };
        using var client = handler.Client();
        var result = await new HttpFetcher(client).GetAsync(new Uri("https://issuer.example/doc"));

        Assert.Equal(HttpErrors.Failed, result.Error?.Code);
        Assert.True(HttpFetcher.IsSourceUnavailable(result.Error!));
    }

    [Fact]
    public async Task IsSourceUnavailable_RefusedAddressOrTooLarge_IsNot()
    {
        using var handler = new ResolverTestHandler { Body = new string('x', 2048) };
        using var client = handler.Client();
        var tooLarge = await new HttpFetcher(client, new HttpFetchOptions { MaxResponseBytes = 1024 }).GetAsync(new Uri("https://issuer.example/doc"));
        var refused = await new HttpFetcher(client).GetAsync(new Uri("https://127.0.0.1/doc"));

        Assert.Equal(HttpErrors.TooLarge, tooLarge.Error?.Code);
        Assert.False(HttpFetcher.IsSourceUnavailable(tooLarge.Error!));
        Assert.Equal(HttpErrors.AddressNotAllowed, refused.Error?.Code);
        Assert.False(HttpFetcher.IsSourceUnavailable(refused.Error!));
    }
}
