using System;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.Http;

/// <summary>
/// Where the resolvers keep what they fetched (DID documents, Status List Tokens, Type Metadata, issuer keys). The
/// default, used when a resolver's options name none, is an in-process cache bounded by the resolver's
/// <c>MaxCacheEntries</c>; <c>Credentials.AspNetCore</c> supplies one on <c>HybridCache</c>. A resolver decides
/// itself, from each entry's <see cref="ResolverCacheEntry{T}.FreshUntil"/> and <see cref="ResolverCacheEntry{T}.KeepUntil"/>,
/// whether to use it, to refresh it, or to serve it as a last-known-good copy while its source is unavailable.
/// </summary>
/// <remarks>
/// Keys are made by the resolvers and hold a per-instance part, so resolvers with different trust settings never see
/// each other's entries even in one shared cache. Implementations are thread-safe and keep values in process: a value
/// is a verified object (keys, a verified token), never to be read back from storage another party can write.
/// </remarks>
public interface IResolverCache
{
    /// <summary>
    /// Returns the entry kept for <paramref name="key"/> (fresh or not) or, when there is none or
    /// <paramref name="refresh"/> is <see langword="true"/>, runs <paramref name="fetch"/>, keeps its entry until
    /// <see cref="ResolverCacheEntry{T}.KeepUntil"/> and returns it. Concurrent calls for one key share one run of
    /// <paramref name="fetch"/> (stampede protection). An exception from <paramref name="fetch"/> reaches every caller
    /// waiting for that run and leaves the kept entry as it was.
    /// </summary>
    /// <typeparam name="T">The cached value (immutable).</typeparam>
    /// <param name="key">The key, made by the resolver.</param>
    /// <param name="fetch">Fetches and verifies the value; throws when it cannot.</param>
    /// <param name="refresh">Whether to fetch even though an entry is kept.</param>
    /// <param name="cancellationToken">Cancels the wait (a shared fetch may go on for the other callers).</param>
    ValueTask<ResolverCacheEntry<T>> GetOrFetchAsync<T>(string key, Func<CancellationToken, Task<ResolverCacheEntry<T>>> fetch, bool refresh, CancellationToken cancellationToken = default);

    /// <summary>Drops the entry kept for <paramref name="key"/>, if any.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the removal.</param>
    ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default);
}
