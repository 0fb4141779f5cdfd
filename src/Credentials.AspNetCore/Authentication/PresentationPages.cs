using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using QRCoder;

namespace Credentials.AspNetCore.Authentication;

/// <summary>
/// The handler's two small pages, self-contained (no external script, style or image): the cross-device page with the
/// request's QR code and a status poll, and the same-device relay that posts the <c>response_code</c> from the URL
/// fragment back to the callback. Each inline script runs under a fresh CSP nonce.
/// </summary>
internal static class PresentationPages
{
    public static Task WriteCrossDevicePageAsync(HttpContext context, string title, string link, PathString statusPath, PathString callbackPath, TimeSpan interval)
    {
        var nonce = Nonce();
        var html = HtmlEncoder.Default;
        var js = JavaScriptEncoder.Default;
        var qr = QrDataUri(link);
        var builder = new StringBuilder(4096 + (qr?.Length ?? 0));
        builder.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
            .Append(html.Encode(title)).Append("</title><style nonce=\"").Append(nonce)
            .Append("\">body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:32rem;text-align:center}img{image-rendering:pixelated;width:18rem;height:18rem}</style></head><body><main><h1>")
            .Append(html.Encode(title)).Append("</h1><p>Scan this QR code with your wallet.</p>");
        if (qr is not null)
        {
            builder.Append("<img id=\"presentation-qr\" alt=\"QR code of the presentation request\" src=\"").Append(qr).Append("\">");
        }

        builder.Append("<p><a id=\"presentation-link\" href=\"").Append(html.Encode(link)).Append("\">Open the wallet on this device</a></p>")
            .Append("<p id=\"presentation-status\" role=\"status\" aria-live=\"polite\">Waiting for the wallet…</p>")
            .Append("<noscript><p><a href=\"").Append(html.Encode(callbackPath.ToString())).Append("\">Continue once the wallet has answered</a></p></noscript></main>")
            .Append("<script nonce=\"").Append(nonce).Append("\">(function(){var s=\"").Append(js.Encode(statusPath.ToString()))
            .Append("\",c=\"").Append(js.Encode(callbackPath.ToString())).Append("\",t=")
            .Append(((long)interval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture))
            .Append(";function p(){fetch(s,{credentials:\"same-origin\",cache:\"no-store\"}).then(function(r){return r.json()}).then(function(j){if(j.status===\"complete\"){location.replace(c)}else{setTimeout(p,t)}},function(){setTimeout(p,t)})}setTimeout(p,t)})();</script></body></html>");
        return WriteAsync(context, nonce, builder.ToString());
    }

    public static Task WriteRelayPageAsync(HttpContext context, PathString callbackPath)
    {
        var nonce = Nonce();
        var page = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Signing in</title></head><body><p>Signing in…</p>"
            + "<form id=\"presentation-relay\" method=\"post\" action=\"" + HtmlEncoder.Default.Encode(callbackPath.ToString()) + "\"><input type=\"hidden\" name=\"response_code\" id=\"presentation-response-code\"></form>"
            + "<script nonce=\"" + nonce + "\">(function(){var m=/(?:^|&)response_code=([^&]*)/.exec(location.hash.slice(1));"
            + "document.getElementById(\"presentation-response-code\").value=m?decodeURIComponent(m[1]):\"\";"
            + "history.replaceState(null,\"\",location.pathname);document.getElementById(\"presentation-relay\").submit()})();</script></body></html>";
        return WriteAsync(context, nonce, page);
    }

    private static async Task WriteAsync(HttpContext context, string nonce, string page)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers["Content-Security-Policy"] = "default-src 'none'; script-src 'nonce-" + nonce + "'; style-src 'nonce-" + nonce
            + "'; img-src data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.XContentTypeOptions = "nosniff";
        await response.WriteAsync(page, context.RequestAborted).ConfigureAwait(false);
    }

    private static string? QrDataUri(string link)
    {
        try
        {
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.L);
            return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(4));
        }
        catch (QRCoder.Exceptions.DataTooLongException)
        {
            // The link alone still works for a wallet on this device.
            return null;
        }
    }

    private static string Nonce() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
}
