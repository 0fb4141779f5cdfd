using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.W3c;
using Credentials.W3c.BitstringStatus;
using Credentials.W3c.OpenBadges;
using Xunit;

namespace Credentials.Tests.W3c.OpenBadges;

/// <summary>Building Open Badges credentials: conforming output that reads back with the same values; programmer errors throw.</summary>
public sealed class OpenBadgeModelBuilderTests
{
    [Fact]
    public void DssBadge_RoundTrips()
    {
        var json = OpenBadgeModelTestData.DssBadge().Build();

        var badge = OpenBadgeCredential.Read(json.ToJsonString()).GetValueOrThrow();
        Assert.Null(OpenBadgeSchemaValidator.Validate(badge));
        Assert.Equal("urn:uuid:5f7c1f0e-8a44-4c2b-9a51-3c2d7e0b9a10", badge.Id);
        Assert.Equal("did:web:badges.example.jp", badge.Issuer.Id);
        Assert.Equal("一般社団法人サンプルDX人材認定機構", badge.Issuer.Name);
        Assert.Equal("https://badges.example.jp", badge.Issuer.Url);
        Assert.Equal("info@badges.example.jp", badge.Issuer.Email);
        Assert.Equal(OpenBadgeModelTestData.ValidFrom, badge.ValidFrom);
        Assert.Equal(OpenBadgeModelTestData.ValidFrom.AddYears(3), badge.ValidUntil);
        Assert.Equal(OpenBadgeModelTestData.ValidFrom, badge.AwardedDate);
        Assert.Equal(OpenBadgeModelTestData.AchievementId, badge.Achievement.Id);
        Assert.Equal("Competency", badge.Achievement.AchievementType);
        Assert.Equal("SE-BE", badge.Achievement.Alignments.Single().TargetCode);
        Assert.Equal("ext:DSSRole", badge.Achievement.Alignments.Single().TargetType);
        Assert.Equal("レベル3", badge.Achievement.ResultDescriptions.Single().RubricCriterionLevels.Single().Name);
        Assert.Equal("urn:uuid:7a1e2c34-5b6d-4e8f-9a0b-1c2d3e4f5a6b", badge.Subject.Results.Single().AchievedLevel);
        Assert.Equal("SE-BE-3", badge.Achievement.HumanCode);
        Assert.Equal(["DSS", "バックエンド"], badge.Achievement.Tags.ToArray());
        Assert.Equal("実技課題", badge.Evidence.Single().Name);
        Assert.Equal(OpenBadgeModelTestData.Salt, badge.Subject.Identifiers.Single().Salt);
        Assert.True(badge.RecipientHasEmail(OpenBadgeModelTestData.Email));
    }

    [Fact]
    public void DssBadge_HasThePinnedContextTypesAndSchema()
    {
        var json = OpenBadgeModelTestData.DssBadge().Build();
        Assert.Equal(
            ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
            json["@context"]!.AsArray().Select(c => c!.GetValue<string>()).ToArray());
        Assert.Equal(["VerifiableCredential", "OpenBadgeCredential"], json["type"]!.AsArray().Select(c => c!.GetValue<string>()).ToArray());
        var schema = json["credentialSchema"]!.AsArray().Single()!;
        Assert.Equal(OpenBadgeContexts.AchievementCredentialSchema, schema["id"]!.GetValue<string>());
        Assert.Equal("1EdTechJsonSchemaValidator2019", schema["type"]!.GetValue<string>());
        Assert.Null(json["proof"]);
    }

    [Fact]
    public void Languages_JapanesePrimary_EnglishAsRelatedEdition()
    {
        var json = OpenBadgeModelTestData.DssBadge().Build();
        var achievement = json["credentialSubject"]!["achievement"]!;
        Assert.Equal(OpenBadgeModelTestData.NameJa, achievement["name"]!.GetValue<string>());
        Assert.Equal("ja", achievement["inLanguage"]!.GetValue<string>());
        var related = achievement["related"]!.AsArray().Single()!;
        Assert.Equal(OpenBadgeModelTestData.EnglishEditionId, related["id"]!.GetValue<string>());
        Assert.Equal("en", related["inLanguage"]!.GetValue<string>());
        Assert.Equal(OpenBadgeModelTestData.NameEn, related["name"]!.GetValue<string>());

        var badge = OpenBadgeCredential.Read(json.ToJsonString()).GetValueOrThrow();
        Assert.Equal(OpenBadgeModelTestData.NameJa, badge.Achievement.Name.Get("ja"));
        Assert.Equal(OpenBadgeModelTestData.NameEn, badge.Achievement.Name.Get("en"));
        Assert.Equal(OpenBadgeModelTestData.NameEn, badge.Achievement.Name.Get("en-US"));
        Assert.Equal(OpenBadgeModelTestData.DescriptionEn, badge.Achievement.Description.Get("en"));
        Assert.Equal(OpenBadgeModelTestData.NameJa, badge.Achievement.Name.GetOrFirst("fr"));
        Assert.Equal(["ja", "en"], badge.Achievement.Name.Values.Select(v => v.Language ?? string.Empty).ToArray());
    }

