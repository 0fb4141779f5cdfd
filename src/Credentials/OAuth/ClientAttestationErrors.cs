namespace Credentials.OAuth;

/// <summary>
/// Error codes of <see cref="ClientAttestationValidator"/> (draft-ietf-oauth-attestation-based-client-auth section 6).
/// An Authorization Server answers each with <c>invalid_client</c> (HTTP 401).
/// </summary>
public static class ClientAttestationErrors
{
    /// <summary><c>client_attestation.missing</c>: the request has no <c>OAuth-Client-Attestation</c> header.</summary>
    public static readonly ErrorCode Missing = new("client_attestation.missing", VerificationFailureKind.PolicyViolation);

    /// <summary><c>client_attestation.malformed</c>: the attestation is not a JWT, the header is repeated, or a required claim (<c>sub</c>, <c>exp</c>, <c>cnf</c>) is missing or of the wrong type.</summary>
    public static readonly ErrorCode Malformed = new("client_attestation.malformed", VerificationFailureKind.Malformed);

    /// <summary><c>client_attestation.invalid_type</c>: the attestation's <c>typ</c> is not <c>oauth-client-attestation+jwt</c>.</summary>
    public static readonly ErrorCode InvalidType = new("client_attestation.invalid_type", VerificationFailureKind.Malformed);

    /// <summary><c>client_attestation.algorithm_not_allowed</c>: the attestation's or PoP's <c>alg</c> is not on the allow-list.</summary>
    public static readonly ErrorCode AlgorithmNotAllowed = new("client_attestation.algorithm_not_allowed", VerificationFailureKind.UnsupportedAlgorithm);

    /// <summary><c>client_attestation.untrusted_provider</c>: no trusted Wallet Provider key applies, or the <c>x5c</c> chain does not build to a trust anchor.</summary>
    public static readonly ErrorCode UntrustedProvider = new("client_attestation.untrusted_provider", VerificationFailureKind.UntrustedIssuer);

    /// <summary><c>client_attestation.invalid_signature</c>: the attestation's signature does not verify with the Wallet Provider's key.</summary>
    public static readonly ErrorCode InvalidSignature = new("client_attestation.invalid_signature", VerificationFailureKind.InvalidSignature);

    /// <summary><c>client_attestation.expired</c>: <c>exp</c> has passed (beyond the clock skew), or <c>iat</c> is older than the configured maximum age (OAuth error <c>use_fresh_attestation</c> is suitable).</summary>
    public static readonly ErrorCode Expired = new("client_attestation.expired", VerificationFailureKind.Expired);

    /// <summary><c>client_attestation.not_yet_valid</c>: the attestation's <c>iat</c> or <c>nbf</c> is in the future (beyond the clock skew).</summary>
    public static readonly ErrorCode NotYetValid = new("client_attestation.not_yet_valid", VerificationFailureKind.NotYetValid);

    /// <summary><c>client_attestation.invalid_key</c>: <c>cnf.jwk</c> is missing, contains private key material, or is not a usable key.</summary>
    public static readonly ErrorCode InvalidKey = new("client_attestation.invalid_key", VerificationFailureKind.Malformed);

    /// <summary><c>client_attestation.client_id_mismatch</c>: the request's <c>client_id</c>, or the PoP's <c>iss</c>, differs from the attestation's <c>sub</c>.</summary>
    public static readonly ErrorCode ClientIdMismatch = new("client_attestation.client_id_mismatch", VerificationFailureKind.PolicyViolation);

    /// <summary><c>client_attestation.pop_missing</c>: there is no <c>OAuth-Client-Attestation-PoP</c> header.</summary>
    public static readonly ErrorCode PopMissing = new("client_attestation.pop_missing", VerificationFailureKind.KeyBindingFailed);

    /// <summary><c>client_attestation.pop_malformed</c>: the PoP is not a JWT, is repeated, has another <c>typ</c>, or lacks <c>aud</c>, <c>jti</c> or <c>iat</c>.</summary>
    public static readonly ErrorCode PopMalformed = new("client_attestation.pop_malformed", VerificationFailureKind.Malformed);

    /// <summary><c>client_attestation.pop_invalid_signature</c>: the PoP is not signed by the attestation's <c>cnf.jwk</c>.</summary>
    public static readonly ErrorCode PopInvalidSignature = new("client_attestation.pop_invalid_signature", VerificationFailureKind.KeyBindingFailed);

    /// <summary><c>client_attestation.pop_audience_mismatch</c>: the PoP's <c>aud</c> is not this server's issuer identifier.</summary>
    public static readonly ErrorCode PopAudienceMismatch = new("client_attestation.pop_audience_mismatch", VerificationFailureKind.KeyBindingFailed);

    /// <summary><c>client_attestation.pop_stale</c>: the PoP's <c>iat</c> is outside the accepted window (too old or in the future).</summary>
    public static readonly ErrorCode PopStale = new("client_attestation.pop_stale", VerificationFailureKind.Expired);

    /// <summary><c>client_attestation.pop_replayed</c>: a PoP with this <c>jti</c> was already accepted for this instance key.</summary>
    public static readonly ErrorCode PopReplayed = new("client_attestation.pop_replayed", VerificationFailureKind.KeyBindingFailed);

    /// <summary><c>client_attestation.challenge_mismatch</c>: the server expected a challenge and the PoP's <c>challenge</c> is missing or different (OAuth error <c>use_attestation_challenge</c>).</summary>
    public static readonly ErrorCode ChallengeMismatch = new("client_attestation.challenge_mismatch", VerificationFailureKind.KeyBindingFailed);
}
