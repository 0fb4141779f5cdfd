using System;
using Credentials.AspNetCore.Storage;
using Credentials.Status;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the issuer-side status list services.</summary>
public static class StatusListServiceCollectionExtensions
{
    /// <summary>Registers a <see cref="SqliteStatusListStore"/> as the singleton <see cref="IStatusListStore"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionString">The SQLite connection string, for example <c>Data Source=status.db</c>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddSqliteStatusListStore(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.TryAddSingleton<IStatusListStore>(new SqliteStatusListStore(connectionString));
        return services;
    }
}
