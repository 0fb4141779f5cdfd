using System;
using System.Collections.Generic;
using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Credentials.Samples;

/// <summary>
/// IPA examination pass certificate (情報処理技術者試験 合格証明書, e.g. 基本情報技術者試験): modelled on the
/// re-issuable certificate of passing, technically valid for two years (re-issued on request).
/// </summary>
public sealed class IpaExamCredentialType : CredentialType
{
    /// <summary>The <c>vct</c>.</summary>
    public const string TypeUri = "https://credentials.example.jp/vct/ipa/exam-pass/v1";

    /// <summary>The exam category codes (試験区分) and their Japanese names.</summary>
    public static FrozenDictionary<string, string> Categories { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["IP"] = "ITパスポート試験",
        ["SG"] = "情報セキュリティマネジメント試験",
        ["FE"] = "基本情報技術者試験",
        ["AP"] = "応用情報技術者試験",
        ["ST"] = "ITストラテジスト試験",
        ["SA"] = "システムアーキテクト試験",
        ["PM"] = "プロジェクトマネージャ試験",
        ["NW"] = "ネットワークスペシャリスト試験",
        ["DB"] = "データベーススペシャリスト試験",
        ["ES"] = "エンベデッドシステムスペシャリスト試験",
        ["SM"] = "ITサービスマネージャ試験",
        ["AU"] = "システム監査技術者試験",
        ["SC"] = "情報処理安全確保支援士試験",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// The base of the achievement URLs: <c>exam.achievement_id</c> of an SD-JWT VC and the Open Badges
    /// <c>achievement.id</c> are this followed by the category code, so both forms of one award share the identifier.
    /// </summary>
    public const string AchievementBase = "https://credentials.example.jp/achievements/ipa/";

    /// <inheritdoc />
    public override string Name => "ipa-exam";

    /// <inheritdoc />
    public override string Vct => TypeUri;

    /// <inheritdoc />
    public override TimeSpan DefaultValidity => TimeSpan.FromDays(730);

    /// <summary>The achievement URL of an exam category (<c>https://credentials.example.jp/achievements/ipa/FE</c>).</summary>
    public static string AchievementId(string categoryCode) => AchievementBase + categoryCode;

    /// <summary>Adds <c>exam.achievement_id</c> (from the category code) when the claims leave it out.</summary>
    protected override JsonObject Complete(JsonObject claims, DateOnly today, List<ClaimProblem> problems)
    {
        var completed = base.Complete(claims, today, problems);
        if (completed["exam"] is JsonObject exam && !exam.ContainsKey("achievement_id")
            && exam["category_code"] is JsonValue code && code.TryGetValue<string>(out var category) && Categories.ContainsKey(category))
        {
            exam["achievement_id"] = AchievementId(category);
        }

        return completed;
    }

    /// <inheritdoc />
    protected override void ValidateClaims(JsonObject claims, DateOnly today, List<ClaimProblem> problems)
    {
        RequireString(claims, "certificate_number", "certificate_number", problems, pattern: SamplePatterns.IpaCertificateNumber(), patternDescription: "YYYY-MM-NNNNN (the 合格証書番号 without 第 and 号)");
        if (claims["exam"] is not JsonObject exam)
        {
            problems.Add(new("exam", "must be an object with category_code and name."));
        }
        else
        {
            var code = RequireString(exam, "category_code", "exam.category_code", problems);
            if (code is not null && !Categories.ContainsKey(code))
            {
                problems.Add(new("exam.category_code", $"is not an exam category code (use one of {string.Join(", ", Categories.Keys)})."));
            }

            RequireString(exam, "name", "exam.name", problems);
            if (RequireString(exam, "achievement_id", "exam.achievement_id", problems, required: false) is { } id && !Uri.TryCreate(id, UriKind.Absolute, out _))
            {
                problems.Add(new("exam.achievement_id", "must be an absolute URI."));
            }

            RequireString(exam, "session", "exam.session", problems, required: false);
            if (exam["level"] is { } level && (level.GetValueKind() != JsonValueKind.Number || level.GetValue<double>() is < 1 or > 4))
            {
                problems.Add(new("exam.level", "must be a level from 1 to 4."));
            }
        }

        var birth = RequireDate(claims, "birthdate", "birthdate", problems, notAfter: today);
        var passed = RequireDate(claims, "pass_date", "pass_date", problems, notAfter: today);
        if (birth is { } b && passed is { } p && p <= b)
        {
            problems.Add(new("pass_date", "must be after the birth date."));
        }

        ValidateNames(claims, problems);
    }
}
