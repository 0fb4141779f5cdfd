using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Protocols;
using Credentials.Status;
using Microsoft.Data.Sqlite;

namespace Credentials.AspNetCore.Tests.Hosting;

/// <summary>Failures to inject: the next N signatures or status allocations fail, or the state store fails until cleared.</summary>
internal sealed class Faults
{
    private int _signatures;
    private int _allocations;
    private volatile bool _stateStore;
    private volatile bool _statusStore;

    /// <summary>The next <paramref name="count"/> signatures throw (an HSM that is unavailable).</summary>
    public void FailSignatures(int count) => Interlocked.Exchange(ref _signatures, count);

    /// <summary>The next <paramref name="count"/> status allocations throw (a disk that is full).</summary>
    public void FailStatusAllocations(int count) => Interlocked.Exchange(ref _allocations, count);

    /// <summary>Every protocol state store call throws while set.</summary>
    public bool StateStoreFails { get => _stateStore; set => _stateStore = value; }

    /// <summary>Every status list store call throws while set.</summary>
    public bool StatusStoreFails { get => _statusStore; set => _statusStore = value; }

    public static SqliteException DiskFull() => new("SQLite Error 13: 'database or disk is full'.", 13);

    public void OnSign()
    {
        if (Take(ref _signatures))
        {
            throw new System.IO.IOException("The signing service is unavailable.");
        }
    }

    public void OnAllocate()
    {
        if (_statusStore || Take(ref _allocations))
        {
            throw DiskFull();
        }
    }

    public void OnStatusStore()
    {
        if (_statusStore)
        {
            throw DiskFull();
        }
    }

    public void OnStateStore()
    {
        if (_stateStore)
        {
            throw DiskFull();
        }
    }

    private static bool Take(ref int counter)
    {
        while (true)
        {
            var current = Volatile.Read(ref counter);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref counter, current - 1, current) == current)
            {
                return true;
            }
        }
    }
}

internal sealed class FaultySigner(ISigner inner, Faults faults) : ISigner
{
    public JwsAlgorithm Algorithm => inner.Algorithm;

    public string? KeyId => inner.KeyId;

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> signingInput, CancellationToken cancellationToken = default)
    {
        faults.OnSign();
        return inner.SignAsync(signingInput, cancellationToken);
    }
}

internal sealed class FaultyProtocolStateStore(IProtocolStateStore inner, Faults faults) : IProtocolStateStore
{
    public ValueTask<bool> TryAddAsync(string kind, string key, string value, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        faults.OnStateStore();
        return inner.TryAddAsync(kind, key, value, expiresAt, cancellationToken);
    }

    public ValueTask<string?> TryConsumeAsync(string kind, string key, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        faults.OnStateStore();
        return inner.TryConsumeAsync(kind, key, now, cancellationToken);
    }

    public ValueTask<string?> TryGetAsync(string kind, string key, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        faults.OnStateStore();
        return inner.TryGetAsync(kind, key, now, cancellationToken);
    }

    public ValueTask<bool> TryUpdateAsync(string kind, string key, string expected, string value, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        faults.OnStateStore();
        return inner.TryUpdateAsync(kind, key, expected, value, now, cancellationToken);
    }

    public ValueTask<int> RemoveExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        faults.OnStateStore();
        return inner.RemoveExpiredAsync(now, cancellationToken);
    }
}

internal sealed class FaultyStatusListStore(IStatusListStore inner, Faults faults) : IStatusListStore
{
    public ValueTask<bool> CreateListAsync(string uri, int bits, long capacity, CancellationToken cancellationToken = default)
        => inner.CreateListAsync(uri, bits, capacity, cancellationToken);

    public ValueTask<StatusListInfo?> GetListAsync(string uri, CancellationToken cancellationToken = default)
    {
        faults.OnStatusStore();
        return inner.GetListAsync(uri, cancellationToken);
    }

    public ValueTask<long?> TryAllocateAsync(string uri, CancellationToken cancellationToken = default)
    {
        faults.OnAllocate();
        return inner.TryAllocateAsync(uri, cancellationToken);
    }

    public ValueTask<IReadOnlyList<long>> AllocateManyAsync(string uri, int count, CancellationToken cancellationToken = default)
    {
        faults.OnAllocate();
        return inner.AllocateManyAsync(uri, count, cancellationToken);
    }

    public ValueTask<StatusValue?> GetStatusAsync(string uri, long index, CancellationToken cancellationToken = default)
        => inner.GetStatusAsync(uri, index, cancellationToken);

    public ValueTask<bool> TryUpdateStatusAsync(string uri, long index, StatusValue expected, StatusValue value, CancellationToken cancellationToken = default)
        => inner.TryUpdateStatusAsync(uri, index, expected, value, cancellationToken);

    public ValueTask<StatusListBuilder> LoadAsync(string uri, CancellationToken cancellationToken = default)
        => inner.LoadAsync(uri, cancellationToken);

    public ValueTask SavePublishedTokenAsync(string uri, string token, CancellationToken cancellationToken = default)
        => inner.SavePublishedTokenAsync(uri, token, cancellationToken);

    public ValueTask<string?> GetPublishedTokenAsync(string uri, CancellationToken cancellationToken = default)
    {
        faults.OnStatusStore();
        return inner.GetPublishedTokenAsync(uri, cancellationToken);
    }
}
