using System;
using System.Collections.Generic;
using System.Numerics;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.Status;

/// <summary>
/// An <see cref="IStatusListStore"/> in memory: for tests, samples and single-process demos (nothing survives a
/// restart). Thread-safe. Allocation probes random indices and, when the list is nearly full, picks the k-th free
/// index for a random k, so it stays uniform and ends cleanly when the list is exhausted.
/// </summary>
public sealed class InMemoryStatusListStore : IStatusListStore
{
    private const int RandomProbes = 16;
    private readonly Dictionary<string, ListState> _lists = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <inheritdoc />
    public ValueTask<bool> CreateListAsync(string uri, int bits, long capacity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        StatusList.ThrowIfInvalidBits(bits);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        lock (_lock)
        {
            if (_lists.TryGetValue(uri, out var existing))
            {
                return existing.Bits == bits && existing.Capacity == capacity
                    ? ValueTask.FromResult(false)
                    : throw new InvalidOperationException("A Status List with this URI exists with other bits or capacity.");
            }

            _lists[uri] = new ListState(bits, capacity);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<StatusListInfo?> GetListAsync(string uri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        lock (_lock)
        {
            return ValueTask.FromResult(_lists.TryGetValue(uri, out var list) ? new StatusListInfo(uri, list.Bits, list.Capacity, list.Allocated) : null);
        }
    }

    /// <inheritdoc />
    public ValueTask<long?> TryAllocateAsync(string uri, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var list = Get(uri);
            if (list.Allocated >= list.Capacity)
            {
                return ValueTask.FromResult<long?>(null);
            }

            for (var i = 0; i < RandomProbes; i++)
            {
                var candidate = RandomIndex.Next(list.Capacity);
                if (!list.IsAllocated(candidate))
                {
                    list.MarkAllocated(candidate);
                    return ValueTask.FromResult<long?>(candidate);
                }
            }

            // Nearly full: choose the k-th free index for a uniformly random k.
            var index = list.FindFree(RandomIndex.Next(list.Capacity - list.Allocated));
            list.MarkAllocated(index);
            return ValueTask.FromResult<long?>(index);
        }
    }

    /// <inheritdoc />
    public ValueTask<StatusValue?> GetStatusAsync(string uri, long index, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var list = Get(uri);
            return ValueTask.FromResult<StatusValue?>(list.IsAllocated(index) ? list.Statuses.Get(index) : null);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> TryUpdateStatusAsync(string uri, long index, StatusValue expected, StatusValue value, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var list = Get(uri);
            if (!list.IsAllocated(index) || list.Statuses.Get(index) != expected)
            {
                return ValueTask.FromResult(false);
            }

            list.Statuses.Set(index, value);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<StatusListBuilder> LoadAsync(string uri, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(new StatusListBuilder(Get(uri).Statuses.ToStatusList()));
        }
    }

    /// <inheritdoc />
    public ValueTask SavePublishedTokenAsync(string uri, string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        lock (_lock)
        {
            Get(uri).Token = token;
            return ValueTask.CompletedTask;
        }
    }

    /// <inheritdoc />
    public ValueTask<string?> GetPublishedTokenAsync(string uri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        lock (_lock)
        {
            return ValueTask.FromResult(_lists.TryGetValue(uri, out var list) ? list.Token : null);
        }
    }

    private ListState Get(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return _lists.TryGetValue(uri, out var list) ? list : throw new ArgumentException("No Status List exists with this URI.", nameof(uri));
    }

    private sealed class ListState(int bits, long capacity)
    {
        private readonly ulong[] _allocated = new ulong[(capacity + 63) / 64];

        public int Bits { get; } = bits;

        public long Capacity { get; } = capacity;

        public long Allocated { get; private set; }

        public StatusListBuilder Statuses { get; } = new(bits, capacity);

        public string? Token { get; set; }

        public bool IsAllocated(long index) => index >= 0 && index < Capacity && (_allocated[index >> 6] & (1UL << (int)(index & 63))) != 0;

        public void MarkAllocated(long index)
        {
            _allocated[index >> 6] |= 1UL << (int)(index & 63);
            Allocated++;
        }

        /// <summary>The index of the k-th (0-based) unallocated entry.</summary>
        public long FindFree(long k)
        {
            for (long word = 0; word < _allocated.Length; word++)
            {
                var free = ~_allocated[word];
                var limit = Math.Min(64, Capacity - (word * 64));
                if (limit < 64)
                {
                    free &= (1UL << (int)limit) - 1;
                }

                var count = BitOperations.PopCount(free);
                if (k >= count)
                {
                    k -= count;
                    continue;
                }

                for (; k > 0; k--)
                {
                    free &= free - 1;
                }

                return (word * 64) + BitOperations.TrailingZeroCount(free);
            }

            throw new InvalidOperationException("The allocation count is inconsistent.");
        }
    }
}
