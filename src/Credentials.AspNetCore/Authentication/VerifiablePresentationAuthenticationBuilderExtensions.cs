using System;
using Credentials.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the verifiable presentation (OpenID4VP) authentication scheme.</summary>
public static class VerifiablePresentationAuthenticationBuilderExtensions
{
    /// <summary>Adds the scheme <see cref="VerifiablePresentationDefaults.AuthenticationScheme"/>.</summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="configure">Sets the query, the flow and the sign-in scheme.</param>
    /// <returns>The builder.</returns>
    public static AuthenticationBuilder AddVerifiablePresentation(this AuthenticationBuilder builder, Action<VerifiablePresentationOptions> configure)
        => builder.AddVerifiablePresentation(VerifiablePresentationDefaults.AuthenticationScheme, VerifiablePresentationDefaults.DisplayName, configure);

    /// <summary>Adds a verifiable presentation scheme under a name of the app's choosing.</summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="authenticationScheme">The scheme name.</param>
    /// <param name="displayName">The display name, or <see langword="null"/>.</param>
    /// <param name="configure">Sets the query, the flow and the sign-in scheme.</param>
    /// <returns>The builder.</returns>
    /// <remarks>
    /// Needs an <c>OpenId4VpVerifier</c> (<c>AddOpenId4VpVerifier</c>, its endpoints mapped with
    /// <c>MapOpenId4VpVerifier</c>) and the <c>IProtocolStateStore</c> it uses, unless the options name them; the
    /// options are validated when the scheme is first used.
    /// </remarks>
    public static AuthenticationBuilder AddVerifiablePresentation(this AuthenticationBuilder builder, string authenticationScheme, string? displayName, Action<VerifiablePresentationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(authenticationScheme);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<VerifiablePresentationOptions>, VerifiablePresentationPostConfigureOptions>());
        return builder.AddRemoteScheme<VerifiablePresentationOptions, VerifiablePresentationHandler>(authenticationScheme, displayName, configure);
    }
}
