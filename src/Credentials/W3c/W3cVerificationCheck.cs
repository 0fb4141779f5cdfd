namespace Credentials.W3c;

/// <summary>One check of a W3C credential or presentation verification and how it went.</summary>
/// <param name="Check">Which check.</param>
/// <param name="Outcome">How it went.</param>
/// <param name="Error">The error when it failed (or, for a check that could not run, why).</param>
public sealed record W3cVerificationCheck(W3cCheckKind Check, CheckOutcome Outcome, VerificationError? Error = null);
