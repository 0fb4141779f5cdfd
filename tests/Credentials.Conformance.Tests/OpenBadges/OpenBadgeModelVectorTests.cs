using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Credentials.W3c.OpenBadges;
using Xunit;

namespace Credentials.Conformance.Tests.OpenBadges;

/// <summary>
/// The read-side model over the specification's examples and the DSS skill badge fixture: every credential reads, the
/// typed views return the values in the documents, and the JSON stays byte for byte as received.
/// </summary>
public sealed class OpenBadgeModelVectorTests
{
    public static TheoryData<string> Documents() => OpenBadgeSchemaVectorTests.Documents();

    [Theory]
    [MemberData(nameof(Documents))]
    public void EveryExample_Reads(string file)
    {
        var text = File.ReadAllText(OpenBadgeSchemaVectorTests.VectorPath(file));
        if (OpenBadgeSchemaVectorTests.IsEndorsement(JsonElement.Parse(text)))
        {
            var endorsement = EndorsementCredential.Read(text);
            Assert.True(endorsement.IsValid, endorsement.Error?.ToString());
            Assert.Null(OpenBadgeSchemaValidator.Validate(endorsement.Value));
            Assert.False(string.IsNullOrEmpty(endorsement.Value.Subject.Id));
            return;
        }

        var read = OpenBadgeCredential.Read(text);
        Assert.True(read.IsValid, read.Error?.ToString());
        var badge = read.Value;
        Assert.Null(OpenBadgeSchemaValidator.Validate(badge));
        Assert.Equal(text, badge.ToJson());
        Assert.False(string.IsNullOrEmpty(badge.Achievement.Id));
        Assert.False(string.IsNullOrEmpty(badge.Achievement.Name.ToString()));
        Assert.True(badge.Subject.Id is not null || !badge.Subject.Identifiers.IsEmpty);
    }

    [Fact]
    public void CompleteExample_ExposesEveryModelledPart()
    {
        var badge = OpenBadgeCredential.Read(File.ReadAllText(OpenBadgeSchemaVectorTests.VectorPath("examples/complete-openbadgecredential.json"))).GetValueOrThrow();
        var json = badge.Json;
        var subject = json.GetProperty("credentialSubject");
        var achievement = subject.GetProperty("achievement");

        Assert.Equal(json.GetProperty("issuer").GetProperty("id").GetString(), badge.Issuer.Id);
        Assert.Equal(json.GetProperty("issuer").GetProperty("name").GetString(), badge.Issuer.Name);
        Assert.Equal(achievement.GetProperty("criteria").GetProperty("narrative").GetString(), badge.Achievement.Criteria.Narrative);
        Assert.Equal(achievement.GetProperty("alignment").GetArrayLength(), badge.Achievement.Alignments.Length);
        Assert.Equal(achievement.GetProperty("alignment")[0].GetProperty("targetName").GetString(), badge.Achievement.Alignments[0].TargetName);
        Assert.Equal(achievement.GetProperty("resultDescription").GetArrayLength(), badge.Achievement.ResultDescriptions.Length);
        Assert.Equal(subject.GetProperty("result").GetArrayLength(), badge.Subject.Results.Length);
        Assert.Equal(json.GetProperty("evidence").GetArrayLength(), badge.Evidence.Length);
        Assert.Equal(json.GetProperty("endorsement").GetArrayLength(), badge.Endorsements.Length);
        Assert.True(badge.EndorsementJwts.IsEmpty);
        Assert.Null(badge.AwardedDate);
        Assert.Null(badge.Achievement.InLanguage);
        Assert.Null(badge.Achievement.Name.Values.Single().Language);
        Assert.Equal(achievement.GetProperty("humanCode").GetString(), badge.Achievement.HumanCode);
        Assert.Equal(achievement.GetProperty("tag").GetArrayLength(), badge.Achievement.Tags.Length);
        Assert.Equal(achievement.GetProperty("creator").GetProperty("id").GetString(), badge.Achievement.Creator?.Id);
        Assert.Equal(achievement.GetProperty("creditsAvailable").GetDouble(), badge.Achievement.CreditsAvailable);
        Assert.Equal(json.GetProperty("endorsement")[0].GetProperty("credentialSubject").GetProperty("id").GetString(), badge.Endorsements[0].Subject.Id);
        Assert.NotNull(badge.Image);
        Assert.Equal(subject.GetProperty("identifier").GetArrayLength(), badge.Subject.Identifiers.Length);
    }

    [Fact]
    public void DssSkillBadge_ReadsAndConforms()
    {
        var text = File.ReadAllText(OpenBadgeSchemaVectorTests.VectorPath("fixtures/dss-skill-badge.json"));
        var badge = OpenBadgeCredential.Read(text).GetValueOrThrow();

        Assert.Null(OpenBadgeSchemaValidator.Validate(badge));
        Assert.Equal("Competency", badge.Achievement.AchievementType);
        Assert.Equal("ja", badge.Achievement.InLanguage);
        Assert.Equal("DX推進スキル標準 バックエンドエンジニア（レベル3）", badge.Achievement.Name.Get("ja"));
        Assert.Equal("ext:DSSRole", badge.Achievement.Alignments.Single().TargetType);
        Assert.Equal("SE-BE", badge.Achievement.Alignments.Single().TargetCode);
        var rubric = badge.Achievement.ResultDescriptions.Single();
        Assert.Equal("RubricCriterionLevel", rubric.ResultType);
        Assert.Equal(badge.Subject.Results.Single().AchievedLevel, rubric.RubricCriterionLevels.Single().Id);
        Assert.True(badge.RecipientHasEmail("kenta.sato@example.jp"));
        Assert.False(badge.RecipientHasEmail("kenta.sato@example.com"));
    }

    [Fact]
    public void DssSkillBadge_HashIsTheSpecRule_ComputedIndependently()
    {
        // Appendix B.1, IdentityHash: "sha256$" + hex(SHA-256(UTF-8(identifier + salt))).
        var badge = OpenBadgeCredential.Read(File.ReadAllText(OpenBadgeSchemaVectorTests.VectorPath("fixtures/dss-skill-badge.json"))).GetValueOrThrow();
        var identity = badge.Subject.Identifiers.Single();
        var expected = "sha256$" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("kenta.sato@example.jp" + identity.Salt)));
        Assert.Equal(expected, identity.IdentityHash);
    }
}
