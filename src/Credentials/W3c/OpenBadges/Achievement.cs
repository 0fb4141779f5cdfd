using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text.Json;

namespace Credentials.W3c.OpenBadges;

/// <summary>
/// The accomplishment a credential recognises (Open Badges 3.0 appendix B.1, Achievement): what it is, its criteria,
/// its alignments to frameworks and the results it can have.
/// </summary>
/// <remarks>
/// The 1EdTech schema allows only strings for <c>name</c> and <c>description</c>. They are in the language of
/// <c>inLanguage</c>; other language editions are listed in <c>related</c> with their own <c>inLanguage</c> (and, as
/// written by <see cref="AchievementBuilder"/>, their <c>name</c> and <c>description</c>). <see cref="Name"/> and
/// <see cref="Description"/> gather them into one <see cref="LocalizedText"/>, the achievement's own text first.
/// </remarks>
public sealed class Achievement
{
    internal Achievement(JsonElement json)
    {
        Json = json;
        Id = OpenBadgeJson.String(json, "id") ?? string.Empty;
        Types = OpenBadgeJson.Types(json);
        AchievementType = OpenBadgeJson.String(json, "achievementType");
        InLanguage = OpenBadgeJson.String(json, "inLanguage");
        Related = OpenBadgeJson.Objects(json, "related", e => new RelatedAchievement(e));
        Name = Localized(OpenBadgeJson.String(json, "name") ?? string.Empty, InLanguage, Related, r => r.Name)!;
        Description = Localized(OpenBadgeJson.String(json, "description") ?? string.Empty, InLanguage, Related, r => r.Description)!;
        Criteria = new Criteria(OpenBadgeJson.Object(json, "criteria") ?? default);
        Image = OpenBadgeJson.Image(json, "image");
        Alignments = OpenBadgeJson.Objects(json, "alignment", e => new Alignment(e));
        ResultDescriptions = OpenBadgeJson.Objects(json, "resultDescription", e => new ResultDescription(e));
        HumanCode = OpenBadgeJson.String(json, "humanCode");
        FieldOfStudy = OpenBadgeJson.String(json, "fieldOfStudy");
        Specialization = OpenBadgeJson.String(json, "specialization");
        Version = OpenBadgeJson.String(json, "version");
        CreditsAvailable = OpenBadgeJson.Number(json, "creditsAvailable");
        Tags = OpenBadgeJson.Strings(json, "tag");
        if (json.ValueKind == JsonValueKind.Object && json.TryGetProperty("creator", out var creator) && creator.ValueKind is JsonValueKind.Object or JsonValueKind.String)
        {
            Creator = new OpenBadgeProfile(creator);
        }
    }

    /// <summary>The achievement's URI.</summary>
    public string Id { get; }

    /// <summary>The <c>type</c> values (include <c>Achievement</c>).</summary>
    public ImmutableArray<string> Types { get; }

    /// <summary>The kind of achievement (for example <c>Competency</c>, <c>Certification</c>, <c>Badge</c>, or <c>ext:…</c>), if given.</summary>
    public string? AchievementType { get; }

    /// <summary>The name: the <c>name</c> string (tagged with <see cref="InLanguage"/>), then the names of language editions in <see cref="Related"/>.</summary>
    public LocalizedText Name { get; }

    /// <summary>The description, gathered like <see cref="Name"/>.</summary>
    public LocalizedText Description { get; }

    /// <summary>The criteria.</summary>
    public Criteria Criteria { get; }

    /// <summary>The image, if any.</summary>
    public OpenBadgeImage? Image { get; }

    /// <summary>The alignments to frameworks, if any.</summary>
    public ImmutableArray<Alignment> Alignments { get; }

    /// <summary>The possible results, if any.</summary>
    public ImmutableArray<ResultDescription> ResultDescriptions { get; }

    /// <summary>The language of the achievement's text (<c>inLanguage</c>, BCP 47), if given.</summary>
    public string? InLanguage { get; }

    /// <summary>The related achievements (language editions, versions), if any.</summary>
    public ImmutableArray<RelatedAchievement> Related { get; }

    /// <summary>The code people use for the achievement (for example a course code), if any.</summary>
    public string? HumanCode { get; }

    /// <summary>The field of study, if any.</summary>
    public string? FieldOfStudy { get; }

    /// <summary>The specialization, if any.</summary>
    public string? Specialization { get; }

    /// <summary>The version, if any.</summary>
    public string? Version { get; }

    /// <summary>The credit units available, if any.</summary>
    public double? CreditsAvailable { get; }

    /// <summary>The tags (keywords), if any.</summary>
    public ImmutableArray<string> Tags { get; }

    /// <summary>The creator, if any.</summary>
    public OpenBadgeProfile? Creator { get; }

    /// <summary>The object as it appears in the document (other members, such as <c>otherIdentifier</c>, are here).</summary>
    public JsonElement Json { get; }

    /// <summary>Whether <see cref="Types"/> has the given value.</summary>
    /// <param name="type">A type.</param>
    public bool HasType(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Types.Contains(type, StringComparer.Ordinal);
    }

    private static LocalizedText Localized(string primary, string? language, ImmutableArray<RelatedAchievement> related, Func<RelatedAchievement, string?> select)
    {
        var values = ImmutableArray.CreateBuilder<LanguageValue>();
        values.Add(new LanguageValue(primary, language));
        foreach (var r in related)
        {
            if (r.InLanguage is { } tag && select(r) is { } text
                && !string.Equals(tag, language, StringComparison.OrdinalIgnoreCase)
                && !values.Any(v => string.Equals(v.Language, tag, StringComparison.OrdinalIgnoreCase)))
            {
                values.Add(new LanguageValue(text, tag));
            }
        }

        return new LocalizedText(values.ToImmutable());
    }
}
