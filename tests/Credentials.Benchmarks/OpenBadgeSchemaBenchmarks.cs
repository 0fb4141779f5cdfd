using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Credentials.W3c;
using Credentials.W3c.OpenBadges;

namespace Credentials.Benchmarks;

/// <summary>
/// The cost of checking an Open Badges 3.0 credential (the DSS skill badge, 3.3 KB, built with
/// <see cref="OpenBadgeCredentialBuilder"/>) against the 1EdTech JSON
/// Schema with the compiled, cached schema, next to reading it: <see cref="W3cCredential.Read(string)"/> (the floor)
/// and <see cref="OpenBadgeCredential.Read(string)"/> (the data model rules and the typed views).
/// </summary>
[MemoryDiagnoser]
public class OpenBadgeSchemaBenchmarks
{
    private string _text = null!;
    private JsonElement _element;
    private JsonElement _broken;

    /// <summary>Prepares the credential and compiles the schema once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _text = new OpenBadgeCredentialBuilder()
            .Id("urn:uuid:5f7c1f0e-8a44-4c2b-9a51-3c2d7e0b9a10")
            .Name("DX推進スキル標準 バックエンドエンジニア（レベル3）")
            .Issuer("did:web:badges.example.jp", issuer => issuer.Name("一般社団法人サンプルDX人材認定機構").Url("https://badges.example.jp"))
            .ValidFrom(OpenBadgeWorkload.Now)
            .AwardedDate(OpenBadgeWorkload.Now)
            .RecipientIdentifier(IdentityObject.CreateHashedEmail("kenta.sato@example.jp", "4f1c2a9e7b3d5c80"))
            .Achievement(a => a
                .Id("https://credentials.example.jp/achievements/dss-p/SE-BE/level-3")
                .AchievementType("Competency")
                .Name("DX推進スキル標準 バックエンドエンジニア（レベル3）", "ja")
                .Name("DX Promotion Skill Standard – Back-end Engineer (Level 3)", "en")
                .Description("DSS-Pのバックエンドエンジニアロールに求められるスキルを実技評価で確認した。", "ja")
                .LanguageEdition("en", "https://credentials.example.jp/achievements/dss-p/SE-BE/level-3/en")
                .Criteria("実技課題と口頭試問に合格し、評価者2名が基準を満たすと判定したこと。")
                .Alignment(Alignment.Create("バックエンドエンジニア", "https://www.ipa.go.jp/jinzai/skill-standard/dss/index.html", "SE-BE", "DSS-P", "ext:DSSRole"))
                .ResultDescription(ResultDescription.Create(
                    "urn:uuid:0d4b7b7e-1c1e-4b8e-9a0e-6b7f4c3a2d11",
                    "DSS-P 習熟度",
                    "RubricCriterionLevel",
                    [RubricCriterionLevel.Create("urn:uuid:7a1e2c34-5b6d-4e8f-9a0b-1c2d3e4f5a6b", "レベル3")])))
            .Result(OpenBadgeResult.Create("urn:uuid:0d4b7b7e-1c1e-4b8e-9a0e-6b7f4c3a2d11", "urn:uuid:7a1e2c34-5b6d-4e8f-9a0b-1c2d3e4f5a6b"))
            .Build()
            .ToJsonString();
        _element = JsonElement.Parse(Encoding.UTF8.GetBytes(_text));
        _broken = JsonElement.Parse(Encoding.UTF8.GetBytes(_text.Replace("\"criteria\"", "\"criterion\"", System.StringComparison.Ordinal)));
        if (OpenBadgeSchemaValidator.Validate(_element, OpenBadgeSchema.AchievementCredential) is { } error)
        {
            throw new System.InvalidOperationException(error.ToString());
        }
    }

    /// <summary>The floor: reading the W3C credential.</summary>
    [Benchmark(Baseline = true)]
    public bool ReadW3cCredential() => W3cCredential.Read(_text).IsValid;

    /// <summary>Reading it as an Open Badges credential (the W3C read plus the Open Badges rules and views).</summary>
    [Benchmark]
    public bool ReadOpenBadgeCredential() => OpenBadgeCredential.Read(_text).IsValid;

    /// <summary>Checking the parsed document against the 1EdTech achievement credential schema.</summary>
    [Benchmark]
    public bool ValidateSchema() => OpenBadgeSchemaValidator.Validate(_element, OpenBadgeSchema.AchievementCredential) is null;

    /// <summary>Checking a document that fails (the achievement lacks its criteria): the failure is located with a second, detailed evaluation.</summary>
    [Benchmark]
    public bool ValidateSchemaFailure() => OpenBadgeSchemaValidator.Validate(_broken, OpenBadgeSchema.AchievementCredential) is not null;
}
