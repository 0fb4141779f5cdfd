using System;
using System.Collections.Immutable;
using System.Text.Json;

namespace Credentials.W3c.OpenBadges;

/// <summary>
/// A result the recipient achieved: a value or level for one of the achievement's result descriptions (Open Badges
/// 3.0 appendix B.1, Result).
/// </summary>
public sealed class OpenBadgeResult
{
    internal OpenBadgeResult(JsonElement json)
    {
        Json = json;
        Types = OpenBadgeJson.Types(json);
        ResultDescription = OpenBadgeJson.String(json, "resultDescription");
        AchievedLevel = OpenBadgeJson.String(json, "achievedLevel");
        Status = OpenBadgeJson.String(json, "status");
        Value = OpenBadgeJson.String(json, "value");
        Alignments = OpenBadgeJson.Objects(json, "alignment", e => new Alignment(e));
    }

    /// <summary>The <c>type</c> values (should include <c>Result</c>).</summary>
    public ImmutableArray<string> Types { get; }

    /// <summary>The <c>id</c> of the <see cref="OpenBadges.ResultDescription"/> this result is for, if any.</summary>
    public string? ResultDescription { get; }

    /// <summary>The <c>id</c> of the rubric level achieved, if any.</summary>
    public string? AchievedLevel { get; }

    /// <summary>The status (<c>Completed</c>, <c>Enrolled</c>, <c>Failed</c>, <c>InProgress</c>, <c>OnHold</c>, <c>Provisional</c>, <c>Withdrew</c>), if any.</summary>
    public string? Status { get; }

    /// <summary>The value achieved, if any.</summary>
    public string? Value { get; }

    /// <summary>The alignments, if any.</summary>
    public ImmutableArray<Alignment> Alignments { get; }

    /// <summary>The object as it appears in the document.</summary>
    public JsonElement Json { get; }

    /// <summary>Creates a result.</summary>
    /// <param name="resultDescription">The <c>id</c> of the result description, or <see langword="null"/>.</param>
    /// <param name="achievedLevel">The <c>id</c> of the rubric level achieved, or <see langword="null"/>.</param>
    /// <param name="value">The value achieved, or <see langword="null"/>.</param>
    /// <param name="status">The status, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">Every argument is null.</exception>
    public static OpenBadgeResult Create(string? resultDescription = null, string? achievedLevel = null, string? value = null, string? status = null)
    {
        if (resultDescription is null && achievedLevel is null && value is null && status is null)
        {
            throw new ArgumentException("A result needs at least one of its members.", nameof(resultDescription));
        }

        return new OpenBadgeResult(OpenBadgeWriter.Element(w =>
        {
            OpenBadgeWriter.Types(w, ["Result"]);
            OpenBadgeWriter.Optional(w, "resultDescription", resultDescription);
            OpenBadgeWriter.Optional(w, "achievedLevel", achievedLevel);
            OpenBadgeWriter.Optional(w, "value", value);
            OpenBadgeWriter.Optional(w, "status", status);
        }));
    }
}
