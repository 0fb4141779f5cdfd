namespace Credentials.Samples.Web.Checker;

/// <summary>A remark about the result in both languages (for example what the key binding proves here).</summary>
/// <param name="Japanese">The remark in Japanese.</param>
/// <param name="English">The remark in English.</param>
public sealed record CheckNote(string Japanese, string English);
