namespace Credentials.W3c.VcJose;

/// <summary>
/// Error codes of VC-JOSE-COSE (W3C Recommendation, JOSE part): credentials and presentations secured as
/// <c>application/vc+jwt</c> and <c>application/vp+jwt</c>. JWS structure, algorithm and signature errors are
/// <c>jose.*</c> (<see cref="Jose.JoseErrors"/>); data model errors are <c>vc.*</c> (<see cref="VcErrors"/>).
/// </summary>
public static class VcJoseErrors
{
    /// <summary>
    /// <c>vcjose.forbidden_claim</c>: the JWT Claims Set has a <c>vc</c> or <c>vp</c> claim, which VC-JOSE-COSE
    /// forbids (sections 1.1.2 and 3.1.3; the JWT form of VCDM 1.1 wrapped the credential in them).
    /// </summary>
    public static readonly ErrorCode ForbiddenClaim = new("vcjose.forbidden_claim", VerificationFailureKind.Malformed);

    /// <summary><c>vcjose.invalid_claim</c>: a registered JWT claim has the wrong type (<c>iss</c>, <c>sub</c>, <c>jti</c> not strings; <c>exp</c>, <c>nbf</c> not NumericDates).</summary>
    public static readonly ErrorCode InvalidClaim = new("vcjose.invalid_claim", VerificationFailureKind.Malformed);

    /// <summary><c>vcjose.issuer_mismatch</c>: <c>iss</c> is present and is not the credential's <c>issuer</c> (or <c>issuer.id</c>) (section 4.1.2).</summary>
    public static readonly ErrorCode IssuerMismatch = new("vcjose.issuer_mismatch", VerificationFailureKind.UntrustedIssuer);

    /// <summary><c>vcjose.holder_mismatch</c>: <c>iss</c> of a presentation is present and is not its <c>holder</c> (or <c>holder.id</c>).</summary>
    public static readonly ErrorCode HolderMismatch = new("vcjose.holder_mismatch", VerificationFailureKind.UntrustedIssuer);

    /// <summary>
    /// <c>vcjose.missing_key_id</c>: the header has no usable <c>kid</c> where one is required: the issuer (or holder) is
    /// a DID (section 4.1.1), or <c>iss</c> is absent and the <c>kid</c> is not an absolute URL (section 4.3).
    /// </summary>
    public static readonly ErrorCode MissingKeyId = new("vcjose.missing_key_id", VerificationFailureKind.UntrustedIssuer);

    /// <summary><c>vcjose.key_mismatch</c>: the <c>kid</c> is a DID URL of another DID than the issuer's (or holder's).</summary>
    public static readonly ErrorCode KeyMismatch = new("vcjose.key_mismatch", VerificationFailureKind.UntrustedIssuer);

    /// <summary>
    /// <c>vcjose.claim_conflict</c>: a JWT claim conflicts with the member it stands for: <c>jti</c> with <c>id</c>, or
    /// <c>sub</c> with every <c>credentialSubject.id</c> (section 3.1.3 says implementers should not set such values; this
    /// verifier refuses them, as two identifiers in one signed document leave a relying party to guess).
    /// </summary>
    public static readonly ErrorCode ClaimConflict = new("vcjose.claim_conflict", VerificationFailureKind.Malformed);

    /// <summary><c>vcjose.expired</c>: the JWT <c>exp</c> (the signature's expiration) has passed (section 3.1.3).</summary>
    public static readonly ErrorCode Expired = new("vcjose.expired", VerificationFailureKind.Expired);

    /// <summary><c>vcjose.not_yet_valid</c>: the JWT <c>nbf</c> is in the future.</summary>
    public static readonly ErrorCode NotYetValid = new("vcjose.not_yet_valid", VerificationFailureKind.NotYetValid);

    /// <summary>
    /// <c>vcjose.unsupported_envelope</c>: a presented credential is enveloped in a media type this verifier cannot
    /// verify (for example <c>application/vc+sd-jwt</c> or <c>application/vc+cose</c>), or is embedded with a proof
    /// and no embedded-proof verifier was given; the presentation's policy asked to verify every credential.
    /// </summary>
    public static readonly ErrorCode UnsupportedEnvelope = new("vcjose.unsupported_envelope", VerificationFailureKind.PolicyViolation);
}
