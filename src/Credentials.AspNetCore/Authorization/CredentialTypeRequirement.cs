using System;
using System.Linq;
using System.Threading.Tasks;
using Credentials.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Credentials.AspNetCore.Authorization;

/// <summary>
/// Requires a credential of a type (an SD-JWT VC <c>vct</c>, an mdoc <c>doctype</c> or a W3C <c>type</c>) verified
/// from a presentation. Its own handler: add it with
/// <see cref="VerifiablePresentationPolicyBuilderExtensions.RequireCredentialType"/>. Reads the same identities as
/// <see cref="VerifiedClaimRequirement"/>.
/// </summary>
public sealed class CredentialTypeRequirement : AuthorizationHandler<CredentialTypeRequirement>, IAuthorizationRequirement
{
    /// <summary>Creates the requirement.</summary>
    /// <param name="credentialType">The type, compared ordinally.</param>
    public CredentialTypeRequirement(string credentialType)
    {
        ArgumentException.ThrowIfNullOrEmpty(credentialType);
        CredentialType = credentialType;
    }

    /// <summary>The credential type.</summary>
    public string CredentialType { get; }

    /// <inheritdoc/>
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, CredentialTypeRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        if ((await PresentationIdentities.ClaimsAsync(context).ConfigureAwait(false)).Any(c => c.Type == VerifiablePresentationClaimTypes.CredentialType && string.Equals(c.Value, requirement.CredentialType, StringComparison.Ordinal)))
        {
            context.Succeed(requirement);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"CredentialTypeRequirement: {CredentialType}";
}
