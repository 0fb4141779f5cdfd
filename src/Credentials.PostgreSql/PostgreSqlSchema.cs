using System;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Credentials.PostgreSql;

/// <summary>
/// The tables of the PostgreSQL stores: creation and migration, idempotent and safe when several instances start at
/// once. The definition is the package's <c>schema.sql</c> (also shipped as a file, for schemas created by hand).
/// </summary>
public static partial class PostgreSqlSchema
{
    /// <summary>The schema version this package reads and writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The schema the tables live in unless told otherwise.</summary>
    public const string DefaultSchemaName = "credentials";

    // The first key of the two-key advisory lock ("CRED" in ASCII); the second is hashtext(schema name).
    private const int AdvisoryLockClass = 0x43524544;

    private static readonly Lazy<string> s_script = new(ReadScript);

    /// <summary>
    /// Creates the schema and its tables, or migrates them to <see cref="CurrentVersion"/>, unless they are current.
    /// Runs in one transaction under a transaction-level advisory lock (<c>pg_advisory_xact_lock</c>), so instances
    /// starting together wait for each other instead of failing. When the version table already says
    /// <see cref="CurrentVersion"/>, nothing is executed but that read (a role without <c>CREATE</c> rights works).
    /// </summary>
    /// <param name="dataSource">The database.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the schema is current.</returns>
    /// <exception cref="InvalidOperationException">The database holds a newer schema version than this package knows.</exception>
    public static Task EnsureCreatedAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
        => EnsureCreatedAsync(dataSource, DefaultSchemaName, null, cancellationToken);

