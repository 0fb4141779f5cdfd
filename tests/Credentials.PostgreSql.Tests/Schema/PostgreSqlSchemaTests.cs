using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Credentials.Testing;
using Credentials.Testing.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Xunit;

namespace Credentials.PostgreSql.Tests.Schema;

/// <summary>Schema creation and migration: idempotent, concurrent, the same as the shipped script, in any schema.</summary>
public sealed class PostgreSqlSchemaTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EnsureCreated_Twice_CreatesOnceAtTheCurrentVersion()
    {
        await using var dataSource = NpgsqlDataSource.Create(await PostgreSqlTestServer.GetConnectionStringAsync());

        await PostgreSqlSchema.EnsureCreatedAsync(dataSource, default(System.Threading.CancellationToken));
        await PostgreSqlSchema.EnsureCreatedAsync(dataSource);

        Assert.Equal([1], await ScalarsAsync<int>(dataSource, "SELECT version FROM credentials.schema_version;"));
        Assert.Equal(["protocol_state", "schema_version", "status_entries", "status_lists", "status_reservations"], await TablesAsync(dataSource, "credentials"));
    }

    [Fact]
    public async Task EnsureCreated_RacedByEightInstances_AllSucceedAndOneVersionRow()
    {
        var connectionString = await PostgreSqlTestServer.GetConnectionStringAsync();
        var dataSources = Enumerable.Range(0, 8).Select(_ => NpgsqlDataSource.Create(connectionString)).ToList();
        try
        {
            // Without the advisory lock, concurrent CREATE SCHEMA/TABLE IF NOT EXISTS fail with unique violations.
            await StoreRace.RaceAsync(dataSources.Count, async i =>
            {
                await PostgreSqlSchema.EnsureCreatedAsync(dataSources[i]);
                return true;
            });

            Assert.Equal([1], await ScalarsAsync<int>(dataSources[0], "SELECT version FROM credentials.schema_version;"));
        }
        finally
        {
            foreach (var dataSource in dataSources)
            {
                await dataSource.DisposeAsync();
            }
        }
    }

    [Fact]
    public void ShippedScript_IsTheOneEnsureCreatedRuns()
    {
        var file = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "src", "Credentials.PostgreSql", "schema.sql"));

        Assert.Equal(file.ReplaceLineEndings("\n"), PostgreSqlSchema.Script.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("--", PostgreSqlSchema.GetScript());
        Assert.DoesNotContain("credentials", PostgreSqlSchema.GetScript("tenant_a"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShippedScriptRunByHand_GivesTheSameTablesAsEnsureCreated_WhichThenDoesNothing()
    {
        await using var byHand = NpgsqlDataSource.Create(await PostgreSqlTestServer.GetConnectionStringAsync());
        await using var byCode = NpgsqlDataSource.Create(await PostgreSqlTestServer.GetConnectionStringAsync());

        // As psql --single-transaction -f schema.sql would: the file as it is, comments included.
        await using (var connection = await byHand.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using var command = new NpgsqlCommand(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "src", "Credentials.PostgreSql", "schema.sql")), connection, transaction);
            await command.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }

        await PostgreSqlSchema.EnsureCreatedAsync(byCode);
        await PostgreSqlSchema.EnsureCreatedAsync(byHand);

        Assert.Equal(await CatalogAsync(byCode, "credentials"), await CatalogAsync(byHand, "credentials"));
        Assert.Equal([1], await ScalarsAsync<int>(byHand, "SELECT version FROM credentials.schema_version;"));
    }

    [Fact]
    public async Task OtherSchemaNames_KeepTheirOwnTablesInOneDatabase()
    {
        await using var dataSource = NpgsqlDataSource.Create(await PostgreSqlTestServer.GetConnectionStringAsync());
        var tenantA = new PostgreSqlProtocolStateStore(dataSource, new PostgreSqlStoreOptions { SchemaName = "tenant_a" });
        var tenantB = new PostgreSqlProtocolStateStore(dataSource, new PostgreSqlStoreOptions { SchemaName = "tenant_b" });

        Assert.True(await tenantA.TryAddAsync("code", "k1", "a", s_now.AddMinutes(5)));
        Assert.True(await tenantB.TryAddAsync("code", "k1", "b", s_now.AddMinutes(5)));

        Assert.Equal("a", await tenantA.TryConsumeAsync("code", "k1", s_now));
        Assert.Equal("b", await tenantB.TryGetAsync("code", "k1", s_now));
        Assert.Equal(await CatalogAsync(dataSource, "tenant_a"), await CatalogAsync(dataSource, "tenant_b"));
        Assert.Empty(await TablesAsync(dataSource, "credentials"));
    }

    [Fact]
    public async Task EnsureSchemaOff_StoreCreatesNothing_WorksOnceTheScriptRan()
    {
        await using var dataSource = NpgsqlDataSource.Create(await PostgreSqlTestServer.GetConnectionStringAsync());
        var store = new PostgreSqlProtocolStateStore(dataSource, new PostgreSqlStoreOptions { SchemaName = "by_hand", EnsureSchema = false });

        await Assert.ThrowsAsync<PostgresException>(async () => await store.TryAddAsync("code", "k1", "v1", s_now.AddMinutes(5)));
        Assert.Empty(await TablesAsync(dataSource, "by_hand"));

        await ExecuteAsync(dataSource, PostgreSqlSchema.GetScript("by_hand"));

        Assert.True(await store.TryAddAsync("code", "k1", "v1", s_now.AddMinutes(5)));
        Assert.Equal([1], await ScalarsAsync<int>(dataSource, "SELECT version FROM by_hand.schema_version;"));
    }

    [Fact]
    public async Task EnsureSchemaOff_HostStart_MissingSchema_RefusedClearly_NothingCreated()
    {
        const string password = "pw-not-in-messages-91c2";
        var connectionString = new NpgsqlConnectionStringBuilder(await PostgreSqlTestServer.GetConnectionStringAsync()) { Password = password }.ConnectionString;
        using var host = BuildHost(connectionString, "by_hand");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("'by_hand'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"version {PostgreSqlSchema.CurrentVersion}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(password, error.Message, StringComparison.Ordinal);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        Assert.Empty(await ScalarsAsync<string>(dataSource, "SELECT nspname::text FROM pg_namespace WHERE nspname = 'by_hand';"));
    }

    [Fact]
    public async Task EnsureSchemaOff_HostStart_OlderOrNewerSchema_RefusedWithoutDdl_CurrentOneStarts()
    {
        var connectionString = await PostgreSqlTestServer.GetConnectionStringAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await PostgreSqlSchema.EnsureCreatedAsync(dataSource, "by_hand");

        // Older: the version table says nothing (version 0); a check that ran the script would write version 1 back.
        await ExecuteAsync(dataSource, "DELETE FROM by_hand.schema_version;");
        using (var host = BuildHost(connectionString, "by_hand"))
        {
            var older = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());
            Assert.Contains("'by_hand'", older.Message, StringComparison.Ordinal);
            Assert.Contains("version 0", older.Message, StringComparison.Ordinal);
        }

        Assert.Empty(await ScalarsAsync<int>(dataSource, "SELECT version FROM by_hand.schema_version;"));

        await ExecuteAsync(dataSource, "INSERT INTO by_hand.schema_version (version) VALUES (99);");
        using (var host = BuildHost(connectionString, "by_hand"))
        {
            var newer = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());
            Assert.Contains("version 99", newer.Message, StringComparison.Ordinal);
        }

        await ExecuteAsync(dataSource, "UPDATE by_hand.schema_version SET version = 1;");
        using (var host = BuildHost(connectionString, "by_hand"))
        {
            await host.StartAsync();
            Assert.True(await host.Services.GetRequiredService<Credentials.Protocols.IProtocolStateStore>().TryAddAsync("code", "k1", "v1", s_now.AddMinutes(5)));
            await host.StopAsync();
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("Credentials")]
    [InlineData("1schema")]
    [InlineData("a-b")]
    [InlineData("x\"; DROP SCHEMA public; --")]
    [InlineData("credentials.x")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public async Task SchemaName_NotAPlainIdentifier_Throws(string name)
    {
        await using var dataSource = NpgsqlDataSource.Create("Host=127.0.0.1");

        Assert.ThrowsAny<ArgumentException>(() => new PostgreSqlStatusListStore(dataSource, new PostgreSqlStoreOptions { SchemaName = name }));
        Assert.ThrowsAny<ArgumentException>(() => PostgreSqlSchema.GetScript(name));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => PostgreSqlSchema.EnsureCreatedAsync(dataSource, name));
    }

    [Fact]
    public async Task EnsureCreated_DatabaseNewerThanThePackage_Refuses()
    {
        await using var dataSource = NpgsqlDataSource.Create(await PostgreSqlTestServer.GetConnectionStringAsync());
        await PostgreSqlSchema.EnsureCreatedAsync(dataSource);
        await ExecuteAsync(dataSource, "INSERT INTO credentials.schema_version (version) VALUES (99);");

        await Assert.ThrowsAsync<InvalidOperationException>(() => PostgreSqlSchema.EnsureCreatedAsync(dataSource));
    }

    [Fact]
    public async Task RoleWithoutCreateRights_UsesASchemaMadeByTheOwner()
    {
        var connectionString = await PostgreSqlTestServer.GetConnectionStringAsync();
        await using var owner = NpgsqlDataSource.Create(connectionString);
        await PostgreSqlSchema.EnsureCreatedAsync(owner);
        var role = "app_" + Guid.NewGuid().ToString("N")[..12];
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await ExecuteAsync(owner, $"""
            CREATE ROLE {role} LOGIN;
            REVOKE CREATE ON DATABASE "{database}" FROM PUBLIC;
            REVOKE CREATE ON SCHEMA public FROM PUBLIC;
            GRANT USAGE ON SCHEMA credentials TO {role};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA credentials TO {role};
            """);
        await using var app = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { Username = role }.ConnectionString);
        var store = new PostgreSqlProtocolStateStore(app);

        Assert.True(await store.TryAddAsync("code", "k1", "v1", s_now.AddMinutes(5)));
        Assert.Equal("v1", await store.TryConsumeAsync("code", "k1", s_now));
        await Assert.ThrowsAsync<PostgresException>(() => PostgreSqlSchema.EnsureCreatedAsync(app, "other_schema"));
    }

    private static IHost BuildHost(string connectionString, string schema)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddPostgreSqlProtocolStateStore(connectionString, new PostgreSqlStoreOptions { SchemaName = schema, EnsureSchema = false });
        builder.Services.AddPostgreSqlStatusListStore(connectionString, new PostgreSqlStoreOptions { SchemaName = schema, EnsureSchema = false });
        return builder.Build();
    }

    private static async Task<List<string>> TablesAsync(NpgsqlDataSource dataSource, string schema)
    {
        await using var command = dataSource.CreateCommand("SELECT table_name::text FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1;");
        command.Parameters.AddWithValue(schema);
        return await ReadAsync<string>(command);
    }

    /// <summary>Columns, constraints and indexes of a schema, with the schema name taken out.</summary>
    private static async Task<List<string>> CatalogAsync(NpgsqlDataSource dataSource, string schema)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT format('column %s.%s %s %s %s', table_name, column_name, data_type, is_nullable, coalesce(column_default, '')) FROM information_schema.columns WHERE table_schema = $1
            UNION ALL
            SELECT format('constraint %s %s', conrelid::regclass::text, pg_get_constraintdef(oid)) FROM pg_constraint WHERE connamespace = $1::regnamespace
            UNION ALL
            SELECT format('index %s', indexdef) FROM pg_indexes WHERE schemaname = $1
            ORDER BY 1;
            """);
        command.Parameters.AddWithValue(schema);
        return (await ReadAsync<string>(command)).Select(line => line.Replace(schema + ".", "S.", StringComparison.Ordinal)).ToList();
    }

    private static async Task<List<T>> ScalarsAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return await ReadAsync<T>(command);
    }

    private static async Task<List<T>> ReadAsync<T>(NpgsqlCommand command)
    {
        var values = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
