using System;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.AspNetCore.Hosting;

/// <summary>Configures an <see cref="Credentials.OpenId4Vp.OpenId4VpVerifier"/> registered with <c>AddOpenId4VpVerifier</c>.</summary>
public sealed class OpenId4VpVerifierBuilder
{
    internal OpenId4VpVerifierBuilder(IServiceCollection services, string name)
    {
        Services = services;
        Name = name;
    }

    /// <summary>The services the verifier is registered in.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The verifier's name: empty for the default verifier, else its DI service key and options name.</summary>
    public string Name { get; }

    /// <summary>Configures the settings again, with access to the app's services (run after the registration's own configuration).</summary>
    /// <param name="configure">Sets values, for example a request signer from a key store.</param>
    /// <returns>This builder.</returns>
    public OpenId4VpVerifierBuilder Configure(Action<OpenId4VpVerifierSettings, IServiceProvider> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.AddOptions<OpenId4VpVerifierSettings>(Name).Configure<IServiceProvider>(configure);
        return this;
    }
}
