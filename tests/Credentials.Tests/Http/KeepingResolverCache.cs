using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Http;

namespace Credentials.Tests.Http;

/// <summary>
/// An <see cref="IResolverCache"/> that keeps every entry it is given, whatever its freshness (as <c>HybridCache</c>
/// does for the lifetime it was set up with), counting its calls. Its removal can be held until <see cref="ReleaseRemovals"/>,
/// as a removal reaching a remote cache would be.
/// </summary>
internal sealed class KeepingResolverCache(bool holdRemovals = false) : IResolverCache
{
    private readonly ConcurrentDictionary<string, object> _entries = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _removals = NewGate(holdRemovals);
    private int _calls;
    private int _removalsStarted;

    public int Count => _entries.Count;

    public int Calls => Volatile.Read(ref _calls);

    public int RemovalsStarted => Volatile.Read(ref _removalsStarted);

    public void ReleaseRemovals() => _removals.TrySetResult();

    public async ValueTask<ResolverCacheEntry<T>> GetOrFetchAsync<T>(string key, Func<CancellationToken, Task<ResolverCacheEntry<T>>> fetch, bool refresh, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        if (!refresh && _entries.TryGetValue(key, out var kept))
        {
            return (ResolverCacheEntry<T>)kept;
        }

        var entry = await fetch(cancellationToken);
        _entries[key] = entry;
        return entry;
    }

    public async ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        Interlocked.Increment(ref _removalsStarted);
        await _removals.Task.WaitAsync(cancellationToken);
        _entries.TryRemove(key, out _);
    }

    private static TaskCompletionSource NewGate(bool hold)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!hold)
        {
            gate.SetResult();
        }

        return gate;
    }
}
