using System;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.AspNetCore.Hosting;

/// <summary>Configures an <see cref="Credentials.SdJwtVc.SdJwtVcVerifier"/> registered with <c>AddSdJwtVcVerifier</c>.</summary>
public sealed class SdJwtVcVerifierBuilder
{
    internal SdJwtVcVerifierBuilder(IServiceCollection services, string name)
    {
        Services = services;
        Name = name;
    }

    /// <summary>The services the verifier is registered in.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The verifier's name: empty for the default verifier, else its DI service key and options name.</summary>
    public string Name { get; }

    /// <summary>Configures the settings again, with access to the app's services (run after the registration's own configuration).</summary>
    /// <param name="configure">Sets values, for example a resolver built from other services.</param>
    /// <returns>This builder.</returns>
    public SdJwtVcVerifierBuilder Configure(Action<SdJwtVcVerifierSettings, IServiceProvider> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.AddOptions<SdJwtVcVerifierSettings>(Name).Configure<IServiceProvider>(configure);
        return this;
    }
}
