using System;
using System.Runtime.CompilerServices;
using Credentials.AspNetCore.Hosting;
using Credentials.AspNetCore.Storage;
using Credentials.OpenId4Vci;
using Credentials.Protocols;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers an <see cref="OpenId4VciIssuer"/>: the default one (resolved as <see cref="OpenId4VciIssuer"/>) or named
/// ones (keyed singletons, <c>[FromKeyedServices("name")]</c>), each built once from its <see cref="OpenId4VciIssuerSettings"/>
/// (the options pattern: named options, bound from configuration, validated at start-up) over the
/// <see cref="IProtocolStateStore"/> registered in DI, whose expired state a hosted service purges.
/// </summary>
public static class OpenId4VciServiceCollectionExtensions
{
    /// <summary>
    /// Registers the issuer as a singleton built from <paramref name="options"/> on first use, over the
    /// <see cref="IProtocolStateStore"/> registered in DI (register one first, for example with the overload taking a
    /// database path), and the hosted purge of expired protocol state.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="options">Builds the options; runs once, when the issuer is first resolved (so it may read the server's address).</param>
    /// <returns>The services.</returns>
    /// <exception cref="InvalidOperationException">The default issuer is already registered.</exception>
    [OverloadResolutionPriority(1)]
    public static IServiceCollection AddOpenId4VciIssuer(this IServiceCollection services, Func<IServiceProvider, OpenId4VciIssuerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        HostingRegistrations.Claim(services, typeof(OpenId4VciIssuer), string.Empty);
        HostingRegistrations.AddCleanup(services);
        services.AddSingleton(provider =>
        {
            var built = options(provider);
            HostingRegistrations.PublishClock(provider, built.TimeProvider);
            return new OpenId4VciIssuer(HostingRegistrations.Store(provider, "OpenID4VCI issuer"), options: built);
        });
        return services;
    }

    /// <summary>Registers the issuer with fixed options over the registered <see cref="IProtocolStateStore"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="options">The options.</param>
    /// <returns>The services.</returns>
    /// <exception cref="InvalidOperationException">The default issuer is already registered.</exception>
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
    /// <exception cref="InvalidOperationException">The default issuer is already registered.</exception>
    [OverloadResolutionPriority(1)]
    public static IServiceCollection AddOpenId4VciIssuer(this IServiceCollection services, string stateDatabasePath, Func<IServiceProvider, OpenId4VciIssuerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(stateDatabasePath);
        return services.AddSqliteProtocolStateStore(stateDatabasePath).AddOpenId4VciIssuer(options);
    }

    /// <summary>
    /// Registers the default issuer (resolved as <see cref="OpenId4VciIssuer"/>) from settings set in code, validated at
    /// start-up, and the hosted purge of expired protocol state.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the settings (signer, configurations, dataset callback …).</param>
    /// <returns>A builder to chain further configuration on.</returns>
    /// <exception cref="InvalidOperationException">The default issuer is already registered.</exception>
    public static OpenId4VciIssuerBuilder AddOpenId4VciIssuer(this IServiceCollection services, Action<OpenId4VciIssuerSettings> configure)
        => services.AddOpenId4VciIssuer(string.Empty, configure);

    /// <summary>
    /// Registers the default issuer from a configuration section (for example <c>Credentials:Issuer</c> of
    /// <c>appsettings.json</c>; keys are <see cref="OpenId4VciIssuerSettings"/>' property names) completed in code,
    /// validated at start-up.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section with the bindable values.</param>
    /// <param name="configure">Sets what configuration cannot hold (signer, dataset callback …); runs after binding.</param>
    /// <returns>A builder to chain further configuration on.</returns>
    /// <exception cref="InvalidOperationException">The default issuer is already registered.</exception>
    public static OpenId4VciIssuerBuilder AddOpenId4VciIssuer(this IServiceCollection services, IConfiguration configuration, Action<OpenId4VciIssuerSettings> configure)
        => services.AddOpenId4VciIssuer(string.Empty, configuration, configure);

    /// <summary>
    /// Registers an issuer named <paramref name="name"/> (a keyed singleton: <c>[FromKeyedServices("name")] OpenId4VciIssuer</c>;
    /// map it with <see cref="Credentials.AspNetCore.OpenId4VciEndpointOptions.IssuerName"/>) from settings set in code.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The issuer's name: its service key and options name; empty for the default issuer.</param>
    /// <param name="configure">Sets the settings.</param>
    /// <returns>A builder to chain further configuration on.</returns>
    /// <exception cref="InvalidOperationException">An issuer with this name is already registered.</exception>
    public static OpenId4VciIssuerBuilder AddOpenId4VciIssuer(this IServiceCollection services, string name, Action<OpenId4VciIssuerSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = Register(services, name);
        services.AddOptions<OpenId4VciIssuerSettings>(builder.Name).Configure(configure);
        return builder;
    }

    /// <summary>Registers an issuer named <paramref name="name"/> from a configuration section completed in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The issuer's name: its service key and options name; empty for the default issuer.</param>
    /// <param name="configuration">The section with the bindable values.</param>
    /// <param name="configure">Sets what configuration cannot hold; runs after binding.</param>
    /// <returns>A builder to chain further configuration on.</returns>
    /// <exception cref="InvalidOperationException">An issuer with this name is already registered.</exception>
    public static OpenId4VciIssuerBuilder AddOpenId4VciIssuer(this IServiceCollection services, string name, IConfiguration configuration, Action<OpenId4VciIssuerSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = Register(services, name);
        services.AddOptions<OpenId4VciIssuerSettings>(builder.Name).Configure(settings => settings.Bind(configuration)).Configure(configure);
        return builder;
    }

    private static OpenId4VciIssuerBuilder Register(IServiceCollection services, string name)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        HostingRegistrations.Claim(services, typeof(OpenId4VciIssuer), name);
        HostingRegistrations.AddCleanup(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OpenId4VciIssuerSettings>, OpenId4VciIssuerSettingsValidator>());
        services.AddOptions<OpenId4VciIssuerSettings>(name)
            .PostConfigure<IServiceProvider>((settings, provider) => HostingRegistrations.PublishClock(provider, settings.TimeProvider ?? provider.GetService<TimeProvider>() ?? TimeProvider.System))
            .ValidateOnStart();
        HostingRegistrations.AddInstance(services, name, provider => Create(provider, name));

        return new OpenId4VciIssuerBuilder(services, name);
    }

    private static OpenId4VciIssuer Create(IServiceProvider provider, string name)
    {
        // The options factory runs the validator: invalid settings throw OptionsValidationException listing every problem.
        var settings = provider.GetRequiredService<IOptionsMonitor<OpenId4VciIssuerSettings>>().Get(name);
        var issuer = new OpenId4VciIssuer(HostingRegistrations.Store(provider, "OpenID4VCI issuer"), settings.ToOptions(provider.GetService<TimeProvider>() ?? TimeProvider.System));
        HostingRegistrations.LogBuilt(provider, "OpenID4VCI issuer", name, issuer.CredentialIssuer);
        return issuer;
    }
}
