using System;
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
internal sealed class HybridResolverCache : IResolverCache
{
    private readonly HybridCache _cache;
    private readonly ILogger _logger;
    private readonly string _kind;
    private readonly HybridCacheEntryOptions _read;
    private readonly HybridCacheEntryOptions _refresh;

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
        return _cache.GetOrCreateAsync(key, (Cache: this, Key: key, Fetch: fetch, Refresh: refresh), static async (state, ct) => await state.Cache.FetchAsync(state.Key, state.Fetch, state.Refresh, ct).ConfigureAwait(false), refresh ? _refresh : _read, null, cancellationToken);
    }

    public ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _cache.RemoveAsync(key, cancellationToken);
    }

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
