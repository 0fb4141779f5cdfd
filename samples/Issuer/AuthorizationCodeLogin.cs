using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.OpenId4Vci;
using Credentials.Protocols;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.Samples.Issuer;

/// <summary>
/// The login step of <c>issuer serve --flow authorization-code</c>: the authorization endpoint hands each valid request
/// (pushed with PAR) to <see cref="ShowAsync"/>, which shows a page asking for the one-time code <c>serve</c> printed
/// with the offer; <see cref="SubmitAsync"/> (<c>POST /login</c>) checks the code, and on success completes the
/// authorization and redirects the browser to the wallet. One-time codes and login attempts live in the protocol state
/// store, so a restarted server keeps them.
/// </summary>
internal sealed class AuthorizationCodeLogin(TimeProvider timeProvider, TimeSpan pendingLifetime, string basePath = "")
{
    /// <summary>Where the login form posts, under the path of the Credential Issuer Identifier.</summary>
    public const string LoginRoute = "/login";

    /// <summary>How many wrong codes one authorization allows; after the last one it is denied (<c>access_denied</c>).</summary>
    public const int MaxAttempts = 5;

    /// <summary>The number of digits of a one-time code.</summary>
    public const int CodeLength = 8;

    /// <summary>The store kind of one-time codes (keyed by the code's SHA-256; the value is the subject).</summary>
    public const string CodeKind = "issuer-sample.login_code";

    /// <summary>The store kind of login sessions (keyed by the pending authorization id's SHA-256).</summary>
    public const string SessionKind = "issuer-sample.login_session";

    /// <summary>
    /// The Content Security Policy of the login pages: nothing loads (no script, no style, no frame); the form may post
    /// to this server, and the redirect after it may go to a loopback redirect URI (browsers apply form-action to it).
    /// </summary>
    public const string ContentSecurityPolicy = "default-src 'none'; form-action 'self' http://127.0.0.1:* http://[::1]:*; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>The path the login form posts to: <see cref="LoginRoute"/> under the issuer's path (<c>/login</c> when the issuer has none).</summary>
    public string LoginPath { get; } = basePath.TrimEnd('/') + LoginRoute;

    /// <summary>
    /// Which wallets may use the flow: any <c>client_id</c> whose <c>redirect_uri</c> is a loopback redirect URI of a
    /// native app (RFC 8252 section 7.3: <c>http</c>, the IP literal <c>127.0.0.1</c> or <c>[::1]</c>, any port; the
    /// name <c>localhost</c> is not accepted, as section 8.3 advises).
    /// </summary>
    public static bool IsLoopbackClient(string clientId, string redirectUri)
        => !string.IsNullOrWhiteSpace(clientId)
        && Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttp
        && uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
        && IPAddress.TryParse(uri.IdnHost, out var address)
        && (address.Equals(IPAddress.Loopback) || address.Equals(IPAddress.IPv6Loopback))
        && uri.UserInfo.Length == 0;

