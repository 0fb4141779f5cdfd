using System;
using System.Threading;
using System.Threading.Tasks;
using Credentials.PostgreSql;
using Npgsql;

namespace Credentials.Samples.Issuer;

/// <summary>
/// The PostgreSQL database of <c>--postgres</c>: every <c>serve</c> instance given the same connection string keeps its
/// status lists and protocol state (offers, codes, tokens, nonces) there, so several instances can sit behind one load
/// balancer. The connection string's password is never printed: messages name the database by
/// <see cref="Description"/> (user, host, port and database only).
/// </summary>
internal sealed class PostgresDatabase : IAsyncDisposable
{
    /// <summary>The option that names the database.</summary>
    public const string OptionName = "--postgres";

    private PostgresDatabase(NpgsqlDataSource dataSource, string description)
    {
        DataSource = dataSource;
        Description = description;
    }

    /// <summary>The pooled connections of this process.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>The database for messages, without the password: <c>postgresql://USER@HOST:PORT/DATABASE</c>.</summary>
    public string Description { get; }

    /// <summary>
    /// Parses <paramref name="connectionString"/>, connects, and creates the tables that are missing (idempotent, safe
    /// when several instances start at once). Throws <see cref="CliException"/> with <see cref="CliErrors.InvalidOptionCode"/>
    /// for a string that is not a connection string, and <see cref="IssuerErrors.DatabaseUnavailable"/> when the
    /// server cannot be reached or refuses.
    /// </summary>
    public static async Task<PostgresDatabase> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            // The parser's message may quote the string (and so the password): it is not shown.
            throw new CliException(CliErrors.InvalidOption(OptionName, "the value is not a PostgreSQL connection string.", "For example --postgres \"Host=db.internal;Database=issuer;Username=issuer\" (the password from PGPASSWORD or ~/.pgpass)."), ex);
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new CliException(CliErrors.InvalidOption(OptionName, "the connection string names no Host.", "For example --postgres \"Host=db.internal;Database=issuer;Username=issuer\"."));
        }

        var description = Describe(builder);
        var dataSource = NpgsqlDataSource.Create(builder);
        try
        {
            await PostgreSqlSchema.EnsureCreatedAsync(dataSource, cancellationToken).ConfigureAwait(false);
            return new PostgresDatabase(dataSource, description);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw new CliException(new CliError(IssuerErrors.DatabaseUnavailable, $"The PostgreSQL database {description} could not be opened: {Redact(CliErrors.Reason(ex), builder.Password)}", "Check --postgres (host, port, database, user) and that the user may create the schema, or create it first with src/Credentials.PostgreSql/schema.sql (docs/deployment.md)."), ex);
        }
    }

    /// <summary>The database without secrets: user, host, port and database.</summary>
    internal static string Describe(NpgsqlConnectionStringBuilder builder)
    {
        var user = string.IsNullOrEmpty(builder.Username) ? string.Empty : builder.Username + "@";
        var database = string.IsNullOrEmpty(builder.Database) ? string.Empty : "/" + builder.Database;
        return $"postgresql://{user}{builder.Host}:{builder.Port}{database}";
    }

    /// <summary>Belt and braces: a server or driver message never carries the password, but if one did it is cut.</summary>
    private static string Redact(string text, string? password)
        => string.IsNullOrEmpty(password) ? text : text.Replace(password, "***", StringComparison.Ordinal);

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
