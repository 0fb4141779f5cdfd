using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Credentials.W3c.OpenBadges;

namespace Credentials.Samples.Badges;

/// <summary>
/// The facts of an award that a verifier reads, whichever form carries it: the achievement's identifier and names, the
/// framework codes it aligns to, the award date, the results and the issuer's name. The SD-JWT VC and the Open Badges
/// 3.0 form of one award give the same facts.
/// </summary>
/// <param name="AchievementId">The achievement's URL, shared by both forms.</param>
/// <param name="Name">The achievement's name in Japanese.</param>
/// <param name="EnglishName">The achievement's name in English, when given.</param>
/// <param name="AlignmentCodes">The codes of the frameworks the achievement aligns to (DSS-P role and type, IPA exam category).</param>
/// <param name="AwardedDate">The date of the award (Japan time).</param>
/// <param name="Results">The results, in order.</param>
/// <param name="IssuerName">The issuer's name.</param>
public sealed record BadgeFacts(
    string AchievementId,
    string Name,
    string? EnglishName,
    IReadOnlyList<string> AlignmentCodes,
    DateOnly AwardedDate,
    IReadOnlyList<BadgeResult> Results,
    string IssuerName)
{
    /// <summary>Reads the facts from the claims of an <c>ipa-exam</c> or <c>dss-skill</c> SD-JWT VC (or its claims file, completed).</summary>
    /// <param name="type">The credential type.</param>
    /// <param name="claims">The disclosed claims.</param>
    /// <exception cref="ArgumentException">The type is not an award, or a claim the facts need is missing.</exception>
    public static BadgeFacts FromSdJwtVc(CredentialType type, JsonObject claims)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(claims);
        switch (type)
        {
            case IpaExamCredentialType:
            {
                var exam = claims["exam"]?.AsObject() ?? throw new ArgumentException("The claims have no exam.", nameof(claims));
                var award = OpenBadgeMapping.IpaAwardName(claims);
                return new BadgeFacts(
                    Text(exam, "achievement_id"),
                    award.Name,
                    award.EnglishName,
                    [Text(exam, "category_code")],
                    Date(claims, "pass_date"),
                    [new BadgeResult(OpenBadgeMapping.PassResultName, OpenBadgeMapping.PassResultValue)],
                    Text(claims, "issuing_authority"));
            }

            case DssSkillCredentialType:
            {
                var achievement = claims["achievement"]?.AsObject() ?? throw new ArgumentException("The claims have no achievement.", nameof(claims));
                var results = claims["results"] is JsonArray array
                    ? array.OfType<JsonObject>().Select(r => new BadgeResult(OpenBadgeMapping.SkillResultName(Text(r, "skill_category"), Text(r, "skill_name")), Text(r, "level"))).ToList()
                    : [];
                return new BadgeFacts(
                    Text(achievement, "id"),
                    Text(achievement, "name"),
                    OptionalText(achievement, "name#en-US"),
                    [.. (achievement["alignment"] as JsonArray ?? []).OfType<JsonObject>().Select(a => Text(a, "target_code"))],
                    Date(claims, "awarded_date"),
                    results,
                    Text(claims, "issuer_name"));
            }

            default:
                throw new ArgumentException($"'{type.Name}' is not an award type (ipa-exam, dss-skill).", nameof(type));
        }
    }

    /// <summary>Reads the facts from an Open Badges 3.0 credential (its JSON, proof or not).</summary>
    /// <param name="credential">The credential.</param>
    /// <returns>The facts, or <see langword="null"/> when the credential is not an Open Badge or lacks the award date.</returns>
    public static BadgeFacts? FromOpenBadge(JsonObject credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var read = OpenBadgeCredential.Read(credential.ToJsonString());
        return read.IsValid ? FromOpenBadge(read.Value) : null;
    }

    /// <summary>Reads the facts from an Open Badges 3.0 credential read by the library: the name in Japanese and English from its language editions.</summary>
    /// <param name="badge">The credential.</param>
    /// <returns>The facts, or <see langword="null"/> when the credential lacks the award date.</returns>
    public static BadgeFacts? FromOpenBadge(OpenBadgeCredential badge)
    {
        ArgumentNullException.ThrowIfNull(badge);
        if (badge.AwardedDate is not { } awardedAt)
        {
            return null;
        }

        var achievement = badge.Achievement;
        var descriptions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var description in achievement.ResultDescriptions)
        {
            if (description.Id is { } rid && description.Name is { } rname)
            {
                descriptions[rid] = rname;
            }
        }

        var results = new List<BadgeResult>();
        foreach (var result in badge.Subject.Results)
        {
            var label = result.ResultDescription is { } rid && descriptions.TryGetValue(rid, out var rname) ? rname : "-";
            results.Add(new BadgeResult(label, result.Value ?? result.Status ?? "-"));
        }

        return new BadgeFacts(
            achievement.Id,
            achievement.Name.GetOrFirst(OpenBadgeMapping.Japanese),
            achievement.Name.Get(OpenBadgeMapping.English),
            [.. achievement.Alignments.Select(a => a.TargetCode ?? "-")],
            JapanTime.ToJapanDate(awardedAt),
            results,
            badge.Issuer.Name ?? badge.Issuer.Id);
    }

    internal static DateOnly Date(JsonObject parent, string name)
        => IsoDate.TryParse(Text(parent, name), out var date) ? date : throw new ArgumentException($"The claim '{name}' is not a YYYY-MM-DD date.", nameof(parent));

    internal static string Text(JsonObject parent, string name)
        => OptionalText(parent, name) ?? throw new ArgumentException($"The claim '{name}' is missing.", nameof(parent));

    internal static string? OptionalText(JsonObject parent, string name)
        => parent[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
