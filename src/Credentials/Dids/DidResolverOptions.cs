using System;

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
}
