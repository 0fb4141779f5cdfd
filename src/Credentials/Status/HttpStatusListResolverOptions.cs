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
}
