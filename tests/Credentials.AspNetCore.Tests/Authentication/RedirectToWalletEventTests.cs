using System;
using System.Net;
using System.Threading.Tasks;
using Credentials.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Credentials.AspNetCore.Tests.Authentication;

/// <summary>
/// <see cref="VerifiablePresentationEvents.OnRedirectToWallet"/>: an app that shows the request on its own page gets
/// the link, the status and callback paths and the expiry, with the transaction already bound to the browser; the
/// sign-in then completes as with the handler's own page.
/// </summary>
public sealed class RedirectToWalletEventTests
{
    [Fact]
    public async Task CrossDevice_ReplacedEvent_AppPageCarriesTheLinkAndSignInCompletes()
    {
        RedirectToWalletContext? seen = null;
        await using var bed = await PresentationAuthenticationTestBed.StartAsync(PresentationFlow.CrossDevice, o => o.Events.OnRedirectToWallet = async context =>
        {
            seen = context;
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync(context.Link);
        });
        await bed.IssueIntoWalletAsync(ageOver20: true);
        using var browser = bed.NewBrowser();

        using var page = await browser.GetAsync("/checkout");
        var link = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.NotNull(seen);
        Assert.StartsWith("openid4vp://", link, StringComparison.Ordinal);
        Assert.Equal(PresentationAuthenticationTestBed.StatusPath, seen.StatusPath.ToString());
        Assert.Equal(PresentationAuthenticationTestBed.CallbackPath, seen.CallbackPath.ToString());
        Assert.Equal("/checkout", seen.Properties.RedirectUri);
        Assert.True(seen.ExpiresAt > bed.Clock.GetUtcNow());
        Assert.NotNull(browser.TransactionCookie);

        await bed.PresentAsync(link);
        using var callback = await browser.GetAsync(PresentationAuthenticationTestBed.CallbackPath);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.True(browser.IsSignedIn);
        Assert.Empty(bed.Failures);
    }
}
