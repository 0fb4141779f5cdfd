using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Status;
using Microsoft.Data.Sqlite;

namespace Credentials.AspNetCore.Storage;

/// <summary>
/// A durable <see cref="IStatusListStore"/> in a SQLite file (WAL mode). Allocation runs in an immediate (write-locking)
/// transaction, so concurrent allocations (also from other processes using the same file) never return the same
/// index; status changes are compare-and-set. Thread-safe; use one instance per database file.
/// </summary>
/// <remarks>
/// Every allocated index has a row (status 0 until changed), so an index is never handed out twice. Unallocated
/// entries are VALID in the published list, which hides how many credentials the list holds (section 12.4).
/// </remarks>
public sealed class SqliteStatusListStore : IStatusListStore
{
    private const int RandomProbes = 16;
    private readonly string _connectionString;
    private Task? _initialization;

    /// <summary>Creates a store over a SQLite connection string (for example <c>Data Source=/var/lib/issuer/status.db</c>).</summary>
    /// <param name="connectionString">The connection string; the file is created when missing.</param>
    /// <exception cref="ArgumentException">The connection string is empty.</exception>
    public SqliteStatusListStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _connectionString = connectionString;
    }

    /// <summary>Creates a store over a database file.</summary>
    /// <param name="path">The file path; created when missing.</param>
    /// <returns>The store.</returns>
    public static SqliteStatusListStore ForFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new SqliteStatusListStore(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString());
    }

    /// <summary>Creates the tables (if missing) and switches the database to WAL. Called automatically on first use.</summary>
    /// <param name="cancellationToken">Cancels waiting (the initialization itself runs to completion).</param>
    public Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var current = Volatile.Read(ref _initialization);
        if (current is null || current.IsFaulted || current.IsCanceled)
        {
            // Losing the race only runs the idempotent schema script twice.
            var started = InitializeCoreAsync();
            current = Interlocked.CompareExchange(ref _initialization, started, current) == current ? started : Volatile.Read(ref _initialization)!;
        }

        return current.WaitAsync(cancellationToken);
    }

    private async Task InitializeCoreAsync()
    {
        var connection = new SqliteConnection(_connectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL;", CancellationToken.None).ConfigureAwait(false);
            await ExecuteAsync(connection, null, """
                CREATE TABLE IF NOT EXISTS status_lists (
                    uri TEXT NOT NULL PRIMARY KEY,
                    bits INTEGER NOT NULL,
                    capacity INTEGER NOT NULL,
                    allocated INTEGER NOT NULL DEFAULT 0,
                    token TEXT NULL);
                CREATE TABLE IF NOT EXISTS status_entries (
                    list_uri TEXT NOT NULL,
                    idx INTEGER NOT NULL,
                    status INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (list_uri, idx)) WITHOUT ROWID;
                CREATE INDEX IF NOT EXISTS ix_status_entries_set ON status_entries (list_uri, idx) WHERE status <> 0;
                CREATE TABLE IF NOT EXISTS status_reservations (
                    list_uri TEXT NOT NULL,
                    reservation TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    idx INTEGER NOT NULL,
                    PRIMARY KEY (list_uri, reservation, position)) WITHOUT ROWID;
                """, CancellationToken.None).ConfigureAwait(false);
        }
    }

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
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var inserted = await ExecuteAsync(connection, null, "INSERT OR IGNORE INTO status_lists (uri, bits, capacity) VALUES ($uri, $bits, $capacity);", cancellationToken, ("$uri", uri), ("$bits", bits), ("$capacity", capacity)).ConfigureAwait(false);
            if (inserted == 1)
            {
                return true;
            }

            var existing = await GetListAsync(connection, uri, cancellationToken).ConfigureAwait(false);
            return existing is not null && existing.Bits == bits && existing.Capacity == capacity
                ? false
                : throw new InvalidOperationException("A Status List with this URI exists with other bits or capacity.");
        }
    }

    /// <inheritdoc />
    public async ValueTask<StatusListInfo?> GetListAsync(string uri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await GetListAsync(connection, uri, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask<long?> TryAllocateAsync(string uri, CancellationToken cancellationToken = default)
    {
        var indices = await AllocateManyAsync(uri, 1, cancellationToken).ConfigureAwait(false);
        return indices.Count == 1 ? indices[0] : null;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<long>> AllocateManyAsync(string uri, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // BEGIN IMMEDIATE: takes the write lock up front, so the read of 'allocated' and the inserts are one step.
            var transaction = connection.BeginTransaction(deferred: false);
            await using (transaction.ConfigureAwait(false))
            {
                var list = await GetListAsync(connection, uri, cancellationToken, transaction).ConfigureAwait(false)
                    ?? throw new ArgumentException("No Status List exists with this URI.", nameof(uri));
                var indices = new List<long>(Math.Min(count, (int)Math.Min(int.MaxValue, list.Capacity - list.Allocated)));
                var allocated = list.Allocated;

                // One prepared insert for the whole batch: preparing it per index cost more than the insert itself.
                var insert = Command(connection, transaction, InsertEntrySql, ("$uri", uri), ("$idx", 0L));
                await using (insert.ConfigureAwait(false))
                {
                    insert.Prepare();
                    while (indices.Count < count && allocated < list.Capacity)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        indices.Add(await AllocateOneAsync(connection, transaction, insert, uri, list.Capacity, allocated, cancellationToken).ConfigureAwait(false));
                        allocated++;
                    }
                }

                if (indices.Count > 0)
                {
                    await ExecuteAsync(connection, transaction, "UPDATE status_lists SET allocated = allocated + $n WHERE uri = $uri;", cancellationToken, ("$uri", uri), ("$n", (long)indices.Count)).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }

                return indices;
            }
        }
    }

    /// <summary>
    /// Allocates <paramref name="count"/> indices under a reservation key, idempotently: a later call with the same list
    /// and key returns the indices already reserved for positions <c>0 … count-1</c>, in the same order, and allocates only
    /// the missing positions. A job that is interrupted and run again (for example a batch keyed by its input's digest)
    /// so reuses every index it took and takes no new ones. The lookup, the allocation and the record of the reservation
    /// are one transaction.
    /// </summary>
    /// <param name="uri">The list.</param>
    /// <param name="reservation">The caller's key for the job (at most 256 characters).</param>
    /// <param name="count">How many positions the job needs.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The index for each position; fewer than <paramref name="count"/> only when the list is full.</returns>
    /// <exception cref="ArgumentException">No list has this URI, or the key is empty or too long.</exception>
    public async ValueTask<IReadOnlyList<long>> ReserveAsync(string uri, string reservation, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentException.ThrowIfNullOrEmpty(reservation);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(reservation.Length, 256, nameof(reservation));
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = connection.BeginTransaction(deferred: false);
            await using (transaction.ConfigureAwait(false))
            {
                var list = await GetListAsync(connection, uri, cancellationToken, transaction).ConfigureAwait(false)
                    ?? throw new ArgumentException("No Status List exists with this URI.", nameof(uri));
                var indices = new List<long>(count);
                var select = Command(connection, transaction, "SELECT position, idx FROM status_reservations WHERE list_uri = $uri AND reservation = $key AND position < $count ORDER BY position;", ("$uri", uri), ("$key", reservation), ("$count", (long)count));
                await using (select.ConfigureAwait(false))
                {
                    var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && reader.GetInt64(0) == indices.Count)
                        {
                            indices.Add(reader.GetInt64(1));
                        }
                    }
                }

                var allocated = list.Allocated;
                var added = 0L;
                var insert = Command(connection, transaction, InsertEntrySql, ("$uri", uri), ("$idx", 0L));
                var record = Command(connection, transaction, "INSERT INTO status_reservations (list_uri, reservation, position, idx) VALUES ($uri, $key, $position, $idx);", ("$uri", uri), ("$key", reservation), ("$position", 0L), ("$idx", 0L));
                await using (insert.ConfigureAwait(false))
                await using (record.ConfigureAwait(false))
                {
                    insert.Prepare();
                    record.Prepare();
                    while (indices.Count < count && allocated < list.Capacity)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        var index = await AllocateOneAsync(connection, transaction, insert, uri, list.Capacity, allocated, cancellationToken).ConfigureAwait(false);
                        record.Parameters["$position"].Value = (long)indices.Count;
                        record.Parameters["$idx"].Value = index;
                        record.ExecuteNonQuery();
                        indices.Add(index);
                        allocated++;
                        added++;
                    }
                }

                if (added > 0)
                {
                    await ExecuteAsync(connection, transaction, "UPDATE status_lists SET allocated = allocated + $n WHERE uri = $uri;", cancellationToken, ("$uri", uri), ("$n", added)).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }

                return indices;
            }
        }
    }

    // A uniformly random free index: random probes while the list is sparse, else the k-th free index for a random k.
    private static async Task<long> AllocateOneAsync(SqliteConnection connection, SqliteTransaction transaction, SqliteCommand insert, string uri, long capacity, long allocated, CancellationToken cancellationToken)
    {
        for (var i = 0; i < RandomProbes; i++)
        {
            var candidate = RandomIndex.Next(capacity);
            insert.Parameters["$idx"].Value = candidate;
            if (insert.ExecuteNonQuery() == 1)
            {
                return candidate;
            }
        }

        var free = await FindFreeAsync(connection, transaction, uri, RandomIndex.Next(capacity - allocated), cancellationToken).ConfigureAwait(false);
        insert.Parameters["$idx"].Value = free;
        if (insert.ExecuteNonQuery() != 1)
        {
            throw new InvalidOperationException("The allocation count of the Status List is inconsistent.");
        }

        return free;
    }

    /// <inheritdoc />
    public async ValueTask<StatusValue?> GetStatusAsync(string uri, long index, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = Command(connection, null, "SELECT status FROM status_entries WHERE list_uri = $uri AND idx = $idx;", ("$uri", uri), ("$idx", index));
            await using (command.ConfigureAwait(false))
            {
                var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                if (value is long status)
                {
                    return new StatusValue((byte)status);
                }
            }

            _ = await GetListAsync(connection, uri, cancellationToken).ConfigureAwait(false) ?? throw new ArgumentException("No Status List exists with this URI.", nameof(uri));
            return null;
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryUpdateStatusAsync(string uri, long index, StatusValue expected, StatusValue value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var list = await GetListAsync(connection, uri, cancellationToken).ConfigureAwait(false)
                ?? throw new ArgumentException("No Status List exists with this URI.", nameof(uri));
            if (!value.FitsIn(list.Bits))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value.Value, $"The status does not fit in {list.Bits} bits.");
            }

            var changed = await ExecuteAsync(
                connection,
                null,
                "UPDATE status_entries SET status = $new WHERE list_uri = $uri AND idx = $idx AND status = $expected;",
                cancellationToken,
                ("$new", (long)value.Value),
                ("$uri", uri),
                ("$idx", index),
                ("$expected", (long)expected.Value)).ConfigureAwait(false);
            return changed == 1;
        }
    }

    /// <inheritdoc />
    public async ValueTask<StatusListBuilder> LoadAsync(string uri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One read transaction: the list and its statuses come from the same snapshot.
            var transaction = connection.BeginTransaction(deferred: true);
            await using (transaction.ConfigureAwait(false))
            {
                var list = await GetListAsync(connection, uri, cancellationToken, transaction).ConfigureAwait(false)
                    ?? throw new ArgumentException("No Status List exists with this URI.", nameof(uri));
                var builder = new StatusListBuilder(list.Bits, list.Capacity);
                var command = Command(connection, transaction, "SELECT idx, status FROM status_entries WHERE list_uri = $uri AND status <> 0;", ("$uri", uri));
                await using (command.ConfigureAwait(false))
                {
                    var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            builder.Set(reader.GetInt64(0), new StatusValue((byte)reader.GetInt64(1)));
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
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var changed = await ExecuteAsync(connection, null, "UPDATE status_lists SET token = $token WHERE uri = $uri;", cancellationToken, ("$token", token), ("$uri", uri)).ConfigureAwait(false);
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
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = Command(connection, null, "SELECT token FROM status_lists WHERE uri = $uri;", ("$uri", uri));
            await using (command.ConfigureAwait(false))
            {
                return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
            }
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, null, "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;", cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<StatusListInfo?> GetListAsync(SqliteConnection connection, string uri, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        var command = Command(connection, transaction, "SELECT bits, capacity, allocated FROM status_lists WHERE uri = $uri;", ("$uri", uri));
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                    ? new StatusListInfo(uri, (int)reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2))
                    : null;
            }
        }
    }

    private const string InsertEntrySql = "INSERT OR IGNORE INTO status_entries (list_uri, idx, status) VALUES ($uri, $idx, 0);";

    /// <summary>The index of the k-th (0-based) unallocated entry, walking the gaps between allocated indices.</summary>
    private static async Task<long> FindFreeAsync(SqliteConnection connection, SqliteTransaction transaction, string uri, long k, CancellationToken cancellationToken)
    {
        var command = Command(connection, transaction, "SELECT idx FROM status_entries WHERE list_uri = $uri ORDER BY idx;", ("$uri", uri));
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                long next = 0;
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var allocated = reader.GetInt64(0);
                    var gap = allocated - next;
                    if (k < gap)
                    {
                        return next + k;
                    }

                    k -= gap;
                    next = allocated + 1;
                }

                return next + k;
            }
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // Only constant SQL from this class; values are always parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        var command = Command(connection, transaction, sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
