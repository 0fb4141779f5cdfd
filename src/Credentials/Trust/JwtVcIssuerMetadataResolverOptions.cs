using System;
using Credentials.Http;

namespace Credentials.Trust;

/// <summary>Fetch guards and cache settings for <see cref="JwtVcIssuerMetadataResolver"/>. The defaults are meant for production.</summary>
public sealed record JwtVcIssuerMetadataResolverOptions
{
    /// <summary>The default options.</summary>
    public static JwtVcIssuerMetadataResolverOptions Default { get; } = new();

    /// <summary>The fetch guards for the metadata and its <c>jwks_uri</c>: <see cref="HttpFetchOptions.Default"/> (HTTPS only, public addresses only, 256 KiB, 10 seconds, 3 same-origin redirects).</summary>
    public HttpFetchOptions Http { get; init; } = HttpFetchOptions.Default;

    /// <summary>The clock for the cache and the fetch timeout.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How long resolved keys are reused. Default 10 minutes; <see cref="TimeSpan.Zero"/> disables caching.</summary>
    public TimeSpan CacheDuration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The most issuers kept in the cache (the least recently used is dropped first). Default 1,000.</summary>
    public int MaxCacheEntries { get; init; } = 1000;

    /// <summary>
    /// How long past <see cref="CacheDuration"/> the last key set is still used while the issuer is unavailable (a
    /// network failure, a timeout, HTTP 5xx, 408 or 429; never after a 404 or an invalid document). Default one hour;
    /// <see cref="TimeSpan.Zero"/> never uses a stale key set.
    /// </summary>
    public TimeSpan LastKnownGoodPeriod { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The shortest time between two fetches of one issuer's keys caused by a JWT whose <c>kid</c> is not in the kept
    /// set (key rotation). Default 30 seconds; the fetch that made the kept set counts.
    /// </summary>
    public TimeSpan KeyRefetchInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Where resolved key sets are kept, or <see langword="null"/> (the default) for an in-process cache of
    /// <see cref="MaxCacheEntries"/> entries. <c>Credentials.AspNetCore</c> sets one on <c>HybridCache</c>.
    /// Not used when <see cref="CacheDuration"/> is <see cref="TimeSpan.Zero"/>: then nothing is kept anywhere.
    /// </summary>
    public IResolverCache? Cache { get; init; }
}
