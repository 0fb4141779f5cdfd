namespace Credentials.Trust;

/// <summary>Error codes for issuer trust decisions.</summary>
public static class TrustErrors
{
    /// <summary><c>trust.untrusted_issuer</c>: the issuer is not on the verifier's trust list.</summary>
    public static readonly ErrorCode UntrustedIssuer = new("trust.untrusted_issuer", VerificationFailureKind.UntrustedIssuer);

    /// <summary><c>trust.vct_not_allowed</c>: the issuer is trusted, but not for this credential type.</summary>
    public static readonly ErrorCode VctNotAllowed = new("trust.vct_not_allowed", VerificationFailureKind.PolicyViolation);

    /// <summary><c>trust.key_not_found</c>: the issuer is trusted, but none of its keys matches the JWT's <c>kid</c>.</summary>
    public static readonly ErrorCode KeyNotFound = new("trust.key_not_found", VerificationFailureKind.UntrustedIssuer);
}
