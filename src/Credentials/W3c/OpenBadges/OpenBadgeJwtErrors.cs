namespace Credentials.W3c.OpenBadges;

/// <summary>
/// Error codes of the Open Badges 3.0 JSON Web Token proof format (section 8.2): the JOSE header, the registered JWT
/// claims and the RSA keys it admits. JWS structure and signature errors are <c>jose.*</c> (<see cref="Jose.JoseErrors"/>),
/// data model errors <c>vc.*</c> (<see cref="VcErrors"/>). Every code is listed in <c>specs/errors.md</c>.
/// </summary>
public static class OpenBadgeJwtErrors
{
    /// <summary><c>ob.jwt_invalid_type</c>: the header's <c>typ</c> is present and is not <c>JWT</c> (section 8.2.3).</summary>
    public static readonly ErrorCode InvalidType = new("ob.jwt_invalid_type", VerificationFailureKind.Malformed);

    /// <summary>
    /// <c>ob.jwt_invalid_header</c>: the JOSE header has a parameter other than <c>alg</c>, <c>kid</c>, <c>jwk</c> and
    /// <c>typ</c> (section 8.2.3: additional JOSE headers are not allowed), names no key (neither <c>kid</c> nor
    /// <c>jwk</c>), or its <c>jwk</c> is not a JSON object.
    /// </summary>
    public static readonly ErrorCode InvalidHeader = new("ob.jwt_invalid_header", VerificationFailureKind.Malformed);

    /// <summary>
    /// <c>ob.jwt_weak_key</c>: an RSA key is outside this verifier's bounds: a modulus shorter than the minimum (2048
    /// bits by default) or longer than 8192 bits, not minimally encoded, or a public exponent that is even, below 65537
    /// or 2^256 and above.
    /// </summary>
    public static readonly ErrorCode WeakKey = new("ob.jwt_weak_key", VerificationFailureKind.PolicyViolation);

    /// <summary>
    /// <c>ob.jwt_key_unresolved</c>: the header names its key only by a <c>kid</c> that this verifier cannot
    /// dereference: not a DID URL that resolves to an <c>assertionMethod</c> key of the issuer's DID, and not the
    /// <c>kid</c> of a key configured for the issuer.
    /// </summary>
    public static readonly ErrorCode KeyUnresolved = new("ob.jwt_key_unresolved", VerificationFailureKind.ResolutionFailed);

    /// <summary>
    /// <c>ob.jwt_key_not_bound</c>: reported (as the reason of a <see cref="CheckOutcome.NotChecked"/> issuer trust
    /// check, never as a failure) when the token verifies with the key in its own <c>jwk</c> header and nothing binds
    /// that key to the issuer: the token proves only that the holder of some key signed it.
    /// </summary>
    public static readonly ErrorCode KeyNotBound = new("ob.jwt_key_not_bound", VerificationFailureKind.UntrustedIssuer);

    /// <summary><c>ob.jwt_missing_claim</c>: a registered claim the format requires is absent: <c>iss</c>, <c>jti</c> (the credential has an <c>id</c>), <c>sub</c> (the subject has an <c>id</c>); and, when the verifier requires them, <c>nbf</c> and <c>exp</c> (section 8.2.4.1).</summary>
    public static readonly ErrorCode MissingClaim = new("ob.jwt_missing_claim", VerificationFailureKind.Malformed);

    /// <summary><c>ob.jwt_invalid_claim</c>: a registered claim has the wrong type: <c>iss</c>, <c>jti</c> or <c>sub</c> not a string, <c>nbf</c> or <c>exp</c> not a NumericDate.</summary>
    public static readonly ErrorCode InvalidClaim = new("ob.jwt_invalid_claim", VerificationFailureKind.Malformed);

    /// <summary><c>ob.jwt_issuer_mismatch</c>: <c>iss</c> is not the credential's <c>issuer.id</c> (section 8.2.6.1).</summary>
    public static readonly ErrorCode IssuerMismatch = new("ob.jwt_issuer_mismatch", VerificationFailureKind.UntrustedIssuer);

    /// <summary>
    /// <c>ob.jwt_claim_mismatch</c>: a registered claim does not match the member it stands for (section 8.2.6.1):
    /// <c>jti</c> and <c>id</c>, <c>sub</c> and <c>credentialSubject.id</c>, <c>nbf</c> and <c>validFrom</c>,
    /// <c>exp</c> and <c>validUntil</c> (compared to the second).
    /// </summary>
    public static readonly ErrorCode ClaimMismatch = new("ob.jwt_claim_mismatch", VerificationFailureKind.Malformed);

    /// <summary>
    /// <c>ob.jwt_legacy_payload</c>: the payload wraps the credential in a <c>vc</c> claim (the JWT form of VC Data
    /// Model 1.1, noted in section 8.2.6); this verifier reads Open Badges 3.0 credentials of VC Data Model 2.0 only.
    /// </summary>
    public static readonly ErrorCode LegacyPayload = new("ob.jwt_legacy_payload", VerificationFailureKind.Malformed);
}
