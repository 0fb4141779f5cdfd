using System;
using System.Globalization;
using System.Text;

namespace Credentials.W3c;

/// <summary>The lexical rules of the data model: URLs, <c>dateTimeStamp</c>, <c>data:</c> URLs and language tags.</summary>
internal static class W3cSyntax
{
    /// <summary>
    /// Whether a string is an absolute URL as the data model uses them (section 4.4): a scheme (RFC 3986 section 3.1)
    /// followed by ':' and at least one character, with no whitespace or control characters. DIDs, URNs, HTTPS and
    /// <c>data:</c> URLs qualify; relative references and bare words do not.
    /// </summary>
    public static bool IsUrl(string? value)
    {
        if (string.IsNullOrEmpty(value) || !char.IsAsciiLetter(value[0]))
        {
            return false;
        }

        var colon = -1;
        for (var i = 1; i < value.Length; i++)
        {
            var c = value[i];
            if (c == ':')
            {
                colon = i;
                break;
            }

            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
            {
                return false;
            }
        }

        if (colon < 0 || colon == value.Length - 1)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c <= ' ' || c == '\u007f' || char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Parses an XML Schema 1.1 <c>dateTime</c> (VCDM 2.0 section 5.8, the regular expression of example 32). With
    /// <paramref name="requireOffset"/> the value must be a <c>dateTimeStamp</c> (with <c>Z</c> or an offset); without
    /// it a value that has no offset is read as UTC (section 5.8). Values outside the years 1 to 9999, and days that do
    /// not exist in their month, are refused.
    /// </summary>
    public static bool TryParseDateTime(string value, bool requireOffset, out DateTimeOffset result)
    {
        result = default;
        var s = value.AsSpan();
        var i = 0;
        if (s.Length > 0 && s[0] == '-')
        {
            return false; // years before 1: matched by the grammar, but not a moment this library can represent
        }

        var yearStart = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        var yearDigits = i - yearStart;
        if (yearDigits != 4)
        {
            return false; // the grammar allows more than four digits, but such years cannot be represented here
        }

        var year = Number(s, yearStart, 4);
        if (!Expect(s, ref i, '-') || !TwoDigits(s, ref i, out var month) || !Expect(s, ref i, '-') || !TwoDigits(s, ref i, out var day)
            || !Expect(s, ref i, 'T') || !TwoDigits(s, ref i, out var hour) || !Expect(s, ref i, ':') || !TwoDigits(s, ref i, out var minute)
            || !Expect(s, ref i, ':') || !TwoDigits(s, ref i, out var second))
        {
            return false;
        }

        long fractionTicks = 0;
        var fractionIsZero = true;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            var start = i;
            long scale = TimeSpan.TicksPerSecond / 10;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                var digit = s[i] - '0';
                fractionIsZero &= digit == 0;
                if (scale > 0)
                {
                    fractionTicks += digit * scale;
                    scale /= 10;
                }

                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > 31 || minute > 59 || second > 59)
        {
            return false;
        }

        var endOfDay = false;
        if (hour == 24)
        {
            // 24:00:00 (with only zero fractions) is the first moment of the next day.
            if (minute != 0 || second != 0 || !fractionIsZero)
            {
                return false;
            }

            endOfDay = true;
            hour = 0;
        }
        else if (hour > 23)
        {
            return false;
        }

        TimeSpan offset;
        if (i == s.Length)
        {
            if (requireOffset)
            {
                return false;
            }

            offset = TimeSpan.Zero;
        }
        else if (s[i] == 'Z' && i == s.Length - 1)
        {
            offset = TimeSpan.Zero;
        }
        else if ((s[i] == '+' || s[i] == '-') && s.Length - i == 6 && s[i + 3] == ':')
        {
            var sign = s[i] == '-' ? -1 : 1;
            var j = i + 1;
            if (!TwoDigits(s, ref j, out var offsetHours))
            {
                return false;
            }

            j++;
            if (!TwoDigits(s, ref j, out var offsetMinutes) || offsetMinutes > 59 || offsetHours > 14 || (offsetHours == 14 && offsetMinutes != 0))
            {
                return false;
            }

            offset = sign * new TimeSpan(offsetHours, offsetMinutes, 0);
        }
        else
        {
            return false;
        }

        if (day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        try
        {
            var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fractionTicks);
            if (endOfDay)
            {
                local = local.AddDays(1);
            }

            result = new DateTimeOffset(local, offset);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false; // the first or last moments of the range with an offset that moves them outside it
        }
    }

