namespace Credentials.OAuth;

/// <summary>Error codes of <see cref="KeyAttestationValidator"/> (OpenID4VCI 1.0 appendix D). A Credential Issuer answers each with <c>invalid_proof</c>.</summary>
public static class KeyAttestationErrors
{
    /// <summary><c>key_attestation.missing</c>: the policy requires a key attestation and the proof carries none.</summary>
    public static readonly ErrorCode Missing = new("key_attestation.missing", VerificationFailureKind.PolicyViolation);

    /// <summary><c>key_attestation.malformed</c>: not a JWT, or <c>iat</c>, <c>exp</c> (when required), <c>key_storage</c>, <c>user_authentication</c>, <c>nonce</c> or <c>certification</c> is missing or of the wrong type.</summary>
    public static readonly ErrorCode Malformed = new("key_attestation.malformed", VerificationFailureKind.Malformed);

    /// <summary><c>key_attestation.invalid_type</c>: the <c>typ</c> is not <c>key-attestation+jwt</c>.</summary>
    public static readonly ErrorCode InvalidType = new("key_attestation.invalid_type", VerificationFailureKind.Malformed);

    /// <summary><c>key_attestation.algorithm_not_allowed</c>: the <c>alg</c> is not on the allow-list.</summary>
    public static readonly ErrorCode AlgorithmNotAllowed = new("key_attestation.algorithm_not_allowed", VerificationFailureKind.UnsupportedAlgorithm);

    /// <summary><c>key_attestation.untrusted_attester</c>: no trusted attester key applies, or the <c>x5c</c> chain does not build to a trust anchor.</summary>
    public static readonly ErrorCode UntrustedAttester = new("key_attestation.untrusted_attester", VerificationFailureKind.UntrustedIssuer);

    /// <summary><c>key_attestation.invalid_signature</c>: the signature does not verify with the attester's key.</summary>
    public static readonly ErrorCode InvalidSignature = new("key_attestation.invalid_signature", VerificationFailureKind.InvalidSignature);

    /// <summary><c>key_attestation.expired</c>: <c>exp</c> has passed, or <c>iat</c> is older than the policy's maximum age.</summary>
    public static readonly ErrorCode Expired = new("key_attestation.expired", VerificationFailureKind.Expired);

    /// <summary><c>key_attestation.not_yet_valid</c>: <c>iat</c> is in the future (beyond the clock skew).</summary>
    public static readonly ErrorCode NotYetValid = new("key_attestation.not_yet_valid", VerificationFailureKind.NotYetValid);

    /// <summary><c>key_attestation.invalid_attested_keys</c>: <c>attested_keys</c> is missing, empty, over the limit, or holds a private, unusable or repeated key.</summary>
    public static readonly ErrorCode InvalidAttestedKeys = new("key_attestation.invalid_attested_keys", VerificationFailureKind.Malformed);

    /// <summary><c>key_attestation.key_storage_insufficient</c>: <c>key_storage</c> names none of the levels the policy accepts.</summary>
    public static readonly ErrorCode KeyStorageInsufficient = new("key_attestation.key_storage_insufficient", VerificationFailureKind.PolicyViolation);

    /// <summary><c>key_attestation.user_authentication_insufficient</c>: <c>user_authentication</c> names none of the levels the policy accepts.</summary>
    public static readonly ErrorCode UserAuthenticationInsufficient = new("key_attestation.user_authentication_insufficient", VerificationFailureKind.PolicyViolation);

    /// <summary><c>key_attestation.key_not_attested</c>: the <c>jwt</c> proof is not signed by one of the attested keys.</summary>
    public static readonly ErrorCode KeyNotAttested = new("key_attestation.key_not_attested", VerificationFailureKind.KeyBindingFailed);

    /// <summary><c>key_attestation.nonce_missing</c>: the issuer has a Nonce Endpoint and the key attestation carries no <c>nonce</c> (appendix F.1, F.3).</summary>
    public static readonly ErrorCode NonceMissing = new("key_attestation.nonce_missing", VerificationFailureKind.PolicyViolation);
}
