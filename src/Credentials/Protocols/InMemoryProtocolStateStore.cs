using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.Protocols;

/// <summary>
/// An in-process <see cref="IProtocolStateStore"/> for tests and single-instance apps that may lose state on restart.
/// Bounded: it holds at most <see cref="InMemoryProtocolStateStoreOptions.Capacity"/> entries, drops an expired entry
/// when it is read, and removes every expired entry when it is full (and whenever <see cref="RemoveExpiredAsync"/> runs).
/// </summary>
public sealed class InMemoryProtocolStateStore : IProtocolStateStore
{
    private readonly ConcurrentDictionary<(string Kind, string Key), Entry> _entries = new();
    private readonly InMemoryProtocolStateStoreOptions _options;
    private int _count;

    /// <summary>Creates a store.</summary>
    /// <param name="options">Capacity and clock; the defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The capacity is not positive.</exception>
    public InMemoryProtocolStateStore(InMemoryProtocolStateStoreOptions? options = null)
    {
        _options = options ?? new InMemoryProtocolStateStoreOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.Capacity, nameof(options));
        ArgumentNullException.ThrowIfNull(_options.TimeProvider, nameof(options));
    }

    /// <summary>The number of entries held (expired ones included until they are removed).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The store holds <see cref="InMemoryProtocolStateStoreOptions.Capacity"/> unexpired entries.</exception>
    public ValueTask<bool> TryAddAsync(string kind, string key, string value, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        Check(kind, key);
        ArgumentNullException.ThrowIfNull(value);
        if (Interlocked.Increment(ref _count) > _options.Capacity)
        {
            Interlocked.Decrement(ref _count);
            RemoveExpired(_options.TimeProvider.GetUtcNow());
            if (Interlocked.Increment(ref _count) > _options.Capacity)
            {
                Interlocked.Decrement(ref _count);
                throw new InvalidOperationException($"The in-memory protocol state store holds its capacity of {_options.Capacity} unexpired entries.");
            }
        }

        if (_entries.TryAdd((kind, key), new Entry(value, expiresAt)))
        {
            return ValueTask.FromResult(true);
        }

        Interlocked.Decrement(ref _count);
        return ValueTask.FromResult(false);
    }

    /// <inheritdoc />
    public ValueTask<string?> TryConsumeAsync(string kind, string key, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        Check(kind, key);
        if (!_entries.TryRemove((kind, key), out var entry))
        {
            return ValueTask.FromResult<string?>(null);
        }

        Interlocked.Decrement(ref _count);
        return ValueTask.FromResult(entry.ExpiresAt > now ? entry.Value : null);
    }

    /// <inheritdoc />
    public ValueTask<string?> TryGetAsync(string kind, string key, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        Check(kind, key);
        if (!_entries.TryGetValue((kind, key), out var entry))
        {
            return ValueTask.FromResult<string?>(null);
        }

        if (entry.ExpiresAt <= now)
        {
            Remove((kind, key), entry);
            return ValueTask.FromResult<string?>(null);
        }

        return ValueTask.FromResult<string?>(entry.Value);
    }

    /// <inheritdoc />
    public ValueTask<bool> TryUpdateAsync(string kind, string key, string expected, string value, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        Check(kind, key);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(value);
        if (!_entries.TryGetValue((kind, key), out var current) || current.ExpiresAt <= now || !string.Equals(current.Value, expected, StringComparison.Ordinal))
        {
            return ValueTask.FromResult(false);
        }

        return ValueTask.FromResult(_entries.TryUpdate((kind, key), current with { Value = value }, current));
    }

    /// <inheritdoc />
    public ValueTask<int> RemoveExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(RemoveExpired(now));

    private int RemoveExpired(DateTimeOffset now)
    {
        var removed = 0;
        foreach (var (k, entry) in _entries)
        {
            if (entry.ExpiresAt <= now && Remove(k, entry))
            {
                removed++;
            }
        }

        return removed;
    }

    private bool Remove((string Kind, string Key) key, Entry entry)
    {
        // Removes only this exact entry, so a concurrent update is never lost.
        if (_entries.TryRemove(new KeyValuePair<(string, string), Entry>(key, entry)))
        {
            Interlocked.Decrement(ref _count);
            return true;
        }

        return false;
    }

    private static void Check(string kind, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentException.ThrowIfNullOrEmpty(key);
    }

    private sealed record Entry(string Value, DateTimeOffset ExpiresAt);
}
