using System;
using System.Text.Json.Nodes;
using Credentials.W3c.OpenBadges;

namespace Credentials.Tests.W3c.OpenBadges;

/// <summary>A DSS skill badge built with the builders, and a minimal valid document to break in tests.</summary>
internal static class OpenBadgeModelTestData
{
    public const string AchievementId = "https://credentials.example.jp/achievements/dss-p/SE-BE/level-3";
    public const string EnglishEditionId = "https://credentials.example.jp/achievements/dss-p/SE-BE/level-3/en";
    public const string NameJa = "DX推進スキル標準 バックエンドエンジニア（レベル3）";
    public const string NameEn = "DX Promotion Skill Standard – Back-end Engineer (Level 3)";
    public const string DescriptionJa = "DSS-Pのバックエンドエンジニアロールに求められるスキルを実技評価で確認した。";
    public const string DescriptionEn = "The skills of the DSS-P back-end engineer role were confirmed by a practical assessment.";
    public const string Email = "kenta.sato@example.jp";
    public const string Salt = "4f1c2a9e7b3d5c80";

    public static readonly DateTimeOffset ValidFrom = new(2026, 9, 30, 9, 0, 0, TimeSpan.FromHours(9));

    public static OpenBadgeCredentialBuilder DssBadge() => new OpenBadgeCredentialBuilder()
        .Id("urn:uuid:5f7c1f0e-8a44-4c2b-9a51-3c2d7e0b9a10")
        .Name(NameJa)
        .Issuer("did:web:badges.example.jp", issuer => issuer
            .Name("一般社団法人サンプルDX人材認定機構")
            .Url("https://badges.example.jp")
            .Email("info@badges.example.jp"))
        .ValidFrom(ValidFrom)
        .ValidUntil(ValidFrom.AddYears(3))
        .AwardedDate(ValidFrom)
        .RecipientIdentifier(IdentityObject.CreateHashedEmail(Email, Salt))
        .Achievement(a => a
            .Id(AchievementId)
            .AchievementType("Competency")
            .Name(NameJa, "ja")
            .Name(NameEn, "en")
            .Description(DescriptionJa, "ja")
            .Description(DescriptionEn, "en")
            .LanguageEdition("en", EnglishEditionId)
            .Criteria("実技課題と口頭試問に合格し、評価者2名が基準を満たすと判定したこと。")
            .Alignment(Alignment.Create(
                "バックエンドエンジニア",
                "https://www.ipa.go.jp/jinzai/skill-standard/dss/index.html",
                targetCode: "SE-BE",
                targetFramework: "デジタルスキル標準 DX推進スキル標準 (DSS-P)",
                targetType: "ext:DSSRole"))
            .ResultDescription(ResultDescription.Create(
                "urn:uuid:0d4b7b7e-1c1e-4b8e-9a0e-6b7f4c3a2d11",
                "DSS-P 習熟度",
                "RubricCriterionLevel",
                [RubricCriterionLevel.Create("urn:uuid:7a1e2c34-5b6d-4e8f-9a0b-1c2d3e4f5a6b", "レベル3")]))
            .HumanCode("SE-BE-3")
            .Tag("DSS", "バックエンド"))
        .Result(OpenBadgeResult.Create(
            resultDescription: "urn:uuid:0d4b7b7e-1c1e-4b8e-9a0e-6b7f4c3a2d11",
            achievedLevel: "urn:uuid:7a1e2c34-5b6d-4e8f-9a0b-1c2d3e4f5a6b"))
        .Evidence(Evidence.Create(name: "実技課題", narrative: "API設計・実装・テスト"));

    /// <summary>A minimal conforming credential as a mutable node.</summary>
    public static JsonObject Minimal() => JsonNode.Parse("""
        {
          "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
          "id": "urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002",
          "type": ["VerifiableCredential", "OpenBadgeCredential"],
          "issuer": {"id": "https://example.com/issuers/876543", "type": ["Profile"], "name": "Example Corp"},
          "validFrom": "2010-01-01T00:00:00Z",
          "name": "Teamwork Badge",
          "credentialSubject": {
            "id": "did:example:ebfeb1f712ebc6f1c276e12ec21",
            "type": ["AchievementSubject"],
            "achievement": {
              "id": "https://example.com/achievements/21st-century-skills/teamwork",
              "type": ["Achievement"],
              "criteria": {"narrative": "Team members are nominated for this badge by their peers."},
              "description": "This badge recognizes the development of the capacity to collaborate within a group environment.",
              "name": "Teamwork"
            }
          }
        }
        """)!.AsObject();
}
