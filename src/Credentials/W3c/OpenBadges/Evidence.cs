using System.Collections.Immutable;
using System.Text.Json;

namespace Credentials.W3c.OpenBadges;

/// <summary>Evidence of the achievement: a URL and/or a narrative about what the recipient did (Open Badges 3.0 appendix B.1, Evidence).</summary>
public sealed class Evidence
{
    internal Evidence(JsonElement json)
    {
        Json = json;
        Id = OpenBadgeJson.String(json, "id");
        Types = OpenBadgeJson.Types(json);
        Narrative = OpenBadgeJson.String(json, "narrative");
        Name = OpenBadgeJson.String(json, "name");
        Description = OpenBadgeJson.String(json, "description");
        Genre = OpenBadgeJson.String(json, "genre");
        Audience = OpenBadgeJson.String(json, "audience");
    }

    /// <summary>The URL of the evidence, if any.</summary>
    public string? Id { get; }

    /// <summary>The <c>type</c> values (should include <c>Evidence</c>).</summary>
    public ImmutableArray<string> Types { get; }

    /// <summary>A narrative (Markdown) of the evidence, if any.</summary>
    public string? Narrative { get; }

    /// <summary>The evidence's name, if any.</summary>
    public string? Name { get; }

    /// <summary>A short description, if any.</summary>
    public string? Description { get; }

    /// <summary>The kind of evidence (for example <c>Poetry</c>, <c>Prose</c>), if any.</summary>
    public string? Genre { get; }

    /// <summary>The intended audience, if any.</summary>
    public string? Audience { get; }

    /// <summary>The object as it appears in the document.</summary>
    public JsonElement Json { get; }

    /// <summary>Creates evidence.</summary>
    /// <param name="id">The URL of the evidence, or <see langword="null"/>.</param>
    /// <param name="name">The name, or <see langword="null"/>.</param>
    /// <param name="narrative">A narrative (Markdown), or <see langword="null"/>.</param>
    /// <param name="description">A short description, or <see langword="null"/>.</param>
    /// <param name="genre">The genre, or <see langword="null"/>.</param>
    /// <param name="audience">The audience, or <see langword="null"/>.</param>
    public static Evidence Create(string? id = null, string? name = null, string? narrative = null, string? description = null, string? genre = null, string? audience = null)
        => new(OpenBadgeWriter.Element(w =>
        {
            OpenBadgeWriter.Optional(w, "id", id);
            OpenBadgeWriter.Types(w, ["Evidence"]);
            OpenBadgeWriter.Optional(w, "name", name);
            OpenBadgeWriter.Optional(w, "narrative", narrative);
            OpenBadgeWriter.Optional(w, "description", description);
            OpenBadgeWriter.Optional(w, "genre", genre);
            OpenBadgeWriter.Optional(w, "audience", audience);
        }));
}
