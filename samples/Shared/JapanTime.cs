using System;

namespace Credentials.Samples;

/// <summary>
/// Japan Standard Time (Asia/Tokyo, UTC+9, no daylight saving since 1951). Age and expiry decisions at a Japanese
/// point of sale are made on JST calendar dates, not UTC dates: 2026-04-01T15:30Z is already 2026-04-02 in Tokyo.
/// </summary>
public static class JapanTime
{
    /// <summary>The offset of JST from UTC.</summary>
    public static TimeSpan Offset { get; } = TimeSpan.FromHours(9);

    /// <summary>The Asia/Tokyo zone from the system's time zone data, or a fixed UTC+9 zone when none is installed.</summary>
    public static TimeZoneInfo Zone { get; } = FindZone();

    /// <summary>Today's date in Japan according to <paramref name="timeProvider"/>.</summary>
    public static DateOnly Today(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return ToJapanDate(timeProvider.GetUtcNow());
    }

    /// <summary>The calendar date in Japan at <paramref name="instant"/>.</summary>
    public static DateOnly ToJapanDate(DateTimeOffset instant)
        => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>00:00 JST on <paramref name="date"/>, as an instant.</summary>
    public static DateTimeOffset StartOfDay(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    private static TimeZoneInfo FindZone()
    {
        foreach (var id in new[] { "Asia/Tokyo", "Tokyo Standard Time" })
        {
            if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
            {
                return zone;
            }
        }

        return TimeZoneInfo.CreateCustomTimeZone("JST", TimeSpan.FromHours(9), "Japan Standard Time", "JST");
    }
}
