using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.Http;

/// <summary>
/// The one caching rule of the resolvers over an <see cref="IResolverCache"/>: a fresh entry is used; a stale one is
/// refreshed (one fetch per key for all concurrent callers); when that refresh fails because the source is unavailable
/// (<see cref="HttpFetcher.IsSourceUnavailable"/>) the stale entry is served until its
/// <see cref="ResolverCacheEntry{T}.KeepUntil"/>; any other failure (404, an invalid document) is returned.
/// </summary>
internal static class ResolverCaching
{
    private static long s_partitions;

    /// <summary>A key prefix unique to one resolver instance, so instances with different trust settings never share entries.</summary>
    /// <param name="kind">The kind of value, for example <c>status-list</c>.</param>
    public static string NewPartition(string kind)
        => "credentials:" + kind + ":" + Interlocked.Increment(ref s_partitions).ToString(CultureInfo.InvariantCulture) + ":";

    /// <summary>Creates the cache a resolver uses: the configured one, or a bounded in-process one.</summary>
    public static IResolverCache CreateOrUse(IResolverCache? configured, int maxEntries, TimeProvider timeProvider)
        => configured ?? new BoundedResolverCache(maxEntries, timeProvider);

    /// <summary>
    /// Creates the cache of a resolver with a cache duration: with <see cref="TimeSpan.Zero"/> (caching off) one that
    /// keeps nothing, whatever was configured, so no entry is kept elsewhere to serve as a last-known-good copy;
    /// otherwise the configured one or a bounded in-process one.
    /// </summary>
    public static IResolverCache CreateOrUse(IResolverCache? configured, TimeSpan cacheDuration, int maxEntries, TimeProvider timeProvider)
        => cacheDuration == TimeSpan.Zero ? new BoundedResolverCache(0, timeProvider) : CreateOrUse(configured, maxEntries, timeProvider);

    /// <summary>
    /// The entry for the key: as the overload without <paramref name="cached"/> when it is <see langword="true"/>, otherwise always fetched
    /// (concurrent callers for one key still share one fetch) and any failure returned, never a last-known-good copy.
    /// </summary>
    public static ValueTask<VerificationResult<ResolverCacheEntry<T>>> GetAsync<T>(IResolverCache cache, string key, Func<CancellationToken, Task<ResolverCacheEntry<T>>> fetch, TimeProvider timeProvider, bool cached, CancellationToken cancellationToken)
        => cached ? GetAsync(cache, key, fetch, timeProvider, cancellationToken) : RefreshAsync(cache, key, fetch, cancellationToken);

    /// <summary>The entry for the key: fresh from the cache, fetched, or the last-known-good copy while the source is unavailable.</summary>
    public static async ValueTask<VerificationResult<ResolverCacheEntry<T>>> GetAsync<T>(IResolverCache cache, string key, Func<CancellationToken, Task<ResolverCacheEntry<T>>> fetch, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ResolverCacheEntry<T> entry;
        try
        {
            entry = await cache.GetOrFetchAsync(key, fetch, refresh: false, cancellationToken).ConfigureAwait(false);
        }
        catch (ResolverFetchException e)
        {
            return e.Error;
        }

        var now = timeProvider.GetUtcNow();
        if (!entry.IsStaleAt(now))
        {
            return entry;
        }

        var lastKnownGood = now < entry.KeepUntil ? entry : null;
        try
        {
            return await cache.GetOrFetchAsync(key, fetch, refresh: true, cancellationToken).ConfigureAwait(false);
        }
        catch (ResolverFetchException e) when (e.SourceUnavailable && lastKnownGood is not null && timeProvider.GetUtcNow() < lastKnownGood.KeepUntil)
        {
            return lastKnownGood;
        }
        catch (ResolverFetchException e)
        {
            return e.Error;
        }
    }

    /// <summary>Fetches afresh whatever is kept (one fetch per key for all concurrent callers); failures are returned.</summary>
    public static async ValueTask<VerificationResult<ResolverCacheEntry<T>>> RefreshAsync<T>(IResolverCache cache, string key, Func<CancellationToken, Task<ResolverCacheEntry<T>>> fetch, CancellationToken cancellationToken)
    {
        try
        {
            return await cache.GetOrFetchAsync(key, fetch, refresh: true, cancellationToken).ConfigureAwait(false);
        }
        catch (ResolverFetchException e)
        {
            return e.Error;
        }
    }

    /// <summary>The exception carrying a failed fetch's error through the cache.</summary>
    public static ResolverFetchException Failure(VerificationError error) => new(error, HttpFetcher.IsSourceUnavailable(error));

    /// <summary>An entry fresh for <paramref name="freshFor"/> and kept <paramref name="lastKnownGood"/> longer, never past <paramref name="notAfter"/>.</summary>
    public static ResolverCacheEntry<T> Entry<T>(T value, DateTimeOffset now, TimeSpan freshFor, TimeSpan lastKnownGood, DateTimeOffset? notAfter = null)
    {
        var fresh = SaturatingAdd(now, freshFor);
        var keep = SaturatingAdd(fresh, lastKnownGood);
        if (notAfter is { } limit)
        {
            fresh = fresh < limit ? fresh : limit;
            keep = keep < limit ? keep : limit;
        }

        fresh = fresh < now ? now : fresh;
        keep = keep < fresh ? fresh : keep;
        return new ResolverCacheEntry<T>(value, now, fresh, keep);
    }

    private static DateTimeOffset SaturatingAdd(DateTimeOffset time, TimeSpan span)
        => span >= DateTimeOffset.MaxValue - time ? DateTimeOffset.MaxValue : time + span;
}