    /// <summary>Creates a one-time code for <paramref name="subjectId"/>, usable once until <paramref name="expiresAt"/>.</summary>
    public static async Task<string> CreateCodeAsync(IProtocolStateStore store, string subjectId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        while (true)
        {
            var code = RandomNumberGenerator.GetInt32(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
            if (await store.TryAddAsync(CodeKind, Hash(code), subjectId, expiresAt, cancellationToken).ConfigureAwait(false))
            {
                return code;
            }
        }
    }

    /// <summary>The authorization page (<see cref="Credentials.AspNetCore.OpenId4VciEndpointOptions.AuthorizationPage"/>): starts a login session and shows the form.</summary>
    public async Task ShowAsync(HttpContext http, PendingAuthorization pending)
    {
        var store = http.RequestServices.GetRequiredService<IProtocolStateStore>();
        var session = new Session(pending.OfferSubjectId, 0, pending.ClientId, [.. pending.CredentialConfigurationIds]);
        await store.TryAddAsync(SessionKind, Hash(pending.Id), session.ToJson(), timeProvider.GetUtcNow() + pendingLifetime, http.RequestAborted).ConfigureAwait(false);
        await WriteFormAsync(http, pending.Id, session, wrongCode: false).ConfigureAwait(false);
    }

    /// <summary><c>POST /login</c>: checks the anti-forgery token and the code; redirects to the wallet or shows the form again.</summary>
    public async Task SubmitAsync(HttpContext http)
    {
        var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
        if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false))
        {
            await WriteMessageAsync(http, StatusCodes.Status400BadRequest, "フォームが無効です。ウォレットからやり直してください。", "The form is not valid. Start again from the wallet.").ConfigureAwait(false);
            return;
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        var pendingId = form["pending"].Count == 1 ? form["pending"][0] ?? string.Empty : string.Empty;
        var code = form["code"].Count == 1 ? (form["code"][0] ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Trim() : string.Empty;
        var store = http.RequestServices.GetRequiredService<IProtocolStateStore>();
        var issuer = http.RequestServices.GetRequiredService<OpenId4VciIssuer>();
        var sessionKey = pendingId.Length is > 0 and <= 128 ? Hash(pendingId) : null;
        var now = timeProvider.GetUtcNow();
        var stored = sessionKey is null ? null : await store.TryGetAsync(SessionKind, sessionKey, now, http.RequestAborted).ConfigureAwait(false);
        if (stored is null)
        {
            await WriteMessageAsync(http, StatusCodes.Status400BadRequest, "このログインは期限切れか、すでに終わっています。ウォレットからやり直してください。", "This login has expired or is already finished. Start again from the wallet.").ConfigureAwait(false);
            return;
        }

        var session = Session.Read(stored);
        var subject = code.Length == CodeLength && code.All(char.IsAsciiDigit)
            ? await store.TryGetAsync(CodeKind, Hash(code), now, http.RequestAborted).ConfigureAwait(false)
            : null;

        // The code must be the one printed for the offer the wallet came from (when it came from one).
        var right = subject is not null && (session.OfferSubject is null || string.Equals(subject, session.OfferSubject, StringComparison.Ordinal));
        if (right && await store.TryConsumeAsync(CodeKind, Hash(code), now, http.RequestAborted).ConfigureAwait(false) is not null)
        {
            await store.TryConsumeAsync(SessionKind, sessionKey!, now, http.RequestAborted).ConfigureAwait(false);
            var completed = await issuer.CompleteAuthorizationAsync(pendingId, subject!, http.RequestAborted).ConfigureAwait(false);
            if (!completed.IsValid)
            {
                await WriteMessageAsync(http, StatusCodes.Status400BadRequest, "この認可は期限切れです。ウォレットからやり直してください。", "This authorization has expired. Start again from the wallet.").ConfigureAwait(false);
                return;
            }

            Redirect(http, completed.Value);
            return;
        }

        // A wrong code: counted; the last allowed attempt denies the authorization (RFC 6749 section 4.1.2.1 access_denied).
        var counted = session with { Attempts = session.Attempts + 1 };
        if (counted.Attempts >= MaxAttempts || !await store.TryUpdateAsync(SessionKind, sessionKey!, stored, counted.ToJson(), now, http.RequestAborted).ConfigureAwait(false))
        {
            await store.TryConsumeAsync(SessionKind, sessionKey!, now, http.RequestAborted).ConfigureAwait(false);
            var denied = await issuer.DenyAuthorizationAsync(pendingId, http.RequestAborted).ConfigureAwait(false);
            if (denied.IsValid)
            {
                Redirect(http, denied.Value);
                return;
            }

            await WriteMessageAsync(http, StatusCodes.Status400BadRequest, "この認可は期限切れです。ウォレットからやり直してください。", "This authorization has expired. Start again from the wallet.").ConfigureAwait(false);
            return;
        }

        await WriteFormAsync(http, pendingId, counted, wrongCode: true).ConfigureAwait(false);
    }

    private static void Redirect(HttpContext http, Uri target)
    {
        // 303: the browser follows with GET (RFC 9110 section 15.4.4).
        SetHeaders(http.Response);
        http.Response.StatusCode = StatusCodes.Status303SeeOther;
        http.Response.Headers.Location = target.AbsoluteUri;
    }

    private async Task WriteFormAsync(HttpContext http, string pendingId, Session session, bool wrongCode)
    {
        var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
        var tokens = antiforgery.GetAndStoreTokens(http);
        var html = new StringBuilder();
        var types = string.Join(", ", session.Types);
        html.Append("<h1>サンプル発行者にログイン / Sign in to the sample issuer</h1>\n")
            .Append("<p>").Append(Encode(session.ClientId)).Append(" が次の証明書を求めています: ").Append(Encode(types)).Append("<br>\n")
            .Append(Encode(session.ClientId)).Append(" asks for: ").Append(Encode(types)).Append("</p>\n")
            .Append("<p>発行者が表示したワンタイムコード（").Append(CodeLength).Append(" 桁）を入力してください。<br>\nEnter the ").Append(CodeLength).Append("-digit one-time code the issuer printed.</p>\n");
        if (wrongCode)
        {
            var left = MaxAttempts - session.Attempts;
            html.Append("<p id=\"error\" role=\"alert\"><strong>コードが違います。もう一度入力してください（残り ").Append(left).Append(" 回）。<br>\nThe code is wrong. Try again (")
                .Append(left).Append(left == 1 ? " attempt" : " attempts").Append(" left).</strong></p>\n");
        }

        html.Append("<form method=\"post\" action=\"").Append(Encode(LoginPath)).Append("\">\n")
            .Append("<input type=\"hidden\" name=\"").Append(Encode(tokens.FormFieldName)).Append("\" value=\"").Append(Encode(tokens.RequestToken ?? string.Empty)).Append("\">\n")
            .Append("<input type=\"hidden\" name=\"pending\" value=\"").Append(Encode(pendingId)).Append("\">\n")
            .Append("<p><label for=\"code\">ワンタイムコード / One-time code</label><br>\n")
            .Append("<input id=\"code\" name=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\" pattern=\"[0-9 ]*\" maxlength=\"16\" required autofocus></p>\n")
            .Append("<p><button type=\"submit\">ログイン / Sign in</button></p>\n</form>\n");
        await WritePageAsync(http, wrongCode ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK, html.ToString()).ConfigureAwait(false);
    }

    private static Task WriteMessageAsync(HttpContext http, int status, string japanese, string english)
        => WritePageAsync(http, status, $"<h1>サンプル発行者 / Sample issuer</h1>\n<p id=\"error\" role=\"alert\">{Encode(japanese)}<br>\n{Encode(english)}</p>\n");

    private static async Task WritePageAsync(HttpContext http, int status, string body)
    {
        SetHeaders(http.Response);
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        var page = "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"referrer\" content=\"no-referrer\">\n<title>ログイン / Sign in</title>\n</head>\n<body>\n<main>\n"
            + body + "</main>\n</body>\n</html>\n";
        await http.Response.WriteAsync(page, Encoding.UTF8, http.RequestAborted).ConfigureAwait(false);
    }

    private static void SetHeaders(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XFrameOptions = "DENY";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);

    private static string Hash(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>A login in progress: the offer's subject (if the wallet came from an offer), the wrong attempts so far, and what the page shows.</summary>
    private sealed record Session(string? OfferSubject, int Attempts, string ClientId, IReadOnlyList<string> Types)
    {
        public string ToJson() => new JsonObject
        {
            ["s"] = OfferSubject,
            ["a"] = Attempts,
            ["c"] = ClientId,
            ["t"] = new JsonArray([.. Types.Select(t => (JsonNode)t)]),
        }.ToJsonString();

        public static Session Read(string json)
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            return new Session(
                root.GetProperty("s").ValueKind == JsonValueKind.String ? root.GetProperty("s").GetString() : null,
                root.GetProperty("a").GetInt32(),
                root.GetProperty("c").GetString()!,
                [.. root.GetProperty("t").EnumerateArray().Select(e => e.GetString()!)]);
        }
    }
}
