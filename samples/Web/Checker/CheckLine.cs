namespace Credentials.Samples.Web.Checker;

/// <summary>One check of the verifier's report, with its name and (for a failure) the error and a plain explanation.</summary>
/// <param name="Check">The verifier's name of the check (for example <c>Signature</c>, <c>Status</c>).</param>
/// <param name="Japanese">The check's name in Japanese.</param>
/// <param name="English">The check's name in English.</param>
/// <param name="Outcome">How it went.</param>
/// <param name="ErrorCodes">The stable error code and its causes (<c>a ← b</c>), or <see langword="null"/>.</param>
/// <param name="ExplanationJapanese">What a failure means, in plain Japanese.</param>
/// <param name="ExplanationEnglish">What a failure means, in plain English.</param>
public sealed record CheckLine(string Check, string Japanese, string English, CheckOutcomeView Outcome, string? ErrorCodes = null, string? ExplanationJapanese = null, string? ExplanationEnglish = null);
