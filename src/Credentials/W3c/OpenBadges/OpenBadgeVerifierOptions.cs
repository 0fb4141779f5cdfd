using System;
using Credentials.W3c.OpenBadges.Baking;

namespace Credentials.W3c.OpenBadges;

/// <summary>Policy of an <see cref="OpenBadgeVerifier"/>. Immutable.</summary>
public sealed record OpenBadgeVerifierOptions
{
    /// <summary>
    /// The defaults: <see cref="W3cCredentialVerifierOptions.Default"/> with the Open Badges JWT form,
    /// <see cref="BadgeBakingOptions.Default"/>, and schema validation.
    /// </summary>
    public static OpenBadgeVerifierOptions Default { get; } = new();

    /// <summary>
    /// How the credential is verified: trust, status, clock, Data Integrity, VC-JOSE and Open Badges JWT policy, data
    /// model limits. The Open Badges JWT form (section 8.2) is always accepted: when
    /// <see cref="W3cCredentialVerifierOptions.OpenBadgeJwt"/> is <see langword="null"/>,
    /// <see cref="OpenBadgeJwtVerifierOptions.Default"/> applies.
    /// </summary>
    public W3cCredentialVerifierOptions Credential { get; init; } = W3cCredentialVerifierOptions.Default;

    /// <summary>
    /// Whether a verified credential is also checked against the 1EdTech JSON Schema of its type
    /// (<see cref="OpenBadgeSchemaValidator"/>; section 9.1, step 1). Default <see langword="true"/>.
    /// </summary>
    public bool ValidateSchema { get; init; } = true;

    /// <summary>
    /// Limits on the input and on a baked credential. <see cref="BadgeBakingOptions.MaxImageBytes"/> also bounds JSON and
    /// compact JWS input.
    /// </summary>
    public BadgeBakingOptions Baking { get; init; } = BadgeBakingOptions.Default;

    internal void Validate(string parameterName)
    {
        ArgumentNullException.ThrowIfNull(Credential, parameterName);
        ArgumentNullException.ThrowIfNull(Baking, parameterName);
        Baking.Validate(parameterName);
    }
}
