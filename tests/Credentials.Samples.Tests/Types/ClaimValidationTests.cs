using System;
using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace Credentials.Samples.Tests.Types;

public sealed class ClaimValidationTests
{
    private static readonly DateOnly s_today = new(2026, 11, 24);

    public static TheoryData<string> TypeNames() => new(Samples.CredentialTypes.Names);

    [Theory]
    [MemberData(nameof(TypeNames))]
    public void Validate_SampleClaims_NoProblems(string name)
    {
        var type = Samples.CredentialTypes.Get(name);

        Assert.Empty(type.Validate(type.GetSampleClaims(), s_today));
    }

    [Theory]
    [MemberData(nameof(TypeNames))]
    public void Validate_RegisteredClaimInFile_ReportsIt(string name)
    {
        var type = Samples.CredentialTypes.Get(name);
        var claims = type.GetSampleClaims();
        claims["exp"] = 1900000000;
        claims["iss"] = "https://evil.example";

        var problems = type.Validate(claims, s_today);

        Assert.Contains(problems, p => p.Path == "exp");
        Assert.Contains(problems, p => p.Path == "iss");
    }

    [Theory]
    [InlineData("ipa-exam", "pass_date")]
    [InlineData("ipa-exam", "certificate_number")]
    [InlineData("dss-skill", "awarded_date")]
    [InlineData("dss-skill", "issuer_name")]
    [InlineData("driving-licence", "document_number")]
    [InlineData("driving-licence", "expiry_date")]
    [InlineData("driving-licence", "picture")]
    [InlineData("age", "birth_date")]
    public void Validate_RequiredClaimMissing_ReportsIt(string name, string claim)
    {
        var type = Samples.CredentialTypes.Get(name);
        var claims = type.GetSampleClaims();
        claims.Remove(claim);

        Assert.Contains(type.Validate(claims, s_today), p => p.Path == claim);
    }

    [Fact]
    public void Validate_IpaUnknownCategory_ReportsIt()
    {
        var claims = Samples.CredentialTypes.IpaExam.GetSampleClaims();
        claims["exam"]!["category_code"] = "XX";

        Assert.Contains(Samples.CredentialTypes.IpaExam.Validate(claims, s_today), p => p.Path == "exam.category_code");
    }

    [Fact]
    public void Validate_KanaNotKatakana_ReportsIt()
    {
        var claims = Samples.CredentialTypes.IpaExam.GetSampleClaims();
        claims["family_name#ja-Kana-JP"] = "高橋";

        Assert.Contains(Samples.CredentialTypes.IpaExam.Validate(claims, s_today), p => p.Path == "family_name#ja-Kana-JP");
    }

    [Fact]
    public void Validate_DssUnknownRole_ReportsIt()
    {
        var claims = Samples.CredentialTypes.DssSkill.GetSampleClaims();
        claims["achievement"]!["alignment"]![0]!["target_code"] = "SE-XX";

        Assert.Contains(Samples.CredentialTypes.DssSkill.Validate(claims, s_today), p => p.Path == "achievement.alignment[0].target_code");
    }

    [Fact]
    public void Validate_ExpiredLicence_ReportsIt()
    {
        var claims = Samples.CredentialTypes.DrivingLicence.GetSampleClaims();
        claims["expiry_date"] = "2026-11-23";

        Assert.Contains(Samples.CredentialTypes.DrivingLicence.Validate(claims, s_today), p => p.Path == "expiry_date");
    }

    [Fact]
    public void Prepare_InvalidClaims_ThrowsWithEveryProblem()
    {
        var claims = new JsonObject { ["birthdate"] = "1995-13-01" };

        var ex = Assert.Throws<CredentialClaimsException>(() => Samples.CredentialTypes.DrivingLicence.Prepare(claims, DateTimeOffset.UnixEpoch.AddYears(56), "dl.json"));

        Assert.True(ex.Problems.Count > 5);
        Assert.Equal("dl.json", ex.Source);
        Assert.All(ex.Problems, p => Assert.DoesNotContain("1995-13-01", p.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2003-02-30")]
    [InlineData("2003-13-01")]
    [InlineData("2003-04-31")]
    public void Validate_BirthDateThatDoesNotExist_SaysSoAndNothingElse(string birthDate)
    {
        var problems = Samples.CredentialTypes.Age.Validate(new JsonObject { ["birth_date"] = birthDate }, s_today);

        // Only the real cause: not the format, and not the age statements that could not be computed from it.
        var problem = Assert.Single(problems);
        Assert.Equal("birth_date", problem.Path);
        Assert.Equal(CredentialType.DateDoesNotExist, problem.Message);
    }

    [Theory]
    [InlineData("2003/02/03")]
    [InlineData("平成15年2月3日")]
    [InlineData("20030203")]
    public void Validate_BirthDateNotIso_SaysTheFormatAndNothingElse(string birthDate)
    {
        var problem = Assert.Single(Samples.CredentialTypes.Age.Validate(new JsonObject { ["birth_date"] = birthDate }, s_today));

        Assert.Equal("birth_date", problem.Path);
        Assert.Equal(CredentialType.DateNotIso, problem.Message);
    }

    [Fact]
    public void Validate_BirthDateInTheFuture_OnlyThatProblem()
    {
        var problems = Samples.CredentialTypes.Age.Validate(new JsonObject { ["birth_date"] = "2099-02-03" }, s_today);

        Assert.Equal(["birth_date"], problems.Select(p => p.Path));
    }

    [Fact]
    public void Validate_AgeWithoutBirthDate_ReportsTheMissingBirthDate()
    {
        var problems = Samples.CredentialTypes.Age.Validate([], s_today);

        Assert.Contains(problems, p => p.Path == "birth_date");
    }
}
