using System;
using System.Collections.Generic;
using System.Data;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Status;
using Npgsql;

namespace Credentials.PostgreSql;

/// <summary>
/// An <see cref="IStatusListStore"/> on PostgreSQL, shared by every instance of an issuer. Every allocation locks its
/// list's row (<c>SELECT … FOR UPDATE</c>) for one short transaction, so allocations from any number of processes are
/// serialised per list and an index is never handed out twice (each allocated index also has a row whose primary key
/// forbids a second one). Indices are uniformly random among the never-allocated ones (Token Status List section
/// 11.4). Status changes are compare-and-set in one <c>UPDATE</c>. Thread-safe.
/// </summary>
/// <remarks>
/// Unallocated entries are VALID in the published list, which hides how many credentials the list holds (section 12.4).
/// </remarks>
public sealed class PostgreSqlStatusListStore : IStatusListStore, IAsyncDisposable, IDisposable
{
    /// <summary>
    /// The most indices one <see cref="AllocateManyAsync"/> or <see cref="ReserveAsync"/> call hands out (1,000,000): a
    /// larger <c>count</c> throws <see cref="ArgumentOutOfRangeException"/>. Larger jobs take several calls.
    /// </summary>
    public const int MaxAllocationCount = 1_000_000;

    // Random candidates drawn per sampling round, at most.
    private const int MaxCandidates = 65_536;

    // The rounds a call gets are those its count needs while at least 1/8 of the list is free (one draw in 8 free);
    // a fuller list uses them up sooner and falls back to one pass over its free indices.
    private const int NearlyFullDivisor = 8;

    // Rounds allowed beyond those the remaining count needs on average, against bad luck.
    private const int SpareRounds = 4;

    private readonly PostgreSqlStoreCore _core;
    private readonly string _lists;
    private readonly string _entries;
    private readonly string _reservations;

    /// <summary>Creates a store over a data source the caller owns (and disposes), its tables in the schema <c>credentials</c>.</summary>
    /// <param name="dataSource">The database; share one per application.</param>
    public PostgreSqlStatusListStore(NpgsqlDataSource dataSource)
        : this(dataSource, new PostgreSqlStoreOptions())
    {
    }

    /// <summary>Creates a store over a data source the caller owns (and disposes).</summary>
    /// <param name="dataSource">The database; share one per application.</param>
    /// <param name="options">The schema and logging.</param>
    /// <exception cref="ArgumentException">The schema name is not a plain lower-case identifier.</exception>
    public PostgreSqlStatusListStore(NpgsqlDataSource dataSource, PostgreSqlStoreOptions options)
        : this(new PostgreSqlStoreCore(dataSource, ownsDataSource: false, options, typeof(PostgreSqlStatusListStore).FullName!))
    {
    }

    /// <summary>Creates a store with its own data source (disposed with the store), its tables in the schema <c>credentials</c>.</summary>
    /// <param name="connectionString">An Npgsql connection string, for example <c>Host=db;Database=issuer;Username=issuer;Password=…</c>.</param>
    /// <exception cref="ArgumentException">The connection string is empty or invalid.</exception>
    public PostgreSqlStatusListStore(string connectionString)
        : this(connectionString, new PostgreSqlStoreOptions())
    {
    }

    /// <summary>Creates a store with its own data source (disposed with the store).</summary>
    /// <param name="connectionString">An Npgsql connection string, for example <c>Host=db;Database=issuer;Username=issuer;Password=…</c>.</param>
    /// <param name="options">The schema and logging.</param>
    /// <exception cref="ArgumentException">The connection string is empty or invalid, or the schema name is not a plain lower-case identifier.</exception>
    public PostgreSqlStatusListStore(string connectionString, PostgreSqlStoreOptions options)
        : this(new PostgreSqlStoreCore(NpgsqlDataSource.Create(PostgreSqlStoreCore.CheckConnectionString(connectionString)), ownsDataSource: true, options, typeof(PostgreSqlStatusListStore).FullName!))
    {
    }

