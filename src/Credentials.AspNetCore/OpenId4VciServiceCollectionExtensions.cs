using System;
using Credentials.AspNetCore.Storage;
using Credentials.OpenId4Vci;
using Credentials.Protocols;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers an <see cref="OpenId4VciIssuer"/>.</summary>
public static class OpenId4VciServiceCollectionExtensions
{
    /// <summary>
    /// Registers the issuer as a singleton built from <paramref name="options"/> on first use, over the
    /// <see cref="IProtocolStateStore"/> registered in DI (register one first, for example with the overload taking a
    /// database path).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="options">Builds the options; runs once, when the issuer is first resolved (so it may read the server's address).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddOpenId4VciIssuer(this IServiceCollection services, Func<IServiceProvider, OpenId4VciIssuerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(provider => new OpenId4VciIssuer(
            provider.GetService<IProtocolStateStore>() ?? throw new InvalidOperationException("Register an IProtocolStateStore (for example SqliteProtocolStateStore) before using the OpenID4VCI issuer."),
            options: options(provider)));
        return services;
    }

    /// <summary>Registers the issuer with fixed options over the registered <see cref="IProtocolStateStore"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="options">The options.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddOpenId4VciIssuer(this IServiceCollection services, OpenId4VciIssuerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return services.AddOpenId4VciIssuer(_ => options);
    }

    /// <summary>
    /// Registers the issuer and a <see cref="SqliteProtocolStateStore"/> at <paramref name="stateDatabasePath"/> (unless a
    /// store is already registered), so a restart loses no code, token or nonce, with the hosted cleanup of its expired
    /// rows (<see cref="ProtocolStateServiceCollectionExtensions.AddSqliteProtocolStateStore"/>).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="stateDatabasePath">The SQLite file for protocol state.</param>
    /// <param name="options">Builds the options on first use.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddOpenId4VciIssuer(this IServiceCollection services, string stateDatabasePath, Func<IServiceProvider, OpenId4VciIssuerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(stateDatabasePath);
        return services.AddSqliteProtocolStateStore(stateDatabasePath).AddOpenId4VciIssuer(options);
    }
}
