using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.Http;

/// <summary>
/// The default <see cref="IResolverCache"/>: a <see cref="BoundedCache{TValue}"/> (at most <c>maxEntries</c>, least
/// recently used dropped first, each entry dropped at its <see cref="ResolverCacheEntry{T}.KeepUntil"/>) with one fetch
/// at a time per key. Thread-safe.
/// </summary>
internal sealed class BoundedResolverCache : IResolverCache
{
    private readonly BoundedCache<object> _entries;
    private readonly ConcurrentDictionary<string, Task<object>> _fetches = new(StringComparer.Ordinal);

    public BoundedResolverCache(int maxEntries, TimeProvider timeProvider)
        => _entries = new BoundedCache<object>(maxEntries, timeProvider);

    /// <summary>The number of entries (for tests).</summary>
    public int Count => _entries.Count;

    public async ValueTask<ResolverCacheEntry<T>> GetOrFetchAsync<T>(string key, Func<CancellationToken, Task<ResolverCacheEntry<T>>> fetch, bool refresh, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(fetch);
        if (!refresh && _entries.TryGet(key, out var kept) && kept is ResolverCacheEntry<T> entry)
        {
            return entry;
        }

        // One fetch per key: a caller arriving while one runs waits for it, whether it asked for a refresh or not.
        var mine = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = _fetches.GetOrAdd(key, mine.Task);
        if (ReferenceEquals(running, mine.Task))
        {
            _ = RunAsync(key, fetch, mine);
        }

        return (ResolverCacheEntry<T>)await running.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drops every entry.</summary>
    public void Clear() => _entries.Clear();

    public ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        _entries.Remove(key);
        return ValueTask.CompletedTask;
    }

    private async Task RunAsync<T>(string key, Func<CancellationToken, Task<ResolverCacheEntry<T>>> fetch, TaskCompletionSource<object> completion)
    {
        try
        {
            // Not the first caller's token: the others wait for this fetch too (it has its own timeout).
            var entry = await fetch(CancellationToken.None).ConfigureAwait(false);
            _entries.Set(key, entry, entry.KeepUntil);
            _fetches.TryRemove(new KeyValuePair<string, Task<object>>(key, completion.Task));
            completion.SetResult(entry);
        }
        catch (Exception e)
        {
            _fetches.TryRemove(new KeyValuePair<string, Task<object>>(key, completion.Task));
            completion.SetException(e);
        }
    }
}
