using System;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Status;
using Credentials.Testing;
using Credentials.Trust;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Tests.Http;

/// <summary>
/// Dropping a cached Status List Token: <see cref="HttpStatusListResolver.InvalidateAsync"/> waits for the cache's
/// removal, and the synchronous <see cref="HttpStatusListResolver.Invalidate"/> never blocks a thread on it.
/// </summary>
public sealed class StatusListInvalidateTests : IDisposable
{
    private const string ListUri = "https://status.example/lists/1";
    private readonly FakeTimeProvider _clock = TestClock.At(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly SigningKey _key = SigningKey.Create(JwsAlgorithm.Es256, "key-1");
    private readonly ResolverTestHandler _handler = new();

    public void Dispose()
    {
        _handler.Dispose();
        _key.Dispose();
    }

    [Fact]
    public async Task InvalidateAsync_NextCheckFetchesAfresh()
    {
        var resolver = Resolver(null);
        _handler.Body = await PublishAsync(revoked: 3);
        Assert.Equal(StatusValue.Invalid, (await resolver.GetStatusAsync(new StatusReference(ListUri, 3))).Value);

        _handler.Body = await PublishAsync(revoked: 4);
        await resolver.InvalidateAsync(ListUri);

        Assert.Equal(StatusValue.Invalid, (await resolver.GetStatusAsync(new StatusReference(ListUri, 4))).Value);
        Assert.Equal(2, _handler.Requests);
    }

    [Fact]
    public async Task InvalidateAsync_SlowCache_CompletesWhenTheRemovalDoes()
    {
        var cache = new KeepingResolverCache(holdRemovals: true);
        var resolver = Resolver(cache);
        _handler.Body = await PublishAsync(revoked: 3);
        await resolver.GetTokenAsync(new StatusReference(ListUri, 3));

        var removal = resolver.InvalidateAsync(ListUri).AsTask();
        Assert.False(removal.IsCompleted);
        cache.ReleaseRemovals();
        await removal.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task Invalidate_SlowCache_ReturnsWithoutWaitingForTheRemoval()
    {
        var cache = new KeepingResolverCache(holdRemovals: true);
        var resolver = Resolver(cache);
        _handler.Body = await PublishAsync(revoked: 3);
        await resolver.GetTokenAsync(new StatusReference(ListUri, 3));

        var invalidate = Task.Run(() => resolver.Invalidate(ListUri));
        // Generous: the removal is held forever, so only a blocking Invalidate could miss this.
        var returned = await Task.WhenAny(invalidate, Task.Delay(TimeSpan.FromSeconds(60))) == invalidate;
        cache.ReleaseRemovals();
        await invalidate.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(returned, "Invalidate blocked on the cache's removal.");
        Assert.Equal(1, cache.RemovalsStarted);
    }

    [Fact]
    public async Task Invalidate_InProcessCache_NextCheckFetchesAfresh()
    {
        var resolver = Resolver(null);
        _handler.Body = await PublishAsync(revoked: 3);
        await resolver.GetTokenAsync(new StatusReference(ListUri, 3));

        resolver.Invalidate(ListUri);
        await resolver.GetTokenAsync(new StatusReference(ListUri, 3));

        Assert.Equal(2, _handler.Requests);
    }

    private HttpStatusListResolver Resolver(KeepingResolverCache? cache)
        => new(_handler.Client(), new StatusListTokenVerifier(new StaticIssuerKeyResolver(_key.PublicJwk), new StatusListTokenVerifierOptions { TimeProvider = _clock }),
            new HttpStatusListResolverOptions { TimeProvider = _clock, Cache = cache });

    private async Task<string> PublishAsync(long revoked)
    {
        var issuer = new StatusListTokenIssuer(_key, new StatusListTokenIssuerOptions { TimeProvider = _clock, Lifetime = TimeSpan.FromDays(1), TimeToLive = TimeSpan.FromMinutes(5) });
        return await issuer.IssueAsync(ListUri, new StatusListBuilder(1, 16).Set(revoked, StatusValue.Invalid));
    }
}
