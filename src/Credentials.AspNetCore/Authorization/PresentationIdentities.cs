using System;
using System.Collections.Generic;
using System.Security.Claims;
using System.Threading.Tasks;
using Credentials.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Credentials.AspNetCore.Authorization;

/// <summary>
/// The claims of the identities a verifiable presentation handler signed in, and of no other identity: the identity's
/// <see cref="ClaimsIdentity.AuthenticationType"/> names a scheme whose handler is a
/// <see cref="VerifiablePresentationHandler"/>, and it carries the <see cref="ClaimTypes.AuthenticationMethod"/> claim
/// <see cref="VerifiablePresentationDefaults.AuthenticationMethod"/> issued by that scheme's claims issuer. A method
/// claim alone proves nothing: another scheme (OpenID Connect maps <c>amr</c> to it, a bearer token, a claims
/// transformation) can carry it. Without the request's services (the resource is not the request) nothing qualifies.
/// </summary>
internal static class PresentationIdentities
{
    public static async Task<IReadOnlyList<Claim>> ClaimsAsync(AuthorizationHandlerContext context)
    {
        var services = context.Resource switch
        {
            HttpContext http => http.RequestServices,
            AuthorizationFilterContext filter => filter.HttpContext.RequestServices,
            _ => null,
        };
        if (services?.GetService<IAuthenticationSchemeProvider>() is not { } schemes)
        {
            return [];
        }

        var options = services.GetService<IOptionsMonitor<VerifiablePresentationOptions>>();
        List<Claim>? claims = null;
        foreach (var identity in context.User.Identities)
        {
            if (!identity.IsAuthenticated || string.IsNullOrEmpty(identity.AuthenticationType)
                || await schemes.GetSchemeAsync(identity.AuthenticationType).ConfigureAwait(false) is not { } scheme
                || !typeof(VerifiablePresentationHandler).IsAssignableFrom(scheme.HandlerType))
            {
                continue;
            }

            // The handler stamps the method claim with its ClaimsIssuer (the scheme name unless configured).
            var issuer = options?.Get(scheme.Name).ClaimsIssuer ?? scheme.Name;
            if (!identity.HasClaim(c => c.Type == ClaimTypes.AuthenticationMethod
                    && string.Equals(c.Value, VerifiablePresentationDefaults.AuthenticationMethod, StringComparison.Ordinal)
                    && string.Equals(c.Issuer, issuer, StringComparison.Ordinal)))
            {
                continue;
            }

            (claims ??= []).AddRange(identity.Claims);
        }

        return (IReadOnlyList<Claim>?)claims ?? [];
    }
}
