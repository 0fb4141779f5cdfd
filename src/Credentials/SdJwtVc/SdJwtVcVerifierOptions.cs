namespace Credentials.SdJwtVc;

/// <summary>
/// Options for <see cref="SdJwtVcVerifier"/> that hold across requests: every <see cref="SdJwt.SdJwtVerifierOptions"/>
/// setting, with the SD-JWT VC profile's defaults, plus the profile's own.
/// </summary>
/// <remarks>
/// The profile fixes two base settings itself: <see cref="SdJwt.SdJwtVerifierOptions.AcceptedTypes"/> (<c>dc+sd-jwt</c>,
/// and <c>vc+sd-jwt</c> with <see cref="AcceptLegacyType"/>; section 3.2.1) and the registered claims that are never
/// selectively disclosable, which are added to <see cref="SdJwt.SdJwtVerifierOptions.NeverDisclosableClaims"/>
/// (section 3.2.2.2). <see cref="SdJwt.SdJwtVerifierOptions.RequireExpirationTime"/> and
/// <see cref="SdJwt.SdJwtVerifierOptions.RequireConfirmationKey"/> are on by default here: a verifier cannot tell which
/// claim an undisclosed digest hides, so a credential whose issuer made <c>exp</c> or <c>cnf</c> disclosable could have
/// it withheld. <see cref="SdJwt.SdJwtVerifierOptions.RequireStatus"/> stays off by default, because <c>status</c> is
/// optional in SD-JWT VC and many credentials have none: turn it on wherever the issuers you trust publish status, so
/// that a withheld <c>status</c> cannot hide a revocation (the sample verifier does).
/// </remarks>
public sealed record SdJwtVcVerifierOptions : SdJwt.SdJwtVerifierOptions
{
    /// <summary>Creates the options with the SD-JWT VC profile's defaults.</summary>
    public SdJwtVcVerifierOptions()
    {
        RequireExpirationTime = true;
        RequireConfirmationKey = true;
    }

    /// <summary>
    /// Accept the older <c>typ</c> <c>vc+sd-jwt</c> during the transition (draft-ietf-oauth-sd-jwt-vc-25 section 3.2.1).
    /// Default: off; only <c>dc+sd-jwt</c> is accepted unless a deployment opts in.
    /// </summary>
    public bool AcceptLegacyType { get; init; }
}
