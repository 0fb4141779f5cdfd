using System;

namespace Credentials.Samples.Tests;

/// <summary>Japan Standard Time wall-clock instants for the sample tests.</summary>
internal static class Jst
{
    /// <summary>A JST wall-clock time as an instant: At(2026, 4, 1, 23, 59) is 2026-04-01T14:59Z.</summary>
    public static DateTimeOffset At(int year, int month, int day, int hour = 12, int minute = 0)
        => new(year, month, day, hour, minute, 0, TimeSpan.FromHours(9));
}
