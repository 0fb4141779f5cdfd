using System;
using System.Linq;
using System.Threading.Tasks;
using Credentials.Browser.Tests.Hosting;
using Credentials.Samples.Web.Security;
using Credentials.Samples.Web.Shop;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using QRCoder;
using Xunit;

namespace Credentials.Browser.Tests.Web.Shop;

/// <summary>
/// The shop's age check in headless Chromium: the QR code and the same-device link carry the same OpenID4VP request,
/// the library's wallet answers it, and the page shows "20 or over" (or a refusal in plain words) and nothing else.
/// </summary>
[Collection(SharedChromium.Name)]
public sealed class ShopPageTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("ja", "20歳以上です", "次のお客様")]
    [InlineData("en", "20 or over", "Next customer")]
    public async Task Wallet_answer_shows_20_or_over_and_no_other_claim(string language, string verdict, string next)
    {
        await using var bed = await WebAppBed.StartAsync(browser);
        await using var wallet = await ShopWallet.CreateAsync(bed, ageOver20: true);
        var page = await bed.NewPageAsync(language);
        var response = await page.GotoAsync(bed.Origin + "/shop");

        Assert.NotNull(response);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, await response.HeaderValueAsync("content-security-policy"));
        var link = await SameDeviceLinkAsync(page);
        Assert.Equal(QrPng(link), await QrImageAsync(page));
        await WebAppBed.ScreenshotAsync(page, "web-shop-" + language);

        await wallet.PresentAsync(link);
        await page.WaitForURLAsync("**/shop/result");

        Assert.Equal("over20", await page.GetAttributeAsync("#shop-result", "data-answer"));
        Assert.Equal(verdict, (await page.InnerTextAsync(".shop-verdict")).Trim());
        Assert.Equal(next, (await page.InnerTextAsync("#shop-next")).Trim());
        var html = await page.ContentAsync();
        Assert.DoesNotContain(ShopWallet.BirthDate, html, StringComparison.Ordinal);
        Assert.DoesNotContain("birth_date", html, StringComparison.Ordinal);
        Assert.DoesNotContain("age_over_18", html, StringComparison.Ordinal);
        Assert.DoesNotContain("issuing_country", html, StringComparison.Ordinal);

        // Nothing kept: no answer cookie, no transaction cookie; reloading the result shows nothing but the start page.
        var cookies = await page.Context.CookiesAsync();
        Assert.DoesNotContain(cookies, c => c.Name is ".Credentials.Shop.Answer" or ".Credentials.Presentation");
        await WebAppBed.ScreenshotAsync(page, "web-shop-result-" + language);
        await page.GotoAsync(bed.Origin + "/shop/result");
        Assert.EndsWith("/shop", page.Url, StringComparison.Ordinal);
        Assert.True(bed.Errors.Count == 0, string.Join("\n", bed.Errors));
    }

    [Theory]
    [InlineData("ja", "確認できませんでした", "20歳未満")]
    [InlineData("en", "Not confirmed", "under 20")]
    public async Task Age_over_20_false_is_refused_in_plain_words(string language, string verdict, string reason)
    {
        await using var bed = await WebAppBed.StartAsync(browser);
        await using var wallet = await ShopWallet.CreateAsync(bed, ageOver20: false);
        var page = await bed.NewPageAsync(language);
        await page.GotoAsync(bed.Origin + "/shop");

        await wallet.PresentAsync(await SameDeviceLinkAsync(page));
        await page.WaitForURLAsync("**/shop/result");

        Assert.Equal("under20", await page.GetAttributeAsync("#shop-result", "data-answer"));
        Assert.Equal(verdict, (await page.InnerTextAsync(".shop-verdict")).Trim());
        Assert.Contains(reason, await page.InnerTextAsync(".shop-reason"), StringComparison.Ordinal);
        Assert.DoesNotContain(ShopWallet.BirthDate, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.True(bed.Errors.Count == 0, string.Join("\n", bed.Errors));
    }

    [Theory]
    [InlineData("ja", "20歳以上です")]
    [InlineData("en", "20 or over")]
    public async Task Age_mdoc_answer_shows_20_or_over_and_no_other_element(string language, string verdict)
    {
        await using var bed = await WebAppBed.StartAsync(browser);
        await using var wallet = await ShopWallet.CreateAsync(bed, ageOver20: true, mdoc: true);
        var page = await bed.NewPageAsync(language);
        await page.GotoAsync(bed.Origin + "/shop");

        await wallet.PresentAsync(await SameDeviceLinkAsync(page));
        await page.WaitForURLAsync("**/shop/result");

        Assert.Equal("over20", await page.GetAttributeAsync("#shop-result", "data-answer"));
        Assert.Equal(verdict, (await page.InnerTextAsync(".shop-verdict")).Trim());
        var html = await page.ContentAsync();
        Assert.DoesNotContain("age_over_18", html, StringComparison.Ordinal);
        Assert.DoesNotContain("age_over_20", html, StringComparison.Ordinal);
        Assert.DoesNotContain(ShopAgeIssuer.MdocDocType, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Document Signer", html, StringComparison.Ordinal);
        var cookies = await page.Context.CookiesAsync();
        Assert.DoesNotContain(cookies, c => c.Name is ".Credentials.Shop.Answer" or ".Credentials.Presentation");
        await page.GotoAsync(bed.Origin + "/shop/result");
        Assert.EndsWith("/shop", page.Url, StringComparison.Ordinal);
        Assert.True(bed.Errors.Count == 0, string.Join("\n", bed.Errors));
    }

    [Fact]
    public async Task Age_mdoc_with_age_over_20_false_is_refused_in_plain_words()
    {
        await using var bed = await WebAppBed.StartAsync(browser);
        await using var wallet = await ShopWallet.CreateAsync(bed, ageOver20: false, mdoc: true);
        var page = await bed.NewPageAsync("en");
        await page.GotoAsync(bed.Origin + "/shop");

        await wallet.PresentAsync(await SameDeviceLinkAsync(page));
        await page.WaitForURLAsync("**/shop/result");

        Assert.Equal("under20", await page.GetAttributeAsync("#shop-result", "data-answer"));
        Assert.Equal("Not confirmed", (await page.InnerTextAsync(".shop-verdict")).Trim());
        Assert.Contains("under 20", await page.InnerTextAsync(".shop-reason"), StringComparison.Ordinal);
        Assert.DoesNotContain("age_over_18", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.True(bed.Errors.Count == 0, string.Join("\n", bed.Errors));
    }

    [Fact]
    public async Task Age_mdoc_under_an_IACA_the_shop_does_not_trust_is_refused()
    {
        await using var bed = await WebAppBed.StartAsync(browser);
        await using var wallet = await ShopWallet.CreateAsync(bed, ageOver20: true, mdoc: true, otherIaca: true);
        var page = await bed.NewPageAsync("en");
        await page.GotoAsync(bed.Origin + "/shop");

        await wallet.PresentAsync(await SameDeviceLinkAsync(page));
        await page.WaitForURLAsync("**/shop/result?reason=*");

        Assert.NotEqual("over20", await page.GetAttributeAsync("#shop-result", "data-answer"));
        Assert.Equal("Not confirmed", (await page.InnerTextAsync(".shop-verdict")).Trim());
        Assert.DoesNotContain("age_over_20", await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_request_is_refused_in_plain_words()
    {
        await using var bed = await WebAppBed.StartAsync(browser);
        var page = await bed.NewPageAsync("en");
        await page.GotoAsync(bed.Origin + "/shop");

        bed.Clock.Advance(TimeSpan.FromMinutes(6));
        await page.WaitForURLAsync("**/shop/result?reason=*");

        Assert.Equal("expired", await page.GetAttributeAsync("#shop-result", "data-answer"));
        Assert.Contains("expired", await page.InnerTextAsync(".shop-reason"), StringComparison.Ordinal);
        Assert.True(bed.Errors.Count == 0, string.Join("\n", bed.Errors));
    }

    [Fact]
    public async Task Answer_made_for_another_request_is_refused_in_plain_words()
    {
        await using var bed = await WebAppBed.StartAsync(browser);
        await using var wallet = await ShopWallet.CreateAsync(bed, ageOver20: true);
        var first = await bed.NewPageAsync("en");
        await first.GotoAsync(bed.Origin + "/shop");
        await wallet.PresentAsync(await SameDeviceLinkAsync(first));
        await first.WaitForURLAsync("**/shop/result");
        Assert.True(wallet.Posts.TryDequeue(out var answer));

        // Another till's request, answered with the first answer (its nonce and audience are the first request's).
        var second = await bed.NewPageAsync("en");
        await second.GotoAsync(bed.Origin + "/shop");
        var state = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery((await SameDeviceLinkAsync(second)).Split('?', 2)[1])["state"].ToString();
        Assert.False(string.IsNullOrEmpty(state));
        using var replayed = await wallet.ReplayAsync(bed.Origin, answer, state);
        await second.WaitForURLAsync("**/shop/result?reason=*");

        Assert.Equal("notthisrequest", await second.GetAttributeAsync("#shop-result", "data-answer"));
        Assert.Equal("Not confirmed", (await second.InnerTextAsync(".shop-verdict")).Trim());
        Assert.Contains("another request", await second.InnerTextAsync(".shop-reason"), StringComparison.Ordinal);
        Assert.True(bed.Errors.Count == 0, string.Join("\n", bed.Errors));
    }

    [Theory]
    [InlineData("over20")]
    [InlineData("0")]
    [InlineData("Over20")]
    public async Task Result_page_never_says_20_or_over_from_its_URL(string reason)
    {
        await using var bed = await WebAppBed.StartAsync(browser);
        var page = await bed.NewPageAsync("en");
        await page.GotoAsync(bed.Origin + "/shop/result?reason=" + reason);

        Assert.Equal("notverified", await page.GetAttributeAsync("#shop-result", "data-answer"));
        Assert.Equal("Not confirmed", (await page.InnerTextAsync(".shop-verdict")).Trim());
        Assert.True(bed.Errors.Count == 0, string.Join("\n", bed.Errors));
    }

    [Fact]
    public async Task Next_customer_starts_a_fresh_request()
    {
        await using var bed = await WebAppBed.StartAsync(browser);
        await using var wallet = await ShopWallet.CreateAsync(bed, ageOver20: true);
        var page = await bed.NewPageAsync("ja");
        await page.GotoAsync(bed.Origin + "/shop");
        var link = await SameDeviceLinkAsync(page);
        await wallet.PresentAsync(link);
        await page.WaitForURLAsync("**/shop/result");

        await page.ClickAsync("#shop-next");
        await page.WaitForURLAsync("**/shop");

        var fresh = await SameDeviceLinkAsync(page);
        Assert.NotEqual(link, fresh);
        Assert.Equal(QrPng(fresh), await QrImageAsync(page));
        Assert.Null(await page.QuerySelectorAsync("#shop-result"));
        Assert.True(bed.Errors.Count == 0, string.Join("\n", bed.Errors));
    }

    [Theory]
    [InlineData(1024, 768)]
    [InlineData(390, 844)]
    public async Task QR_code_is_large_and_fully_visible_on_a_tablet_and_a_phone(int width, int height)
    {
        await using var bed = await WebAppBed.StartAsync(browser);
        var page = await bed.NewPageAsync("ja", new ViewportSize { Width = width, Height = height });
        await page.GotoAsync(bed.Origin + "/shop");

        var box = await page.Locator("#shop-qr").BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Width >= Math.Min(300, width * 0.75), $"QR width {box.Width}");
        Assert.True(box.X >= 0 && box.X + box.Width <= width, "QR overflows horizontally");
        var pageWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(pageWidth <= width, $"The page scrolls sideways ({pageWidth}px)");
        if (width >= 1024)
        {
            // On the till's tablet the whole code is on screen without scrolling.
            Assert.True(box.Y + box.Height <= height, $"QR bottom at {box.Y + box.Height}");
        }

        Assert.True(bed.Errors.Count == 0, string.Join("\n", bed.Errors));
    }

    private static async Task<string> SameDeviceLinkAsync(IPage page)
    {
        var link = await page.GetAttributeAsync("#shop-same-device", "href");
        Assert.NotNull(link);
        Assert.StartsWith("openid4vp://", link, StringComparison.Ordinal);
        return link;
    }

    // The QR code the page shows, as the PNG bytes of its data URI.
    private static async Task<byte[]> QrImageAsync(IPage page)
    {
        var source = await page.GetAttributeAsync("#shop-qr", "src");
        Assert.NotNull(source);
        const string Prefix = "data:image/png;base64,";
        Assert.StartsWith(Prefix, source, StringComparison.Ordinal);
        return Convert.FromBase64String(source[Prefix.Length..]);
    }

    // What the QR code of a link is (the page's encoder, same settings): equal bytes mean the code carries the link.
    private static byte[] QrPng(string link)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.L);
        return new PngByteQRCode(data).GetGraphic(6);
    }
}
