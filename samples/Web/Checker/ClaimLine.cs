namespace Credentials.Samples.Web.Checker;

/// <summary>
/// One thing the credential says: its label in both languages (from type metadata or the badge, else its path), its
/// path and its value as text. The value comes from the credential and is shown as text only (Razor encodes it).
/// </summary>
/// <param name="Path">The claim's path, written <c>a.b[0]</c>.</param>
/// <param name="Japanese">The label in Japanese.</param>
/// <param name="English">The label in English.</param>
/// <param name="ValueJapanese">The value as text for the Japanese page (dates also in the Japanese era).</param>
/// <param name="ValueEnglish">The value as text for the English page.</param>
/// <param name="Disclosed">Whether the holder chose to disclose it (SD-JWT VC selective disclosure).</param>
public sealed record ClaimLine(string Path, string Japanese, string English, string ValueJapanese, string ValueEnglish, bool Disclosed = false);
