using System;
using System.Globalization;

namespace Credentials.Samples;

/// <summary>
/// 和暦 (Japanese era) formatting, for display only: claims always carry ISO 8601 dates.
/// </summary>
/// <remarks>
/// The era and the year within it come from <see cref="JapaneseCalendar"/> (its era table is the operating system's,
/// so 令和 is known wherever the runtime is current); the text is composed here so that the first year of an era is
/// always written 元年 (formal usage) regardless of the runtime's
/// <c>Switch.System.Globalization.FormatJapaneseFirstYearAsANumber</c> setting or ICU version. .NET's calendar starts
/// on 1868-09-08 (明治元年) and Japan adopted the Gregorian calendar on 1873-01-01 (明治6年); earlier dates would be
/// Gregorian dates with era names that were never printed, so they are formatted as ISO dates instead.
/// </remarks>
public static class JapaneseEra
{
    private static readonly DateOnly s_gregorianAdoption = new(1873, 1, 1);
    private static readonly CultureInfo s_culture = CreateCulture();

    /// <summary>Formats <paramref name="date"/> as 和暦: 2019-05-01 → 令和元年5月1日, 2019-04-30 → 平成31年4月30日.</summary>
    public static string Format(DateOnly date)
    {
        if (date < s_gregorianAdoption)
        {
            return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        var calendar = (JapaneseCalendar)s_culture.DateTimeFormat.Calendar;
        var dateTime = date.ToDateTime(TimeOnly.MinValue);
        var era = calendar.GetEra(dateTime);
        var year = calendar.GetYear(dateTime);
        var eraName = s_culture.DateTimeFormat.GetEraName(era);
        var yearText = year == 1 ? "元" : year.ToString(CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{eraName}{yearText}年{date.Month}月{date.Day}日");
    }

    /// <summary>Formats an ISO 8601 date string; anything else is returned unchanged.</summary>
    public static string FormatIso(string? isoDate)
        => IsoDate.TryParse(isoDate, out var date) ? Format(date) : isoDate ?? string.Empty;

    /// <summary>
    /// A date for people: <c>令和元年5月1日 (2019-05-01)</c> in Japanese, <c>2019-05-01</c> in English.
    /// </summary>
    public static string FormatForDisplay(DateOnly date, UiLanguage language)
        => language == UiLanguage.Japanese
            ? $"{Format(date)} ({IsoDate.Format(date)})"
            : IsoDate.Format(date);

    private static CultureInfo CreateCulture()
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo("ja-JP").Clone();
        culture.DateTimeFormat.Calendar = new JapaneseCalendar();
        return culture;
    }
}
