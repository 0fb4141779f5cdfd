using System;
using Credentials.Testing;
using Xunit;

namespace Credentials.Samples.Tests.Japanese;

public sealed class JapanTimeTests
{
    [Fact]
    public void ToJapanDate_UtcAfternoon_IsNextDayInJapan()
    {
        var instant = new DateTimeOffset(2026, 4, 1, 15, 30, 0, TimeSpan.Zero);
        Assert.Equal(new DateOnly(2026, 4, 1), DateOnly.FromDateTime(instant.UtcDateTime));
        Assert.Equal(new DateOnly(2026, 4, 2), JapanTime.ToJapanDate(instant));
    }

    [Fact]
    public void ToJapanDate_UtcMorning_IsSameDay()
        => Assert.Equal(new DateOnly(2026, 4, 1), JapanTime.ToJapanDate(new DateTimeOffset(2026, 4, 1, 14, 59, 59, TimeSpan.Zero)));

    [Fact]
    public void Today_TimeProvider_UsesJst()
        => Assert.Equal(new DateOnly(2027, 1, 1), JapanTime.Today(TestClock.At(new DateTimeOffset(2026, 12, 31, 15, 0, 0, TimeSpan.Zero))));

    [Fact]
    public void StartOfDay_Date_IsMidnightAtUtcPlusNine()
        => Assert.Equal(new DateTimeOffset(2026, 4, 1, 15, 0, 0, TimeSpan.Zero), JapanTime.StartOfDay(new DateOnly(2026, 4, 2)));
}
