using Credentials.OAuth;

namespace Credentials.OpenId4Vci;

/// <summary>
/// DPoP (RFC 9449) at an <see cref="OpenId4VciIssuer"/>'s token and Credential endpoints, set as
/// <see cref="OpenId4VciIssuerOptions.Dpop"/>. A Token Request with a valid proof gets an access token bound to the
/// proof's key (<c>token_type</c> <c>DPoP</c>); the Credential Endpoint then accepts that token only as
/// <c>Authorization: DPoP</c> with a proof by the same key carrying the token's hash.
/// </summary>
public sealed record OpenId4VciDpopOptions
{
    /// <summary>
    /// Whether every Token Request must carry a DPoP proof and every access token be DPoP-bound, as HAIP 1.0 requires
    /// (default <see langword="true"/>). When <see langword="false"/>, a Token Request without a proof still gets a
    /// Bearer token.
    /// </summary>
    public bool Required { get; init; } = true;

    /// <summary>
    /// How proofs are validated: the accepted algorithms (published as <c>dpop_signing_alg_values_supported</c>; default
    /// ES256), the <c>iat</c> window, the size limit and whether server nonces are required. Its
    /// <see cref="DpopProofValidatorOptions.TimeProvider"/> is replaced by the issuer's.
    /// </summary>
    public DpopProofValidatorOptions Validation { get; init; } = new();
}
