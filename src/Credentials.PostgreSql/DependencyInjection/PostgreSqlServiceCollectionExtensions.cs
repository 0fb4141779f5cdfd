using System;
using Credentials.PostgreSql;
using Credentials.Protocols;
using Credentials.Status;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the PostgreSQL stores. Both share one <c>NpgsqlDataSource</c> (one connection pool) per connection string,
/// disposed with the container, and a hosted service creates or migrates the schema when the host starts (the stores
/// also check it before their first command, for apps without a host).
/// </summary>
public static class PostgreSqlServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="PostgreSqlProtocolStateStore"/> as the singleton <see cref="IProtocolStateStore"/> (unless
    /// one is already registered: then nothing is added, neither a connection pool nor the start-up schema check), for issuer and verifier instances sharing one database. Expired rows are removed by
    /// the protocol state cleanup of <c>Credentials.AspNetCore</c> (<c>AddProtocolStateCleanup</c>).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionString">The Npgsql connection string, for example <c>Host=db;Database=issuer;Username=issuer;Password=…</c>.</param>
    /// <param name="options">The schema and whether to create it; the defaults when <see langword="null"/>. The logger factory defaults to the container's.</param>
    /// <returns>The services.</returns>
    /// <exception cref="ArgumentException">The connection string is empty, or the schema name is not a plain lower-case identifier.</exception>
    public static IServiceCollection AddPostgreSqlProtocolStateStore(this IServiceCollection services, string connectionString, PostgreSqlStoreOptions? options = null)
    {
        var configured = Check(services, connectionString, options);
        if (IsRegistered<IProtocolStateStore>(services))
        {
            // Another store wins: no pool, no start-up schema work for a store nothing would use.
            return services;
        }

        Prepare(services, connectionString, configured);
        services.TryAddSingleton(provider => new PostgreSqlProtocolStateStore(provider.GetRequiredService<PostgreSqlDataSources>().Get(connectionString), WithLogging(configured, provider)));
        services.TryAddSingleton<IProtocolStateStore>(provider => provider.GetRequiredService<PostgreSqlProtocolStateStore>());
        return services;
    }

    /// <summary>
    /// Registers a <see cref="PostgreSqlStatusListStore"/> as the singleton <see cref="IStatusListStore"/> (unless one is
    /// already registered: then nothing is added, neither a connection pool nor the start-up schema check), for issuer instances sharing one database.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionString">The Npgsql connection string, for example <c>Host=db;Database=issuer;Username=issuer;Password=…</c>.</param>
    /// <param name="options">The schema and whether to create it; the defaults when <see langword="null"/>. The logger factory defaults to the container's.</param>
    /// <returns>The services.</returns>
    /// <exception cref="ArgumentException">The connection string is empty, or the schema name is not a plain lower-case identifier.</exception>
    public static IServiceCollection AddPostgreSqlStatusListStore(this IServiceCollection services, string connectionString, PostgreSqlStoreOptions? options = null)
    {
        var configured = Check(services, connectionString, options);
        if (IsRegistered<IStatusListStore>(services))
        {
            return services;
        }

        Prepare(services, connectionString, configured);
        services.TryAddSingleton(provider => new PostgreSqlStatusListStore(provider.GetRequiredService<PostgreSqlDataSources>().Get(connectionString), WithLogging(configured, provider)));
        services.TryAddSingleton<IStatusListStore>(provider => provider.GetRequiredService<PostgreSqlStatusListStore>());
        return services;
    }

    private static PostgreSqlStoreOptions Check(IServiceCollection services, string connectionString, PostgreSqlStoreOptions? options)
    {
        ArgumentNullException.ThrowIfNull(services);
        PostgreSqlStoreCore.CheckConnectionString(connectionString);
        options ??= new PostgreSqlStoreOptions();
        PostgreSqlSchema.ValidateSchemaName(options.SchemaName);
        return options;
    }

    private static bool IsRegistered<TService>(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(TService) && !descriptor.IsKeyedService)
            {
                return true;
            }
        }

        return false;
    }

    private static void Prepare(IServiceCollection services, string connectionString, PostgreSqlStoreOptions options)
    {
        // One registry of (connection string, schema) per container, filled as stores are added.
        var registrations = FindRegistrations(services);
        registrations.Add(connectionString, options.SchemaName);
        services.TryAddSingleton(provider => new PostgreSqlDataSources(provider.GetService<ILoggerFactory>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PostgreSqlSchemaStartup>());
    }

    private static PostgreSqlStoreRegistrations FindRegistrations(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(PostgreSqlStoreRegistrations) && descriptor.ImplementationInstance is PostgreSqlStoreRegistrations existing)
            {
                return existing;
            }
        }

        var created = new PostgreSqlStoreRegistrations();
        services.AddSingleton(created);
        return created;
    }

    private static PostgreSqlStoreOptions WithLogging(PostgreSqlStoreOptions options, IServiceProvider provider) => new()
    {
        SchemaName = options.SchemaName,
        EnsureSchema = options.EnsureSchema,
        LoggerFactory = options.LoggerFactory ?? provider.GetService<ILoggerFactory>(),
    };
}
