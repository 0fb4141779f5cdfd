using Microsoft.Extensions.Logging;

namespace Credentials.PostgreSql;

/// <summary>Where the PostgreSQL stores keep their tables, whether they create them, and where they log.</summary>
public sealed class PostgreSqlStoreOptions
{
    /// <summary>
    /// The schema holding the tables (default <see cref="PostgreSqlSchema.DefaultSchemaName"/>, <c>credentials</c>):
    /// lower-case letters, digits and underscores, starting with a letter or an underscore, at most 63 characters.
    /// </summary>
    public string SchemaName { get; init; } = PostgreSqlSchema.DefaultSchemaName;

    /// <summary>
    /// Whether a store runs <see cref="PostgreSqlSchema.EnsureCreatedAsync(Npgsql.NpgsqlDataSource, string, ILogger?, System.Threading.CancellationToken)"/>
    /// before its first command (default <see langword="true"/>). Turn it off when a DBA creates the schema from
    /// <c>schema.sql</c> and the application's role may not run DDL: then the stores never run DDL; the start-up check of
    /// the DI registrations (and <c>EnsureSchemaAsync</c>) only reads the schema version and throws
    /// <see cref="System.InvalidOperationException"/> when the schema is missing, older or newer, and the stores run their
    /// commands without any check.
    /// </summary>
    public bool EnsureSchema { get; init; } = true;

    /// <summary>Where the stores log (event ids 1600–1699); nothing is logged when <see langword="null"/>.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
