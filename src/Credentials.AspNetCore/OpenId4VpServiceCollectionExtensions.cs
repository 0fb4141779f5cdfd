using System;
using System.Runtime.CompilerServices;
using Credentials.AspNetCore.Hosting;
using Credentials.OpenId4Vp;
using Credentials.Protocols;
using Credentials.SdJwtVc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers an <see cref="OpenId4VpVerifier"/> in DI: the default one (resolved as <see cref="OpenId4VpVerifier"/>) or
/// named ones (keyed singletons, <c>[FromKeyedServices("name")]</c>), each built once from its
/// <see cref="OpenId4VpVerifierSettings"/> (named options, bound from configuration, validated at start-up) over the
/// <see cref="IProtocolStateStore"/> and an <see cref="SdJwtVcVerifier"/> registered in DI, with the hosted purge of
/// expired protocol state.
/// </summary>
public static class OpenId4VpServiceCollectionExtensions
{
    /// <summary>
    /// Registers the verifier as a singleton built from the <see cref="IProtocolStateStore"/> and
    /// <see cref="SdJwtVcVerifier"/> registered in DI (for example <c>SqliteProtocolStateStore</c>), with options validated
    /// when it is first resolved, and the hosted purge of expired protocol state.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="options">Builds the options (the service provider gives access to configuration).</param>
    /// <returns>The services.</returns>
    /// <exception cref="InvalidOperationException">The default verifier is already registered.</exception>
    [OverloadResolutionPriority(1)]
    public static IServiceCollection AddOpenId4VpVerifier(this IServiceCollection services, Func<IServiceProvider, OpenId4VpVerifierOptions> options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        HostingRegistrations.Claim(services, typeof(OpenId4VpVerifier), string.Empty);
        HostingRegistrations.AddCleanup(services);
        return services.AddSingleton(sp =>
        {
            var built = options(sp);
            HostingRegistrations.PublishClock(sp, built.TimeProvider);
            return new OpenId4VpVerifier(HostingRegistrations.Store(sp, "OpenID4VP verifier"), sp.GetRequiredService<SdJwtVcVerifier>(), options: built);
        });
    }

    /// <summary>Registers the default verifier from settings set in code, validated at start-up.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the settings (client id, response URI, signer, policy …).</param>
    /// <returns>A builder to chain further configuration on.</returns>
    /// <exception cref="InvalidOperationException">The default verifier is already registered.</exception>
    public static OpenId4VpVerifierBuilder AddOpenId4VpVerifier(this IServiceCollection services, Action<OpenId4VpVerifierSettings> configure)
        => services.AddOpenId4VpVerifier(string.Empty, configure);

    /// <summary>
    /// Registers the default verifier from a configuration section (for example <c>Credentials:Verifier</c>; keys are
    /// <see cref="OpenId4VpVerifierSettings"/>' property names) completed in code, validated at start-up.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section with the bindable values.</param>
    /// <param name="configure">Sets what configuration cannot hold (signer, policy …); runs after binding.</param>
    /// <returns>A builder to chain further configuration on.</returns>
    /// <exception cref="InvalidOperationException">The default verifier is already registered.</exception>
    public static OpenId4VpVerifierBuilder AddOpenId4VpVerifier(this IServiceCollection services, IConfiguration configuration, Action<OpenId4VpVerifierSettings> configure)
        => services.AddOpenId4VpVerifier(string.Empty, configuration, configure);

    /// <summary>
    /// Registers a verifier named <paramref name="name"/> (a keyed singleton; map it with
    /// <see cref="Credentials.AspNetCore.OpenId4VpEndpointOptions.VerifierName"/>) from settings set in code.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The verifier's name: its service key and options name; empty for the default verifier.</param>
    /// <param name="configure">Sets the settings.</param>
    /// <returns>A builder to chain further configuration on.</returns>
    /// <exception cref="InvalidOperationException">A verifier with this name is already registered.</exception>
    public static OpenId4VpVerifierBuilder AddOpenId4VpVerifier(this IServiceCollection services, string name, Action<OpenId4VpVerifierSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = Register(services, name);
        services.AddOptions<OpenId4VpVerifierSettings>(name).Configure(configure);
        return builder;
    }

    /// <summary>Registers a verifier named <paramref name="name"/> from a configuration section completed in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The verifier's name: its service key and options name; empty for the default verifier.</param>
    /// <param name="configuration">The section with the bindable values.</param>
    /// <param name="configure">Sets what configuration cannot hold; runs after binding.</param>
    /// <returns>A builder to chain further configuration on.</returns>
    /// <exception cref="InvalidOperationException">A verifier with this name is already registered.</exception>
    public static OpenId4VpVerifierBuilder AddOpenId4VpVerifier(this IServiceCollection services, string name, IConfiguration configuration, Action<OpenId4VpVerifierSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = Register(services, name);
        services.AddOptions<OpenId4VpVerifierSettings>(name).Configure(settings => settings.Bind(configuration)).Configure(configure);
        return builder;
    }

    private static OpenId4VpVerifierBuilder Register(IServiceCollection services, string name)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        HostingRegistrations.Claim(services, typeof(OpenId4VpVerifier), name);
        HostingRegistrations.AddCleanup(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OpenId4VpVerifierSettings>, OpenId4VpVerifierSettingsValidator>());
        services.AddOptions<OpenId4VpVerifierSettings>(name)
            .PostConfigure<IServiceProvider>((settings, provider) => HostingRegistrations.PublishClock(provider, settings.TimeProvider ?? provider.GetService<TimeProvider>() ?? TimeProvider.System))
            .ValidateOnStart();
        HostingRegistrations.AddInstance(services, name, provider =>
        {
            // The options factory runs the validator: invalid settings throw OptionsValidationException listing every problem.
            var settings = provider.GetRequiredService<IOptionsMonitor<OpenId4VpVerifierSettings>>().Get(name);
            var credentials = settings.CredentialVerifierName is { Length: > 0 } verifierName
                ? provider.GetRequiredKeyedService<SdJwtVcVerifier>(verifierName)
                : provider.GetRequiredService<SdJwtVcVerifier>();
            var verifier = new OpenId4VpVerifier(HostingRegistrations.Store(provider, "OpenID4VP verifier"), credentials, settings.ToOptions(provider.GetService<TimeProvider>() ?? TimeProvider.System));
            HostingRegistrations.LogBuilt(provider, "OpenID4VP verifier", name, verifier.Options.ClientId);
            return verifier;
        });
        return new OpenId4VpVerifierBuilder(services, name);
    }
}
