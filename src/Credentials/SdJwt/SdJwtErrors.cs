namespace Credentials.SdJwt;

/// <summary>Error codes for SD-JWT parsing and verification (RFC 9901).</summary>
public static class SdJwtErrors
{
    /// <summary><c>sdjwt.malformed</c>: not an SD-JWT (no <c>~</c> separator, empty parts, bad JSON serialization).</summary>
    public static readonly ErrorCode Malformed = new("sdjwt.malformed", VerificationFailureKind.Malformed);

    /// <summary><c>sdjwt.too_large</c>: the SD-JWT exceeds the configured size limit.</summary>
    public static readonly ErrorCode TooLarge = new("sdjwt.too_large", VerificationFailureKind.Malformed);

    /// <summary><c>sdjwt.too_many_disclosures</c>: more disclosures than the configured limit.</summary>
    public static readonly ErrorCode TooManyDisclosures = new("sdjwt.too_many_disclosures", VerificationFailureKind.Malformed);

    /// <summary><c>sdjwt.too_deep</c>: disclosures nest deeper than the configured limit.</summary>
    public static readonly ErrorCode TooDeep = new("sdjwt.too_deep", VerificationFailureKind.Malformed);

    /// <summary><c>sdjwt.invalid_disclosure</c>: a disclosure is not canonical base64url of a JSON array of 2 or 3 elements with a string salt (and name).</summary>
    public static readonly ErrorCode InvalidDisclosure = new("sdjwt.invalid_disclosure", VerificationFailureKind.InvalidDisclosure);

    /// <summary><c>sdjwt.reserved_claim_name</c>: a disclosure names <c>_sd</c> or <c>...</c> (RFC 9901 section 7.1 step 3.2.2.2).</summary>
    public static readonly ErrorCode ReservedClaimName = new("sdjwt.reserved_claim_name", VerificationFailureKind.InvalidDisclosure);

    /// <summary><c>sdjwt.duplicate_disclosure</c>: the same disclosure (the same digest) appears twice.</summary>
    public static readonly ErrorCode DuplicateDisclosure = new("sdjwt.duplicate_disclosure", VerificationFailureKind.InvalidDisclosure);

    /// <summary><c>sdjwt.duplicate_digest</c>: a digest appears more than once in the payload or in disclosed values (RFC 9901 section 7.1 step 4).</summary>
    public static readonly ErrorCode DuplicateDigest = new("sdjwt.duplicate_digest", VerificationFailureKind.InvalidDisclosure);

    /// <summary><c>sdjwt.unreferenced_disclosure</c>: a disclosure is not referenced by any digest (RFC 9901 section 7.1 step 5).</summary>
    public static readonly ErrorCode UnreferencedDisclosure = new("sdjwt.unreferenced_disclosure", VerificationFailureKind.InvalidDisclosure);

    /// <summary><c>sdjwt.claim_collision</c>: a disclosed claim name already exists as a plaintext claim at that level (RFC 9901 section 7.1 step 3.2.2.3).</summary>
    public static readonly ErrorCode ClaimCollision = new("sdjwt.claim_collision", VerificationFailureKind.InvalidDisclosure);

    /// <summary><c>sdjwt.disclosure_type_mismatch</c>: an array-element disclosure referenced from <c>_sd</c>, or an object-property disclosure referenced from <c>...</c>.</summary>
    public static readonly ErrorCode DisclosureTypeMismatch = new("sdjwt.disclosure_type_mismatch", VerificationFailureKind.InvalidDisclosure);

    /// <summary><c>sdjwt.invalid_sd_claim</c>: <c>_sd</c> is not an array of strings, or an array element <c>{"...": …}</c> is malformed (its digest not a string, or the object has members besides <c>...</c>).</summary>
    public static readonly ErrorCode InvalidSdClaim = new("sdjwt.invalid_sd_claim", VerificationFailureKind.InvalidDisclosure);

    /// <summary><c>sdjwt.unsupported_hash_algorithm</c>: <c>_sd_alg</c> is not a string naming an allowed hash algorithm.</summary>
    public static readonly ErrorCode UnsupportedHashAlgorithm = new("sdjwt.unsupported_hash_algorithm", VerificationFailureKind.UnsupportedAlgorithm);

    /// <summary><c>sdjwt.forbidden_disclosure</c>: a claim the verifier's profile never allows to be selectively disclosed arrived in a disclosure (for example <c>exp</c> or <c>cnf</c> in an SD-JWT VC).</summary>
    public static readonly ErrorCode ForbiddenDisclosure = new("sdjwt.forbidden_disclosure", VerificationFailureKind.InvalidDisclosure);

    /// <summary><c>sdjwt.expired</c>: <c>exp</c> is in the past (beyond the clock skew).</summary>
    public static readonly ErrorCode Expired = new("sdjwt.expired", VerificationFailureKind.Expired);

    /// <summary><c>sdjwt.not_yet_valid</c>: <c>nbf</c> is in the future (beyond the clock skew).</summary>
    public static readonly ErrorCode NotYetValid = new("sdjwt.not_yet_valid", VerificationFailureKind.NotYetValid);

    /// <summary><c>sdjwt.issued_in_future</c>: <c>iat</c> is in the future (beyond the clock skew).</summary>
    public static readonly ErrorCode IssuedInFuture = new("sdjwt.issued_in_future", VerificationFailureKind.NotYetValid);

    /// <summary><c>sdjwt.invalid_time_claim</c>: <c>exp</c>, <c>nbf</c> or <c>iat</c> is not a number.</summary>
    public static readonly ErrorCode InvalidTimeClaim = new("sdjwt.invalid_time_claim", VerificationFailureKind.Malformed);

    /// <summary><c>sdjwt.issuer_key_not_found</c>: no key is configured or resolvable for the issuer.</summary>
    public static readonly ErrorCode IssuerKeyNotFound = new("sdjwt.issuer_key_not_found", VerificationFailureKind.UntrustedIssuer);

    /// <summary>
    /// <c>sdjwt.unprotected_header_not_allowed</c>: a JWS JSON serialization carries an unprotected header member other
    /// than <c>disclosures</c> and <c>kb_jwt</c> (for example <c>kid</c> or <c>x5c</c>), or any member in the header of a
    /// signature beyond the first (RFC 9901 section 8.1).
    /// </summary>
    public static readonly ErrorCode UnprotectedHeaderNotAllowed = new("sdjwt.unprotected_header_not_allowed", VerificationFailureKind.Malformed);

    /// <summary>
    /// <c>sdjwt.multiple_signatures</c>: a General JWS JSON serialization carries more than one signature and the
    /// verifier's options do not allow it (<see cref="SdJwtVerifierOptions.AllowMultipleSignatures"/>).
    /// </summary>
    public static readonly ErrorCode MultipleSignatures = new("sdjwt.multiple_signatures", VerificationFailureKind.PolicyViolation);

    /// <summary>
    /// <c>sdjwt.missing_required_claim</c>: the verifier requires <c>exp</c>, <c>cnf</c> or <c>status</c> in the
    /// processed payload and it is absent (perhaps made selectively disclosable and withheld by the holder).
    /// </summary>
    public static readonly ErrorCode MissingRequiredClaim = new("sdjwt.missing_required_claim", VerificationFailureKind.PolicyViolation);

    /// <summary><c>sdjwt.misplaced_sd_alg</c>: <c>_sd_alg</c> appears below the top level of the payload or in a disclosed value (RFC 9901 section 4.1.1).</summary>
    public static readonly ErrorCode MisplacedSdAlg = new("sdjwt.misplaced_sd_alg", VerificationFailureKind.InvalidDisclosure);
}
