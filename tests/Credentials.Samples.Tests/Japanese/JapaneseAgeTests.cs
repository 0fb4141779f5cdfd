using System;
using Xunit;

namespace Credentials.Samples.Tests.Japanese;

public sealed class JapaneseAgeTests
{
    [Theory]
    [InlineData("2006-04-02", 20, "2026-04-02")]
    [InlineData("2004-02-29", 20, "2024-02-29")] // leap year: the birthday exists
    [InlineData("2008-02-29", 18, "2026-03-01")] // common year: older at the end of 28 February, so from 1 March
    [InlineData("2007-02-28", 20, "2027-02-28")]
    [InlineData("2006-12-31", 20, "2026-12-31")]
    [InlineData("2006-01-01", 20, "2026-01-01")]
    public void DateOfAttaining_Birthday_IsTheBirthdayOrFirstOfMarch(string birth, int age, string expected)
        => Assert.Equal(DateOnly.Parse(expected), JapaneseAge.DateOfAttaining(DateOnly.Parse(birth), age));

    [Theory]
    [InlineData("2006-04-02", "2026-04-01", 19)]
    [InlineData("2006-04-02", "2026-04-02", 20)]
    [InlineData("2008-02-29", "2026-02-28", 17)]
    [InlineData("2008-02-29", "2026-03-01", 18)]
    [InlineData("2004-02-29", "2024-02-28", 19)]
    [InlineData("2004-02-29", "2024-02-29", 20)]
    [InlineData("2004-02-29", "2025-02-28", 20)]
    [InlineData("2004-02-29", "2025-03-01", 21)]
    [InlineData("2006-04-02", "2006-04-02", 0)]
    public void AgeOn_EdgeDates_FollowsJapaneseLaw(string birth, string date, int expected)
        => Assert.Equal(expected, JapaneseAge.AgeOn(DateOnly.Parse(birth), DateOnly.Parse(date)));

    [Fact]
    public void AgeOn_LeapDayBirthInCommonYear_IsOneDayLaterThanNaiveAddYears()
    {
        var birth = new DateOnly(2008, 2, 29);
        Assert.Equal(new DateOnly(2026, 2, 28), birth.AddYears(18)); // .NET clamps: one day early
        Assert.False(JapaneseAge.IsAtLeast(birth, 18, new DateOnly(2026, 2, 28)));
        Assert.True(JapaneseAge.IsAtLeast(birth, 18, new DateOnly(2026, 3, 1)));
    }

    [Fact]
    public void AgeOn_DateBeforeBirth_Throws()
        => Assert.Throws<ArgumentOutOfRangeException>(() => JapaneseAge.AgeOn(new DateOnly(2006, 4, 2), new DateOnly(2006, 4, 1)));

    [Theory]
    [InlineData(2026, 4, 1, 23, 59, false)]
    [InlineData(2026, 4, 2, 0, 0, true)]
    public void IsAtLeast_DayBeforeAndOfBirthdayInJst_ChangesAtMidnightJst(int y, int m, int d, int h, int min, bool expected)
    {
        var today = JapanTime.ToJapanDate(Jst.At(y, m, d, h, min));
        Assert.Equal(expected, JapaneseAge.IsAtLeast(new DateOnly(2006, 4, 2), 20, today));
    }

    [Fact]
    public void InstantOfAttaining_TwentiethBirthday_IsMidnightJst()
        => Assert.Equal(new DateTimeOffset(2026, 4, 1, 15, 0, 0, TimeSpan.Zero), JapaneseAge.InstantOfAttaining(new DateOnly(2006, 4, 2), 20));
}
