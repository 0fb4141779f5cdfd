using System;
using Credentials.Http;

namespace Credentials.Dids;

/// <summary>Options for <see cref="DidResolver"/>: the cache of resolved documents and the clock.</summary>
public sealed record DidResolverOptions
{
    /// <summary>The default options.</summary>
    public static DidResolverOptions Default { get; } = new();

    /// <summary>How long a resolved document is reused. Default 5 minutes; <see cref="TimeSpan.Zero"/> disables caching.</summary>
    public TimeSpan CacheDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The most documents kept; the least recently used is dropped first. Default 1000.</summary>
    public int MaxCacheEntries { get; init; } = 1000;

    /// <summary>The clock for cache expiry.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// How long past <see cref="CacheDuration"/> the last document is still used while its source is unavailable (for
    /// did:web a network failure, a timeout, HTTP 5xx, 408 or 429; never after a 404, an invalid document or one whose
    /// <c>id</c> is another DID). Default one hour; <see cref="TimeSpan.Zero"/> never uses a stale document.
    /// </summary>
    public TimeSpan LastKnownGoodPeriod { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The shortest time between two resolutions of one DID caused by a <c>kid</c> naming a verification method the
    /// kept document does not have (key rotation). Default 30 seconds; the resolution that made the kept document counts.
    /// </summary>
    public TimeSpan KeyRefetchInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Where resolved documents are kept, or <see langword="null"/> (the default) for an in-process cache of
    /// <see cref="MaxCacheEntries"/> entries. <c>Credentials.AspNetCore</c> sets one on <c>HybridCache</c>.
    /// Not used when <see cref="CacheDuration"/> is <see cref="TimeSpan.Zero"/>: then nothing is kept anywhere.
    /// </summary>
    public IResolverCache? Cache { get; init; }
}