    [Fact]
    public void Languages_ExplicitPrimaryLanguage_Wins()
    {
        var json = new OpenBadgeCredentialBuilder()
            .Id("urn:uuid:1").Issuer("did:web:example.jp").ValidFrom(OpenBadgeModelTestData.ValidFrom).RecipientId("did:example:1")
            .Achievement(a => a.Id("https://example.jp/a").Name("日本語", "ja").Name("English", "en")
                .Description("説明", "ja").Description("Description", "en")
                .InLanguage("en").LanguageEdition("ja", "https://example.jp/a/ja").Criteria("c"))
            .Build();
        Assert.Equal("English", json["credentialSubject"]!["achievement"]!["name"]!.GetValue<string>());
        Assert.Equal("日本語", json["credentialSubject"]!["achievement"]!["related"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Languages_OtherLanguageWithoutEditionUri_Throws()
    {
        var builder = new OpenBadgeCredentialBuilder()
            .Id("urn:uuid:1").Issuer("did:web:example.jp").ValidFrom(OpenBadgeModelTestData.ValidFrom).RecipientId("did:example:1")
            .Achievement(a => a.Id("https://example.jp/a").Name("日本語", "ja").Name("English", "en").Description("説明", "ja").Criteria("c"));
        Assert.Throws<ArgumentException>(() => builder.Build());
    }

    [Fact]
    public void Languages_SameLanguageTwice_Throws()
        => Assert.Throws<ArgumentException>(() => new AchievementBuilder().Name("a", "ja").Name("b", "JA"));

    [Fact]
    public void SingleLanguageWithoutTag_HasNoInLanguageNorRelated()
    {
        var json = Minimal().Build();
        var achievement = json["credentialSubject"]!["achievement"]!.AsObject();
        Assert.False(achievement.ContainsKey("inLanguage"));
        Assert.False(achievement.ContainsKey("related"));
    }

    [Fact]
    public void BitstringStatusEntry_IsWrittenAsCredentialStatus()
    {
        var entry = new BitstringStatusListEntry("revocation", 1187, new Uri("https://issuer.example.jp/status/1"))
        {
            Id = new Uri("https://issuer.example.jp/status/1#1187"),
        };
        var badge = Minimal().Status(entry).BuildCredential();
        var status = badge.Credential.CredentialStatus.Single();
        Assert.True(status.HasType("BitstringStatusListEntry"));
        Assert.Equal(1187, BitstringStatusListEntry.Read(status.Json).GetValueOrThrow().StatusListIndex);
    }

    [Fact]
    public void StatusWithoutId_DoesNotConformToTheSchema()
    {
        var entry = new BitstringStatusListEntry("revocation", 1, new Uri("https://issuer.example.jp/status/1"));
        var builder = Minimal().Status(entry);
        Assert.False(builder.TryBuild(out _, out var error));
        Assert.Equal(OpenBadgeErrors.SchemaInvalid, error.Code);
        Assert.Throws<ArgumentException>(() => builder.Build());
    }

    [Fact]
    public void WithoutValidFrom_DoesNotConformToTheSchema()
    {
        var builder = new OpenBadgeCredentialBuilder().Id("urn:uuid:1").Issuer("did:web:example.jp").RecipientId("did:example:1")
            .Achievement(a => a.Id("https://example.jp/a").Name("n").Description("d").Criteria("c"));
        Assert.False(builder.TryBuild(out _, out var error));
        Assert.Equal(OpenBadgeErrors.SchemaInvalid, error.Code);
        Assert.Equal(ClaimPath.Root, error.Path);
    }

    [Fact]
    public void WithoutRecipient_IsNotIdentified()
    {
        var builder = new OpenBadgeCredentialBuilder().Id("urn:uuid:1").Issuer("did:web:example.jp").ValidFrom(OpenBadgeModelTestData.ValidFrom)
            .Achievement(a => a.Id("https://example.jp/a").Name("n").Description("d").Criteria("c"));
        Assert.False(builder.TryBuild(out _, out var error));
        Assert.Equal(OpenBadgeErrors.SubjectNotIdentified, error.Code);
    }

    [Fact]
    public void BadExtensionVocabulary_DoesNotConform()
    {
        var builder = new OpenBadgeCredentialBuilder().Id("urn:uuid:1").Issuer("did:web:example.jp").ValidFrom(OpenBadgeModelTestData.ValidFrom).RecipientId("did:example:1")
            .Achievement(a => a.Id("https://example.jp/a").Name("n").Description("d").Criteria("c").AchievementType("DSSRole"));
        Assert.False(builder.TryBuild(out _, out var error));
        Assert.Equal(OpenBadgeErrors.SchemaInvalid, error.Code);
        Assert.Equal(ClaimPath.Of("credentialSubject", "achievement", "achievementType"), error.Path);
    }

    [Fact]
    public void MissingParts_Throw()
    {
        Assert.Throws<ArgumentException>(() => new OpenBadgeCredentialBuilder().Achievement(a => a.Id("x").Name("n").Description("d").Criteria("c")).Build());
        Assert.Throws<ArgumentException>(() => new OpenBadgeCredentialBuilder().Issuer("did:web:example.jp").Build());
        Assert.Throws<ArgumentException>(() => new OpenBadgeCredentialBuilder().Issuer("did:web:example.jp").Achievement(a => a.Name("n").Description("d").Criteria("c")).Build());
        Assert.Throws<ArgumentException>(() => new OpenBadgeCredentialBuilder().Issuer("did:web:example.jp").Achievement(a => a.Id("x").Name("n").Description("d")).Build());
        Assert.Throws<ArgumentException>(() => new OpenBadgeCredentialBuilder().Issuer("did:web:example.jp").Achievement(a => a.Id("x").Description("d").Criteria("c")).Build());
        Assert.Throws<ArgumentException>(() => Criteria.Create(null));
        Assert.Throws<ArgumentException>(() => Alignment.Create("", "https://example.jp"));
        Assert.Throws<ArgumentException>(() => OpenBadgeResult.Create());
    }

    [Fact]
    public void ModelledMembers_CannotBeSetAsExtensions()
    {
        Assert.Throws<ArgumentException>(() => new OpenBadgeCredentialBuilder().Member("validFrom", "2020-01-01T00:00:00Z"));
        Assert.Throws<ArgumentException>(() => new OpenBadgeCredentialBuilder().SubjectMember("achievement", new JsonObject()));
        Assert.Throws<ArgumentException>(() => new AchievementBuilder().Member("name", "x"));
        Assert.Throws<ArgumentException>(() => new OpenBadgeProfileBuilder().Member("id", "x"));
        Assert.Throws<ArgumentException>(() => new OpenBadgeProfileBuilder().Name("a").Name("b"));
    }

    [Fact]
    public void ExtensionMembers_AreWrittenAndRead()
    {
        var badge = Minimal()
            .SubjectMember("licenseNumber", "A-123")
            .SubjectMember("activityStartDate", "2026-04-01T00:00:00+09:00")
            .BuildCredential();
        Assert.Equal("A-123", badge.Subject.LicenseNumber);
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.FromHours(9)), badge.Subject.ActivityStartDate);
    }

    [Fact]
    public void IssuanceOptions_DeclareTheOpenBadgesTopLevelMembers()
    {
        var badge = OpenBadgeModelTestData.DssBadge().BuildCredential();
        Assert.Equal(VcErrors.UndefinedMember, badge.Credential.ValidateForIssuance()?.Code);
        Assert.Null(badge.Credential.ValidateForIssuance(OpenBadgeCredentialBuilder.IssuanceOptions));
    }

    [Fact]
    public void Build_ReturnsANewObjectEachTime()
    {
        var builder = OpenBadgeModelTestData.DssBadge();
        var first = builder.Build();
        var second = builder.Build();
        Assert.NotSame(first, second);
        Assert.True(JsonNode.DeepEquals(first, second));
        Assert.Equal(JsonValueKind.Object, JsonSerializer.SerializeToElement(first).ValueKind);
    }

    private static OpenBadgeCredentialBuilder Minimal() => new OpenBadgeCredentialBuilder()
        .Id("urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002")
        .Issuer("https://example.com/issuers/876543", p => p.Name("Example Corp"))
        .ValidFrom(new DateTimeOffset(2010, 1, 1, 0, 0, 0, TimeSpan.Zero))
        .RecipientId("did:example:ebfeb1f712ebc6f1c276e12ec21")
        .Achievement(a => a
            .Id("https://example.com/achievements/21st-century-skills/teamwork")
            .Name("Teamwork")
            .Description("This badge recognizes the development of the capacity to collaborate within a group environment.")
            .Criteria("Team members are nominated for this badge by their peers."));
}
