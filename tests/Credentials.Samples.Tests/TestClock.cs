using System;

namespace Credentials.Samples.Tests;

/// <summary>A clock fixed at one instant (tests decide "now").</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    /// <summary>A JST wall-clock time as an instant: Jst(2026, 4, 1, 23, 59) is 2026-04-01T14:59Z.</summary>
    public static DateTimeOffset Jst(int year, int month, int day, int hour = 12, int minute = 0)
        => new(year, month, day, hour, minute, 0, TimeSpan.FromHours(9));
}
