using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using Credentials.Protocols;
using Credentials.Status;
using Credentials.Testing.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Xunit;

namespace Credentials.PostgreSql.Tests.Hosting;

/// <summary>The DI registrations: one pool per connection string, the schema made at start-up, no password in the logs.</summary>
public sealed class PostgreSqlServiceCollectionExtensionsTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task BothStores_ShareOneDataSource_SchemaCreatedAtStart_NoPasswordLogged()
    {
        const string password = "pw-never-logged-7f3a";
        var connectionString = new NpgsqlConnectionStringBuilder(await PostgreSqlTestServer.GetConnectionStringAsync()) { Password = password }.ConnectionString;
        var logs = new CapturingLoggerProvider();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddPostgreSqlProtocolStateStore(connectionString);
        builder.Services.AddPostgreSqlStatusListStore(connectionString);
        using var host = builder.Build();

        await host.StartAsync();
        var tables = await CountTablesAsync(connectionString);
        var state = host.Services.GetRequiredService<IProtocolStateStore>();
        var lists = host.Services.GetRequiredService<IStatusListStore>();
        Assert.True(await state.TryAddAsync("code", "k1", "v1", s_now.AddMinutes(5)));
        Assert.True(await lists.CreateListAsync("https://issuer.example/status/1", 1, 64));
        await host.StopAsync();

        Assert.Equal(5, tables);
        Assert.IsType<PostgreSqlProtocolStateStore>(state);
        Assert.IsType<PostgreSqlStatusListStore>(lists);
        Assert.Same(state, host.Services.GetRequiredService<PostgreSqlProtocolStateStore>());
        Assert.Single(host.Services.GetServices<PostgreSqlDataSources>());
        Assert.Contains(logs.Entries, e => e.EventId == 1606);
        Assert.Contains(logs.Entries, e => e.EventId is 1600 or 1601);
        Assert.All(logs.Entries, e => Assert.DoesNotContain(password, e.Message, StringComparison.Ordinal));
        Assert.All(logs.Entries, e => Assert.DoesNotContain("v1", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnreachableDatabase_StopsTheStart()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddPostgreSqlStatusListStore("Host=127.0.0.1;Port=1;Timeout=2;Username=postgres");
        using var host = builder.Build();

        await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
    }

    [Fact]
    public void Register_BadArguments_Throw()
    {
        var services = new ServiceCollection();

        Assert.ThrowsAny<ArgumentException>(() => services.AddPostgreSqlProtocolStateStore(" "));
        Assert.ThrowsAny<ArgumentException>(() => services.AddPostgreSqlStatusListStore("Host=x", new PostgreSqlStoreOptions { SchemaName = "Bad Name" }));
        Assert.ThrowsAny<ArgumentException>(() => services.AddPostgreSqlStatusListStore("NotAKeyword=1"));
    }

    [Fact]
    public void Register_OtherStoreFirst_IsKept()
    {
        var services = new ServiceCollection();
        var mine = new InMemoryProtocolStateStore();
        services.AddSingleton<IProtocolStateStore>(mine);

        services.AddPostgreSqlProtocolStateStore("Host=127.0.0.1;Username=postgres");

        Assert.Same(mine, services.BuildServiceProvider().GetRequiredService<IProtocolStateStore>());
    }

    [Fact]
    public void SyncDispose_AfterResolvingAStore_DoesNotThrow()
    {
        var services = new ServiceCollection();
        services.AddPostgreSqlProtocolStateStore("Host=127.0.0.1;Username=postgres");
        services.AddPostgreSqlStatusListStore("Host=127.0.0.1;Username=postgres");
        var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IProtocolStateStore>();
        var dataSource = provider.GetRequiredService<PostgreSqlDataSources>().Get("Host=127.0.0.1;Username=postgres");

        // As `using var host` does: the synchronous Dispose, which refuses services that are only IAsyncDisposable.
        provider.Dispose();

        Assert.IsType<PostgreSqlProtocolStateStore>(store);
        Assert.Throws<ObjectDisposedException>(() => dataSource.OpenConnection());
    }

    [Fact]
    public void Register_OtherStoresFirst_NothingOfPostgreSqlIsAdded()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IProtocolStateStore>(new InMemoryProtocolStateStore());
        services.AddSingleton<IStatusListStore>(new InMemoryStatusListStore());

        services.AddPostgreSqlProtocolStateStore("Host=127.0.0.1;Username=postgres");
        services.AddPostgreSqlStatusListStore("Host=127.0.0.1;Username=postgres");

        Assert.DoesNotContain(services, d => d.ImplementationType == typeof(PostgreSqlSchemaStartup));
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(PostgreSqlProtocolStateStore) || d.ServiceType == typeof(PostgreSqlStatusListStore));
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(PostgreSqlDataSources));
        Assert.IsType<InMemoryStatusListStore>(services.BuildServiceProvider().GetRequiredService<IStatusListStore>());
    }

    private static async Task<long> CountTablesAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'credentials';");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<(int EventId, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                => owner.Entries.Enqueue((eventId.Id, formatter(state, exception) + " " + (state is System.Collections.Generic.IEnumerable<System.Collections.Generic.KeyValuePair<string, object?>> pairs ? string.Join(",", pairs.Select(p => p.Key + "=" + p.Value)) : string.Empty) + exception));
        }
    }
}
