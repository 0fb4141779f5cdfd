using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using Credentials.PostgreSql;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Credentials.Samples.Issuer;

/// <summary>
/// The login form's anti-forgery keys (ASP.NET Core Data Protection key ring) in the <c>--postgres</c> database, so a
/// form one instance showed is accepted by the instance that receives the post. The sample's own table
/// (<see cref="Table"/>), unencrypted like the key folder of the SQLite case; key rotation and expiry stay with Data
/// Protection.
/// </summary>
internal sealed class PostgresKeyRing(PostgresDatabase database) : IXmlRepository
{
    /// <summary>The table of the key ring, beside the library's tables (the role may create there).</summary>
    public const string Table = PostgreSqlSchema.DefaultSchemaName + ".issuer_sample_data_protection_keys";

    /// <summary>Creates the table if it is missing (idempotent).</summary>
    public static async Task EnsureCreatedAsync(PostgresDatabase database, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand($"CREATE TABLE IF NOT EXISTS {Table} (friendly_name text PRIMARY KEY, xml text NOT NULL)");
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateObject)
        {
            // Another instance created it at the same moment (CREATE TABLE IF NOT EXISTS is not atomic in PostgreSQL).
        }
    }

    /// <inheritdoc />
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var elements = new List<XElement>();
        using var command = database.DataSource.CreateCommand($"SELECT xml FROM {Table}");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    /// <inheritdoc />
    public void StoreElement(XElement element, string friendlyName)
    {
        using var command = database.DataSource.CreateCommand($"INSERT INTO {Table} (friendly_name, xml) VALUES ($1, $2) ON CONFLICT (friendly_name) DO UPDATE SET xml = EXCLUDED.xml");
        command.Parameters.Add(new NpgsqlParameter { Value = friendlyName });
        command.Parameters.Add(new NpgsqlParameter { Value = element.ToString(SaveOptions.DisableFormatting) });
        command.ExecuteNonQuery();
    }
}
