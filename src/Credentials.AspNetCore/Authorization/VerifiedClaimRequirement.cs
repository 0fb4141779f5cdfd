using System;
using System.Linq;
using System.Security.Claims;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Credentials.AspNetCore.Authorization;

/// <summary>
/// Requires a claim verified from a presentation (an identity signed in by the verifiable presentation handler) whose
/// claim type is <see cref="ClaimType"/> and, when <see cref="Value"/> is set, whose value equals it by JSON semantics
/// (<c>true</c> is not <c>"true"</c>; <c>1</c> equals <c>1.0</c>). Its own handler: add it to a policy with
/// <see cref="VerifiablePresentationPolicyBuilderExtensions.RequireVerifiedClaim(AuthorizationPolicyBuilder, string, bool)"/>.
/// </summary>
/// <remarks>
/// An identity counts only when its authentication type names a scheme whose handler is a
/// <see cref="VerifiablePresentationHandler"/> and it carries that scheme's method claim (issued by the scheme's claims
/// issuer); another scheme's <c>amr</c> claim of the same value does not. The scheme is looked up in the request's
/// services, so the authorization resource must be the request (<c>HttpContext</c>, as endpoint routing and MVC pass it).
/// </remarks>
public sealed class VerifiedClaimRequirement : AuthorizationHandler<VerifiedClaimRequirement>, IAuthorizationRequirement
{
    /// <summary>Creates the requirement.</summary>
    /// <param name="claimType">The claim's path as the handler names it (for example <c>age_over_20</c> or <c>address.locality</c>).</param>
    /// <param name="value">The required value, or <see langword="null"/> for any value.</param>
    public VerifiedClaimRequirement(string claimType, JsonElement? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(claimType);
        ClaimType = claimType;
        Value = value?.Clone();
    }

    /// <summary>The claim type (the claim's path).</summary>
    public string ClaimType { get; }

    /// <summary>The required value, or <see langword="null"/> when any value will do.</summary>
    public JsonElement? Value { get; }

    /// <inheritdoc/>
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, VerifiedClaimRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        if ((await PresentationIdentities.ClaimsAsync(context).ConfigureAwait(false)).Any(c => c.Type == requirement.ClaimType && (requirement.Value is not { } expected || ValueEquals(c, expected))))
        {
            context.Succeed(requirement);
        }
    }

    /// <inheritdoc/>
    public override string ToString()
        => Value is { } value ? $"VerifiedClaimRequirement: {ClaimType} = {value.GetRawText()}" : $"VerifiedClaimRequirement: {ClaimType}";

    private static bool ValueEquals(Claim claim, JsonElement expected)
    {
        if (claim.ValueType == ClaimValueTypes.String)
        {
            return expected.ValueKind == JsonValueKind.String && string.Equals(expected.GetString(), claim.Value, StringComparison.Ordinal);
        }

        if (claim.ValueType is not (ClaimValueTypes.Boolean or ClaimValueTypes.Integer64 or ClaimValueTypes.Double or VerifiablePresentationDefaults.JsonClaimValueType))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(claim.Value, new JsonDocumentOptions { MaxDepth = 64 });
            return JsonElement.DeepEquals(document.RootElement, expected);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
