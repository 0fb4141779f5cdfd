using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Credentials.Samples.Badges;
using Credentials.W3c;
using Credentials.W3c.OpenBadges;
using Spectre.Console;

namespace Credentials.Samples.Verifier;

/// <summary>
/// What <c>verifier verify</c> shows of a verified Open Badges 3.0 credential: the issuer, the achievement (Japanese and
/// English name), its alignments, the award date, the results, the recipient and the revocation status.
/// </summary>
internal static class BadgeDisplay
{
    /// <summary>Whether the credential is an Open Badge (<c>OpenBadgeCredential</c> or <c>AchievementCredential</c>).</summary>
    public static bool IsBadge(W3cCredential credential)
        => credential.HasType("OpenBadgeCredential") || credential.HasType("AchievementCredential");

    /// <summary>The badge section of the <c>--json</c> result.</summary>
    public static JsonObject Describe(W3cCredential credential, IReadOnlyList<W3cVerificationCheck> checks, string? bakedIn)
    {
        var json = JsonNode.Parse(credential.Json.GetRawText())!.AsObject();
        var badge = OpenBadgeCredential.From(credential);
        var facts = badge.IsValid ? BadgeFacts.FromOpenBadge(badge.Value) : null;
        var subject = json["credentialSubject"] as JsonObject;
        var achievement = subject?["achievement"] as JsonObject;

        // The primary-language name and its language editions (specs/open-badges.md, "Languages"), read by the library.
        var names = badge.IsValid ? badge.Value.Achievement.Name : null;
        var alignment = new JsonArray();
        foreach (var entry in (achievement?["alignment"] as JsonArray ?? []).OfType<JsonObject>())
        {
            alignment.Add(new JsonObject
            {
                ["targetCode"] = entry["targetCode"]?.DeepClone(),
                ["targetName"] = entry["targetName"]?.DeepClone(),
                ["targetFramework"] = entry["targetFramework"]?.DeepClone(),
                ["targetType"] = entry["targetType"]?.DeepClone(),
                ["targetUrl"] = entry["targetUrl"]?.DeepClone(),
            });
        }

        var results = new JsonArray();
        foreach (var result in facts?.Results ?? [])
        {
            results.Add(new JsonObject { ["name"] = result.Name, ["value"] = result.Value });
        }

        var status = checks.FirstOrDefault(c => c.Check == W3cCheckKind.Status);
        var entry0 = credential.CredentialStatus.IsDefaultOrEmpty ? (JsonObject?)null : JsonNode.Parse(credential.CredentialStatus[0].Json.GetRawText()) as JsonObject;
        return new JsonObject
        {
            ["bakedIn"] = bakedIn,
            ["issuer"] = new JsonObject { ["id"] = credential.Issuer.Id, ["name"] = (json["issuer"] as JsonObject)?["name"]?.DeepClone() },
            ["achievement"] = new JsonObject
            {
                ["id"] = achievement?["id"]?.DeepClone(),
                ["achievementType"] = achievement?["achievementType"]?.DeepClone(),
                ["name"] = achievement?["name"]?.DeepClone(),
                ["nameJa"] = names is null ? achievement?["name"]?.DeepClone() : names.Get(OpenBadgeMapping.Japanese) ?? names.ToString(),
                ["nameEn"] = names?.Get(OpenBadgeMapping.English),
                ["criteria"] = (achievement?["criteria"] as JsonObject)?["narrative"]?.DeepClone(),
            },
            ["alignment"] = alignment,
            ["awardedDate"] = json["awardedDate"]?.DeepClone(),
            ["awardedOn"] = facts is null ? null : IsoDate.Format(facts.AwardedDate),
            ["results"] = results,
            ["recipient"] = Recipient(subject),
            ["status"] = entry0 is null
                ? new JsonObject { ["outcome"] = "none" }
                : new JsonObject
                {
                    ["statusListCredential"] = entry0["statusListCredential"]?.DeepClone(),
                    ["statusListIndex"] = entry0["statusListIndex"]?.DeepClone(),
                    ["statusPurpose"] = entry0["statusPurpose"]?.DeepClone(),
                    ["outcome"] = status?.Outcome.ToString() ?? "NotChecked",
                },
        };
    }

