using System;
using System.Linq;
using System.Text.Json.Nodes;
using Credentials.W3c.OpenBadges;

namespace Credentials.Samples.Badges;

/// <summary>
/// Maps the claims of an <c>ipa-exam</c> or <c>dss-skill</c> award (the same claims file the SD-JWT VC issuance takes)
/// to an unsigned Open Badges 3.0 <c>OpenBadgeCredential</c> written by the library's <see cref="OpenBadgeCredentialBuilder"/>:
/// the issuer's Profile, an <c>AchievementSubject</c> (the holder's DID, or a salted hashed identifier), the
/// <c>Achievement</c> with the same <c>id</c> as the SD-JWT VC's achievement, its type, criteria, framework alignments
/// and result descriptions, the results, <c>awardedDate</c>, <c>validFrom</c>/<c>validUntil</c> and <c>credentialSchema</c>.
/// </summary>
/// <remarks>
/// The achievement is in Japanese (<c>name</c>, <c>description</c>, <c>inLanguage</c> <c>ja</c>); the English name and
/// description are its English language edition (a <c>related</c> entry whose <c>id</c> is <see cref="EnglishEdition"/>),
/// as the library documents for Japanese and English; <c>Achievement.Name.Get("en")</c> reads them back.
/// </remarks>
public static class OpenBadgeMapping
{
    /// <summary>The Open Badges 3.0 JSON-LD context (pinned by the library, never fetched).</summary>
    public const string ContextUri = OpenBadgeContexts.Context;

    /// <summary>The Open Badges extensions context, which defines the <c>credentialSchema</c> type <see cref="SchemaType"/>.</summary>
    public const string ExtensionsContextUri = OpenBadgeContexts.Extensions;

    /// <summary>The 1EdTech JSON Schema of an AchievementCredential, named in <c>credentialSchema</c>.</summary>
    public const string SchemaUri = OpenBadgeContexts.AchievementCredentialSchema;

    /// <summary>The schema validator type of <see cref="SchemaUri"/> (OB 3.0 section 8.2.1).</summary>
    public const string SchemaType = OpenBadgeContexts.JsonSchemaValidator2019;

    /// <summary>The achievement's primary language.</summary>
    public const string Japanese = "ja";

    /// <summary>The language of the achievement's other edition.</summary>
    public const string English = "en";

    /// <summary>The name of the IPA exam's one result (pass).</summary>
    public const string PassResultName = "合否";

    /// <summary>The value of the IPA exam's one result.</summary>
    public const string PassResultValue = "合格";

    /// <summary>The IPA page of the exam categories, which every IPA exam alignment points to.</summary>
    private const string IpaExamUrl = "https://www.ipa.go.jp/shiken/kubun/index.html";

    /// <summary>Whether <paramref name="type"/> can be issued as an Open Badge (<c>ipa-exam</c>, <c>dss-skill</c>).</summary>
    public static bool Supports(CredentialType type) => type is IpaExamCredentialType or DssSkillCredentialType;

    /// <summary>The name of a DSS skill result (<c>テクノロジー：ソフトウェア設計手法</c>).</summary>
    public static string SkillResultName(string category, string skill) => category + "：" + skill;

    /// <summary>The URI of an achievement's English edition: the achievement's URI followed by <c>/en</c>.</summary>
    /// <param name="achievementId">The achievement's URI.</param>
    public static string EnglishEdition(string achievementId) => achievementId + "/" + English;

    /// <summary>Builds the unsigned credential from prepared (checked and completed) claims.</summary>
    /// <param name="prepared">The claims prepared by <see cref="CredentialType.Prepare"/>.</param>
    /// <param name="issue">The issuer, the holder and the status entry.</param>
    /// <exception cref="ArgumentException">The type is not an award type, or the claims do not make a conforming Open Badge.</exception>
    public static JsonObject ToOpenBadge(PreparedCredential prepared, OpenBadgeIssue issue)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(issue);
        var claims = prepared.Claims;
        var award = prepared.Type switch
        {
            IpaExamCredentialType => IpaAward(claims),
            DssSkillCredentialType => DssAward(claims),
            _ => throw new ArgumentException($"'{prepared.Type.Name}' cannot be issued as an Open Badge (ipa-exam, dss-skill).", nameof(prepared)),
        };

        var builder = new OpenBadgeCredentialBuilder()
            .Id(issue.IdOrNew())
            .Name(award.Name)
            .Issuer(issue.Issuer, profile =>
            {
                profile.Name(award.IssuerName);
                if (issue.Issuer.StartsWith("https://", StringComparison.Ordinal))
                {
                    profile.Url(issue.Issuer);
                }
            })
            .ValidFrom(WholeSeconds(prepared.NotBefore))
            .ValidUntil(WholeSeconds(prepared.ExpiresAt))
            .AwardedDate(JapanTime.StartOfDay(award.Awarded))
            .Achievement(award.Achievement);
        if (issue.HolderDid is { } did)
        {
            builder.RecipientId(did);
        }
        else
        {
            // OB 3.0 section B.1.5 (AchievementSubject): an id or at least one identifier; the identity is hashed with a salt.
            builder.RecipientIdentifier(IdentityObject.CreateHashed(award.Recipient.Type, award.Recipient.Value, issue.Salt));
        }

        foreach (var result in award.Results)
        {
            builder.Result(result);
        }

