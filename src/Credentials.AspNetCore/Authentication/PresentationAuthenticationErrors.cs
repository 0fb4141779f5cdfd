namespace Credentials.AspNetCore.Authentication;

/// <summary>
/// Error codes of the verifiable presentation authentication handler. A presentation the verifier rejected fails with
/// the verifier's own code (<c>openid4vp.*</c>, and <c>openid4vp.wallet_error</c> for a wallet's error response).
/// </summary>
public static class PresentationAuthenticationErrors
{
    /// <summary>The callback or status request carries no transaction cookie, or one that does not unprotect or has expired.</summary>
    public static readonly ErrorCode CorrelationFailed = new("authentication.correlation_failed", VerificationFailureKind.PolicyViolation);

    /// <summary>The wallet did not answer before the request expired.</summary>
    public static readonly ErrorCode PresentationExpired = new("authentication.presentation_expired", VerificationFailureKind.Expired);

    /// <summary>The callback was reached before the wallet answered this browser's transaction.</summary>
    public static readonly ErrorCode PresentationPending = new("authentication.presentation_pending", VerificationFailureKind.PolicyViolation);

    /// <summary>The transaction's result was already used to sign in (a replayed callback).</summary>
    public static readonly ErrorCode TransactionReplayed = new("authentication.transaction_replayed", VerificationFailureKind.PolicyViolation);

    /// <summary>The app's <c>OnPresentationVerified</c> event refused an accepted presentation.</summary>
    public static readonly ErrorCode PresentationRefused = new("authentication.presentation_refused", VerificationFailureKind.PolicyViolation);
}
