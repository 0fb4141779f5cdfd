using System;
using Credentials.Http;

namespace Credentials.SdJwtVc.TypeMetadata.Resolution;

/// <summary>Fetch guards and cache settings for <see cref="HttpTypeMetadataResolver"/>. The defaults are meant for production.</summary>
public sealed record HttpTypeMetadataResolverOptions
{
    /// <summary>The default options.</summary>
    public static HttpTypeMetadataResolverOptions Default { get; } = new();

    /// <summary>
    /// The fetch guards (draft-ietf-oauth-sd-jwt-vc sections 3 and 7.1): <see cref="HttpFetchOptions.Default"/>, that is
    /// HTTPS only, public addresses only, 256 KiB, 10 seconds, 3 same-origin redirects.
    /// </summary>
    public HttpFetchOptions Http { get; init; } = HttpFetchOptions.Default;

    /// <summary>The clock for the cache and the fetch timeout.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How long a fetched document is reused. Default one hour; <see cref="TimeSpan.Zero"/> disables caching.</summary>
    /// <remarks>
    /// HTTP caching headers are not consulted: the cache duration is a local bound. A credential's <c>vct#integrity</c>
    /// is still checked against the cached bytes, and a cached document that no longer matches is fetched afresh once.
    /// </remarks>
    public TimeSpan CacheDuration { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The most documents kept in the cache (the least recently used is dropped first). Default 256.</summary>
    public int MaxCacheEntries { get; init; } = 256;

    /// <summary>
    /// How long past <see cref="CacheDuration"/> the last document is still used while its server is unavailable (a
    /// network failure, a timeout, HTTP 5xx, 408 or 429; never after a 404). Default one day; <see cref="TimeSpan.Zero"/>
    /// never uses a stale document.
    /// </summary>
    public TimeSpan LastKnownGoodPeriod { get; init; } = TimeSpan.FromDays(1);

    /// <summary>
    /// The shortest time between two fetches of one URL caused by a kept document failing a credential's
    /// <c>vct#integrity</c>. Default 30 seconds; the fetch that made the kept document counts.
    /// </summary>
    public TimeSpan RefetchInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Where documents are kept, or <see langword="null"/> (the default) for an in-process cache of
    /// <see cref="MaxCacheEntries"/> entries. <c>Credentials.AspNetCore</c> sets one on <c>HybridCache</c>.
    /// Not used when <see cref="CacheDuration"/> is <see cref="TimeSpan.Zero"/>: then nothing is kept anywhere.
    /// </summary>
    public IResolverCache? Cache { get; init; }
}
