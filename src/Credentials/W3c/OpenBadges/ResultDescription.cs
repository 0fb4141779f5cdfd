using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.Json;

namespace Credentials.W3c.OpenBadges;

/// <summary>
/// A possible result of an achievement, for example a grade or a rubric level (Open Badges 3.0 appendix B.1,
/// ResultDescription). <c>resultType</c> is an extensible vocabulary (<c>ext:…</c> for extensions).
/// </summary>
public sealed class ResultDescription
{
    internal ResultDescription(JsonElement json)
    {
        Json = json;
        Id = OpenBadgeJson.String(json, "id");
        Types = OpenBadgeJson.Types(json);
        Name = OpenBadgeJson.String(json, "name");
        ResultType = OpenBadgeJson.String(json, "resultType");
        AllowedValues = OpenBadgeJson.Strings(json, "allowedValue");
        RequiredLevel = OpenBadgeJson.String(json, "requiredLevel");
        RequiredValue = OpenBadgeJson.String(json, "requiredValue");
        ValueMin = OpenBadgeJson.String(json, "valueMin");
        ValueMax = OpenBadgeJson.String(json, "valueMax");
        RubricCriterionLevels = OpenBadgeJson.Objects(json, "rubricCriterionLevel", e => new RubricCriterionLevel(e));
        Alignments = OpenBadgeJson.Objects(json, "alignment", e => new Alignment(e));
    }

    /// <summary>The identifier results refer to in their <c>resultDescription</c> (required by the schema).</summary>
    public string? Id { get; }

    /// <summary>The <c>type</c> values (should include <c>ResultDescription</c>).</summary>
    public ImmutableArray<string> Types { get; }

    /// <summary>The name.</summary>
    public string? Name { get; }

    /// <summary>The type of result, for example <c>LetterGrade</c> or <c>RubricCriterionLevel</c>.</summary>
    public string? ResultType { get; }

    /// <summary>The ordered values a result may take (<c>allowedValue</c>), if listed.</summary>
    public ImmutableArray<string> AllowedValues { get; }

    /// <summary>The identifier of the rubric level needed to earn the achievement, if any.</summary>
    public string? RequiredLevel { get; }

    /// <summary>The value needed to earn the achievement, if any.</summary>
    public string? RequiredValue { get; }

    /// <summary>The lowest possible value, if any.</summary>
    public string? ValueMin { get; }

    /// <summary>The highest possible value, if any.</summary>
    public string? ValueMax { get; }

    /// <summary>The rubric levels, if any.</summary>
    public ImmutableArray<RubricCriterionLevel> RubricCriterionLevels { get; }

    /// <summary>The alignments, if any.</summary>
    public ImmutableArray<Alignment> Alignments { get; }

    /// <summary>The object as it appears in the document.</summary>
    public JsonElement Json { get; }

    /// <summary>Creates a result description.</summary>
    /// <param name="id">The identifier (a URI, for example <c>urn:uuid:…</c>).</param>
    /// <param name="name">The name.</param>
    /// <param name="resultType">The type of result (a vocabulary value or <c>ext:…</c>).</param>
    /// <param name="rubricCriterionLevels">The rubric levels, or <see langword="null"/>.</param>
    /// <param name="allowedValues">The ordered allowed values, or <see langword="null"/>.</param>
    /// <param name="requiredLevel">The identifier of the required level, or <see langword="null"/>.</param>
    /// <param name="requiredValue">The required value, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A required argument is null or empty.</exception>
    public static ResultDescription Create(
        string id,
        string name,
        string resultType,
        IEnumerable<RubricCriterionLevel>? rubricCriterionLevels = null,
        IEnumerable<string>? allowedValues = null,
        string? requiredLevel = null,
        string? requiredValue = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(resultType);
        var levels = rubricCriterionLevels?.Select(l => l.Json).ToArray() ?? [];
        var values = allowedValues?.ToArray();
        return new ResultDescription(OpenBadgeWriter.Element(w =>
        {
            w.WriteString("id", id);
            OpenBadgeWriter.Types(w, ["ResultDescription"]);
            w.WriteString("name", name);
            w.WriteString("resultType", resultType);
            OpenBadgeWriter.Strings(w, "allowedValue", values);
            OpenBadgeWriter.Optional(w, "requiredLevel", requiredLevel);
            OpenBadgeWriter.Optional(w, "requiredValue", requiredValue);
            OpenBadgeWriter.Elements(w, "rubricCriterionLevel", levels);
        }));
    }
}
