using System;
using Credentials.AspNetCore.Hosting;
using Credentials.SdJwtVc;
using Credentials.SdJwtVc.TypeMetadata.Resolution;
using Credentials.Status;
using Credentials.Trust;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers an <see cref="SdJwtVcVerifier"/>: the default one (resolved as <see cref="SdJwtVcVerifier"/>, which
/// <c>AddOpenId4VpVerifier</c> uses) or named ones (keyed singletons), each built once from its
/// <see cref="SdJwtVcVerifierSettings"/> (named options, bound from configuration, validated at start-up).
/// </summary>
public static class SdJwtVcServiceCollectionExtensions
{
    /// <summary>Registers the default verifier from settings set in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the settings (issuer keys, policy …).</param>
    /// <returns>A builder to chain further configuration on.</returns>
    /// <exception cref="InvalidOperationException">The default verifier is already registered.</exception>
    public static SdJwtVcVerifierBuilder AddSdJwtVcVerifier(this IServiceCollection services, Action<SdJwtVcVerifierSettings> configure)
        => services.AddSdJwtVcVerifier(string.Empty, configure);

    /// <summary>Registers the default verifier from a configuration section (keys are <see cref="SdJwtVcVerifierSettings"/>' property names) completed in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section with the bindable values.</param>
    /// <param name="configure">Sets what configuration cannot hold; runs after binding.</param>
    /// <returns>A builder to chain further configuration on.</returns>
    /// <exception cref="InvalidOperationException">The default verifier is already registered.</exception>
    public static SdJwtVcVerifierBuilder AddSdJwtVcVerifier(this IServiceCollection services, IConfiguration configuration, Action<SdJwtVcVerifierSettings> configure)
        => services.AddSdJwtVcVerifier(string.Empty, configuration, configure);

    /// <summary>Registers a verifier named <paramref name="name"/> (a keyed singleton) from settings set in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The verifier's name: its service key and options name; empty for the default verifier.</param>
    /// <param name="configure">Sets the settings.</param>
    /// <returns>A builder to chain further configuration on.</returns>
    /// <exception cref="InvalidOperationException">A verifier with this name is already registered.</exception>
    public static SdJwtVcVerifierBuilder AddSdJwtVcVerifier(this IServiceCollection services, string name, Action<SdJwtVcVerifierSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = Register(services, name);
        services.AddOptions<SdJwtVcVerifierSettings>(name).Configure(configure);
        return builder;
    }

    /// <summary>Registers a verifier named <paramref name="name"/> from a configuration section completed in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The verifier's name: its service key and options name; empty for the default verifier.</param>
    /// <param name="configuration">The section with the bindable values.</param>
    /// <param name="configure">Sets what configuration cannot hold; runs after binding.</param>
    /// <returns>A builder to chain further configuration on.</returns>
    /// <exception cref="InvalidOperationException">A verifier with this name is already registered.</exception>
    public static SdJwtVcVerifierBuilder AddSdJwtVcVerifier(this IServiceCollection services, string name, IConfiguration configuration, Action<SdJwtVcVerifierSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = Register(services, name);
        services.AddOptions<SdJwtVcVerifierSettings>(name).Configure(settings => settings.Bind(configuration)).Configure(configure);
        return builder;
    }

    private static SdJwtVcVerifierBuilder Register(IServiceCollection services, string name)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        HostingRegistrations.Claim(services, typeof(SdJwtVcVerifier), name);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SdJwtVcVerifierSettings>, SdJwtVcVerifierSettingsValidator>());
        services.AddOptions<SdJwtVcVerifierSettings>(name).ValidateOnStart();
        HostingRegistrations.AddInstance(services, name, provider =>
        {
            // The options factory runs the validator: invalid settings throw OptionsValidationException listing every problem.
            var settings = provider.GetRequiredService<IOptionsMonitor<SdJwtVcVerifierSettings>>().Get(name);
            return new SdJwtVcVerifier(
                settings.IssuerKeys ?? HostingRegistrations.Resolve<IIssuerKeyResolver>(provider, name) ?? throw new InvalidOperationException("Register an IIssuerKeyResolver or set SdJwtVcVerifierSettings.IssuerKeys."),
                settings.StatusLists ?? HostingRegistrations.Resolve<IStatusListResolver>(provider, name),
                settings.TypeMetadata ?? HostingRegistrations.Resolve<ITypeMetadataResolver>(provider, name),
                settings.ToOptions(provider.GetService<TimeProvider>() ?? TimeProvider.System));
        });
        return new SdJwtVcVerifierBuilder(services, name);
    }
}
