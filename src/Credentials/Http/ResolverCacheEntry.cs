using System;
using System.ComponentModel;

namespace Credentials.Http;

/// <summary>
/// A fetched and verified value with its times: used as is until <see cref="FreshUntil"/>, refreshed after, and kept
/// until <see cref="KeepUntil"/> as the last-known-good copy served while the source is unavailable. A value read
/// after <see cref="FreshUntil"/> is stale: <see cref="IsStaleAt"/> tells, so a caller may refuse it. Immutable.
/// </summary>
/// <typeparam name="T">The value.</typeparam>
[ImmutableObject(true)]
public sealed class ResolverCacheEntry<T>
{
    /// <summary>Creates an entry.</summary>
    /// <param name="value">The verified value.</param>
    /// <param name="fetchedAt">When it was fetched.</param>
    /// <param name="freshUntil">Until when it is used without refetching.</param>
    /// <param name="keepUntil">Until when it may be served as the last-known-good copy (at least <paramref name="freshUntil"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="keepUntil"/> is before <paramref name="freshUntil"/>.</exception>
    public ResolverCacheEntry(T value, DateTimeOffset fetchedAt, DateTimeOffset freshUntil, DateTimeOffset keepUntil)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keepUntil, freshUntil);
        Value = value;
        FetchedAt = fetchedAt;
        FreshUntil = freshUntil;
        KeepUntil = keepUntil;
    }

    /// <summary>The verified value.</summary>
    public T Value { get; }

    /// <summary>When the value was fetched.</summary>
    public DateTimeOffset FetchedAt { get; }

    /// <summary>Until when the value is used without refetching.</summary>
    public DateTimeOffset FreshUntil { get; }

    /// <summary>Until when the value may be served as the last-known-good copy while its source is unavailable.</summary>
    public DateTimeOffset KeepUntil { get; }

    /// <summary>
    /// Whether the value is stale at <paramref name="now"/>: at or past <see cref="FreshUntil"/> (so served only because
    /// its source was unavailable), unless it was fetched at that very instant.
    /// </summary>
    /// <param name="now">The time.</param>
    public bool IsStaleAt(DateTimeOffset now) => now >= FreshUntil && now > FetchedAt;
}
