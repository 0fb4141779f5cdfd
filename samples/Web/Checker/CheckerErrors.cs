namespace Credentials.Samples.Web.Checker;

/// <summary>
/// The checker page's own error codes: input it refuses before any verifier reads it. Everything else is reported
/// with the library verifiers' codes.
/// </summary>
public static class CheckerErrors
{
    /// <summary><c>checker.empty</c>: nothing was pasted or chosen, or only white space.</summary>
    public static readonly ErrorCode Empty = new("checker.empty", VerificationFailureKind.Malformed);

    /// <summary><c>checker.too_large</c>: the credential is over <see cref="CredentialChecker.MaxCredentialBytes"/>; it is not read.</summary>
    public static readonly ErrorCode TooLarge = new("checker.too_large", VerificationFailureKind.Malformed);

    /// <summary><c>checker.not_text</c>: a file that is neither a PNG or SVG image nor UTF-8 text (a credential is one of those).</summary>
    public static readonly ErrorCode NotText = new("checker.not_text", VerificationFailureKind.Malformed);

    /// <summary><c>checker.mso_mdoc</c>: an mdoc, which is only meaningful inside a presentation session and is not checked here.</summary>
    public static readonly ErrorCode Mdoc = new("checker.mso_mdoc", VerificationFailureKind.PolicyViolation);
}