    private PostgreSqlStatusListStore(PostgreSqlStoreCore core)
    {
        _core = core;
        _lists = core.Table("status_lists");
        _entries = core.Table("status_entries");
        _reservations = core.Table("status_reservations");
    }

    /// <summary>
    /// Creates or migrates the tables now instead of before the first command (see <see cref="PostgreSqlSchema"/>); when
    /// <see cref="PostgreSqlStoreOptions.EnsureSchema"/> is off, only reads the schema version (no DDL) and refuses a
    /// missing, older or newer schema.
    /// </summary>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>A task that completes when the schema is current.</returns>
    /// <exception cref="InvalidOperationException">The schema is newer than this package, or (with <see cref="PostgreSqlStoreOptions.EnsureSchema"/> off) missing or older.</exception>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken = default) => _core.EnsureSchemaAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask<bool> CreateListAsync(string uri, int bits, long capacity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!StatusList.IsValidBits(bits))
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "The number of bits per status must be 1, 2, 4 or 8.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((capacity * bits) / 8, (long)Array.MaxLength, nameof(capacity));
        var connection = await _core.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var inserted = await PostgreSqlStoreCore.ExecuteAsync(connection, null, $"INSERT INTO {_lists} (uri, bits, capacity) VALUES ($1, $2, $3) ON CONFLICT (uri) DO NOTHING;", cancellationToken, uri, (short)bits, capacity).ConfigureAwait(false);
            if (inserted == 1)
            {
                return true;
            }

