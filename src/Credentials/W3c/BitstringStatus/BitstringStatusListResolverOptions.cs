using System;

namespace Credentials.W3c.BitstringStatus;

/// <summary>Options of a <see cref="BitstringStatusListResolver"/>. Immutable.</summary>
public sealed record BitstringStatusListResolverOptions
{
    /// <summary>The defaults.</summary>
    public static BitstringStatusListResolverOptions Default { get; } = new();

    /// <summary>The largest uncompressed bitstring to accept. Default 16 MiB.</summary>
    public int MaxListBytes { get; init; } = BitstringStatusList.DefaultMaxBytes;

    /// <summary>
    /// The longest a verified list is reused (the list's own <c>ttl</c> and <c>validUntil</c> shorten it). Default 5
    /// minutes; <see cref="TimeSpan.Zero"/> fetches every time.
    /// </summary>
    public TimeSpan MaxCacheAge { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How many lists are cached at most. Default 256.</summary>
    public int MaxCachedLists { get; init; } = 256;
}
