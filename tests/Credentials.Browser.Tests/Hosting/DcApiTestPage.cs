using System.Net;
using Credentials.AspNetCore.DigitalCredentials;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Credentials.Browser.Tests.Hosting;

/// <summary>
/// The minimal verifier page of the browser tests: a button bound by <c>credentials-dc-api.js</c> through data
/// attributes, an output region, a fallback shown by CSS when the API is absent; served under a strict CSP (no inline
/// script, no inline style), so the page proves the script needs none.
/// </summary>
internal static class DcApiTestPage
{
    public const string Path = "/";
    public const string StylePath = "/page.css";

    /// <summary>The page's own text for a cancelled outcome (a <c>data-text-cancelled</c> attribute).</summary>
    public const string CancelledText = "キャンセルしました";

    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private const string Style = """
        body { font-family: sans-serif; margin: 2rem; }
        html[data-credentials-dc-api="supported"] .fallback { display: none; }
        [data-outcome="verified"] { color: #05620f; font-weight: bold; }
        [data-outcome="refused"], [data-outcome="failed"] { color: #a00; }
        dt { font-weight: bold; }
        """;

    /// <summary>Maps the page, its style sheet and the script at their paths.</summary>
    public static void Map(WebApplication app, string requestPath, string responsePath)
    {
        app.MapDigitalCredentialsScript();
        app.MapGet("/favicon.ico", () => Results.NoContent());
        app.MapGet(StylePath, () => Results.Text(Style, "text/css; charset=utf-8"));
        MapPage(app, Path, requestPath, responsePath);
    }

    /// <summary>Maps one more page at <paramref name="path"/> whose button uses the given endpoints (after <see cref="Map"/>).</summary>
    public static void MapPage(WebApplication app, string path, string requestPath, string responsePath)
        => app.MapGet(path, (HttpContext context) =>
        {
            context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            context.Response.Headers.CacheControl = "no-store";
            return Results.Content(Html(requestPath, responsePath), "text/html; charset=utf-8");
        });

    private static string Html(string requestPath, string responsePath) => $"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>Age check</title>
          <link rel="stylesheet" href="{StylePath}">
          <script src="{DigitalCredentialsScript.DefaultPath}" integrity="{DigitalCredentialsScript.Integrity}" defer></script>
        </head>
        <body>
          <h1>Age check</h1>
          <button type="button" id="verify" hidden data-credentials-dc-api
                  data-request-url="{WebUtility.HtmlEncode(requestPath)}" data-response-url="{WebUtility.HtmlEncode(responsePath)}"
                  data-output="#result" data-text-cancelled="{CancelledText}">Verify your age with a wallet</button>
          <p id="fallback" class="fallback">This browser cannot present digital credentials.</p>
          <div id="result" aria-live="polite"></div>
        </body>
        </html>
        """;
}