            var existing = await GetListAsync(connection, null, uri, forUpdate: false, cancellationToken).ConfigureAwait(false);
            return existing is not null && existing.Bits == bits && existing.Capacity == capacity
                ? false
                : throw new InvalidOperationException("A Status List with this URI exists with other bits or capacity.");
        }
    }

    /// <inheritdoc />
    public async ValueTask<StatusListInfo?> GetListAsync(string uri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var connection = await _core.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await GetListAsync(connection, null, uri, forUpdate: false, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask<long?> TryAllocateAsync(string uri, CancellationToken cancellationToken = default)
    {
        var indices = await AllocateManyAsync(uri, 1, cancellationToken).ConfigureAwait(false);
        return indices.Count == 1 ? indices[0] : null;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or above <see cref="MaxAllocationCount"/>.</exception>
    public async ValueTask<IReadOnlyList<long>> AllocateManyAsync(string uri, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxAllocationCount);
        var connection = await _core.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var list = await LockListAsync(connection, transaction, uri, cancellationToken).ConfigureAwait(false);
                var indices = await AllocateLockedAsync(connection, transaction, list, count, cancellationToken).ConfigureAwait(false);
                await CommitAllocationAsync(connection, transaction, list, indices.Count, cancellationToken).ConfigureAwait(false);
                return indices;
            }
        }
    }

    /// <summary>
    /// Allocates <paramref name="count"/> indices under a reservation key, idempotently: a later call with the same list
    /// and key (from any process) returns the indices already reserved for positions <c>0 … count-1</c>, in the same
    /// order, and allocates only the missing positions. The lookup, the allocation and the record of the reservation
    /// are one transaction holding the list's row lock.
    /// </summary>
    /// <param name="uri">The list.</param>
    /// <param name="reservation">The caller's key for the job (at most 256 characters).</param>
    /// <param name="count">How many positions the job needs, at most <see cref="MaxAllocationCount"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The index for each position; fewer than <paramref name="count"/> only when the list is full.</returns>
    /// <exception cref="ArgumentException">No list has this URI, or the key is empty or too long.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or above <see cref="MaxAllocationCount"/>.</exception>
    public async ValueTask<IReadOnlyList<long>> ReserveAsync(string uri, string reservation, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentException.ThrowIfNullOrEmpty(reservation);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(reservation.Length, 256, nameof(reservation));
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxAllocationCount);
        var connection = await _core.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var list = await LockListAsync(connection, transaction, uri, cancellationToken).ConfigureAwait(false);
                var indices = new List<long>(count);
                var select = PostgreSqlStoreCore.Command(connection, transaction, $"SELECT position, idx FROM {_reservations} WHERE list_uri = $1 AND reservation = $2 AND position < $3 ORDER BY position;", uri, reservation, count);
                await using (select.ConfigureAwait(false))
                {
                    var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && reader.GetInt32(0) == indices.Count)
                        {
                            indices.Add(reader.GetInt64(1));
                        }
                    }
                }

                var firstNew = indices.Count;
                var added = await AllocateLockedAsync(connection, transaction, list, count - firstNew, cancellationToken).ConfigureAwait(false);
                if (added.Count > 0)
                {
                    var positions = new int[added.Count];
                    for (var i = 0; i < positions.Length; i++)
                    {
                        positions[i] = firstNew + i;
                    }

                    var record = PostgreSqlStoreCore.Command(connection, transaction, $"INSERT INTO {_reservations} (list_uri, reservation, position, idx) SELECT $1, $2, p, i FROM unnest($3::integer[], $4::bigint[]) AS u(p, i);", uri, reservation, positions, ToArray(added));
                    await using (record.ConfigureAwait(false))
                    {
                        await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }

                    indices.AddRange(added);
                }

                await CommitAllocationAsync(connection, transaction, list, added.Count, cancellationToken).ConfigureAwait(false);
                return indices;
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<StatusValue?> GetStatusAsync(string uri, long index, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var connection = await _core.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One round trip: the list's existence and the entry's status.
            var command = PostgreSqlStoreCore.Command(connection, null, $"SELECT (SELECT status FROM {_entries} WHERE list_uri = l.uri AND idx = $2) FROM {_lists} l WHERE l.uri = $1;", uri, index);
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        throw new ArgumentException("No Status List exists with this URI.", nameof(uri));
                    }

                    return reader.IsDBNull(0) ? null : new StatusValue((byte)reader.GetInt16(0));
                }
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryUpdateStatusAsync(string uri, long index, StatusValue expected, StatusValue value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var connection = await _core.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var list = await GetListAsync(connection, null, uri, forUpdate: false, cancellationToken).ConfigureAwait(false)
                ?? throw new ArgumentException("No Status List exists with this URI.", nameof(uri));
            if (!value.FitsIn(list.Bits))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value.Value, $"The status does not fit in {list.Bits} bits.");
            }

            // One UPDATE: a concurrent change makes the re-checked WHERE fail, so of two racing changes one wins.
            var changed = await PostgreSqlStoreCore.ExecuteAsync(connection, null, $"UPDATE {_entries} SET status = $4 WHERE list_uri = $1 AND idx = $2 AND status = $3;", cancellationToken, uri, index, (short)expected.Value, (short)value.Value).ConfigureAwait(false);
            return changed == 1;
        }
    }

    /// <inheritdoc />
    public async ValueTask<StatusListBuilder> LoadAsync(string uri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var connection = await _core.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One snapshot: the list and its statuses as of the same moment.
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var list = await GetListAsync(connection, transaction, uri, forUpdate: false, cancellationToken).ConfigureAwait(false)
                    ?? throw new ArgumentException("No Status List exists with this URI.", nameof(uri));
                var builder = new StatusListBuilder(list.Bits, list.Capacity);
                var command = PostgreSqlStoreCore.Command(connection, transaction, $"SELECT idx, status FROM {_entries} WHERE list_uri = $1 AND status <> 0;", uri);
                await using (command.ConfigureAwait(false))
                {
                    var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            builder.Set(reader.GetInt64(0), new StatusValue((byte)reader.GetInt16(1)));
                        }
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return builder;
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask SavePublishedTokenAsync(string uri, string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(token);
        var connection = await _core.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var changed = await PostgreSqlStoreCore.ExecuteAsync(connection, null, $"UPDATE {_lists} SET token = $2, token_saved_at = now() WHERE uri = $1;", cancellationToken, uri, token).ConfigureAwait(false);
            if (changed != 1)
            {
                throw new ArgumentException("No Status List exists with this URI.", nameof(uri));
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<string?> GetPublishedTokenAsync(string uri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var connection = await _core.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = PostgreSqlStoreCore.Command(connection, null, $"SELECT token FROM {_lists} WHERE uri = $1;", uri);
            await using (command.ConfigureAwait(false))
            {
                return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
            }
        }
    }

    /// <summary>Disposes the data source when the store created it.</summary>
    /// <returns>A task that completes when disposed.</returns>
    public ValueTask DisposeAsync() => _core.DisposeAsync();

    /// <summary>Disposes the data source when the store created it.</summary>
    public void Dispose() => _core.Dispose();

    private async Task<StatusListInfo> LockListAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string uri, CancellationToken cancellationToken)
        => await GetListAsync(connection, transaction, uri, forUpdate: true, cancellationToken).ConfigureAwait(false)
            ?? throw new ArgumentException("No Status List exists with this URI.", nameof(uri));

    /// <summary>
    /// Inserts up to <paramref name="count"/> uniformly random never-allocated indices; the caller holds the list's row
    /// lock, so nobody else allocates in this list meanwhile.
    /// </summary>
    private async Task<List<long>> AllocateLockedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, StatusListInfo list, int count, CancellationToken cancellationToken)
    {
        var wanted = (int)Math.Min(count, list.Capacity - list.Allocated);
        var chosen = new List<long>(Math.Max(0, wanted));
        if (wanted <= 0)
        {
            if (count > 0)
            {
                PostgreSqlLog.ListFull(_core.Logger, list.Uri, list.Allocated, list.Capacity);
            }

            return chosen;
        }

        var taken = new HashSet<long>();

        // Rejection sampling: random candidates, the free ones kept in draw order, so each pick is uniform among the
        // free indices. Each round is sized by the remaining count and how full the list is, and the number of rounds by
        // the count; when the call needs more than half of the free indices, or the rounds are used up (a nearly full
        // list), one pass over the free indices costs less than more draws.
        var maxRounds = SpareRounds + (int)(((long)wanted * NearlyFullDivisor * 5 / 4 / MaxCandidates) + 1);
        for (var round = 0; round < maxRounds && chosen.Count < wanted; round++)
        {
            var free = list.Capacity - list.Allocated - chosen.Count;
            var needed = wanted - chosen.Count;
            if (needed > free / 2)
            {
                break;
            }

            var draws = (int)Math.Min(MaxCandidates, ((double)needed * list.Capacity / free * 1.25) + 8);
            var candidates = new long[draws];
            for (var i = 0; i < candidates.Length; i++)
            {
                candidates[i] = NextIndex(list.Capacity);
            }

            var unallocated = PostgreSqlStoreCore.Command(connection, transaction, $"SELECT c FROM unnest($2::bigint[]) WITH ORDINALITY AS u(c, n) WHERE NOT EXISTS (SELECT 1 FROM {_entries} e WHERE e.list_uri = $1 AND e.idx = u.c) ORDER BY n;", list.Uri, candidates);
            await using (unallocated.ConfigureAwait(false))
            {
                var reader = await unallocated.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (chosen.Count < wanted && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        var candidate = reader.GetInt64(0);
                        if (taken.Add(candidate))
                        {
                            chosen.Add(candidate);
                        }
                    }
                }
            }
        }

        if (chosen.Count < wanted)
        {
            chosen.AddRange(await PickFreeAsync(connection, transaction, list, wanted - chosen.Count, taken, cancellationToken).ConfigureAwait(false));
        }

        // The primary key is the last word: a clash here means the count and the rows disagree, never a duplicate.
        var insert = PostgreSqlStoreCore.Command(connection, transaction, $"INSERT INTO {_entries} (list_uri, idx) SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING;", list.Uri, ToArray(chosen));
        await using (insert.ConfigureAwait(false))
        {
            if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != chosen.Count)
            {
                throw new InvalidOperationException("The allocation count of the Status List is inconsistent.");
            }
        }

        return chosen;
    }

    /// <summary>
    /// Picks <paramref name="needed"/> indices uniformly at random among the never-allocated ones not in
    /// <paramref name="taken"/>: one query streams the free indices, a reservoir of <paramref name="needed"/> entries
    /// keeps a uniform sample of them (memory for the picks only), and a shuffle makes their order random too.
    /// </summary>
    private async Task<long[]> PickFreeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, StatusListInfo list, int needed, HashSet<long> taken, CancellationToken cancellationToken)
    {
        var reservoir = new long[needed];
        var seen = 0L;
        var find = PostgreSqlStoreCore.Command(connection, transaction, $"SELECT s FROM generate_series(0::bigint, $2 - 1) AS s WHERE NOT EXISTS (SELECT 1 FROM {_entries} e WHERE e.list_uri = $1 AND e.idx = s);", list.Uri, list.Capacity);
        await using (find.ConfigureAwait(false))
        {
            var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var index = reader.GetInt64(0);
                    if (taken.Contains(index))
                    {
                        continue;
                    }

                    // Algorithm R: the (seen+1)-th free index replaces a kept one with probability needed / (seen+1).
                    if (seen < needed)
                    {
                        reservoir[seen] = index;
                    }
                    else if (NextIndex(seen + 1) is var slot && slot < needed)
                    {
                        reservoir[slot] = index;
                    }

                    seen++;
                }
            }
        }

        if (seen < needed)
        {
            throw new InvalidOperationException("The allocation count of the Status List is inconsistent.");
        }

        RandomNumberGenerator.Shuffle(reservoir.AsSpan());
        return reservoir;
    }

    private async Task CommitAllocationAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, StatusListInfo list, int added, CancellationToken cancellationToken)
    {
        if (added > 0)
        {
            await PostgreSqlStoreCore.ExecuteAsync(connection, transaction, $"UPDATE {_lists} SET allocated = allocated + $2 WHERE uri = $1;", cancellationToken, list.Uri, (long)added).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            PostgreSqlLog.Allocated(_core.Logger, added, list.Uri, list.Allocated + added, list.Capacity);
        }
        else
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<StatusListInfo?> GetListAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string uri, bool forUpdate, CancellationToken cancellationToken)
    {
        var command = PostgreSqlStoreCore.Command(connection, transaction, forUpdate
            ? $"SELECT bits, capacity, allocated FROM {_lists} WHERE uri = $1 FOR UPDATE;"
            : $"SELECT bits, capacity, allocated FROM {_lists} WHERE uri = $1;", uri);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                    ? new StatusListInfo(uri, reader.GetInt16(0), reader.GetInt64(1), reader.GetInt64(2))
                    : null;
            }
        }
    }

    /// <summary>A uniformly random integer in [0, <paramref name="maxExclusive"/>) from the CSPRNG.</summary>
    private static long NextIndex(long maxExclusive)
    {
        if (maxExclusive <= int.MaxValue)
        {
            return RandomNumberGenerator.GetInt32((int)maxExclusive);
        }

        // Rejection sampling over 63-bit values keeps the distribution uniform.
        Span<byte> bytes = stackalloc byte[8];
        var limit = long.MaxValue - (long.MaxValue % maxExclusive);
        while (true)
        {
            RandomNumberGenerator.Fill(bytes);
            var candidate = (long)(BitConverter.ToUInt64(bytes) >> 1);
            if (candidate < limit)
            {
                return candidate % maxExclusive;
            }
        }
    }

    private static long[] ToArray(List<long> values) => values.ToArray();
}