    /// <summary>
    /// Creates or migrates the tables in the schema <paramref name="schemaName"/>; see
    /// <see cref="EnsureCreatedAsync(NpgsqlDataSource, CancellationToken)"/>.
    /// </summary>
    /// <param name="dataSource">The database.</param>
    /// <param name="schemaName">The schema (default <c>credentials</c>): lower-case letters, digits and underscores, starting with a letter or underscore, at most 63 characters.</param>
    /// <param name="logger">Where to log what was done; nothing is logged when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the schema is current.</returns>
    /// <exception cref="ArgumentException">The schema name is not a plain lower-case identifier.</exception>
    /// <exception cref="InvalidOperationException">The database holds a newer schema version than this package knows.</exception>
    public static async Task EnsureCreatedAsync(NpgsqlDataSource dataSource, string schemaName = DefaultSchemaName, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ValidateSchemaName(schemaName);
        logger ??= NullLogger.Instance;
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // Fast path: the schema is current; no lock, no DDL.
            if (await ReadVersionAsync(connection, null, schemaName, cancellationToken).ConfigureAwait(false) == CurrentVersion)
            {
                PostgreSqlLog.SchemaCurrent(logger, schemaName, CurrentVersion);
                return;
            }

            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1, hashtext($2));", connection, transaction);
                await using (lockCommand.ConfigureAwait(false))
                {
                    lockCommand.Parameters.AddWithValue(AdvisoryLockClass);
                    lockCommand.Parameters.AddWithValue(schemaName);
                    await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                // Under the lock: another instance may have finished meanwhile.
                var version = await ReadVersionAsync(connection, transaction, schemaName, cancellationToken).ConfigureAwait(false);
                if (version > CurrentVersion)
                {
                    throw new InvalidOperationException($"The PostgreSQL schema '{schemaName}' is at version {version}, newer than the {CurrentVersion} this package knows: update the package.");
                }

                if (version < CurrentVersion)
                {
                    // Version 1 is the whole script; later versions append idempotent steps to it.
                    var ddl = new NpgsqlCommand(ScriptFor(schemaName), connection, transaction);
                    await using (ddl.ConfigureAwait(false))
                    {
                        await ddl.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }

                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    PostgreSqlLog.SchemaMigrated(logger, schemaName, version, CurrentVersion);
                    return;
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                PostgreSqlLog.SchemaCurrent(logger, schemaName, CurrentVersion);
            }
        }
    }

    /// <summary>
    /// Checks, without any DDL and without a lock, that <paramref name="schemaName"/> is at <see cref="CurrentVersion"/>:
    /// what the stores do instead of <see cref="EnsureCreatedAsync(NpgsqlDataSource, string, ILogger?, CancellationToken)"/>
    /// when <see cref="PostgreSqlStoreOptions.EnsureSchema"/> is off.
    /// </summary>
    /// <exception cref="InvalidOperationException">The schema is missing, older or newer (the message names the schema and both versions).</exception>
    internal static async Task VerifyAsync(NpgsqlDataSource dataSource, string schemaName, ILogger logger, CancellationToken cancellationToken)
    {
        int version;
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            version = await ReadVersionAsync(connection, null, schemaName, cancellationToken).ConfigureAwait(false);
        }

        if (version == CurrentVersion)
        {
            PostgreSqlLog.SchemaCurrent(logger, schemaName, version);
            return;
        }

        throw new InvalidOperationException(version switch
        {
            0 => $"The PostgreSQL schema '{schemaName}' has no version table (version 0), but this package needs version {CurrentVersion} and EnsureSchema is off: create it with schema.sql (PostgreSqlSchema.GetScript).",
            < CurrentVersion => $"The PostgreSQL schema '{schemaName}' is at version {version}, older than the {CurrentVersion} this package needs, and EnsureSchema is off: migrate it with schema.sql (PostgreSqlSchema.GetScript).",
            _ => $"The PostgreSQL schema '{schemaName}' is at version {version}, newer than the {CurrentVersion} this package knows: update the package.",
        });
    }

    /// <summary>
    /// The SQL script that creates the tables in <paramref name="schemaName"/>: the package's <c>schema.sql</c> with its
    /// comments removed and its schema qualifier replaced. Run it in one transaction.
    /// </summary>
    /// <param name="schemaName">The schema; see <see cref="EnsureCreatedAsync(NpgsqlDataSource, string, ILogger?, CancellationToken)"/>.</param>
    /// <returns>The script.</returns>
    /// <exception cref="ArgumentException">The schema name is not a plain lower-case identifier.</exception>
    public static string GetScript(string schemaName = DefaultSchemaName)
    {
        ValidateSchemaName(schemaName);
        return ScriptFor(schemaName);
    }

    /// <summary>The schema.sql file as shipped (comments included).</summary>
    internal static string Script => s_script.Value;

    /// <summary>Throws unless the name is a plain identifier that needs no quoting.</summary>
    internal static void ValidateSchemaName(string schemaName)
    {
        ArgumentException.ThrowIfNullOrEmpty(schemaName);
        if (!SchemaNamePattern().IsMatch(schemaName))
        {
            throw new ArgumentException("The schema name must be lower-case letters, digits and underscores, start with a letter or an underscore, and be at most 63 characters.", nameof(schemaName));
        }
    }

    /// <summary>A table's qualified name, quoted (the schema name was validated).</summary>
    internal static string Qualify(string schemaName, string table) => $"\"{schemaName}\".\"{table}\"";

    private static string ScriptFor(string schemaName)
    {
        var withoutComments = CommentPattern().Replace(Script, string.Empty);
        var quoted = $"\"{schemaName}\"";
        var sql = QualifierPattern().Replace(withoutComments, quoted + ".");
        sql = CreateSchemaPattern().Replace(sql, "CREATE SCHEMA IF NOT EXISTS " + quoted + ";");
        return sql.Trim();
    }

    private static async Task<int> ReadVersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schemaName, CancellationToken cancellationToken)
    {
        var exists = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL;", connection, transaction);
        await using (exists.ConfigureAwait(false))
        {
            exists.Parameters.AddWithValue(Qualify(schemaName, "schema_version"));
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
            {
                return 0;
            }
        }

#pragma warning disable CA2100 // The identifier is validated (a plain lower-case name) and quoted; values are parameters.
        var read = new NpgsqlCommand($"SELECT coalesce(max(version), 0) FROM {Qualify(schemaName, "schema_version")};", connection, transaction);
#pragma warning restore CA2100
        await using (read.ConfigureAwait(false))
        {
            return Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static string ReadScript()
    {
        using var stream = typeof(PostgreSqlSchema).Assembly.GetManifestResourceStream("Credentials.PostgreSql.schema.sql")
            ?? throw new InvalidOperationException("The embedded schema.sql is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaNamePattern();

    [GeneratedRegex("--[^\n]*", RegexOptions.CultureInvariant)]
    private static partial Regex CommentPattern();

    [GeneratedRegex(@"(?<![\w""])credentials\.", RegexOptions.CultureInvariant)]
    private static partial Regex QualifierPattern();

    [GeneratedRegex(@"CREATE SCHEMA IF NOT EXISTS credentials;", RegexOptions.CultureInvariant)]
    private static partial Regex CreateSchemaPattern();
}
