namespace Credentials.Jose;

/// <summary>Error codes for JWS parsing and verification (RFC 7515, RFC 8725).</summary>
public static class JoseErrors
{
    /// <summary><c>jose.malformed</c>: not a JWS compact serialization (wrong number of parts, empty parts, bad structure).</summary>
    public static readonly ErrorCode Malformed = new("jose.malformed", VerificationFailureKind.Malformed);

    /// <summary><c>jose.too_large</c>: the token exceeds the configured size limit.</summary>
    public static readonly ErrorCode TooLarge = new("jose.too_large", VerificationFailureKind.Malformed);

    /// <summary><c>jose.invalid_base64url</c>: a part is not canonical unpadded base64url.</summary>
    public static readonly ErrorCode InvalidBase64Url = new("jose.invalid_base64url", VerificationFailureKind.Malformed);

    /// <summary><c>jose.invalid_json</c>: the header or payload is not a valid UTF-8 JSON object (or nests too deeply).</summary>
    public static readonly ErrorCode InvalidJson = new("jose.invalid_json", VerificationFailureKind.Malformed);

    /// <summary><c>jose.duplicate_member</c>: the header or payload repeats a member name.</summary>
    public static readonly ErrorCode DuplicateMember = new("jose.duplicate_member", VerificationFailureKind.Malformed);

    /// <summary><c>jose.missing_algorithm</c>: the header has no <c>alg</c>.</summary>
    public static readonly ErrorCode MissingAlgorithm = new("jose.missing_algorithm", VerificationFailureKind.Malformed);

    /// <summary><c>jose.unsupported_algorithm</c>: <c>none</c>, a symmetric <c>HS*</c> algorithm, or an unknown algorithm.</summary>
    public static readonly ErrorCode UnsupportedAlgorithm = new("jose.unsupported_algorithm", VerificationFailureKind.UnsupportedAlgorithm);

    /// <summary><c>jose.algorithm_not_allowed</c>: a known algorithm that is not on the verifier's allow-list.</summary>
    public static readonly ErrorCode AlgorithmNotAllowed = new("jose.algorithm_not_allowed", VerificationFailureKind.UnsupportedAlgorithm);

    /// <summary><c>jose.key_algorithm_mismatch</c>: the verification key cannot be used with the header's algorithm.</summary>
    public static readonly ErrorCode KeyAlgorithmMismatch = new("jose.key_algorithm_mismatch", VerificationFailureKind.UnsupportedAlgorithm);

    /// <summary><c>jose.unsupported_critical_header</c>: <c>crit</c> names a header this verifier does not understand, or is malformed (RFC 7515 section 4.1.11).</summary>
    public static readonly ErrorCode UnsupportedCriticalHeader = new("jose.unsupported_critical_header", VerificationFailureKind.Malformed);

    /// <summary><c>jose.invalid_signature</c>: the signature does not verify.</summary>
    public static readonly ErrorCode InvalidSignature = new("jose.invalid_signature", VerificationFailureKind.InvalidSignature);

    /// <summary><c>jose.invalid_type</c>: the <c>typ</c> header is not the one expected for this kind of token.</summary>
    public static readonly ErrorCode InvalidType = new("jose.invalid_type", VerificationFailureKind.Malformed);

    /// <summary>
    /// <c>jose.unsupported_header</c>: a header (protected or unprotected) carries a parameter that changes how the
    /// payload is processed and that no token type of this library allows: <c>b64</c> (RFC 7797, with or without
    /// <c>crit</c>, whatever its value) or <c>zip</c> (defined for JWE only, RFC 7516 section 4.1.3).
    /// </summary>
    public static readonly ErrorCode UnsupportedHeader = new("jose.unsupported_header", VerificationFailureKind.Malformed);
}
