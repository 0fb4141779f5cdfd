using System.Collections.Generic;
using System.Linq;
using System.Security.Claims;
using Credentials.AspNetCore.Authentication;

namespace Credentials.AspNetCore.Authorization;

/// <summary>The claims of the identities the verifiable presentation handler signed in (and of no other identity).</summary>
internal static class PresentationIdentities
{
    public static IEnumerable<Claim> Claims(ClaimsPrincipal? user)
        => user is null ? []
            : user.Identities
                .Where(i => i.IsAuthenticated && i.HasClaim(ClaimTypes.AuthenticationMethod, VerifiablePresentationDefaults.AuthenticationMethod))
                .SelectMany(i => i.Claims);
}
