using System;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Credentials.Samples.Badges;

/// <summary>
/// Maps the claims of an <c>ipa-exam</c> or <c>dss-skill</c> award (the same claims file the SD-JWT VC issuance takes)
/// to an unsigned Open Badges 3.0 <c>OpenBadgeCredential</c>: the issuer's Profile, an <c>AchievementSubject</c> (the
/// holder's DID, or a salted hashed identifier), the <c>Achievement</c> with the same <c>id</c> as the SD-JWT VC's
/// achievement, its type, Japanese and English name and description, criteria, framework alignments and result
/// descriptions, the results, <c>awardedDate</c>, <c>validFrom</c>/<c>validUntil</c> and <c>credentialSchema</c>.
/// </summary>
public static class OpenBadgeMapping
{
    /// <summary>The Open Badges 3.0 JSON-LD context (pinned by the library, never fetched).</summary>
    public const string ContextUri = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

    /// <summary>The Open Badges extensions context, which defines the <c>credentialSchema</c> type <see cref="SchemaType"/>.</summary>
    public const string ExtensionsContextUri = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json";

    /// <summary>The 1EdTech JSON Schema of an AchievementCredential, named in <c>credentialSchema</c>.</summary>
    public const string SchemaUri = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";

    /// <summary>The schema validator type of <see cref="SchemaUri"/> (OB 3.0 section 8.2.1).</summary>
    public const string SchemaType = "1EdTechJsonSchemaValidator2019";

    /// <summary>
    /// The sample's term for the achievement's name by language (<c>{"ja": …, "en": …}</c>): a JSON-LD language map
    /// onto <c>schema:name</c>, defined by the credential's inline context, beside the plain Japanese <c>name</c>.
    /// </summary>
    public const string LocalizedName = "localizedName";

    /// <summary>The sample's term for the achievement's description by language, onto <c>schema:description</c>.</summary>
    public const string LocalizedDescription = "localizedDescription";

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

    /// <summary>Builds the unsigned credential from prepared (checked and completed) claims.</summary>
    /// <param name="prepared">The claims prepared by <see cref="CredentialType.Prepare"/>.</param>
    /// <param name="issue">The issuer, the holder and the status entry.</param>
    /// <exception cref="ArgumentException">The type is not an award type.</exception>
    public static JsonObject ToOpenBadge(PreparedCredential prepared, OpenBadgeIssue issue)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(issue);
        var claims = prepared.Claims;
        var (achievement, results, awarded, issuerName, recipient) = prepared.Type switch
        {
            IpaExamCredentialType => IpaAchievement(claims),
            DssSkillCredentialType => DssAchievement(claims),
            _ => throw new ArgumentException($"'{prepared.Type.Name}' cannot be issued as an Open Badge (ipa-exam, dss-skill).", nameof(prepared)),
        };

        var subject = new JsonObject();
        if (issue.HolderDid is { } did)
        {
            subject["id"] = did;
        }

        subject["type"] = new JsonArray("AchievementSubject");
        if (issue.HolderDid is null)
        {
            // OB 3.0 section B.1.5 (AchievementSubject): an id or at least one identifier; the identity is hashed with a salt.
            subject["identifier"] = new JsonArray(HashedIdentity(recipient.Value, recipient.Type, issue.Salt));
        }

        subject["achievement"] = achievement;
        subject["result"] = results;

        var issuer = new JsonObject { ["id"] = issue.Issuer, ["type"] = new JsonArray("Profile"), ["name"] = issuerName };
        if (issue.Issuer.StartsWith("https://", StringComparison.Ordinal))
        {
            issuer["url"] = issue.Issuer;
        }

