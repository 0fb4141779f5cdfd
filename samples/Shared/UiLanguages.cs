using System;
using System.Globalization;

namespace Credentials.Samples;

/// <summary>Detects the user's language and picks between Japanese and English text.</summary>
public static class UiLanguages
{
    /// <summary>The environment variable that overrides detection: <c>ja</c> or <c>en</c>.</summary>
    public const string OverrideVariable = "CREDENTIALS_LANG";

    /// <summary>
    /// Detects the language: <see cref="OverrideVariable"/> first, then <c>LC_ALL</c>, <c>LC_MESSAGES</c> and <c>LANG</c>
    /// (POSIX order), then the current UI culture. Japanese if any of them starts with <c>ja</c>, else English.
    /// </summary>
    /// <param name="environment">Reads an environment variable; <see langword="null"/> for the process environment.</param>
    /// <param name="culture">The UI culture to fall back to; <see langword="null"/> for <see cref="CultureInfo.CurrentUICulture"/>.</param>
    public static UiLanguage Detect(Func<string, string?>? environment = null, CultureInfo? culture = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        foreach (var name in new[] { OverrideVariable, "LC_ALL", "LC_MESSAGES", "LANG" })
        {
            var value = environment(name);
            if (!string.IsNullOrWhiteSpace(value) && value is not "C" and not "POSIX")
            {
                return FromTag(value);
            }
        }

        return FromTag((culture ?? CultureInfo.CurrentUICulture).Name);
    }

    /// <summary>Maps a language tag or locale name (<c>ja</c>, <c>ja-JP</c>, <c>ja_JP.UTF-8</c>, <c>en</c>) to a language.</summary>
    public static UiLanguage FromTag(string? tag)
        => tag is not null && tag.Trim().StartsWith("ja", StringComparison.OrdinalIgnoreCase) ? UiLanguage.Japanese : UiLanguage.English;

    /// <summary>The BCP 47 tag used to select display metadata: <c>ja-JP</c> or <c>en-US</c>.</summary>
    public static string ToLocale(this UiLanguage language) => language == UiLanguage.Japanese ? "ja-JP" : "en-US";

    /// <summary>Picks the text for <paramref name="language"/>.</summary>
    public static string Pick(this UiLanguage language, string japanese, string english)
        => language == UiLanguage.Japanese ? japanese : english;
}
