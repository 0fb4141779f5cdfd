using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Http;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;

namespace Credentials.AspNetCore.Http;

/// <summary>
/// An <see cref="IResolverCache"/> on <see cref="HybridCache"/>: its stampede protection makes concurrent requests for
/// one key share one fetch, and its memory tier holds the entries. The distributed tier is never used: the values are
/// verified objects (keys, verified tokens) that another process must not be able to plant, and each instance verifies
/// what it fetched. Entries are held at most <c>maxLifetime</c>; the resolver judges each one by its own
/// <see cref="ResolverCacheEntry{T}.FreshUntil"/> and <see cref="ResolverCacheEntry{T}.KeepUntil"/>.
/// </summary>
/// <remarks>
/// Removal stays in process too. <see cref="HybridCache.RemoveAsync(string, CancellationToken)"/> takes no flags and,
/// with an <c>IDistributedCache</c> registered, would also remove from that shared store (a network call, for entries
/// never written there). A removal here moves the key to a new generation instead: later reads and writes use another
/// <see cref="HybridCache"/> key, so the old entry is never read again and leaves memory at its lifetime. Generations
/// are kept per stripe of keys (bounded memory), so a removal also renews the other keys of its stripe, which are then
/// fetched afresh once.
/// </remarks>
internal sealed class HybridResolverCache : IResolverCache
{
    private const int Stripes = 256;

    private readonly HybridCache _cache;
    private readonly ILogger _logger;
    private readonly string _kind;
    private readonly HybridCacheEntryOptions _read;
    private readonly HybridCacheEntryOptions _refresh;
    private readonly long[] _generations = new long[Stripes];

    public HybridResolverCache(HybridCache cache, ILogger<HybridResolverCache> logger, string kind, TimeSpan maxLifetime)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(logger);
        _cache = cache;
        _logger = logger;
        _kind = kind;
        var lifetime = maxLifetime < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : maxLifetime > TimeSpan.FromDays(365) ? TimeSpan.FromDays(365) : maxLifetime;
        _read = new HybridCacheEntryOptions { Expiration = lifetime, LocalCacheExpiration = lifetime, Flags = HybridCacheEntryFlags.DisableDistributedCache };
        _refresh = new HybridCacheEntryOptions
        {
            Expiration = lifetime,
            LocalCacheExpiration = lifetime,
            Flags = HybridCacheEntryFlags.DisableDistributedCache | HybridCacheEntryFlags.DisableLocalCacheRead,
        };
    }

    public ValueTask<ResolverCacheEntry<T>> GetOrFetchAsync<T>(string key, Func<CancellationToken, Task<ResolverCacheEntry<T>>> fetch, bool refresh, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(fetch);
        return _cache.GetOrCreateAsync(StorageKey(key), (Cache: this, Key: key, Fetch: fetch, Refresh: refresh), static async (state, ct) => await state.Cache.FetchAsync(state.Key, state.Fetch, state.Refresh, ct).ConfigureAwait(false), refresh ? _refresh : _read, null, cancellationToken);
    }

    public ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        Interlocked.Increment(ref _generations[Stripe(key)]);
        return ValueTask.CompletedTask;
    }

    // The resolvers' keys start with "credentials:", so a renewed key ("credentials-g<n>:...") never equals another one.
    private string StorageKey(string key)
    {
        var generation = Volatile.Read(ref _generations[Stripe(key)]);
        return generation == 0 ? key : "credentials-g" + generation.ToString(CultureInfo.InvariantCulture) + ":" + key;
    }

    // The hash is negative half of the time: reinterpret its bits (unchecked) rather than convert its value.
    private static int Stripe(string key) => (int)(unchecked((uint)StringComparer.Ordinal.GetHashCode(key)) % Stripes);

    private async Task<ResolverCacheEntry<T>> FetchAsync<T>(string key, Func<CancellationToken, Task<ResolverCacheEntry<T>>> fetch, bool refresh, CancellationToken cancellationToken)
    {
        var host = HostOf(key);
        if (refresh)
        {
            ResolverLog.Refreshing(_logger, _kind, host);
        }
        else
        {
            ResolverLog.Fetching(_logger, _kind, host);
        }

        try
        {
            return await fetch(cancellationToken).ConfigureAwait(false);
        }
        catch (ResolverFetchException e)
        {
            ResolverLog.FetchFailed(_logger, _kind, host, e.Error.Code.Value, e.SourceUnavailable);
            throw;
        }
    }

    // Keys are "credentials:<kind>:<instance>:<URL or DID>": log the URL's host or the DID's method, nothing more.
    internal static string HostOf(string key)
    {
        var start = 0;
        for (var i = 0; i < 3 && start >= 0; i++)
        {
            start = key.IndexOf(':', start) is var colon and >= 0 ? colon + 1 : -1;
        }

        if (start < 0)
        {
            return "?";
        }

        var rest = key.AsSpan(start);
        if (rest.StartsWith("did:", StringComparison.Ordinal))
        {
            var end = rest[4..].IndexOf(':');
            return end < 0 ? "did" : rest[..(4 + end)].ToString();
        }

        return Uri.TryCreate(rest.ToString(), UriKind.Absolute, out var uri) ? uri.Host : "?";
    }
}
