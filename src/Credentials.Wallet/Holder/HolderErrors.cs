namespace Credentials.Wallet.Holder;

/// <summary>
/// Error codes of the holder service (<see cref="CredentialWallet"/>), in addition to the verifier's codes (a refused
/// credential keeps the code the SD-JWT VC verifier gave it) and the store's <see cref="WalletErrors"/>. Every code is
/// listed in <c>specs/errors.md</c>.
/// </summary>
public static class HolderErrors
{
    /// <summary><c>wallet.holder_binding_missing</c>: the credential has no <c>cnf.jwk</c>, so the wallet could never prove it holds it.</summary>
    public static readonly ErrorCode HolderBindingMissing = new("wallet.holder_binding_missing", VerificationFailureKind.PolicyViolation);

    /// <summary><c>wallet.holder_key_mismatch</c>: the credential's <c>cnf.jwk</c> is not one of this wallet's holder keys.</summary>
    public static readonly ErrorCode HolderKeyMismatch = new("wallet.holder_key_mismatch", VerificationFailureKind.KeyBindingFailed);

    /// <summary><c>wallet.batch_inconsistent</c>: the copies of a batch differ in type, issuer or claims, so they are not one credential.</summary>
    public static readonly ErrorCode BatchInconsistent = new("wallet.batch_inconsistent", VerificationFailureKind.PolicyViolation);

    /// <summary><c>wallet.unsupported_format</c>: the stored credential is not an SD-JWT VC the holder service can present.</summary>
    public static readonly ErrorCode UnsupportedFormat = new("wallet.unsupported_format", VerificationFailureKind.Malformed);

    /// <summary><c>wallet.plan_not_satisfiable</c>: the plan cannot answer the request; nothing may be sent (OpenID4VP 1.0 section 6.4.2).</summary>
    public static readonly ErrorCode PlanNotSatisfiable = new("wallet.plan_not_satisfiable", VerificationFailureKind.PolicyViolation);

    /// <summary><c>wallet.plan_already_answered</c>: the plan was already approved or denied; a request is answered once.</summary>
    public static readonly ErrorCode PlanAlreadyAnswered = new("wallet.plan_already_answered", VerificationFailureKind.PolicyViolation);

    /// <summary><c>wallet.consent_invalid</c>: the consent drops an item that is not optional, or names a query or claim the plan does not have.</summary>
    public static readonly ErrorCode ConsentInvalid = new("wallet.consent_invalid", VerificationFailureKind.PolicyViolation);

    /// <summary><c>wallet.disclosure_mismatch</c>: the copy taken for the presentation would disclose something the plan did not show; nothing is sent.</summary>
    public static readonly ErrorCode DisclosureMismatch = new("wallet.disclosure_mismatch", VerificationFailureKind.PolicyViolation);

    /// <summary><c>wallet.claim_not_found</c>: a claim asked for in a direct presentation is not in the credential; nothing is presented.</summary>
    public static readonly ErrorCode ClaimNotFound = new("wallet.claim_not_found", VerificationFailureKind.PolicyViolation);

    /// <summary>
    /// <c>wallet.invalid_presentation_request</c>: the request's audience (<c>client_id</c>) or <c>nonce</c> is empty or
    /// blank, so no Key Binding JWT could be bound to one verifier and one transaction; nothing is planned or sent.
    /// </summary>
    public static readonly ErrorCode InvalidPresentationRequest = new("wallet.invalid_presentation_request", VerificationFailureKind.Malformed);
}
