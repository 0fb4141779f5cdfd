using System;
using Credentials.W3c.OpenBadges.Baking;

namespace Credentials.W3c.OpenBadges;

/// <summary>Policy of an <see cref="OpenBadgeVerifier"/>. Immutable.</summary>
public sealed record OpenBadgeVerifierOptions
{
    /// <summary>The defaults: <see cref="W3cCredentialVerifierOptions.Default"/> and <see cref="BadgeBakingOptions.Default"/>.</summary>
    public static OpenBadgeVerifierOptions Default { get; } = new();

    /// <summary>How the credential is verified: trust, status, clock, Data Integrity and VC-JOSE policy, data model limits.</summary>
    public W3cCredentialVerifierOptions Credential { get; init; } = W3cCredentialVerifierOptions.Default;

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
