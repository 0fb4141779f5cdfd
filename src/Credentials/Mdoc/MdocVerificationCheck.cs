namespace Credentials.Mdoc;

/// <summary>One check of an mdoc verification and how it went.</summary>
/// <param name="Check">Which check.</param>
/// <param name="Outcome">How it went.</param>
/// <param name="Error">The error when it failed.</param>
/// <param name="DocumentIndex">The index of the document in the DeviceResponse, or -1 for the response as a whole.</param>
public sealed record MdocVerificationCheck(MdocCheckKind Check, CheckOutcome Outcome, VerificationError? Error = null, int DocumentIndex = -1);
