using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using QRCoder;

namespace Credentials.Samples.Web.Desk;

/// <summary>The desk's small endpoints next to its page: the rows' states for the page's polling, and each offer's QR code.</summary>
internal static class DeskEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet(DeskAuth.DeskPath + "/rows.json", async (HttpContext http, DeskIssuance desk, TimeProvider time) =>
        {
            var now = time.GetUtcNow();
            var rows = await desk.Store.ListAsync(http.RequestAborted).ConfigureAwait(false);
            var published = await desk.LastPublishedAsync(http.RequestAborted).ConfigureAwait(false);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Json(new
            {
                published = published?.ToUnixTimeMilliseconds(),
                rows = rows.Select(r => new { id = r.Id, state = DeskLabels.StateKey(r, now) }),
            });
        }).RequireAuthorization(DeskAuth.Policy);

        app.MapGet(DeskAuth.DeskPath + "/template.csv", () => Results.File(System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(Template)).ToArray(), "text/csv; charset=utf-8", "desk-template.csv"))
            .RequireAuthorization(DeskAuth.Policy);

        app.MapGet(DeskAuth.DeskPath + "/qr/{id}", async (string id, HttpContext http, DeskIssuance desk) =>
        {
            if (await desk.Store.GetAsync(id, http.RequestAborted).ConfigureAwait(false) is not { } row)
            {
                return Results.NotFound();
            }

            // The link leads to the offer (and its pre-authorized code): never cached.
            http.Response.Headers.CacheControl = "no-store";
            return Results.File(Png(row.OfferLink), "image/png");
        }).RequireAuthorization(DeskAuth.Policy);
    }

    /// <summary>The CSV template: the header and the sample person.</summary>
    public static string Template => DeskCsvReader.Header + "\n"
        + "2026-05-01234,FE,2026-05,2026-06-15,高橋,結衣,タカハシ,ユイ,TAKAHASHI,YUI,2003-11-08\n";

    /// <summary>The QR code of <paramref name="link"/> as PNG.</summary>
    public static byte[] Png(string link)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(6);
    }
}
