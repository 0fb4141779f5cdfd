namespace Credentials.Dcql;

/// <summary>
/// Error codes for parsing and validating a Digital Credentials Query Language query (OpenID for Verifiable
/// Presentations 1.0, section 6). Every code is reported with <see cref="VerificationFailureKind.Malformed"/>.
/// </summary>
/// <remarks>Unknown Credential Formats are not an error: such queries parse and match no credential.</remarks>
public static class DcqlErrors
{
    /// <summary>
    /// <c>dcql.malformed</c>: not JSON, not an object, or a member has the wrong type; a required member
    /// (<c>credentials</c>, <c>id</c>, <c>format</c>, <c>meta</c>, <c>path</c>, <c>options</c>) is missing; or an array that
    /// must be non-empty is empty.
    /// </summary>
    public static readonly ErrorCode Malformed = new("dcql.malformed", VerificationFailureKind.Malformed);

    /// <summary><c>dcql.too_large</c>: the query exceeds a limit of <see cref="DcqlReaderOptions"/> (size, nesting depth, number of entries).</summary>
    public static readonly ErrorCode TooLarge = new("dcql.too_large", VerificationFailureKind.Malformed);

    /// <summary><c>dcql.invalid_id</c>: a Credential Query or Claims Query <c>id</c> is empty or has characters other than alphanumerics, <c>_</c> and <c>-</c>.</summary>
    public static readonly ErrorCode InvalidId = new("dcql.invalid_id", VerificationFailureKind.Malformed);

    /// <summary><c>dcql.duplicate_id</c>: two Credential Queries, or two Claims Queries of one Credential Query, share an <c>id</c>.</summary>
    public static readonly ErrorCode DuplicateId = new("dcql.duplicate_id", VerificationFailureKind.Malformed);

    /// <summary><c>dcql.missing_claims_ids</c>: <c>claim_sets</c> is present but a Claims Query has no <c>id</c>.</summary>
    public static readonly ErrorCode MissingClaimsIds = new("dcql.missing_claims_ids", VerificationFailureKind.Malformed);

    /// <summary><c>dcql.unknown_claim_id</c>: <c>claim_sets</c> names an id that no Claims Query of the Credential Query has.</summary>
    public static readonly ErrorCode UnknownClaimId = new("dcql.unknown_claim_id", VerificationFailureKind.Malformed);

    /// <summary><c>dcql.unknown_credential_id</c>: a <c>credential_sets</c> option names an id that no Credential Query has.</summary>
    public static readonly ErrorCode UnknownCredentialId = new("dcql.unknown_credential_id", VerificationFailureKind.Malformed);

    /// <summary><c>dcql.claim_sets_without_claims</c>: <c>claim_sets</c> is present but <c>claims</c> is not (section 6.4.1).</summary>
    public static readonly ErrorCode ClaimSetsWithoutClaims = new("dcql.claim_sets_without_claims", VerificationFailureKind.Malformed);

    /// <summary>
    /// <c>dcql.invalid_path</c>: a claims path pointer is not a non-empty array of strings, non-negative integers and
    /// nulls (section 7); for <c>mso_mdoc</c>, not exactly two strings (section 7.2).
    /// </summary>
    public static readonly ErrorCode InvalidPath = new("dcql.invalid_path", VerificationFailureKind.Malformed);

    /// <summary><c>dcql.invalid_values</c>: <c>values</c> is not a non-empty array of strings, integers and booleans.</summary>
    public static readonly ErrorCode InvalidValues = new("dcql.invalid_values", VerificationFailureKind.Malformed);

    /// <summary>
    /// <c>dcql.invalid_meta</c>: <c>meta</c> lacks or misstates the parameter its format requires: <c>vct_values</c>
    /// (<c>dc+sd-jwt</c>, non-empty array of non-empty strings), <c>doctype_value</c> (<c>mso_mdoc</c>, non-empty string),
    /// <c>type_values</c> (<c>jwt_vc_json</c>, <c>ldp_vc</c>, non-empty array of non-empty string arrays).
    /// </summary>
    public static readonly ErrorCode InvalidMeta = new("dcql.invalid_meta", VerificationFailureKind.Malformed);

    /// <summary><c>dcql.invalid_trusted_authorities</c>: <c>trusted_authorities</c> is not a non-empty array of objects with a string <c>type</c> and a non-empty string array <c>values</c>.</summary>
    public static readonly ErrorCode InvalidTrustedAuthorities = new("dcql.invalid_trusted_authorities", VerificationFailureKind.Malformed);

    /// <summary>
    /// <c>dcql.duplicate_claim</c>: two Claims Queries of one Credential Query have the same path. Reported only when
    /// <see cref="DcqlReaderOptions.RejectDuplicateClaims"/> is set (a Verifier checking its own query); Wallets ignore
    /// such duplicates, as section 6.1 recommends.
    /// </summary>
    public static readonly ErrorCode DuplicateClaim = new("dcql.duplicate_claim", VerificationFailureKind.Malformed);
}