        var credential = new JsonObject
        {
            ["@context"] = new JsonArray(
                "https://www.w3.org/ns/credentials/v2",
                ContextUri,
                ExtensionsContextUri,
                new JsonObject
                {
                    [LocalizedName] = new JsonObject { ["@id"] = "https://schema.org/name", ["@container"] = "@language" },
                    [LocalizedDescription] = new JsonObject { ["@id"] = "https://schema.org/description", ["@container"] = "@language" },
                }),
            ["id"] = issue.IdOrNew(),
            ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
            ["issuer"] = issuer,
            ["validFrom"] = Instant(prepared.NotBefore),
            ["validUntil"] = Instant(prepared.ExpiresAt),
            ["awardedDate"] = JapanTime.StartOfDay(awarded).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            ["name"] = achievement["name"]!.DeepClone(),
            ["credentialSubject"] = subject,
            ["credentialSchema"] = new JsonArray(new JsonObject { ["id"] = SchemaUri, ["type"] = SchemaType }),
        };
        if (issue.CredentialStatus is { } status)
        {
            credential["credentialStatus"] = status.DeepClone();
        }

        return credential;
    }

    /// <summary>The IPA award's Japanese and English name (the exam's name with 合格 / Passed).</summary>
    internal static (string Name, string? EnglishName) IpaAward(JsonObject claims)
    {
        var exam = claims["exam"]!.AsObject();
        var name = BadgeFacts.Text(exam, "name");
        return (name + " 合格", BadgeFacts.OptionalText(exam, "name#en-US") is { } en ? "Passed: " + en : null);
    }

    private static (JsonObject Achievement, JsonArray Results, DateOnly Awarded, string IssuerName, (string Value, string Type) Recipient) IpaAchievement(JsonObject claims)
    {
        var exam = claims["exam"]!.AsObject();
        var code = BadgeFacts.Text(exam, "category_code");
        var examName = BadgeFacts.Text(exam, "name");
        var examNameEn = BadgeFacts.OptionalText(exam, "name#en-US");
        var authority = BadgeFacts.Text(claims, "issuing_authority");
        var id = BadgeFacts.Text(exam, "achievement_id");
        var (name, nameEn) = IpaAward(claims);
        var description = $"{authority}が実施する{examName}（試験区分 {code}）に合格したことを証明します（サンプル）。";
        var descriptionEn = $"Certifies a pass in the {examNameEn ?? examName} (category {code}) (sample).";
        var session = BadgeFacts.OptionalText(exam, "session");
        var achievement = Achievement(
            id,
            "Certification",
            name,
            nameEn,
            description,
            descriptionEn,
            $"{examName}{(session is null ? string.Empty : $"（{session}実施）")}に合格したこと。",
            [Alignment(examName, IpaExamUrl, code, "情報処理技術者試験", "ext:IPAExamCategory")]);
        var resultId = id + "#result";
        achievement["resultDescription"] = new JsonArray(new JsonObject
        {
            ["id"] = resultId,
            ["type"] = new JsonArray("ResultDescription"),
            ["name"] = PassResultName,
            ["resultType"] = "Status",
        });
        var results = new JsonArray(new JsonObject
        {
            ["type"] = new JsonArray("Result"),
            ["resultDescription"] = resultId,
            ["status"] = "Completed",
            ["value"] = PassResultValue,
        });

        // Without an e-mail address, the recipient is the certificate number, hashed.
        return (achievement, results, BadgeFacts.Date(claims, "pass_date"), authority, (BadgeFacts.Text(claims, "certificate_number"), "identifier"));
    }

    private static (JsonObject Achievement, JsonArray Results, DateOnly Awarded, string IssuerName, (string Value, string Type) Recipient) DssAchievement(JsonObject claims)
    {
        var source = claims["achievement"]!.AsObject();
        var id = BadgeFacts.Text(source, "id");
        var name = BadgeFacts.Text(source, "name");
        var alignment = (source["alignment"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(a => Alignment(BadgeFacts.Text(a, "target_name"), BadgeFacts.Text(a, "target_url"), BadgeFacts.Text(a, "target_code"), BadgeFacts.OptionalText(a, "target_framework"), BadgeFacts.OptionalText(a, "target_type")))
            .ToArray();
        var achievement = Achievement(
            id,
            BadgeFacts.OptionalText(source, "achievement_type") ?? "Competency",
            name,
            BadgeFacts.OptionalText(source, "name#en-US"),
            BadgeFacts.OptionalText(source, "description") ?? name,
            BadgeFacts.OptionalText(source, "description#en-US"),
            BadgeFacts.Text(source["criteria"]!.AsObject(), "narrative"),
            alignment);

        var descriptions = new JsonArray();
        var results = new JsonArray();
        var skills = (claims["results"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        for (var i = 0; i < skills.Count; i++)
        {
            var resultId = $"{id}#skill-{i + 1}";
            descriptions.Add(new JsonObject
            {
                ["id"] = resultId,
                ["type"] = new JsonArray("ResultDescription"),
                ["name"] = SkillResultName(BadgeFacts.Text(skills[i], "skill_category"), BadgeFacts.Text(skills[i], "skill_name")),
                ["resultType"] = "ext:DSSSkillLevel",
            });
            results.Add(new JsonObject
            {
                ["type"] = new JsonArray("Result"),
                ["resultDescription"] = resultId,
                ["value"] = BadgeFacts.Text(skills[i], "level"),
            });
        }

        if (descriptions.Count > 0)
        {
            achievement["resultDescription"] = descriptions;
        }

        var recipient = BadgeFacts.OptionalText(claims, "email") is { } email ? (email.Trim().ToLowerInvariant(), "emailAddress") : (BadgeFacts.Text(claims, "family_name") + BadgeFacts.Text(claims, "given_name"), "name");
        return (achievement, results, BadgeFacts.Date(claims, "awarded_date"), BadgeFacts.Text(claims, "issuer_name"), recipient);
    }

    private static JsonObject Achievement(string id, string achievementType, string name, string? nameEn, string description, string? descriptionEn, string criteria, JsonObject[] alignment)
    {
        var achievement = new JsonObject
        {
            ["id"] = id,
            ["type"] = new JsonArray("Achievement"),
            ["achievementType"] = achievementType,
            ["name"] = name,
            ["description"] = description,
            ["criteria"] = new JsonObject { ["narrative"] = criteria },
            ["inLanguage"] = "ja",
        };
        var names = new JsonObject { ["ja"] = name };
        if (nameEn is not null)
        {
            names["en"] = nameEn;
        }

        var descriptions = new JsonObject { ["ja"] = description };
        if (descriptionEn is not null)
        {
            descriptions["en"] = descriptionEn;
        }

        achievement[LocalizedName] = names;
        achievement[LocalizedDescription] = descriptions;
        achievement["alignment"] = new JsonArray([.. alignment]);
        return achievement;
    }

    private static JsonObject Alignment(string name, string url, string code, string? framework, string? type)
    {
        var alignment = new JsonObject
        {
            ["type"] = new JsonArray("Alignment"),
            ["targetName"] = name,
            ["targetUrl"] = url,
            ["targetCode"] = code,
        };
        if (framework is not null)
        {
            alignment["targetFramework"] = framework;
        }

        if (type is not null)
        {
            alignment["targetType"] = type;
        }

        return alignment;
    }

    /// <summary>An IdentityObject: <c>sha256$</c> and the hex SHA-256 of the identity followed by the salt (OB 3.0 section B.1.14).</summary>
    private static JsonObject HashedIdentity(string identity, string identityType, string? salt)
    {
        salt ??= RandomNumberGenerator.GetHexString(32, lowercase: true);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(identity + salt));
        return new JsonObject
        {
            ["type"] = "IdentityObject",
            ["identityHash"] = "sha256$" + Convert.ToHexStringLower(hash),
            ["identityType"] = identityType,
            ["hashed"] = true,
            ["salt"] = salt,
        };
    }

    private static string Instant(DateTimeOffset instant)
        => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
