using System.Collections.Immutable;

namespace Credentials.Samples.Web.Checker;

/// <summary>
/// One thing the credential says: its label in both languages (from type metadata or the badge, else its name), its
/// path and its value as text. A structured value (an object or an array) has its members or items as
/// <see cref="Children"/>, bounded by <see cref="ClaimTree"/>'s limits. Every value comes from the credential and is
/// shown as text only (Razor encodes it).
/// </summary>
/// <param name="Path">The claim's path, written <c>a.b[0]</c>.</param>
/// <param name="Japanese">The label in Japanese.</param>
/// <param name="English">The label in English.</param>
/// <param name="ValueJapanese">The value as text for the Japanese page (dates also in the Japanese era); empty for a structured value.</param>
/// <param name="ValueEnglish">The value as text for the English page; empty for a structured value.</param>
/// <param name="Disclosed">Whether the holder chose to disclose it (SD-JWT VC selective disclosure).</param>
public sealed record ClaimLine(string Path, string Japanese, string English, string ValueJapanese, string ValueEnglish, bool Disclosed = false)
{
    /// <summary>Whether the value is an object or an array (shown as a nested list of <see cref="Children"/>).</summary>
    public bool IsStructured { get; init; }

    /// <summary>The members of an object or the items of an array that are shown, in order.</summary>
    public ImmutableArray<ClaimLine> Children { get; init; } = [];

    /// <summary>How many members or items are not shown (over the count limits, or nested too deeply).</summary>
    public int NotShown { get; init; }
}
