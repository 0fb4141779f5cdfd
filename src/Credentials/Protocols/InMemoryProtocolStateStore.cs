using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.Protocols;

/// <summary>An in-process <see cref="IProtocolStateStore"/> for tests and single-instance apps that may lose state on restart.</summary>
public sealed class InMemoryProtocolStateStore : IProtocolStateStore
{
    private readonly ConcurrentDictionary<(string Kind, string Key), Entry> _entries = new();

    /// <inheritdoc />
    public ValueTask<bool> TryAddAsync(string kind, string key, string value, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        Check(kind, key);
        ArgumentNullException.ThrowIfNull(value);
        return ValueTask.FromResult(_entries.TryAdd((kind, key), new Entry(value, expiresAt)));
    }

    /// <inheritdoc />
    public ValueTask<string?> TryConsumeAsync(string kind, string key, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        Check(kind, key);
        return ValueTask.FromResult(_entries.TryRemove((kind, key), out var entry) && entry.ExpiresAt > now ? entry.Value : null);
    }

    /// <inheritdoc />
    public ValueTask<string?> TryGetAsync(string kind, string key, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        Check(kind, key);
        return ValueTask.FromResult(_entries.TryGetValue((kind, key), out var entry) && entry.ExpiresAt > now ? entry.Value : null);
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
    {
        var removed = 0;
        foreach (var (k, entry) in _entries)
        {
            if (entry.ExpiresAt <= now && _entries.TryRemove(new System.Collections.Generic.KeyValuePair<(string, string), Entry>(k, entry)))
            {
                removed++;
            }
        }

        return ValueTask.FromResult(removed);
    }

    private static void Check(string kind, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentException.ThrowIfNullOrEmpty(key);
    }

    private sealed record Entry(string Value, DateTimeOffset ExpiresAt);
}
