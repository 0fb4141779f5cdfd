using System;
using System.Collections.Generic;

namespace Credentials.Http;

/// <summary>
/// The one cache of fetched results (DID documents, status list tokens, type metadata, issuer keys): at most
/// <c>maxEntries</c> entries, each with its own expiry (the fetcher's rule: a fixed duration, a token's <c>ttl</c>…), the
/// least recently used dropped first when full, expired entries dropped when met. Time from a <see cref="TimeProvider"/>.
/// Thread-safe.
/// </summary>
/// <typeparam name="TValue">The cached value.</typeparam>
internal sealed class BoundedCache<TValue>
{
    private readonly object _lock = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _lru = new();
    private readonly int _maxEntries;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a cache.</summary>
    /// <param name="maxEntries">The most entries kept; <c>0</c> disables the cache.</param>
    /// <param name="timeProvider">The clock of expiry.</param>
    public BoundedCache(int maxEntries, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxEntries);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _maxEntries = maxEntries;
        _timeProvider = timeProvider;
    }

    /// <summary>The number of entries (expired ones not yet dropped included).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The value for a key while it has not expired; it becomes the most recently used.</summary>
    public bool TryGet(string key, out TValue value)
    {
        var now = _timeProvider.GetUtcNow();
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                if (now < node.Value.ExpiresAt)
                {
                    _lru.Remove(node);
                    _lru.AddFirst(node);
                    value = node.Value.Value;
                    return true;
                }

                _entries.Remove(key);
                _lru.Remove(node);
            }
        }

        value = default!;
        return false;
    }

    /// <summary>Stores a value until <paramref name="expiresAt"/> (nothing is stored when that has passed), dropping the least recently used entry when full.</summary>
    public void Set(string key, TValue value, DateTimeOffset expiresAt)
    {
        var now = _timeProvider.GetUtcNow();
        lock (_lock)
        {
            if (_entries.Remove(key, out var existing))
            {
                _lru.Remove(existing);
            }

            if (_maxEntries == 0 || expiresAt <= now)
            {
                return;
            }

            while (_entries.Count >= _maxEntries && _lru.Last is { } oldest)
            {
                _entries.Remove(oldest.Value.Key);
                _lru.RemoveLast();
            }

            _entries[key] = _lru.AddFirst(new Entry(key, value, expiresAt));
        }
    }

    /// <summary>Stores a value for a duration from now.</summary>
    public void Set(string key, TValue value, TimeSpan lifetime) => Set(key, value, _timeProvider.GetUtcNow() + lifetime);

    /// <summary>Drops an entry; whether there was one (expired or not).</summary>
    public bool Remove(string key)
    {
        lock (_lock)
        {
            if (!_entries.Remove(key, out var node))
            {
                return false;
            }

            _lru.Remove(node);
            return true;
        }
    }

    /// <summary>Drops every entry.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
            _lru.Clear();
        }
    }

    private sealed record Entry(string Key, TValue Value, DateTimeOffset ExpiresAt);
}
