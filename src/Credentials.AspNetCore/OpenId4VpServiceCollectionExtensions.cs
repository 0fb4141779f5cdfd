using System;
using Credentials.OpenId4Vp;
using Credentials.Protocols;
using Credentials.SdJwtVc;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers an <see cref="OpenId4VpVerifier"/> in DI.</summary>
public static class OpenId4VpServiceCollectionExtensions
{
    /// <summary>
    /// Registers the verifier as a singleton built from the <see cref="IProtocolStateStore"/> and
    /// <see cref="SdJwtVcVerifier"/> registered in DI (for example <c>SqliteProtocolStateStore</c>), with options validated
    /// when it is first resolved.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="options">Builds the options (the service provider gives access to configuration).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddOpenId4VpVerifier(this IServiceCollection services, Func<IServiceProvider, OpenId4VpVerifierOptions> options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        return services.AddSingleton(sp => new OpenId4VpVerifier(sp.GetRequiredService<IProtocolStateStore>(), sp.GetRequiredService<SdJwtVcVerifier>(), options: options(sp)));
    }
}
