using System.Threading.Tasks;
using Credentials.Browser.Tests.Hosting;
using Credentials.Samples.Web.Security;
using Xunit;

namespace Credentials.Browser.Tests.Web;

/// <summary>The app's frame: the index, the language switch, the stylesheet and the security headers.</summary>
[Collection(SharedChromium.Name)]
public sealed class WebAppSkeletonTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("ja", "年齢確認")]
    [InlineData("en", "Age check")]
    public async Task Index_links_the_three_pages_in_the_browser_language(string language, string shop)
    {
        await using var bed = await WebAppBed.StartAsync(browser);
        var page = await bed.NewPageAsync(language);
        var response = await page.GotoAsync(bed.Origin + "/");

        Assert.NotNull(response);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, await response.HeaderValueAsync("content-security-policy"));
        Assert.Equal("nosniff", await response.HeaderValueAsync("x-content-type-options"));
        Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
        Assert.Equal(shop, (await page.InnerTextAsync("#link-shop strong")).Trim());
        Assert.Equal("/desk", await page.GetAttributeAsync("#link-desk", "href"));
        Assert.Equal("/checker", await page.GetAttributeAsync("#link-checker", "href"));

        // The stylesheet is served by the app itself (the test host's output, not a CDN) and applies.
        var border = await page.EvalOnSelectorAsync<string>("#link-shop", "e => getComputedStyle(e).borderTopStyle");
        Assert.Equal("solid", border);
        await WebAppBed.ScreenshotAsync(page, "web-index-" + language);
        Assert.True(bed.Errors.Count == 0, string.Join("\n", bed.Errors));
    }

    [Fact]
    public async Task Language_switch_changes_the_page_language_without_script()
    {
        await using var bed = await WebAppBed.StartAsync(browser);
        var page = await bed.NewPageAsync("ja");
        await page.GotoAsync(bed.Origin + "/");
        await page.ClickAsync("#lang-en");

        Assert.EndsWith("/", page.Url);
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        await page.ClickAsync("#lang-ja");
        Assert.Equal("ja", await page.GetAttributeAsync("html", "lang"));
        Assert.True(bed.Errors.Count == 0, string.Join("\n", bed.Errors));
    }
}
