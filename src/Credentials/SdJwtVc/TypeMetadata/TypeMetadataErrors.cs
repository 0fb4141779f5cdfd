namespace Credentials.SdJwtVc.TypeMetadata;

/// <summary>
/// Error codes for SD-JWT VC Type Metadata (draft-ietf-oauth-sd-jwt-vc section 5): retrieval, integrity, parsing,
/// <c>extends</c> chains and the validation of a credential against claim metadata. Every code is listed in
/// <c>specs/errors.md</c>; codes never change once released.
/// </summary>
/// <remarks>
/// Retrieval failures (the metadata could not be obtained, including every <see cref="Credentials.Http.HttpErrors"/> code
/// of the HTTP resolver) have the kind <see cref="VerificationFailureKind.ResolutionFailed"/>,
/// so a verifier whose policy makes type metadata optional can tell "not available" from "available and violated".
/// They are never reported as signature problems.
/// </remarks>
public static class TypeMetadataErrors
{
    /// <summary><c>typemetadata.not_found</c>: no Type Metadata exists for the <c>vct</c> (not in the registry, or the <c>vct</c> is not a retrievable URL). An HTTP fetch that fails is reported with its <see cref="Credentials.Http.HttpErrors"/> code.</summary>
    public static readonly ErrorCode NotFound = new("typemetadata.not_found", VerificationFailureKind.ResolutionFailed);

    /// <summary><c>typemetadata.too_large</c>: the document exceeds the reader's size limit (default 256 KiB; an oversized HTTP response is <see cref="Credentials.Http.HttpErrors.TooLarge"/>).</summary>
    public static readonly ErrorCode TooLarge = new("typemetadata.too_large", VerificationFailureKind.ResolutionFailed);

    /// <summary><c>typemetadata.invalid</c>: the document is not a JSON object of the Type Metadata format (section 5.2): invalid JSON, duplicate members, missing or mistyped <c>vct</c>, malformed <c>display</c>, <c>rendering</c> or <c>claims</c>.</summary>
    public static readonly ErrorCode Invalid = new("typemetadata.invalid", VerificationFailureKind.Malformed);

    /// <summary><c>typemetadata.integrity_invalid</c>: an integrity value (<c>vct#integrity</c>, <c>extends#integrity</c>) is not W3C SRI integrity metadata with a supported algorithm (sha256, sha384, sha512).</summary>
    public static readonly ErrorCode IntegrityInvalid = new("typemetadata.integrity_invalid", VerificationFailureKind.PolicyViolation);

    /// <summary><c>typemetadata.integrity_mismatch</c>: the digest of the retrieved document does not match its integrity value (section 6).</summary>
    public static readonly ErrorCode IntegrityMismatch = new("typemetadata.integrity_mismatch", VerificationFailureKind.PolicyViolation);

    /// <summary><c>typemetadata.vct_mismatch</c>: the retrieved document's <c>vct</c> is not the type that was requested (section 5.3).</summary>
    public static readonly ErrorCode VctMismatch = new("typemetadata.vct_mismatch", VerificationFailureKind.PolicyViolation);

    /// <summary><c>typemetadata.extends_cycle</c>: the <c>extends</c> chain leads back to a type already in it (section 7.4).</summary>
    public static readonly ErrorCode ExtendsCycle = new("typemetadata.extends_cycle", VerificationFailureKind.PolicyViolation);

    /// <summary><c>typemetadata.too_deep</c>: the <c>extends</c> chain is longer than the configured limit (default 5).</summary>
    public static readonly ErrorCode TooDeep = new("typemetadata.too_deep", VerificationFailureKind.PolicyViolation);

    /// <summary><c>typemetadata.invalid_extension</c>: an extending type changes an inherited <c>sd</c> of <c>always</c>/<c>never</c>, or an inherited <c>mandatory: true</c> to <c>false</c> (section 5.6.5.1).</summary>
    public static readonly ErrorCode InvalidExtension = new("typemetadata.invalid_extension", VerificationFailureKind.PolicyViolation);

    /// <summary><c>typemetadata.path_error</c>: processing a claim metadata <c>path</c> against the credential fails (a string component meets a non-object, an index or <c>null</c> a non-array; section 5.6.1).</summary>
    public static readonly ErrorCode PathError = new("typemetadata.path_error", VerificationFailureKind.PolicyViolation);

    /// <summary><c>typemetadata.mandatory_claim_missing</c>: a claim with <c>mandatory: true</c> is provably absent from the issued credential (section 5.6.3).</summary>
    public static readonly ErrorCode MandatoryClaimMissing = new("typemetadata.mandatory_claim_missing", VerificationFailureKind.PolicyViolation);

    /// <summary><c>typemetadata.sd_violation</c>: a claim with <c>sd: always</c> is plaintext, or one with <c>sd: never</c> was selectively disclosed (section 5.6.4).</summary>
    public static readonly ErrorCode SdViolation = new("typemetadata.sd_violation", VerificationFailureKind.PolicyViolation);
}
