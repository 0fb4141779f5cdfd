namespace Credentials.W3c.VcJose;

/// <summary>What a verifier accepts in a <c>vp+jwt</c> presentation, per request.</summary>
/// <remarks>
/// VCDM 2.0 section 4.13: presentations should be short-lived and bound to a challenge of the verifier. VC-JOSE-COSE
/// defines no claims for that; this policy uses the registered JWT claims <c>aud</c> (RFC 7519 section 4.1.3) and
/// <c>nonce</c> (IANA JSON Web Token Claims registry), which <see cref="VcJwtHolder.PresentAsync"/> writes.
/// </remarks>
public sealed record VcJwtPresentationPolicy
{
    /// <summary>The default policy: every presented credential is verified; no audience or nonce is required.</summary>
    public static VcJwtPresentationPolicy Default { get; } = new();

    /// <summary>What to do with the presented credentials. Default: verify them all.</summary>
    public PresentedCredentialVerification Credentials { get; init; } = PresentedCredentialVerification.VerifyAll;

    /// <summary>When set, <c>aud</c> must be this value or an array containing it (<see cref="VcJoseErrors.AudienceMismatch"/>).</summary>
    public string? Audience { get; init; }

    /// <summary>When set, <c>nonce</c> must be this value (<see cref="VcJoseErrors.NonceMismatch"/>).</summary>
    public string? Nonce { get; init; }
}
