using System;
using System.Collections.Immutable;
using System.Text.Json;

namespace Credentials.W3c.OpenBadges;

/// <summary>One level of a rubric criterion, for example "Level 3" (Open Badges 3.0 appendix B.1, RubricCriterionLevel).</summary>
public sealed class RubricCriterionLevel
{
    internal RubricCriterionLevel(JsonElement json)
    {
        Json = json;
        Id = OpenBadgeJson.String(json, "id");
        Types = OpenBadgeJson.Types(json);
        Name = OpenBadgeJson.String(json, "name");
        Description = OpenBadgeJson.String(json, "description");
        Level = OpenBadgeJson.String(json, "level");
        Points = OpenBadgeJson.String(json, "points");
    }

    /// <summary>The level's identifier (required by the schema; results refer to it in <c>achievedLevel</c>).</summary>
    public string? Id { get; }

    /// <summary>The <c>type</c> values (should include <c>RubricCriterionLevel</c>).</summary>
    public ImmutableArray<string> Types { get; }

    /// <summary>The level's name.</summary>
    public string? Name { get; }

    /// <summary>The level's description, if any.</summary>
    public string? Description { get; }

    /// <summary>The rubric's own label for the level, if any.</summary>
    public string? Level { get; }

    /// <summary>The points of the level, if any.</summary>
    public string? Points { get; }

    /// <summary>The object as it appears in the document.</summary>
    public JsonElement Json { get; }

    /// <summary>Creates a rubric criterion level.</summary>
    /// <param name="id">The level's identifier (a URI, for example <c>urn:uuid:…</c>).</param>
    /// <param name="name">The level's name.</param>
    /// <param name="description">A description, or <see langword="null"/>.</param>
    /// <param name="level">The rubric's label for the level, or <see langword="null"/>.</param>
    /// <param name="points">The points, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> or <paramref name="name"/> is null or empty.</exception>
    public static RubricCriterionLevel Create(string id, string name, string? description = null, string? level = null, string? points = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new RubricCriterionLevel(OpenBadgeWriter.Element(w =>
        {
            w.WriteString("id", id);
            OpenBadgeWriter.Types(w, ["RubricCriterionLevel"]);
            w.WriteString("name", name);
            OpenBadgeWriter.Optional(w, "description", description);
            OpenBadgeWriter.Optional(w, "level", level);
            OpenBadgeWriter.Optional(w, "points", points);
        }));
    }
}
