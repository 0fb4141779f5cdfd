using System;
using Credentials.Http;

namespace Credentials.Status;

/// <summary>Fetch guards and cache settings for <see cref="HttpStatusListResolver"/>. The defaults are meant for production.</summary>
public sealed record HttpStatusListResolverOptions
{
    /// <summary>The default options.</summary>
    public static HttpStatusListResolverOptions Default { get; } = new();

    /// <summary>The fetch guards: <see cref="HttpFetchOptions.Default"/> with an 8 MiB response cap.</summary>
    public HttpFetchOptions Http { get; init; } = HttpFetchOptions.Default with { MaxResponseBytes = 8 * 1024 * 1024 };

    /// <summary>The clock for the cache and the fetch timeout.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How long a token without <c>ttl</c> is cached (never past its <c>exp</c>). Default 5 minutes.</summary>
    public TimeSpan DefaultTimeToLive { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The lower bound applied to a token's <c>ttl</c>, so a Status Issuer cannot make clients refetch constantly (section 11.5). Default 10 seconds.</summary>
    public TimeSpan MinTimeToLive { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The upper bound applied to a token's <c>ttl</c>. Default one day.</summary>
    public TimeSpan MaxTimeToLive { get; init; } = TimeSpan.FromDays(1);

    /// <summary>The largest number of lists kept in the cache (the least recently used is dropped first). Default 1,000; <c>0</c> disables caching.</summary>
    public int MaxCacheEntries { get; init; } = 1000;

    /// <summary>
    /// How long past its <c>ttl</c> the last verified token is still used while the Status Provider is unavailable
    /// (a network failure, a timeout, HTTP 5xx, 408 or 429; never after a 404 or a token that does not verify), and
    /// never past the token's <c>exp</c>. Default 15 minutes; <see cref="TimeSpan.Zero"/> never uses a stale token.
    /// </summary>
    public TimeSpan LastKnownGoodPeriod { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Where verified tokens are kept, or <see langword="null"/> (the default) for an in-process cache of
    /// <see cref="MaxCacheEntries"/> entries. <c>Credentials.AspNetCore</c> sets one on <c>HybridCache</c>.
    /// </summary>
    public IResolverCache? Cache { get; init; }
}
