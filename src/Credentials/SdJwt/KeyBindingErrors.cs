namespace Credentials.SdJwt;

/// <summary>Error codes for Key Binding JWT verification (RFC 9901 section 7.3). All have kind <see cref="VerificationFailureKind.KeyBindingFailed"/>.</summary>
public static class KeyBindingErrors
{
    /// <summary><c>kb.missing</c>: the verifier requires key binding and the presentation has no KB-JWT.</summary>
    public static readonly ErrorCode Missing = new("kb.missing", VerificationFailureKind.KeyBindingFailed);

    /// <summary><c>kb.unexpected</c>: the verifier forbids key binding and the presentation has a KB-JWT.</summary>
    public static readonly ErrorCode Unexpected = new("kb.unexpected", VerificationFailureKind.KeyBindingFailed);

    /// <summary><c>kb.malformed</c>: the KB-JWT is not a JWS with the required claims (<c>iat</c>, <c>aud</c>, <c>nonce</c>, <c>sd_hash</c>). The inner error says why.</summary>
    public static readonly ErrorCode Malformed = new("kb.malformed", VerificationFailureKind.KeyBindingFailed);

    /// <summary><c>kb.invalid_type</c>: the KB-JWT <c>typ</c> is not <c>kb+jwt</c>.</summary>
    public static readonly ErrorCode InvalidType = new("kb.invalid_type", VerificationFailureKind.KeyBindingFailed);

    /// <summary><c>kb.no_holder_key</c>: the credential has no usable <c>cnf</c> holder key.</summary>
    public static readonly ErrorCode NoHolderKey = new("kb.no_holder_key", VerificationFailureKind.KeyBindingFailed);

    /// <summary><c>kb.algorithm_not_allowed</c>: the KB-JWT algorithm is not on the verifier's allow-list or does not fit the holder key.</summary>
    public static readonly ErrorCode AlgorithmNotAllowed = new("kb.algorithm_not_allowed", VerificationFailureKind.KeyBindingFailed);

    /// <summary><c>kb.invalid_signature</c>: the KB-JWT is not signed by the holder key in <c>cnf</c>.</summary>
    public static readonly ErrorCode InvalidSignature = new("kb.invalid_signature", VerificationFailureKind.KeyBindingFailed);

    /// <summary><c>kb.sd_hash_mismatch</c>: <c>sd_hash</c> does not match the presented SD-JWT.</summary>
    public static readonly ErrorCode SdHashMismatch = new("kb.sd_hash_mismatch", VerificationFailureKind.KeyBindingFailed);

    /// <summary><c>kb.audience_mismatch</c>: <c>aud</c> is not the verifier's expected audience.</summary>
    public static readonly ErrorCode AudienceMismatch = new("kb.audience_mismatch", VerificationFailureKind.KeyBindingFailed);

    /// <summary><c>kb.nonce_mismatch</c>: <c>nonce</c> is not the expected nonce, or the application's nonce check refused it (for example a replay).</summary>
    public static readonly ErrorCode NonceMismatch = new("kb.nonce_mismatch", VerificationFailureKind.KeyBindingFailed);

    /// <summary><c>kb.iat_in_future</c>: the KB-JWT <c>iat</c> is in the future beyond the clock skew.</summary>
    public static readonly ErrorCode IssuedInFuture = new("kb.iat_in_future", VerificationFailureKind.KeyBindingFailed);

    /// <summary><c>kb.iat_too_old</c>: the KB-JWT <c>iat</c> is older than the verifier accepts.</summary>
    public static readonly ErrorCode TooOld = new("kb.iat_too_old", VerificationFailureKind.KeyBindingFailed);

    /// <summary><c>kb.expired</c>: the KB-JWT has an <c>exp</c> in the past (beyond the clock skew).</summary>
    public static readonly ErrorCode Expired = new("kb.expired", VerificationFailureKind.KeyBindingFailed);

    /// <summary><c>kb.not_yet_valid</c>: the KB-JWT has an <c>nbf</c> in the future (beyond the clock skew).</summary>
    public static readonly ErrorCode NotYetValid = new("kb.not_yet_valid", VerificationFailureKind.KeyBindingFailed);

    /// <summary><c>kb.invalid_time_claim</c>: the KB-JWT's <c>exp</c> or <c>nbf</c> is present but not a numeric date.</summary>
    public static readonly ErrorCode InvalidTimeClaim = new("kb.invalid_time_claim", VerificationFailureKind.KeyBindingFailed);
}
