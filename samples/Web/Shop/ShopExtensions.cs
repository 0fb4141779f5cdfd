using System;
using System.Threading.Tasks;
using Credentials.AspNetCore.Authentication;
using Credentials.OpenId4Vp;
using Credentials.Samples.Web.Trust;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.Samples.Web.Shop;

/// <summary>
/// The shop's age check (<c>/shop</c>): the verifiable presentation scheme <see cref="PresentationScheme"/> (its request
/// shown on the shop's own page through <see cref="VerifiablePresentationEvents.OnRedirectToWallet"/>), a short-lived
/// answer cookie <see cref="AnswerScheme"/> that carries the verified answer from the callback to the result page
/// (which reads it once and deletes it), and the policy <see cref="Over20Policy"/>.
/// </summary>
public static class ShopExtensions
{
    /// <summary>The verifiable presentation scheme of the till.</summary>
    public const string PresentationScheme = "shop-presentation";

    /// <summary>The cookie scheme the answer travels in, from the callback to the result page (one redirect).</summary>
    public const string AnswerScheme = "shop-answer";

    /// <summary>The policy the result page checks: <c>RequireVerifiedClaim("age_over_20", true)</c>.</summary>
    public const string Over20Policy = "shop-over-20";

    /// <summary>The policy the result page checks for an age mdoc: <c>RequireVerifiedClaim("jp.example.av.1.age_over_20", true)</c>.</summary>
    public const string Over20MdocPolicy = "shop-over-20-mdoc";

    /// <summary>The handler's callback (its status endpoint is under it).</summary>
    public const string CallbackPath = "/shop/answer";

    /// <summary>The result page.</summary>
    public const string ResultPath = "/shop/result";

    /// <summary>How long a verified answer waits for the result page.</summary>
    public static readonly TimeSpan AnswerLifetime = TimeSpan.FromMinutes(2);

    /// <summary>Adds the shop's services.</summary>
    /// <param name="builder">The app builder.</param>
    public static WebApplicationBuilder AddShop(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton<ShopAgeIssuer>();
        services.AddSingleton<ISampleIssuer>(sp => sp.GetRequiredService<ShopAgeIssuer>());
        services.AddSingleton<ShopVerifier>();
        services.AddSingleton(sp => new ShopAnswerLedger(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ShopDigitalCredentials>();
        services.AddKeyedSingleton<OpenId4VpVerifier>(ShopVerifier.Name, (sp, _) => sp.GetRequiredService<ShopVerifier>().Verifier);

        services.AddAuthentication()
            .AddCookie(AnswerScheme, o =>
            {
                o.Cookie.Name = ".Credentials.Shop.Answer";
                o.Cookie.Path = "/shop";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.IsEssential = true;
                // A session cookie that is good for one look: the result page deletes it as it shows the answer.
                o.ExpireTimeSpan = AnswerLifetime;
                o.SlidingExpiration = false;
                // A one-time id, so a copy of the cookie cannot show the answer a second time (ShopAnswerLedger).
                o.Events.OnSigningIn = context =>
                {
                    (context.Principal?.Identity as System.Security.Claims.ClaimsIdentity)?.AddClaim(ShopAnswerLedger.NewAnswerId());
                    return Task.CompletedTask;
                };
            })
            .AddVerifiablePresentation(PresentationScheme, "年齢確認 / Age check", o =>
            {
                o.Query = ShopVerifier.Query;
                o.Flow = PresentationFlow.CrossDevice;
                o.VerifierName = ShopVerifier.Name;
                o.SignInScheme = AnswerScheme;
                o.CallbackPath = CallbackPath;
                o.StatusPollInterval = TimeSpan.FromSeconds(1);
                o.Events.OnRedirectToWallet = context =>
                {
                    // The shop's page shows the request itself (bilingual, styled, under the app's CSP).
                    context.HttpContext.Items[ShopRequest.ItemKey] = new ShopRequest(context.Link, context.StatusPath.ToString(), context.CallbackPath.ToString(), context.ExpiresAt);
                    return Task.CompletedTask;
                };
                o.Events.OnRemoteFailure = context =>
                {
                    // The handler's error code chain: an untrusted issuer or an expired credential is named as such.
                    context.Response.Headers.CacheControl = "no-store";
                    context.Response.Redirect(ResultPath + "?reason=" + ShopAnswers.ToToken(ShopAnswers.FromFailure(context.Properties?.Items)));
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        services.AddOptions<CookieAuthenticationOptions>(AnswerScheme).Configure<TimeProvider>((o, time) => o.TimeProvider = time);
        services.AddOptions<VerifiablePresentationOptions>(PresentationScheme).Configure<TimeProvider>((o, time) => o.TimeProvider = time);
        services.AddAuthorizationBuilder()
            .AddPolicy(Over20Policy, p => p.AddAuthenticationSchemes(AnswerScheme).RequireVerifiedClaim("age_over_20", true))
            .AddPolicy(Over20MdocPolicy, p => p.AddAuthenticationSchemes(AnswerScheme).RequireVerifiedClaim(ShopVerifier.MdocAgeOver20Claim, true));
        return builder;
    }

    /// <summary>Maps the shop's verifier endpoints (the pages are Razor Pages under <c>Pages/Shop</c>).</summary>
    /// <param name="app">The app.</param>
    public static WebApplication MapShop(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenId4VpVerifier(new Credentials.AspNetCore.OpenId4VpEndpointOptions
        {
            VerifierName = ShopVerifier.Name,
            ResponsePath = ShopVerifier.ResponsePath,
            RequestPath = ShopVerifier.RequestPath,
        });
        ShopDigitalCredentials.Map(app);
        return app;
    }
}