    /// <summary>Writes the badge section in <paramref name="language"/>, with the achievement's name in both languages.</summary>
    public static void Write(IAnsiConsole console, JsonObject badge, UiLanguage language)
    {
        var achievement = badge["achievement"]!.AsObject();
        var table = new Table().Title(Markup.Escape(language.Pick("オープンバッジ (Open Badges 3.0)", "Open Badge (Open Badges 3.0)"))).HideHeaders().AddColumn("k").AddColumn("v");
        table.AddPlainRow(language.Pick("発行者", "Issuer"), $"{badge["issuer"]!["name"]} ({badge["issuer"]!["id"]})");
        table.AddPlainRow(language.Pick("達成内容（日本語）", "Achievement (Japanese)"), (string?)achievement["nameJa"] ?? "-");
        table.AddPlainRow(language.Pick("達成内容（英語）", "Achievement (English)"), (string?)achievement["nameEn"] ?? "-");
        table.AddPlainRow(language.Pick("達成内容の ID", "Achievement id"), (string?)achievement["id"] ?? "-");
        table.AddPlainRow(language.Pick("種類", "Achievement type"), (string?)achievement["achievementType"] ?? "-");
        if ((string?)achievement["criteria"] is { } criteria)
        {
            table.AddPlainRow(language.Pick("取得基準", "Criteria"), criteria);
        }

        foreach (var alignment in badge["alignment"]!.AsArray().OfType<JsonObject>())
        {
            table.AddPlainRow(language.Pick("対応する枠組み", "Alignment"), $"{alignment["targetCode"]} {alignment["targetName"]} — {alignment["targetFramework"]} ({alignment["targetType"]})");
        }

        if ((string?)badge["awardedOn"] is { } awarded && IsoDate.TryParse(awarded, out var date))
        {
            table.AddPlainRow(language.Pick("授与日", "Awarded on"), JapaneseEra.FormatForDisplay(date, language));
        }

        foreach (var result in badge["results"]!.AsArray().OfType<JsonObject>())
        {
            table.AddPlainRow(language.Pick("結果", "Result"), $"{result["name"]}: {result["value"]}");
        }

        table.AddPlainRow(language.Pick("受領者", "Recipient"), (string?)badge["recipient"] ?? "-");
        var status = badge["status"]!.AsObject();
        var outcome = (string?)status["outcome"];
        table.AddPlainRow(
            language.Pick("失効状態", "Status"),
            outcome == "none"
                ? language.Pick("失効リストなし", "no status list")
                : $"{StatusLabel(outcome, language)} ({status["statusListCredential"]} #{status["statusListIndex"]})");
        if ((string?)badge["bakedIn"] is { } baked)
        {
            table.AddPlainRow(language.Pick("画像", "Image"), language.Pick($"{baked.ToUpperInvariant()} 画像に焼き込み済み", $"baked into a {baked.ToUpperInvariant()} image"));
        }

        console.Write(table);
    }

    private static string StatusLabel(string? outcome, UiLanguage language) => outcome switch
    {
        nameof(CheckOutcome.Passed) => language.Pick("有効（失効していません）", "valid (not revoked)"),
        nameof(CheckOutcome.Failed) => language.Pick("失効", "revoked"),
        _ => language.Pick("未確認", "not checked"),
    };

    private static string? Recipient(JsonObject? subject)
    {
        if (subject?["id"] is JsonValue id)
        {
            return (string?)id;
        }

        var identity = (subject?["identifier"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault();
        return identity is null ? null : $"{identity["identityType"]} ({((bool?)identity["hashed"] == true ? "hashed" : "plain")})";
    }
}
