using System;
using System.Text.Json;

namespace Credentials.W3c.OpenBadges;

/// <summary>What is needed to earn an achievement: a web page (<c>id</c>) and/or a Markdown <c>narrative</c> (Open Badges 3.0 appendix B.1, Criteria).</summary>
public sealed class Criteria
{
    internal Criteria(JsonElement json)
    {
        Json = json;
        Id = OpenBadgeJson.String(json, "id");
        Narrative = OpenBadgeJson.String(json, "narrative");
    }

    /// <summary>The URL of a page describing the criteria, if any.</summary>
    public string? Id { get; }

    /// <summary>The narrative (Markdown), if any.</summary>
    public string? Narrative { get; }

    /// <summary>The object as it appears in the document.</summary>
    public JsonElement Json { get; }

    /// <summary>Creates criteria; implementations should give at least one of the two.</summary>
    /// <param name="narrative">The narrative (Markdown), or <see langword="null"/>.</param>
    /// <param name="id">The URL of a page describing the criteria, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">Both are null.</exception>
    public static Criteria Create(string? narrative, string? id = null)
    {
        if (narrative is null && id is null)
        {
            throw new ArgumentException("Criteria need a narrative, an id, or both.", nameof(narrative));
        }

        return new Criteria(OpenBadgeWriter.Element(w =>
        {
            OpenBadgeWriter.Optional(w, "id", id);
            OpenBadgeWriter.Optional(w, "narrative", narrative);
        }));
    }
}
