using System;
using System.Linq;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Credentials.Samples.Web.Localization;

/// <summary>
/// The request's language and the bilingual text picker of every page: <c>@T.Pick("日本語", "English")</c>. The
/// language comes from the <see cref="CookieName"/> cookie (set by the switch in the layout), else from the browser's
/// <c>Accept-Language</c> (the first of ja/en it prefers), else Japanese.
/// </summary>
public sealed class Texts
{
    /// <summary>The language cookie: <c>ja</c> or <c>en</c>.</summary>
    public const string CookieName = "lang";

    /// <summary>Reads the request's language.</summary>
    /// <param name="accessor">The current request.</param>
    public Texts(IHttpContextAccessor accessor)
    {
        ArgumentNullException.ThrowIfNull(accessor);
        IsJapanese = Decide(accessor.HttpContext?.Request) != "en";
    }

    /// <summary>Whether the page is in Japanese.</summary>
    public bool IsJapanese { get; }

    /// <summary>The language tag for <c>&lt;html lang&gt;</c>: <c>ja</c> or <c>en</c>.</summary>
    public string Language => IsJapanese ? "ja" : "en";

    /// <summary>The other language's tag (what the switch offers).</summary>
    public string OtherLanguage => IsJapanese ? "en" : "ja";

    /// <summary>The text in the request's language.</summary>
    /// <param name="japanese">The Japanese text.</param>
    /// <param name="english">The English text.</param>
    public string Pick(string japanese, string english) => IsJapanese ? japanese : english;

    /// <summary>Normalises a language choice: <c>ja</c>, <c>en</c> or <see langword="null"/>.</summary>
    /// <param name="value">A tag such as <c>en-GB</c>.</param>
    public static string? Normalise(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value.StartsWith("ja", StringComparison.OrdinalIgnoreCase))
        {
            return "ja";
        }

        return value.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : null;
    }

    private static string Decide(HttpRequest? request)
    {
        if (request is null)
        {
            return "ja";
        }

        if (Normalise(request.Cookies[CookieName]) is { } chosen)
        {
            return chosen;
        }

        if (StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage.Where(v => v is not null).Select(v => v!).ToArray(), out var accepted))
        {
            foreach (var language in accepted.Where(a => a.Quality is null or > 0).OrderByDescending(a => a.Quality ?? 1))
            {
                if (Normalise(language.Value.Value) is { } preferred)
                {
                    return preferred;
                }
            }
        }

        return "ja";
    }
}
