using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Credentials.Samples;

/// <summary>ISO 8601 full dates (<c>YYYY-MM-DD</c>), the only date form in claims.</summary>
public static class IsoDate
{
    /// <summary>Parses exactly <c>YYYY-MM-DD</c>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out DateOnly date)
    {
        date = default;
        return text is { Length: 10 } && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>Formats as <c>YYYY-MM-DD</c>.</summary>
    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
