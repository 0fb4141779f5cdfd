namespace Credentials.OAuth;

/// <summary>
/// Error codes of DPoP proof validation (RFC 9449). <see cref="ToProtocolError"/> maps each to the OAuth error a server
/// answers: <c>use_dpop_nonce</c> for <see cref="UseNonce"/>, <c>invalid_dpop_proof</c> for every other code.
/// </summary>
public static class DpopErrors
{
    /// <summary><c>dpop.missing_proof</c>: the request carries no <c>DPoP</c> header where a proof is required.</summary>
    public static readonly ErrorCode MissingProof = new("dpop.missing_proof", VerificationFailureKind.KeyBindingFailed);

    /// <summary><c>dpop.multiple_proofs</c>: the request carries more than one <c>DPoP</c> header, or one holding several values (RFC 9449 section 4.3, check 1).</summary>
    public static readonly ErrorCode MultipleProofs = new("dpop.multiple_proofs", VerificationFailureKind.Malformed);

    /// <summary><c>dpop.too_large</c>: the proof is longer than <see cref="DpopProofValidatorOptions.MaxProofLength"/>.</summary>
    public static readonly ErrorCode TooLarge = new("dpop.too_large", VerificationFailureKind.Malformed);

    /// <summary>
    /// <c>dpop.invalid_proof</c>: the proof is not a well-formed JWS with a JSON payload, or a required claim (<c>jti</c>,
    /// <c>htm</c>, <c>htu</c>, <c>iat</c>) is missing or of the wrong type (checks 2 and 3).
    /// </summary>
    public static readonly ErrorCode InvalidProof = new("dpop.invalid_proof", VerificationFailureKind.Malformed);

    /// <summary><c>dpop.invalid_type</c>: the JOSE header <c>typ</c> is not <c>dpop+jwt</c> (check 4).</summary>
    public static readonly ErrorCode InvalidType = new("dpop.invalid_type", VerificationFailureKind.Malformed);

    /// <summary>
    /// <c>dpop.unsupported_algorithm</c>: <c>alg</c> is <c>none</c>, a MAC algorithm, unknown, or not on the server's
    /// allow-list (check 5).
    /// </summary>
    public static readonly ErrorCode UnsupportedAlgorithm = new("dpop.unsupported_algorithm", VerificationFailureKind.UnsupportedAlgorithm);

    /// <summary>
    /// <c>dpop.invalid_key</c>: the <c>jwk</c> header is missing, not a usable public key of the algorithm, or carries
    /// private key material (check 7).
    /// </summary>
    public static readonly ErrorCode InvalidKey = new("dpop.invalid_key", VerificationFailureKind.Malformed);

    /// <summary><c>dpop.invalid_signature</c>: the signature does not verify with the <c>jwk</c> header (check 6).</summary>
    public static readonly ErrorCode InvalidSignature = new("dpop.invalid_signature", VerificationFailureKind.InvalidSignature);

    /// <summary><c>dpop.htm_mismatch</c>: <c>htm</c> is not the request's HTTP method (check 8).</summary>
    public static readonly ErrorCode HtmMismatch = new("dpop.htm_mismatch", VerificationFailureKind.KeyBindingFailed);

    /// <summary><c>dpop.htu_mismatch</c>: <c>htu</c> is not the request's URL without query and fragment (check 9).</summary>
    public static readonly ErrorCode HtuMismatch = new("dpop.htu_mismatch", VerificationFailureKind.KeyBindingFailed);

    /// <summary>
    /// <c>dpop.use_nonce</c>: the server requires a nonce it issued, and the proof carries none, or one it did not issue
    /// or that expired (check 10); the client retries with the nonce of the <c>DPoP-Nonce</c> header (section 8).
    /// </summary>
    public static readonly ErrorCode UseNonce = new("dpop.use_nonce", VerificationFailureKind.KeyBindingFailed);

    /// <summary><c>dpop.stale</c>: <c>iat</c> is older than <see cref="DpopProofValidatorOptions.MaxAge"/> (check 11).</summary>
    public static readonly ErrorCode Stale = new("dpop.stale", VerificationFailureKind.Expired);

    /// <summary><c>dpop.not_yet_valid</c>: <c>iat</c> is further in the future than <see cref="DpopProofValidatorOptions.ClockSkew"/> (check 11).</summary>
    public static readonly ErrorCode NotYetValid = new("dpop.not_yet_valid", VerificationFailureKind.NotYetValid);

    /// <summary><c>dpop.ath_mismatch</c>: an access token is presented and <c>ath</c> is missing or not its hash (check 12).</summary>
    public static readonly ErrorCode AthMismatch = new("dpop.ath_mismatch", VerificationFailureKind.KeyBindingFailed);

    /// <summary>
    /// <c>dpop.key_mismatch</c>: the proof's key is not the key the access token (or authorization code) is bound to,
    /// its <c>cnf.jkt</c> (check 12).
    /// </summary>
    public static readonly ErrorCode KeyMismatch = new("dpop.key_mismatch", VerificationFailureKind.KeyBindingFailed);

    /// <summary><c>dpop.replayed</c>: a proof with this <c>jti</c> was already accepted for this URL within the acceptance window (section 11.1).</summary>
    public static readonly ErrorCode Replayed = new("dpop.replayed", VerificationFailureKind.PolicyViolation);

    /// <summary>
    /// The OAuth error a server answers for a DPoP error code (RFC 9449 sections 5, 7.1, 8 and 9): <c>use_dpop_nonce</c>
    /// for <see cref="UseNonce"/>, <c>invalid_dpop_proof</c> otherwise.
    /// </summary>
    /// <param name="code">A code of this class.</param>
    public static string ToProtocolError(ErrorCode code) => code == UseNonce ? "use_dpop_nonce" : "invalid_dpop_proof";
}
