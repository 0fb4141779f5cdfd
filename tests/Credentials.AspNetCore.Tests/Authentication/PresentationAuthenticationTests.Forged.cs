using System.Net;
using System.Threading.Tasks;
using Credentials.AspNetCore.Authentication;
using Xunit;

namespace Credentials.AspNetCore.Tests.Authentication;

/// <summary>
/// An identity another scheme signed into the shared cookie with the method claim <c>openid4vp</c>,
/// <c>age_over_20 = true</c> and the credential type satisfies neither <c>RequireVerifiedClaim</c> nor
/// <c>RequireCredentialType</c> (HTTP 403); the presentation handler's identity does.
/// </summary>
public sealed partial class PresentationAuthenticationTests
{
    [Theory]
    [InlineData("OpenIdConnect", "https://idp.example")]
    [InlineData("OpenIdConnect", VerifiablePresentationDefaults.AuthenticationScheme)]
    [InlineData("Cookies", VerifiablePresentationDefaults.AuthenticationScheme)]
    [InlineData(VerifiablePresentationDefaults.AuthenticationScheme, "https://idp.example")]
    [InlineData(VerifiablePresentationDefaults.AuthenticationScheme, "LOCAL AUTHORITY")]
    public async Task AnotherSchemesSignIn_WithMethodOpenId4Vp_IsForbidden(string type, string issuer)
    {
        await using var bed = await PresentationAuthenticationTestBed.StartAsync(PresentationFlow.CrossDevice);
        using var browser = bed.NewBrowser();

        using var forged = await browser.GetAsync($"/forge?type={WebUtility.UrlEncode(type)}&issuer={WebUtility.UrlEncode(issuer)}");
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.True(browser.IsSignedIn);

        using var anyScheme = await browser.GetAsync("/any-scheme");
        Assert.Equal(HttpStatusCode.Forbidden, anyScheme.StatusCode);
    }

    [Fact]
    public async Task PresentationSignIn_SatisfiesAPolicyThatAlsoReadsTheCookie()
    {
        await using var bed = await PresentationAuthenticationTestBed.StartAsync(PresentationFlow.CrossDevice);
        await bed.IssueIntoWalletAsync(ageOver20: true);
        using var browser = bed.NewBrowser();

        using var page = await browser.GetAsync("/checkout");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        await bed.PresentAsync(Link(await page.Content.ReadAsStringAsync()));
        using var callback = await browser.GetAsync(PresentationAuthenticationTestBed.CallbackPath);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);

        using var anyScheme = await browser.GetAsync("/any-scheme");
        Assert.Equal(HttpStatusCode.OK, anyScheme.StatusCode);
        Assert.Equal("any-scheme", await anyScheme.Content.ReadAsStringAsync());
    }
}
