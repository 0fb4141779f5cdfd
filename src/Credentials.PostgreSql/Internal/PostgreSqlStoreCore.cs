using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Credentials.PostgreSql;

/// <summary>What both stores share: the data source (owned or not), the schema, and the schema check before first use.</summary>
internal sealed class PostgreSqlStoreCore : IAsyncDisposable, IDisposable
{
    private readonly bool _ownsDataSource;
    private readonly bool _ensureSchema;
    private Task? _schema;

    public PostgreSqlStoreCore(NpgsqlDataSource dataSource, bool ownsDataSource, PostgreSqlStoreOptions? options, string category)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        options ??= new PostgreSqlStoreOptions();
        PostgreSqlSchema.ValidateSchemaName(options.SchemaName);
        DataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _ensureSchema = options.EnsureSchema;
        SchemaName = options.SchemaName;
        Logger = options.LoggerFactory?.CreateLogger(category) ?? NullLogger.Instance;
    }

    public NpgsqlDataSource DataSource { get; }

    public string SchemaName { get; }

    public ILogger Logger { get; }

    /// <summary>A table's quoted, schema-qualified name.</summary>
    public string Table(string name) => PostgreSqlSchema.Qualify(SchemaName, name);

    /// <summary>Opens a pooled connection, after making sure (once per store) that the schema is current.</summary>
    public async ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_ensureSchema)
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        }

        return await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates or migrates the schema, or only checks its version when <see cref="PostgreSqlStoreOptions.EnsureSchema"/> is off; once per store.</summary>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _schema);
        if (current is null || current.IsFaulted || current.IsCanceled)
        {
            // Losing the race only runs the idempotent, advisory-locked check twice.
            var started = EnsureCoreAsync();
            current = Interlocked.CompareExchange(ref _schema, started, current) == current ? started : Volatile.Read(ref _schema)!;
        }

        return current.IsCompletedSuccessfully ? Task.CompletedTask : current.WaitAsync(cancellationToken);
    }

    private async Task EnsureCoreAsync()
    {
        try
        {
            if (_ensureSchema)
            {
                await PostgreSqlSchema.EnsureCreatedAsync(DataSource, SchemaName, Logger, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                // No DDL when told so: only the version is read, and a missing, older or newer schema is refused.
                await PostgreSqlSchema.VerifyAsync(DataSource, SchemaName, Logger, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            var builder = new NpgsqlConnectionStringBuilder(DataSource.ConnectionString);
            if (_ensureSchema)
            {
                PostgreSqlLog.SchemaFailed(Logger, SchemaName, builder.Host, builder.Database, ex);
            }
            else
            {
                PostgreSqlLog.SchemaCheckFailed(Logger, SchemaName, builder.Host, builder.Database, ex);
            }

            throw;
        }
    }

    /// <summary>Throws unless the connection string is non-empty and made of Npgsql keywords; returns it.</summary>
    public static string CheckConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _ = new NpgsqlConnectionStringBuilder(connectionString);
        return connectionString;
    }

    /// <summary>A command with positional parameters, in the transaction when there is one.</summary>
    public static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params object[] parameters)
    {
#pragma warning disable CA2100 // SQL built from constants and the validated, quoted schema name; values are parameters.
        var command = new NpgsqlCommand(sql, connection, transaction);
#pragma warning restore CA2100
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        return command;
    }

    /// <summary>Runs a statement on an open connection and returns the rows it affected.</summary>
    public static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        var command = Command(connection, transaction, sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs a statement on a pooled connection of its own and returns the rows it affected.</summary>
    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ExecuteAsync(connection, null, sql, cancellationToken, parameters).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => _ownsDataSource ? DataSource.DisposeAsync() : ValueTask.CompletedTask;

    public void Dispose()
    {
        if (_ownsDataSource)
        {
            DataSource.Dispose();
        }
    }
}
