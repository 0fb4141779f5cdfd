using System;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Protocols;
using Microsoft.Data.Sqlite;

namespace Credentials.AspNetCore.Storage;

/// <summary>
/// A durable <see cref="IProtocolStateStore"/> in one SQLite file (WAL), so a restart loses no issued code, token,
/// nonce or transaction. Consumption is a single <c>DELETE … RETURNING</c>, atomic across threads and processes.
/// </summary>
public sealed class SqliteProtocolStateStore : IProtocolStateStore
{
    private readonly string _connectionString;
    private readonly Lazy<Task> _initialized;

    /// <summary>Creates a store over a SQLite file (created on first use).</summary>
    /// <param name="path">The database file.</param>
    public SqliteProtocolStateStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 }.ToString();
        _initialized = new Lazy<Task>(InitializeAsync);
    }

    private async Task InitializeAsync()
    {
        using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS protocol_state (
                kind TEXT NOT NULL,
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                expires_at INTEGER NOT NULL,
                PRIMARY KEY (kind, key)
            ) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS protocol_state_expiry ON protocol_state (expires_at);
            """;
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryAddAsync(string kind, string key, string value, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        Check(kind, key);
        ArgumentNullException.ThrowIfNull(value);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();

        // Keys are never reused, even after expiry: a consumed or expired code stays dead until cleaned up.
        command.CommandText = "INSERT OR IGNORE INTO protocol_state (kind, key, value, expires_at) VALUES ($kind, $key, $value, $expires);";
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$value", value);
        command.Parameters.AddWithValue("$expires", expiresAt.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async ValueTask<string?> TryConsumeAsync(string kind, string key, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        Check(kind, key);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM protocol_state WHERE kind = $kind AND key = $key RETURNING value, expires_at;";
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$key", key);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var value = reader.GetString(0);
        return reader.GetInt64(1) > now.ToUnixTimeMilliseconds() ? value : null;
    }

    /// <inheritdoc />
    public async ValueTask<string?> TryGetAsync(string kind, string key, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        Check(kind, key);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM protocol_state WHERE kind = $kind AND key = $key AND expires_at > $now;";
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryUpdateAsync(string kind, string key, string expected, string value, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        Check(kind, key);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(value);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE protocol_state SET value = $value WHERE kind = $kind AND key = $key AND value = $expected AND expires_at > $now;";
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$expected", expected);
        command.Parameters.AddWithValue("$value", value);
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async ValueTask<int> RemoveExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM protocol_state WHERE expires_at <= $now;";
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await _initialized.Value.ConfigureAwait(false);
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA busy_timeout = 5000;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return connection;
    }

    private static void Check(string kind, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentException.ThrowIfNullOrEmpty(key);
    }
}
