namespace Credentials.Status;

/// <summary>
/// Error codes for Token Status List (draft-ietf-oauth-status-list): status references, Status List Tokens, their
/// retrieval and the statuses they carry. Every code is listed in <c>specs/errors.md</c>; codes never change once released.
/// </summary>
public static class StatusErrors
{
    /// <summary><c>status.revoked</c>: the credential's status is INVALID (0x01): revoked, annulled, recalled.</summary>
    public static readonly ErrorCode Revoked = new("status.revoked", VerificationFailureKind.Revoked);

    /// <summary><c>status.suspended</c>: the credential's status is SUSPENDED (0x02): temporarily invalid.</summary>
    public static readonly ErrorCode Suspended = new("status.suspended", VerificationFailureKind.Revoked);

    /// <summary><c>status.unknown_value</c>: the status is neither VALID, INVALID nor SUSPENDED (application-specific or unregistered).</summary>
    public static readonly ErrorCode UnknownValue = new("status.unknown_value", VerificationFailureKind.PolicyViolation);

    /// <summary><c>status.index_out_of_range</c>: the referenced <c>idx</c> is beyond the end of the Status List (section 8.3 step 6).</summary>
    public static readonly ErrorCode IndexOutOfRange = new("status.index_out_of_range", VerificationFailureKind.Malformed);

    /// <summary><c>status.list_unavailable</c>: the Status List Token could not be obtained: the URI is not an HTTP(S) URL, or no token was supplied to the offline resolver. A failed fetch is reported with its <see cref="Credentials.Http.HttpErrors"/> code.</summary>
    public static readonly ErrorCode ListUnavailable = new("status.list_unavailable", VerificationFailureKind.ResolutionFailed);

    /// <summary><c>status.invalid_list_token</c>: the Status List Token is not a well-formed JWT with the required claims and a valid <c>status_list</c>.</summary>
    public static readonly ErrorCode InvalidListToken = new("status.invalid_list_token", VerificationFailureKind.Malformed);

    /// <summary><c>status.invalid_type</c>: the Status List Token's <c>typ</c> header is not <c>statuslist+jwt</c>.</summary>
    public static readonly ErrorCode InvalidType = new("status.invalid_type", VerificationFailureKind.Malformed);

    /// <summary><c>status.invalid_signature</c>: the Status List Token's signature does not verify, or its algorithm is not allowed.</summary>
    public static readonly ErrorCode InvalidSignature = new("status.invalid_signature", VerificationFailureKind.InvalidSignature);

    /// <summary><c>status.untrusted_signer</c>: no trusted key was found for the Status List Token's signer.</summary>
    public static readonly ErrorCode UntrustedSigner = new("status.untrusted_signer", VerificationFailureKind.UntrustedIssuer);

    /// <summary><c>status.subject_mismatch</c>: the token's <c>sub</c> is not the <c>uri</c> the credential references.</summary>
    public static readonly ErrorCode SubjectMismatch = new("status.subject_mismatch", VerificationFailureKind.PolicyViolation);

    /// <summary><c>status.list_expired</c>: the Status List Token's <c>exp</c> has passed.</summary>
    public static readonly ErrorCode ListExpired = new("status.list_expired", VerificationFailureKind.Expired);

    /// <summary><c>status.list_not_yet_valid</c>: the Status List Token's <c>iat</c> or <c>nbf</c> is in the future (beyond the clock skew).</summary>
    public static readonly ErrorCode ListNotYetValid = new("status.list_not_yet_valid", VerificationFailureKind.NotYetValid);

    /// <summary><c>status.too_large</c>: the token or the decompressed list exceeds its configured size limit (an oversized response is <see cref="Credentials.Http.HttpErrors.TooLarge"/>).</summary>
    public static readonly ErrorCode TooLarge = new("status.too_large", VerificationFailureKind.Malformed);

    /// <summary><c>status.invalid_reference</c>: the credential's <c>status</c> claim is not an object with a valid <c>status_list</c> {<c>idx</c>, <c>uri</c>}.</summary>
    public static readonly ErrorCode InvalidReference = new("status.invalid_reference", VerificationFailureKind.Malformed);

    /// <summary><c>status.unsupported_mechanism</c>: the <c>status</c> claim references only status mechanisms other than <c>status_list</c>.</summary>
    public static readonly ErrorCode UnsupportedMechanism = new("status.unsupported_mechanism", VerificationFailureKind.PolicyViolation);

    /// <summary>
    /// The error a credential verifier reports for a status read from a Status List: <see langword="null"/> for VALID,
    /// <see cref="Revoked"/> for INVALID, <see cref="Suspended"/> for SUSPENDED (both of kind
    /// <see cref="VerificationFailureKind.Revoked"/>), and <see cref="UnknownValue"/> for any other value.
    /// </summary>
    /// <param name="status">The status.</param>
    public static VerificationError? ForStatus(StatusValue status) => status.Value switch
    {
        0x00 => null,
        0x01 => new VerificationError(Revoked, "The credential has been revoked."),
        0x02 => new VerificationError(Suspended, "The credential is suspended."),
        _ => new VerificationError(UnknownValue, $"The credential has the status {status}, which this verifier does not accept."),
    };
}
