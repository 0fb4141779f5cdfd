using System;
using System.Buffers;
using System.Text.Json;
using Credentials.AspNetCore.Authentication;
using Credentials.AspNetCore.Authorization;

namespace Microsoft.AspNetCore.Authorization;

/// <summary>
/// Policy requirements on claims verified from a presentation, for example
/// <c>options.AddPolicy("Over20", p =&gt; p.RequireVerifiedClaim("age_over_20", true))</c>.
/// </summary>
/// <remarks>
/// When the policy names no authentication scheme yet, these add <see cref="VerifiablePresentationDefaults.AuthenticationScheme"/>,
/// so that an anonymous request is challenged with a presentation (the scheme's query decides what it asks for) and a
/// user whose verified claims do not satisfy the policy is forbidden (the sign-in scheme's forbid, HTTP 403 or its
/// access-denied page). A policy that names its schemes keeps them.
/// </remarks>
public static class VerifiablePresentationPolicyBuilderExtensions
{
    /// <summary>Requires the verified claim <paramref name="claimPath"/> with the boolean value <paramref name="value"/>.</summary>
    /// <param name="builder">The policy builder.</param>
    /// <param name="claimPath">The claim's path as the handler names it (for example <c>age_over_20</c>).</param>
    /// <param name="value">The value.</param>
    /// <returns>The builder.</returns>
    public static AuthorizationPolicyBuilder RequireVerifiedClaim(this AuthorizationPolicyBuilder builder, string claimPath, bool value)
        => builder.RequireVerifiedClaim(claimPath, Element(w => w.WriteBooleanValue(value)));

    /// <summary>Requires the verified claim <paramref name="claimPath"/> with the string value <paramref name="value"/>.</summary>
    /// <param name="builder">The policy builder.</param>
    /// <param name="claimPath">The claim's path.</param>
    /// <param name="value">The value.</param>
    /// <returns>The builder.</returns>
    public static AuthorizationPolicyBuilder RequireVerifiedClaim(this AuthorizationPolicyBuilder builder, string claimPath, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return builder.RequireVerifiedClaim(claimPath, Element(w => w.WriteStringValue(value)));
    }

    /// <summary>Requires the verified claim <paramref name="claimPath"/> with the integer value <paramref name="value"/>.</summary>
    /// <param name="builder">The policy builder.</param>
    /// <param name="claimPath">The claim's path.</param>
    /// <param name="value">The value.</param>
    /// <returns>The builder.</returns>
    public static AuthorizationPolicyBuilder RequireVerifiedClaim(this AuthorizationPolicyBuilder builder, string claimPath, long value)
        => builder.RequireVerifiedClaim(claimPath, Element(w => w.WriteNumberValue(value)));

    /// <summary>Requires the verified claim <paramref name="claimPath"/> with a JSON value, compared by JSON semantics.</summary>
    /// <param name="builder">The policy builder.</param>
    /// <param name="claimPath">The claim's path.</param>
    /// <param name="value">The value.</param>
    /// <returns>The builder.</returns>
    public static AuthorizationPolicyBuilder RequireVerifiedClaim(this AuthorizationPolicyBuilder builder, string claimPath, JsonElement value)
        => Add(builder, new VerifiedClaimRequirement(claimPath, value));

    /// <summary>Requires the verified claim <paramref name="claimPath"/> with any value.</summary>
    /// <param name="builder">The policy builder.</param>
    /// <param name="claimPath">The claim's path.</param>
    /// <returns>The builder.</returns>
    public static AuthorizationPolicyBuilder RequireVerifiedClaim(this AuthorizationPolicyBuilder builder, string claimPath)
        => Add(builder, new VerifiedClaimRequirement(claimPath, null));

    /// <summary>Requires a verified credential of the type <paramref name="credentialType"/> (an SD-JWT VC <c>vct</c>, an mdoc <c>doctype</c> or a W3C <c>type</c>).</summary>
    /// <param name="builder">The policy builder.</param>
    /// <param name="credentialType">The type.</param>
    /// <returns>The builder.</returns>
    public static AuthorizationPolicyBuilder RequireCredentialType(this AuthorizationPolicyBuilder builder, string credentialType)
        => Add(builder, new CredentialTypeRequirement(credentialType));

    private static AuthorizationPolicyBuilder Add(AuthorizationPolicyBuilder builder, IAuthorizationRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.AuthenticationSchemes.Count == 0)
        {
            builder.AddAuthenticationSchemes(VerifiablePresentationDefaults.AuthenticationScheme);
        }

        return builder.AddRequirements(requirement);
    }

    private static JsonElement Element(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
