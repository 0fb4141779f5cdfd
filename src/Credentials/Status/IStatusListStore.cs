using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.Status;

/// <summary>
/// Durable storage for a Status Issuer's lists: allocation of indices, current statuses, and the last published
/// Status List Token. Implementations must be safe for concurrent use, also across processes sharing the store:
/// two allocations never return the same index, and status updates are compare-and-set.
/// </summary>
/// <remarks>
/// The SQLite implementation lives in <c>Credentials.AspNetCore</c> (<c>SqliteStatusListStore</c>);
/// <see cref="InMemoryStatusListStore"/> is for tests and single-process demos. Rules about which status changes are
/// allowed (revocation is final) live in <see cref="StatusListIssuer"/>, not in the store.
/// </remarks>
public interface IStatusListStore
{
    /// <summary>Creates a list whose entries are all VALID and none allocated, unless it exists already.</summary>
    /// <param name="uri">The list's URI.</param>
    /// <param name="bits">1, 2, 4 or 8.</param>
    /// <param name="capacity">The number of indices that may be allocated.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when created; <see langword="false"/> when a list with the same bits and capacity exists.</returns>
    /// <exception cref="System.InvalidOperationException">A list with this URI exists with other bits or capacity.</exception>
    ValueTask<bool> CreateListAsync(string uri, int bits, long capacity, CancellationToken cancellationToken = default);

    /// <summary>Describes a list, or returns <see langword="null"/> when it does not exist.</summary>
    /// <param name="uri">The list's URI.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask<StatusListInfo?> GetListAsync(string uri, CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically allocates an index chosen uniformly at random among the never-allocated ones (so indices reveal
    /// nothing about issuance order, section 11.4), or returns <see langword="null"/> when every index has been used.
    /// An index is never allocated twice.
    /// </summary>
    /// <param name="uri">The list's URI.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="System.ArgumentException">The list does not exist.</exception>
    ValueTask<long?> TryAllocateAsync(string uri, CancellationToken cancellationToken = default);

    /// <summary>
    /// Allocates up to <paramref name="count"/> fresh random indices at once (an issuer's batch), each never handed out
    /// before; fewer when the list fills up. Stores that can should do it in one transaction; the default allocates one
    /// at a time.
    /// </summary>
    /// <param name="uri">The list's URI.</param>
    /// <param name="count">How many indices.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The indices, in allocation order.</returns>
    /// <exception cref="ArgumentException">The list does not exist.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    async ValueTask<IReadOnlyList<long>> AllocateManyAsync(string uri, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var indices = new List<long>(count);
        while (indices.Count < count && await TryAllocateAsync(uri, cancellationToken).ConfigureAwait(false) is { } index)
        {
            indices.Add(index);
        }

        return indices;
    }

    /// <summary>Reads an allocated entry's status, or returns <see langword="null"/> when the index has not been allocated.</summary>
    /// <param name="uri">The list's URI.</param>
    /// <param name="index">The index.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="System.ArgumentException">The list does not exist.</exception>
    ValueTask<StatusValue?> GetStatusAsync(string uri, long index, CancellationToken cancellationToken = default);

    /// <summary>Sets an allocated entry's status if its current status is <paramref name="expected"/> (compare-and-set).</summary>
    /// <param name="uri">The list's URI.</param>
    /// <param name="index">The index.</param>
    /// <param name="expected">The status the caller read.</param>
    /// <param name="value">The new status (fits the list's bits).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="false"/> when the index is not allocated or its status is no longer <paramref name="expected"/>.</returns>
    /// <exception cref="System.ArgumentException">The list does not exist.</exception>
    ValueTask<bool> TryUpdateStatusAsync(string uri, long index, StatusValue expected, StatusValue value, CancellationToken cancellationToken = default);

    /// <summary>Reads every entry's current status into a new builder (unallocated entries are VALID).</summary>
    /// <param name="uri">The list's URI.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="System.ArgumentException">The list does not exist.</exception>
    ValueTask<StatusListBuilder> LoadAsync(string uri, CancellationToken cancellationToken = default);

    /// <summary>Stores the Status List Token to serve for a list, replacing the previous one.</summary>
    /// <param name="uri">The list's URI.</param>
    /// <param name="token">The signed token.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="System.ArgumentException">The list does not exist.</exception>
    ValueTask SavePublishedTokenAsync(string uri, string token, CancellationToken cancellationToken = default);

    /// <summary>Reads the Status List Token to serve for a list, or <see langword="null"/> when none has been published (or the list does not exist).</summary>
    /// <param name="uri">The list's URI.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask<string?> GetPublishedTokenAsync(string uri, CancellationToken cancellationToken = default);
}
