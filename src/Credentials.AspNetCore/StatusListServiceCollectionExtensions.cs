using System;
using Credentials.AspNetCore.Storage;
using Credentials.AspNetCore.StatusLists;
using Credentials.Status;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

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

    /// <summary>
    /// Keeps Status Lists fresh: registers <see cref="IStatusListPublisher"/>, a <see cref="StatusListIssuer"/> over the
    /// same store and key (to allocate, revoke and suspend), and a hosted service that re-signs and republishes every
    /// list of <see cref="StatusListHostingOptions.Lists"/> before its token expires (and writes it to
    /// <see cref="StatusListHostingOptions.PublishDirectory"/> when set). The options are validated when the host starts.
    /// The store is <see cref="StatusListHostingOptions.Store"/> or the registered <see cref="IStatusListStore"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the lists, the key and the timings.</param>
    /// <returns>The services.</returns>
    /// <example>
    /// <code>
    /// builder.Services.AddSqliteStatusListStore("Data Source=status.db");
    /// builder.Services.AddStatusLists(o =>
    /// {
    ///     o.Lists.Add("https://issuer.example/statuslists/1");
    ///     o.Signer = statusKey;
    /// });
    /// </code>
    /// </example>
    public static IServiceCollection AddStatusLists(this IServiceCollection services, Action<StatusListHostingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<StatusListHostingOptions>().Configure(configure);
        return services.AddStatusListServices();
    }

    /// <summary>
    /// Keeps Status Lists fresh (see <see cref="AddStatusLists(IServiceCollection, Action{StatusListHostingOptions})"/>),
    /// with the scalar settings bound from <paramref name="configuration"/> (for example the section
    /// <c>Credentials:StatusLists</c> of <c>appsettings.json</c>: <c>Lists</c>, <c>TokenLifetime</c>, <c>TimeToLive</c>,
    /// <c>Issuer</c>, <c>RefreshMargin</c>, <c>CheckInterval</c>, <c>RetryDelay</c>, <c>MaxRetryDelay</c>,
    /// <c>PublishDirectory</c>) and the rest (the key, at least) set by <paramref name="configure"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <param name="configure">Sets what configuration cannot (the key); runs after binding.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddStatusLists(this IServiceCollection services, IConfiguration configuration, Action<StatusListHostingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddOptions<StatusListHostingOptions>().Configure(o => StatusListConfiguration.Bind(configuration, o));
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        return services.AddStatusListServices();
    }

    private static IServiceCollection AddStatusListServices(this IServiceCollection services)
    {
        services.AddOptions<StatusListHostingOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StatusListHostingOptions>, StatusListHostingOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<StatusListPublisher>();
        services.TryAddSingleton<IStatusListPublisher>(sp => sp.GetRequiredService<StatusListPublisher>());
        services.TryAddSingleton(sp =>
        {
            var publisher = sp.GetRequiredService<StatusListPublisher>();
            return new StatusListIssuer(publisher.Store, publisher.TokenIssuer);
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StatusListRefreshService>());
        return services;
    }
}
