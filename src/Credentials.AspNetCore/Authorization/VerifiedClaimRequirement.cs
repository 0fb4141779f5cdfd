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
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, VerifiedClaimRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        if (PresentationIdentities.Claims(context.User).Any(c => c.Type == requirement.ClaimType && (requirement.Value is not { } expected || ValueEquals(c, expected))))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
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
