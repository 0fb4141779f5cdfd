namespace Credentials.W3c.BitstringStatus;

/// <summary>
/// Error codes of the W3C Bitstring Status List (<c>bitstring.*</c>). The outcome of a successful check reuses the
/// status codes of <see cref="Credentials.Status.StatusErrors"/> (<c>status.revoked</c>, <c>status.suspended</c>), so an
/// application switches on the same codes whichever status mechanism a credential uses.
/// </summary>
public static class BitstringStatusErrors
{
    /// <summary>A <c>BitstringStatusListEntry</c> breaks a MUST of section 2.1 (MALFORMED_VALUE_ERROR, section 3).</summary>
    public static readonly ErrorCode MalformedEntry = new("bitstring.malformed_entry", VerificationFailureKind.Malformed);

    /// <summary>A <c>BitstringStatusListCredential</c> breaks a MUST of section 2.2 (MALFORMED_VALUE_ERROR), or its <c>encodedList</c> does not decode.</summary>
    public static readonly ErrorCode MalformedList = new("bitstring.malformed_list", VerificationFailureKind.Malformed);

    /// <summary>The uncompressed list is larger than the verifier's limit.</summary>
    public static readonly ErrorCode ListTooLarge = new("bitstring.list_too_large", VerificationFailureKind.Malformed);

    /// <summary>The list holds fewer entries than the minimum for herd privacy (STATUS_LIST_LENGTH_ERROR, section 3.2).</summary>
    public static readonly ErrorCode ListTooShort = new("bitstring.list_too_short", VerificationFailureKind.PolicyViolation);

    /// <summary>The entry's index times its size lies outside the list (RANGE_ERROR, section 3.2).</summary>
    public static readonly ErrorCode IndexOutOfRange = new("bitstring.index_out_of_range", VerificationFailureKind.Malformed);

    /// <summary>The list credential does not carry the entry's <c>statusPurpose</c> (STATUS_VERIFICATION_ERROR, section 3.2).</summary>
    public static readonly ErrorCode PurposeMismatch = new("bitstring.purpose_mismatch", VerificationFailureKind.PolicyViolation);

    /// <summary>The list credential could not be retrieved (STATUS_RETRIEVAL_ERROR, section 3.2).</summary>
    public static readonly ErrorCode RetrievalFailed = new("bitstring.retrieval_failed", VerificationFailureKind.ResolutionFailed);

    /// <summary>The list credential's proof, issuer trust or validity period failed (STATUS_VERIFICATION_ERROR, section 3.2).</summary>
    public static readonly ErrorCode ListVerificationFailed = new("bitstring.list_verification_failed", VerificationFailureKind.InvalidSignature);

    /// <summary>A <c>message</c> entry's status value has a message the verifier's policy refuses.</summary>
    public static readonly ErrorCode StatusMessage = new("bitstring.status_message", VerificationFailureKind.Revoked);
}
