using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Testing;
using Xunit;

namespace Credentials.Samples.Tests.Types;

public sealed class AgeCredentialTypeTests
{
    private static readonly AgeCredentialType s_age = Samples.CredentialTypes.Age;

    private static JsonObject Claims(string birth) => new() { ["birth_date"] = birth };

    [Fact]
    public void Prepare_Adult_StatesBothTrueAndKeepsDefaultValidity()
    {
        var now = Jst.At(2026, 11, 24);

        var prepared = s_age.Prepare(Claims("2002-04-02"), now);

        Assert.True(prepared.Claims["age_over_18"]!.GetValue<bool>());
        Assert.True(prepared.Claims["age_over_20"]!.GetValue<bool>());
        Assert.Equal(now.AddDays(30), prepared.ExpiresAt);
    }

    [Fact]
    public void Prepare_Under20TurningSoon_ExpiresAtMidnightJstOnTwentiethBirthday()
    {
        var now = Jst.At(2026, 3, 20);

        var prepared = s_age.Prepare(Claims("2006-04-02"), now);

        Assert.False(prepared.Claims["age_over_20"]!.GetValue<bool>());
        Assert.True(prepared.Claims["age_over_18"]!.GetValue<bool>());
        Assert.Equal(Jst.At(2026, 4, 2, 0, 0), prepared.ExpiresAt);
    }

    [Fact]
    public void Prepare_Under18TurningSoon_ExpiresAtEighteenthBirthday()
    {
        var now = Jst.At(2026, 3, 20);

        var prepared = s_age.Prepare(Claims("2008-04-02"), now);

        Assert.False(prepared.Claims["age_over_18"]!.GetValue<bool>());
        Assert.Equal(Jst.At(2026, 4, 2, 0, 0), prepared.ExpiresAt);
    }

    [Fact]
    public void Prepare_LeapDayBirthCommonYear_FalseStatementExpiresAtFirstOfMarch()
    {
        // 20 in 2027 (a common year): older at the end of 28 February, so the false statement lasts until 1 March 00:00 JST.
        var now = Jst.At(2027, 2, 10);

        var prepared = s_age.Prepare(Claims("2007-02-28"), now);
        var leap = s_age.Prepare(Claims("2008-02-29"), Jst.At(2028, 2, 10));
        var common = s_age.Prepare(Claims("2008-02-29"), Jst.At(2026, 2, 10));

        Assert.Equal(Jst.At(2027, 2, 28, 0, 0), prepared.ExpiresAt);
        Assert.Equal(Jst.At(2028, 2, 29, 0, 0), leap.ExpiresAt);   // 20 on 29 Feb 2028 (leap year)
        Assert.Equal(Jst.At(2026, 3, 1, 0, 0), common.ExpiresAt);  // 18 on 1 Mar 2026 (common year)
    }

    [Fact]
    public void Prepare_LeapDayBirthOn28February_StillUnder18()
    {
        var prepared = s_age.Prepare(Claims("2008-02-29"), Jst.At(2026, 2, 28, 23, 59));

        Assert.False(prepared.Claims["age_over_18"]!.GetValue<bool>());
        Assert.Equal(Jst.At(2026, 3, 1, 0, 0), prepared.ExpiresAt);
    }

    [Theory]
    [InlineData(23, 59, false)]
    [InlineData(0, 0, true)]
    public void Prepare_AroundMidnightJstOfBirthday_FlipsAtMidnight(int hour, int minute, bool over20)
    {
        var now = hour == 0 ? Jst.At(2026, 4, 2, hour, minute) : Jst.At(2026, 4, 1, hour, minute);

        var prepared = s_age.Prepare(Claims("2006-04-02"), now);

        Assert.Equal(over20, prepared.Claims["age_over_20"]!.GetValue<bool>());
        Assert.True(prepared.ExpiresAt > now);
    }

    [Fact]
    public void Prepare_UtcStillDayBeforeButJstBirthday_IsTwenty()
    {
        // 2026-04-01T15:30Z: still 1 April in UTC, already 2 April (the 20th birthday) in Japan.
        var now = new DateTimeOffset(2026, 4, 1, 15, 30, 0, TimeSpan.Zero);

        var prepared = s_age.Prepare(Claims("2006-04-02"), now);

        Assert.True(prepared.Claims["age_over_20"]!.GetValue<bool>());
        Assert.Equal(now.AddDays(30), prepared.ExpiresAt);
    }

    [Fact]
    public void Validate_StatedFlagContradictsBirthDate_ReportsProblem()
    {
        var claims = Claims("2010-01-01");
        claims["age_over_20"] = true;

        var problems = s_age.Validate(claims, new DateOnly(2026, 11, 24));

        Assert.Contains(problems, p => p.Path == "age_over_20");
    }

    [Fact]
    public void Validate_StatedFlagAgrees_NoProblem()
    {
        var claims = Claims("2002-04-02");
        claims["age_over_20"] = true;

        Assert.Empty(s_age.Validate(claims, new DateOnly(2026, 11, 24)));
    }

    [Theory]
    [InlineData("平成14年4月2日")]
    [InlineData("2002/04/02")]
    [InlineData("2099-01-01")]
    public void Validate_BadBirthDate_ReportsProblem(string birth)
        => Assert.Contains(s_age.Validate(Claims(birth), new DateOnly(2026, 11, 24)), p => p.Path == "birth_date");

    [Fact]
    public void Validate_ExtraClaim_ReportsProblem()
    {
        var claims = Claims("2002-04-02");
        claims["family_name"] = "山田";

        Assert.Contains(s_age.Validate(claims, new DateOnly(2026, 11, 24)), p => p.Path == "family_name");
    }

    [Fact]
    public async Task Issue_Under20_VerifierRejectsAfterTwentiethBirthday()
    {
        var issuedAt = TestClock.At(Jst.At(2026, 3, 20));
        var prepared = s_age.Prepare(Claims("2006-04-02"), issuedAt.GetUtcNow());
        using var holder = Keys.SigningKey.Create(JwsAlgorithm.Es256);
        var issued = await CredentialTypeIssuanceTests.IssueAsync(s_age, Claims("2006-04-02"), holder.PublicJwk, issuedAt);

        var before = await CredentialChecks.PresentAllAndVerifyAsync(issued, holder, TestClock.At(Jst.At(2026, 4, 1, 23, 50)));
        var after = await CredentialChecks.PresentAllAndVerifyAsync(issued, holder, TestClock.At(Jst.At(2026, 4, 2, 0, 5)));

        Assert.False(prepared.Claims["age_over_20"]!.GetValue<bool>());
        CredentialChecks.AssertValid(before);
        Assert.False(after.IsValid);
        Assert.Equal(VerificationFailureKind.Expired, after.Error!.Kind);
    }
}
