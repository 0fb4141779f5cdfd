using System;
using System.Globalization;

namespace Credentials.W3c.DataIntegrity;

/// <summary>
/// XML Schema 1.1 Part 2 <c>dateTime</c> values (section 3.3.7) as Data Integrity uses them for <c>created</c> and
/// <c>expires</c>: <c>YYYY-MM-DDThh:mm:ss[.s+][Z|±hh:mm]</c>. A value without a time zone is read as UTC, as VC Data
/// Integrity 1.0 section 2.1 allows.
/// </summary>
internal static class XsdDateTime
{
    /// <summary>Parses a dateTime; <see langword="false"/> when the text is not one.</summary>
    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        var s = text.AsSpan();

        // Four-digit years only: DateTimeOffset has no others, and proofs use no others.
        if (s.Length < 19 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!Digits(s[..4], out var year) || !Digits(s.Slice(5, 2), out var month) || !Digits(s.Slice(8, 2), out var day)
            || !Digits(s.Slice(11, 2), out var hour) || !Digits(s.Slice(14, 2), out var minute) || !Digits(s.Slice(17, 2), out var second))
        {
            return false;
        }

        var rest = s[19..];
        long fractionTicks = 0;
        if (!rest.IsEmpty && rest[0] == '.')
        {
            var count = 1;
            while (count < rest.Length && char.IsAsciiDigit(rest[count]))
            {
                count++;
            }

            if (count == 1)
            {
                return false;
            }

            // Ticks are 100 ns: seven digits; further digits are dropped.
            var fraction = rest[1..count];
            var scale = 1_000_000L;
            foreach (var c in fraction[..Math.Min(7, fraction.Length)])
            {
                fractionTicks += (c - '0') * scale;
                scale /= 10;
            }

            rest = rest[count..];
        }

        var offset = TimeSpan.Zero;
        if (rest.Length == 1 && rest[0] == 'Z')
        {
            rest = [];
        }
        else if (rest.Length == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':')
        {
            if (!Digits(rest.Slice(1, 2), out var offsetHours) || !Digits(rest.Slice(4, 2), out var offsetMinutes)
                || offsetMinutes > 59 || offsetHours > 14 || (offsetHours == 14 && offsetMinutes != 0))
            {
                return false;
            }

            offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            if (rest[0] == '-')
            {
                offset = -offset;
            }

            rest = [];
        }

        if (!rest.IsEmpty || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || minute > 59 || second > 59)
        {
            return false;
        }

        // 24:00:00 is the first instant of the next day (XML Schema 1.1 Part 2 section 3.3.7).
        var endOfDay = hour == 24 && minute == 0 && second == 0 && fractionTicks == 0;
        if (hour > 23 && !endOfDay)
        {
            return false;
        }

        try
        {
            var local = new DateTime(year, month, day, endOfDay ? 0 : hour, minute, second, DateTimeKind.Unspecified).AddTicks(fractionTicks);
            value = new DateTimeOffset(endOfDay ? local.AddDays(1) : local, offset);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    /// <summary>Formats an instant as <c>YYYY-MM-DDThh:mm:ssZ</c> (whole seconds, UTC), as proofs are usually written.</summary>
    public static string Format(DateTimeOffset value)
        => value.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);

    private static bool Digits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
