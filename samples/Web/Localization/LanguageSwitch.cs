using System;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Credentials.Samples.Web.Localization;

/// <summary>
/// <c>GET /lang/{ja|en}?returnUrl=/shop</c>: remembers the language in a cookie and goes back to the (local) page.
/// Plain links, so the switch works without script; it changes only a display preference.
/// </summary>
public static class LanguageSwitch
{
    /// <summary>Maps the switch.</summary>
    /// <param name="endpoints">The app.</param>
    public static IEndpointRouteBuilder MapLanguageSwitch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/lang/{language}", (HttpContext context, string language, string? returnUrl) =>
        {
            if (Texts.Normalise(language) is not { } chosen)
            {
                return Results.NotFound();
            }

            context.Response.Cookies.Append(Texts.CookieName, chosen, new CookieOptions
            {
                Path = "/",
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                IsEssential = true,
                MaxAge = TimeSpan.FromDays(365),
            });
            var local = !string.IsNullOrEmpty(returnUrl) && returnUrl[0] == '/' && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'));
            return Results.LocalRedirect(local ? returnUrl! : "/");
        });
        return endpoints;
    }
}