        if (issue.CredentialStatus is { } status)
        {
            builder.Status(status);
        }

        return builder.Build();
    }

    /// <summary>The IPA award's Japanese and English name (the exam's name with 合格 / Passed).</summary>
    internal static (string Name, string? EnglishName) IpaAwardName(JsonObject claims)
    {
        var exam = claims["exam"]!.AsObject();
        var name = BadgeFacts.Text(exam, "name");
        return (name + " 合格", BadgeFacts.OptionalText(exam, "name#en-US") is { } en ? "Passed: " + en : null);
    }

    private static Award IpaAward(JsonObject claims)
    {
        var exam = claims["exam"]!.AsObject();
        var code = BadgeFacts.Text(exam, "category_code");
        var examName = BadgeFacts.Text(exam, "name");
        var examNameEn = BadgeFacts.OptionalText(exam, "name#en-US");
        var authority = BadgeFacts.Text(claims, "issuing_authority");
        var id = BadgeFacts.Text(exam, "achievement_id");
        var (name, nameEn) = IpaAwardName(claims);
        var session = BadgeFacts.OptionalText(exam, "session");
        var resultId = id + "#result";
        Action<AchievementBuilder> achievement = a =>
        {
            Describe(
                a,
                id,
                "Certification",
                name,
                nameEn,
                $"{authority}が実施する{examName}（試験区分 {code}）に合格したことを証明します（サンプル）。",
                $"Certifies a pass in the {examNameEn ?? examName} (category {code}) (sample).",
                $"{examName}{(session is null ? string.Empty : $"（{session}実施）")}に合格したこと。");
            a.Alignment(Alignment.Create(examName, IpaExamUrl, code, "情報処理技術者試験", "ext:IPAExamCategory"));
            a.ResultDescription(ResultDescription.Create(resultId, PassResultName, "Status"));
        };

        // Without an e-mail address, the recipient is the certificate number, hashed.
        return new Award(
            name,
            achievement,
            [OpenBadgeResult.Create(resultDescription: resultId, value: PassResultValue, status: "Completed")],
            BadgeFacts.Date(claims, "pass_date"),
            authority,
            (BadgeFacts.Text(claims, "certificate_number"), "identifier"));
    }

    private static Award DssAward(JsonObject claims)
    {
        var source = claims["achievement"]!.AsObject();
        var id = BadgeFacts.Text(source, "id");
        var name = BadgeFacts.Text(source, "name");
        var alignments = (source["alignment"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(a => Alignment.Create(BadgeFacts.Text(a, "target_name"), BadgeFacts.Text(a, "target_url"), BadgeFacts.Text(a, "target_code"), BadgeFacts.OptionalText(a, "target_framework"), BadgeFacts.OptionalText(a, "target_type")))
            .ToArray();
        var skills = (claims["results"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var descriptions = skills
            .Select((s, i) => ResultDescription.Create($"{id}#skill-{i + 1}", SkillResultName(BadgeFacts.Text(s, "skill_category"), BadgeFacts.Text(s, "skill_name")), "ext:DSSSkillLevel"))
            .ToArray();
        var results = skills
            .Select((s, i) => OpenBadgeResult.Create(resultDescription: $"{id}#skill-{i + 1}", value: BadgeFacts.Text(s, "level")))
            .ToArray();
        Action<AchievementBuilder> achievement = a =>
        {
            Describe(
                a,
                id,
                BadgeFacts.OptionalText(source, "achievement_type") ?? "Competency",
                name,
                BadgeFacts.OptionalText(source, "name#en-US"),
                BadgeFacts.OptionalText(source, "description") ?? name,
                BadgeFacts.OptionalText(source, "description#en-US"),
                BadgeFacts.Text(source["criteria"]!.AsObject(), "narrative"));
            foreach (var alignment in alignments)
            {
                a.Alignment(alignment);
            }

            foreach (var description in descriptions)
            {
                a.ResultDescription(description);
            }
        };

        var recipient = BadgeFacts.OptionalText(claims, "email") is { } email ? (email.Trim().ToLowerInvariant(), IdentityObject.EmailAddress) : (BadgeFacts.Text(claims, "family_name") + BadgeFacts.Text(claims, "given_name"), "name");
        return new Award(name, achievement, results, BadgeFacts.Date(claims, "awarded_date"), BadgeFacts.Text(claims, "issuer_name"), recipient);
    }

    /// <summary>The achievement's id, type and criteria, its Japanese name and description, and their English edition when there is English text.</summary>
    private static void Describe(AchievementBuilder achievement, string id, string achievementType, string name, string? nameEn, string description, string? descriptionEn, string criteria)
    {
        achievement.Id(id).AchievementType(achievementType).InLanguage(Japanese).Name(name, Japanese).Description(description, Japanese).Criteria(criteria);
        if (nameEn is not null)
        {
            achievement.Name(nameEn, English);
        }

        if (descriptionEn is not null)
        {
            achievement.Description(descriptionEn, English);
        }

        if (nameEn is not null || descriptionEn is not null)
        {
            achievement.LanguageEdition(English, EnglishEdition(id));
        }
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerSecond));
    }

    private sealed record Award(
        string Name,
        Action<AchievementBuilder> Achievement,
        OpenBadgeResult[] Results,
        DateOnly Awarded,
        string IssuerName,
        (string Value, string Type) Recipient);
}
