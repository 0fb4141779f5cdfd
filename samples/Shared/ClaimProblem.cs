namespace Credentials.Samples;

/// <summary>One reason a claims document does not fit its credential type.</summary>
/// <param name="Path">The claim path in dotted form (for example <c>exam.category_code</c>), or <c>$</c> for the document.</param>
/// <param name="Message">What is wrong; never contains the claim's value.</param>
public sealed record ClaimProblem(string Path, string Message);
