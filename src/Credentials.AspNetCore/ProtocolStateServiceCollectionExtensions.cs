using System;
using Credentials.AspNetCore.Hosting;
using Credentials.AspNetCore.Storage;
using Credentials.Protocols;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the <see cref="IProtocolStateStore"/> of the OpenID4VCI issuer and the OpenID4VP verifier, and its cleanup.</summary>
public static class ProtocolStateServiceCollectionExtensions
{
    /// <summary>
    /// Registers a durable <see cref="SqliteProtocolStateStore"/> at <paramref name="path"/> (unless a store is already
    /// registered), so a restart loses no code, token, nonce, offer or transaction, and the hosted cleanup that removes
    /// its expired rows (<see cref="AddProtocolStateCleanup"/>).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="path">The SQLite file; created when missing.</param>
    /// <param name="cleanup">How often expired rows are removed; the defaults when <see langword="null"/>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddSqliteProtocolStateStore(this IServiceCollection services, string path, ProtocolStateCleanupOptions? cleanup = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(path);
        services.TryAddSingleton<IProtocolStateStore>(new SqliteProtocolStateStore(path));
        return services.AddProtocolStateCleanup(cleanup);
    }

    /// <summary>
    /// Registers a bounded <see cref="InMemoryProtocolStateStore"/> (unless a store is already registered; state is lost
    /// on restart) and the hosted cleanup that removes its expired entries.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="options">Capacity and clock; the defaults when <see langword="null"/>.</param>
    /// <param name="cleanup">How often expired entries are removed; the defaults when <see langword="null"/>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddInMemoryProtocolStateStore(this IServiceCollection services, InMemoryProtocolStateStoreOptions? options = null, ProtocolStateCleanupOptions? cleanup = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IProtocolStateStore>(new InMemoryProtocolStateStore(options));
        return services.AddProtocolStateCleanup(cleanup);
    }

    /// <summary>
    /// Registers (once) a hosted service that calls <see cref="IProtocolStateStore.RemoveExpiredAsync"/> on the
    /// registered store at start-up and then every <see cref="ProtocolStateCleanupOptions.Interval"/>. Every registration
    /// of an issuer or verifier that keeps protocol state registers the service too (with the defaults over the
    /// <see cref="TimeProvider"/> in DI); calling this method, before or after them, sets its interval and clock.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="options">
    /// The interval and clock; when <see langword="null"/>, the default interval and the clock of the first issuer or
    /// verifier built (what wrote the state decides what has expired; the <see cref="TimeProvider"/> in DI or the
    /// system clock when none is built within one interval). The first registration with options wins.
    /// </param>
    /// <returns>The services.</returns>
    /// <exception cref="ArgumentException">The interval is not positive.</exception>
    public static IServiceCollection AddProtocolStateCleanup(this IServiceCollection services, ProtocolStateCleanupOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (options is not null)
        {
            if (options.Interval <= TimeSpan.Zero || options.TimeProvider is null)
            {
                throw new ArgumentException("The cleanup interval must be positive and the clock set.", nameof(options));
            }

            services.TryAddSingleton(options);
        }

        HostingRegistrations.AddCleanup(services);
        return services;
    }
}
