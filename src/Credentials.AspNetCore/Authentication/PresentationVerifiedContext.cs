using System.Security.Claims;
using Credentials.OpenId4Vp;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Credentials.AspNetCore.Authentication;

/// <summary>
/// The context of <see cref="VerifiablePresentationEvents.OnPresentationVerified"/>: an accepted presentation and the
/// principal about to be signed in. The app may add claims to <see cref="ResultContext{TOptions}.Principal"/>, or
/// refuse with <see cref="ResultContext{TOptions}.Fail(string)"/>.
/// </summary>
public sealed class PresentationVerifiedContext : ResultContext<VerifiablePresentationOptions>
{
    /// <summary>Creates the context.</summary>
    /// <param name="context">The request.</param>
    /// <param name="scheme">The scheme.</param>
    /// <param name="options">The handler's options.</param>
    /// <param name="principal">The principal built from the verified disclosed claims.</param>
    /// <param name="properties">The authentication properties (with the return URL).</param>
    /// <param name="result">The verifier's result (accepted).</param>
    public PresentationVerifiedContext(HttpContext context, AuthenticationScheme scheme, VerifiablePresentationOptions options, ClaimsPrincipal principal, AuthenticationProperties properties, OpenId4VpTransactionResult result)
        : base(context, scheme, options)
    {
        Principal = principal;
        Properties = properties;
        PresentationResult = result;
    }

    /// <summary>The verifier's result: every presentation with its verified claims and checks.</summary>
    public OpenId4VpTransactionResult PresentationResult { get; }
}
