using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Credentials.Samples;

/// <summary>
/// デジタルスキル標準 (DSS-P) skill achievement: the SD-JWT VC projection of an Open Badges 3.0 achievement aligned
/// to a DSS-P role, with per-skill results each disclosable on its own. Valid for three years.
/// </summary>
public sealed class DssSkillCredentialType : CredentialType
{
    /// <summary>The <c>vct</c>.</summary>
    public const string TypeUri = "https://credentials.example.jp/vct/dss/skill-achievement/v1";

    /// <summary>The alignment type of a DSS-P role.</summary>
    public const string RoleAlignment = "ext:DSSRole";

    /// <summary>The alignment type of a DSS-P personnel type (人材類型).</summary>
    public const string PersonnelTypeAlignment = "ext:DSSPersonnelType";

    /// <summary>The 15 DSS-P roles by this sample's code (codes chosen for this sample, not assigned by IPA).</summary>
    public static FrozenDictionary<string, string> Roles { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["BA-NEW"] = "ビジネスアーキテクト（新規事業開発）",
        ["BA-EXIST"] = "ビジネスアーキテクト（既存事業の高度化）",
        ["BA-OPS"] = "ビジネスアーキテクト（社内業務の高度化・効率化）",
        ["DE-SVC"] = "サービスデザイナー",
        ["DE-UXUI"] = "UX/UIデザイナー",
        ["DE-GFX"] = "グラフィックデザイナー",
        ["DS-STRAT"] = "データビジネスストラテジスト",
        ["DS-PRO"] = "データサイエンスプロフェッショナル",
        ["DS-ENG"] = "データエンジニア",
        ["SE-FE"] = "フロントエンドエンジニア",
        ["SE-BE"] = "バックエンドエンジニア",
        ["SE-SRE"] = "クラウドエンジニア／SRE",
        ["SE-PHY"] = "フィジカルコンピューティングエンジニア",
        ["CS-MGR"] = "サイバーセキュリティマネージャー",
        ["CS-ENG"] = "サイバーセキュリティエンジニア",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The five DSS-P personnel types (人材類型).</summary>
    public static FrozenDictionary<string, string> PersonnelTypes { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["BA"] = "ビジネスアーキテクト",
        ["DE"] = "デザイナー",
        ["DS"] = "データサイエンティスト",
        ["SE"] = "ソフトウェアエンジニア",
        ["CS"] = "サイバーセキュリティ",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The five DSS-P skill categories.</summary>
    public static FrozenSet<string> SkillCategories { get; } = new[] { "ビジネス変革", "データ活用", "テクノロジー", "セキュリティ", "パーソナルスキル" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// The base of the achievement URLs derived when <c>achievement.id</c> is left out: followed by the role code and
    /// the level (<c>https://credentials.example.jp/achievements/dss-p/SE-BE</c>).
    /// </summary>
    public const string AchievementBase = "https://credentials.example.jp/achievements/dss-p/";

    /// <inheritdoc />
    public override string Name => "dss-skill";

    /// <inheritdoc />
    public override string Vct => TypeUri;

    /// <inheritdoc />
    public override TimeSpan DefaultValidity => TimeSpan.FromDays(1095);

    /// <summary>
    /// Adds <c>achievement.id</c> (from the role code) when the claims leave it out, so the SD-JWT VC and the Open
    /// Badges form of an award always share the achievement's identifier.
    /// </summary>
    protected override JsonObject Complete(JsonObject claims, DateOnly today, List<ClaimProblem> problems)
    {
        var completed = base.Complete(claims, today, problems);
        if (completed["achievement"] is JsonObject achievement && !achievement.ContainsKey("id") && achievement["alignment"] is JsonArray alignment)
        {
            foreach (var entry in alignment)
            {
                if (entry is JsonObject o && o["target_type"] is JsonValue t && t.TryGetValue<string>(out var type) && type == RoleAlignment
                    && o["target_code"] is JsonValue c && c.TryGetValue<string>(out var code) && Roles.ContainsKey(code))
                {
                    achievement.Insert(0, "id", AchievementBase + code);
                    break;
                }
            }
        }

        return completed;
    }

    /// <inheritdoc />
    protected override void ValidateClaims(JsonObject claims, DateOnly today, List<ClaimProblem> problems)
    {
        if (claims["achievement"] is not JsonObject achievement)
        {
            problems.Add(new("achievement", "must be an object (name, criteria, alignment)."));
        }
        else
        {
            RequireString(achievement, "name", "achievement.name", problems);
            if (RequireString(achievement, "id", "achievement.id", problems, required: false) is { } id && !Uri.TryCreate(id, UriKind.Absolute, out _))
            {
                problems.Add(new("achievement.id", "must be an absolute URI."));
            }

            if (achievement["criteria"] is not JsonObject criteria)
            {
                problems.Add(new("achievement.criteria", "must be an object with a narrative."));
            }
            else
            {
                RequireString(criteria, "narrative", "achievement.criteria.narrative", problems);
            }

            ValidateAlignment(achievement["alignment"], problems);
        }

        if (claims["results"] is { } results)
        {
            if (results is not JsonArray array)
            {
                problems.Add(new("results", "must be an array of skill results."));
            }
            else
            {
                for (var i = 0; i < array.Count; i++)
                {
                    var path = $"results[{i}]";
                    if (array[i] is not JsonObject result)
                    {
                        problems.Add(new(path, "must be an object (skill_category, skill_name, level)."));
                        continue;
                    }

                    var category = RequireString(result, "skill_category", path + ".skill_category", problems);
                    if (category is not null && !SkillCategories.Contains(category))
                    {
                        problems.Add(new(path + ".skill_category", $"is not a DSS-P skill category ({string.Join("、", SkillCategories)})."));
                    }

                    RequireString(result, "skill_name", path + ".skill_name", problems);
                    RequireString(result, "level", path + ".level", problems);
                }
            }
        }

        RequireDate(claims, "awarded_date", "awarded_date", problems, notAfter: today);
        RequireString(claims, "issuer_name", "issuer_name", problems);
        ValidateNames(claims, problems);
    }

    private static void ValidateAlignment(JsonNode? node, List<ClaimProblem> problems)
    {
        if (node is not JsonArray alignment || alignment.Count == 0)
        {
            problems.Add(new("achievement.alignment", "must list at least the DSS-P role (target_type ext:DSSRole)."));
            return;
        }

        var hasRole = false;
        for (var i = 0; i < alignment.Count; i++)
        {
            var path = $"achievement.alignment[{i}]";
            if (alignment[i] is not JsonObject entry)
            {
                problems.Add(new(path, "must be an object."));
                continue;
            }

            var type = RequireString(entry, "target_type", path + ".target_type", problems);
            var code = RequireString(entry, "target_code", path + ".target_code", problems);
            RequireString(entry, "target_name", path + ".target_name", problems);
            RequireString(entry, "target_url", path + ".target_url", problems);
            if (type == RoleAlignment)
            {
                hasRole = true;
                if (code is not null && !Roles.ContainsKey(code))
                {
                    problems.Add(new(path + ".target_code", $"is not a DSS-P role code (use one of {string.Join(", ", Roles.Keys)})."));
                }
            }
            else if (type == PersonnelTypeAlignment && code is not null && !PersonnelTypes.ContainsKey(code))
            {
                problems.Add(new(path + ".target_code", $"is not a DSS-P personnel type code (use one of {string.Join(", ", PersonnelTypes.Keys)})."));
            }
        }

        if (!hasRole)
        {
            problems.Add(new("achievement.alignment", "must include the DSS-P role (target_type ext:DSSRole)."));
        }
    }
}
