using System;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Protocols;
using Npgsql;

namespace Credentials.PostgreSql;

/// <summary>
/// An <see cref="IProtocolStateStore"/> on PostgreSQL, shared by every instance of an issuer or verifier: pre-authorized
/// codes, access tokens, nonces, DPoP <c>jti</c> values, offers and OpenID4VP transactions. Consumption is one
/// <c>DELETE … RETURNING</c>, so under concurrent calls from any number of processes exactly one caller gets a value;
/// updates are compare-and-set in one <c>UPDATE</c>; a key is never accepted twice while its row exists, expired or not
/// (<see cref="RemoveExpiredAsync"/> deletes expired rows). Thread-safe.
/// </summary>
public sealed class PostgreSqlProtocolStateStore : IProtocolStateStore, IAsyncDisposable, IDisposable
{
    private readonly PostgreSqlStoreCore _core;
    private readonly string _insertSql;
    private readonly string _consumeSql;
    private readonly string _getSql;
    private readonly string _updateSql;
    private readonly string _removeExpiredSql;

    /// <summary>Creates a store over a data source the caller owns (and disposes), its tables in the schema <c>credentials</c>.</summary>
    /// <param name="dataSource">The database; share one per application.</param>
    public PostgreSqlProtocolStateStore(NpgsqlDataSource dataSource)
        : this(dataSource, new PostgreSqlStoreOptions())
    {
    }

    /// <summary>Creates a store over a data source the caller owns (and disposes).</summary>
    /// <param name="dataSource">The database; share one per application.</param>
    /// <param name="options">The schema and logging.</param>
    /// <exception cref="ArgumentException">The schema name is not a plain lower-case identifier.</exception>
    public PostgreSqlProtocolStateStore(NpgsqlDataSource dataSource, PostgreSqlStoreOptions options)
        : this(new PostgreSqlStoreCore(dataSource, ownsDataSource: false, options, typeof(PostgreSqlProtocolStateStore).FullName!))
    {
    }

    /// <summary>Creates a store with its own data source (disposed with the store), its tables in the schema <c>credentials</c>.</summary>
    /// <param name="connectionString">An Npgsql connection string, for example <c>Host=db;Database=issuer;Username=issuer;Password=…</c>.</param>
    /// <exception cref="ArgumentException">The connection string is empty or invalid.</exception>
    public PostgreSqlProtocolStateStore(string connectionString)
        : this(connectionString, new PostgreSqlStoreOptions())
    {
    }

    /// <summary>Creates a store with its own data source (disposed with the store).</summary>
    /// <param name="connectionString">An Npgsql connection string, for example <c>Host=db;Database=issuer;Username=issuer;Password=…</c>.</param>
    /// <param name="options">The schema and logging.</param>
    /// <exception cref="ArgumentException">The connection string is empty or invalid, or the schema name is not a plain lower-case identifier.</exception>
    public PostgreSqlProtocolStateStore(string connectionString, PostgreSqlStoreOptions options)
        : this(new PostgreSqlStoreCore(NpgsqlDataSource.Create(PostgreSqlStoreCore.CheckConnectionString(connectionString)), ownsDataSource: true, options, typeof(PostgreSqlProtocolStateStore).FullName!))
    {
    }

    private PostgreSqlProtocolStateStore(PostgreSqlStoreCore core)
    {
        _core = core;
        var table = core.Table("protocol_state");

        // Keys are not reused while their row exists, expired or not: an expired code stays dead until it is removed.
        _insertSql = $"INSERT INTO {table} (kind, key, value, expires_at) VALUES ($1, $2, $3, $4) ON CONFLICT (kind, key) DO NOTHING;";
        _consumeSql = $"DELETE FROM {table} WHERE kind = $1 AND key = $2 RETURNING value, expires_at > $3;";
        _getSql = $"SELECT value FROM {table} WHERE kind = $1 AND key = $2 AND expires_at > $3;";
        _updateSql = $"UPDATE {table} SET value = $4 WHERE kind = $1 AND key = $2 AND value = $3 AND expires_at > $5;";
        _removeExpiredSql = $"DELETE FROM {table} WHERE expires_at <= $1;";
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
    public async ValueTask<bool> TryAddAsync(string kind, string key, string value, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        Check(kind, key);
        ArgumentNullException.ThrowIfNull(value);
        return await _core.ExecuteAsync(_insertSql, cancellationToken, kind, key, value, expiresAt.ToUniversalTime()).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async ValueTask<string?> TryConsumeAsync(string kind, string key, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        Check(kind, key);
        var connection = await _core.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = PostgreSqlStoreCore.Command(connection, null, _consumeSql, kind, key, now.ToUniversalTime());
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    // The row is gone either way: an expired value is consumed as nothing.
                    return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && reader.GetBoolean(1) ? reader.GetString(0) : null;
                }
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<string?> TryGetAsync(string kind, string key, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        Check(kind, key);
        var connection = await _core.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = PostgreSqlStoreCore.Command(connection, null, _getSql, kind, key, now.ToUniversalTime());
            await using (command.ConfigureAwait(false))
            {
                return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryUpdateAsync(string kind, string key, string expected, string value, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        Check(kind, key);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(value);

        // One UPDATE: a concurrent writer's change makes the WHERE re-check fail, so the second of two swaps loses.
        return await _core.ExecuteAsync(_updateSql, cancellationToken, kind, key, expected, value, now.ToUniversalTime()).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async ValueTask<int> RemoveExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var removed = await _core.ExecuteAsync(_removeExpiredSql, cancellationToken, now.ToUniversalTime()).ConfigureAwait(false);
        PostgreSqlLog.RemovedExpired(_core.Logger, removed, _core.SchemaName);
        return removed;
    }

    /// <summary>Disposes the data source when the store created it.</summary>
    /// <returns>A task that completes when disposed.</returns>
    public ValueTask DisposeAsync() => _core.DisposeAsync();

    /// <summary>Disposes the data source when the store created it.</summary>
    public void Dispose() => _core.Dispose();

    private static void Check(string kind, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentException.ThrowIfNullOrEmpty(key);
    }
}