    /// <summary>Writes a <c>dateTimeStamp</c>: <c>Z</c> for UTC, otherwise the offset; a fraction only when there is one.</summary>
    public static string FormatDateTimeStamp(DateTimeOffset value)
    {
        var builder = new StringBuilder(32);
        builder.Append(value.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        var fraction = value.Ticks % TimeSpan.TicksPerSecond;
        if (fraction != 0)
        {
            builder.Append('.').Append(fraction.ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0'));
        }

        if (value.Offset == TimeSpan.Zero)
        {
            builder.Append('Z');
        }
        else
        {
            builder.Append(value.Offset < TimeSpan.Zero ? '-' : '+');
            var abs = value.Offset.Duration();
            builder.Append(abs.Hours.ToString("D2", CultureInfo.InvariantCulture)).Append(':').Append(abs.Minutes.ToString("D2", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    /// <summary>
    /// Parses a <c>data:</c> URL (RFC 2397): <c>data:</c> media type (with optional parameters), optional <c>;base64</c>,
    /// a comma, and the data. A media type is required here: an enveloped credential must say how it is secured.
    /// The data is percent-decoded unless it is base64.
    /// </summary>
    public static bool TryParseDataUrl(string value, out string mediaType, out bool isBase64, out string data)
    {
        mediaType = string.Empty;
        isBase64 = false;
        data = string.Empty;
        if (!value.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var comma = value.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            return false;
        }

        var header = value.AsSpan(5, comma - 5);
        var semicolon = header.IndexOf(';');
        var type = semicolon < 0 ? header : header[..semicolon];
        var slash = type.IndexOf('/');
        if (slash <= 0 || slash == type.Length - 1 || !IsToken(type[..slash]) || !IsToken(type[(slash + 1)..]))
        {
            return false;
        }

        if (semicolon >= 0)
        {
            var parameters = header[(semicolon + 1)..];
            if (parameters.EndsWith(";base64", StringComparison.OrdinalIgnoreCase) || parameters.Equals("base64", StringComparison.OrdinalIgnoreCase))
            {
                isBase64 = true;
            }
        }

        mediaType = type.ToString().ToLowerInvariant();
        var raw = value[(comma + 1)..];
        if (isBase64 || raw.IndexOf('%', StringComparison.Ordinal) < 0)
        {
            data = raw;
            return true;
        }

        return TryPercentDecode(raw, out data);
    }

    /// <summary>
    /// Whether a string is a well-formed BCP 47 language tag in the loose sense the data model asks for (section 11.1):
    /// subtags of 1 to 8 letters or digits separated by hyphens, the first of 2 to 8 letters (or <c>x</c>/<c>i</c>).
    /// </summary>
    public static bool IsLanguageTag(string value)
    {
        if (value.Length == 0 || value.Length > 64)
        {
            return false;
        }

        var first = true;
        foreach (var part in value.Split('-'))
        {
            if (part.Length is 0 or > 8)
            {
                return false;
            }

            foreach (var c in part)
            {
                if (first ? !char.IsAsciiLetter(c) : !char.IsAsciiLetterOrDigit(c))
                {
                    return false;
                }
            }

            if (first && part.Length == 1 && part is not ("x" or "X" or "i" or "I"))
            {
                return false;
            }

            first = false;
        }

        return true;
    }

    private static bool IsToken(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "!#$&^_.+-".Contains(c)))
            {
                return false;
            }
        }

        return s.Length > 0;
    }

    private static bool TryPercentDecode(string raw, out string decoded)
    {
        decoded = string.Empty;
        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(raw.Length)];
        var length = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '%')
            {
                if (i + 2 >= raw.Length || !char.IsAsciiHexDigit(raw[i + 1]) || !char.IsAsciiHexDigit(raw[i + 2]))
                {
                    return false;
                }

                bytes[length++] = (byte)((HexValue(raw[i + 1]) << 4) | HexValue(raw[i + 2]));
                i += 2;
            }
            else
            {
                length += Encoding.UTF8.GetBytes(raw.AsSpan(i, 1), bytes.AsSpan(length));
            }
        }

        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, length);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private static bool Expect(ReadOnlySpan<char> s, ref int i, char c)
    {
        if (i < s.Length && s[i] == c)
        {
            i++;
            return true;
        }

        return false;
    }

    private static bool TwoDigits(ReadOnlySpan<char> s, ref int i, out int value)
    {
        value = 0;
        if (i + 1 >= s.Length || !char.IsAsciiDigit(s[i]) || !char.IsAsciiDigit(s[i + 1]))
        {
            return false;
        }

        value = ((s[i] - '0') * 10) + (s[i + 1] - '0');
        i += 2;
        return true;
    }

    private static int Number(ReadOnlySpan<char> s, int start, int length)
    {
        var n = 0;
        for (var k = start; k < start + length; k++)
        {
            n = (n * 10) + (s[k] - '0');
        }

        return n;
    }
}
