using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.Browser.Tests.Hosting;
using Credentials.OpenId4Vp;
using Credentials.Samples.Web.Shop;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Xunit;

namespace Credentials.Browser.Tests.Web.Shop;

/// <summary>
/// The shop's Digital Credentials API button in headless Chromium (OpenID4VP 1.0 Appendix A): an injected
/// <c>navigator.credentials.get</c> hands the request to the library's wallet (<see cref="LibraryWallet"/>), which answers
/// for the Origin the browser reports; the shop verifies the answer for this browser's transaction and the result page
/// shows "20 or over" or the refusal's reason, nothing else. Without the API there is no button.
/// </summary>
[Collection(SharedChromium.Name)]
public sealed class ShopDigitalCredentialsTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("ja", "20歳以上です")]
    [InlineData("en", "20 or over")]
    public async Task Button_wallet_answers_page_shows_20_or_over_and_no_other_claim(string language, string verdict)
    {
        await using var bed = await WebAppBed.StartAsync(browser);
        await using var shopWallet = await ShopWallet.CreateAsync(bed, ageOver20: true);
        var wallet = new LibraryWallet(shopWallet.Client);
        var page = await OpenShopAsync(bed, language, wallet);

        await Expect(page.Locator("#shop-dcapi-button")).ToBeVisibleAsync();
        await WebAppBed.ScreenshotAsync(page, "web-shop-dc-api-" + language);
        await PresentAsync(bed, page, "**/shop/result");

        Assert.True(wallet.Refusals.IsEmpty, string.Join("\n", wallet.Refusals));
        Assert.Equal("over20", await page.GetAttributeAsync("#shop-result", "data-answer"));
        Assert.Equal(verdict, (await page.InnerTextAsync(".shop-verdict")).Trim());
        var html = await page.ContentAsync();
        Assert.DoesNotContain(ShopWallet.BirthDate, html, StringComparison.Ordinal);
        Assert.DoesNotContain("birth_date", html, StringComparison.Ordinal);
        Assert.DoesNotContain("age_over_18", html, StringComparison.Ordinal);
        Assert.DoesNotContain("issuing_country", html, StringComparison.Ordinal);

        // The wallet was asked by the page's own Origin, for age_over_20 only (the QR code's query), unsigned.
        Assert.Equal(bed.Origin, Assert.Single(wallet.Origins));
        Assert.Equal("origin:" + bed.Origin, Assert.Single(wallet.Plans).Audience);

        // Nothing kept in the browser: no answer cookie, no DC API transaction cookie; the result shows once.
        var cookies = await page.Context.CookiesAsync();
        Assert.DoesNotContain(cookies, c => c.Name is ".Credentials.Shop.Answer" or ShopDigitalCredentials.CookieName);
        await page.GotoAsync(bed.Origin + "/shop/result");
        Assert.EndsWith("/shop", page.Url, StringComparison.Ordinal);
        Assert.True(bed.Errors.Count == 0, string.Join("\n", bed.Errors));
    }

    [Fact]
    public async Task Request_is_the_QR_codes_query_unsigned_without_a_transaction_id()
    {
        await using var bed = await WebAppBed.StartAsync(browser);
        await using var shopWallet = await ShopWallet.CreateAsync(bed, ageOver20: true);
        var wallet = new LibraryWallet(shopWallet.Client);
        var requests = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var page = await OpenShopAsync(bed, "en", wallet, requests);

        await PresentAsync(bed, page, "**/shop/result");

        using var asked = JsonDocument.Parse(Assert.Single(requests));
        var request = asked.RootElement.GetProperty("digital").GetProperty("requests")[0];
        Assert.Equal(OpenId4VpConstants.DcApiProtocolUnsigned, request.GetProperty("protocol").GetString());
        var data = request.GetProperty("data");
        Assert.False(data.TryGetProperty("transaction_id", out _));
        Assert.False(data.TryGetProperty("client_id", out _));
        Assert.Equal(OpenId4VpConstants.ResponseModeDcApi, data.GetProperty("response_mode").GetString());
        // The QR code's query: age_over_20 of the SD-JWT VC or of the age mdoc (one of the two), nothing else.
        var query = data.GetProperty("dcql_query");
        var credentials = query.GetProperty("credentials").EnumerateArray().ToArray();
        Assert.Equal([ShopVerifier.SdJwtQueryId, ShopVerifier.MdocQueryId], credentials.Select(c => c.GetProperty("id").GetString()));
        Assert.All(credentials, c => Assert.Equal("age_over_20", Assert.Single(c.GetProperty("claims").EnumerateArray()).GetProperty("path").EnumerateArray().Last().GetString()));
        Assert.Equal(2, query.GetProperty("credential_sets")[0].GetProperty("options").GetArrayLength());
        Assert.Equal("over20", await page.GetAttributeAsync("#shop-result", "data-answer"));
    }

    [Theory]
    [InlineData("ja", "20歳以上です")]
    [InlineData("en", "20 or over")]
    public async Task Age_mdoc_over_the_API_shows_20_or_over_and_no_other_element(string language, string verdict)
    {
        await using var bed = await WebAppBed.StartAsync(browser);
        await using var shopWallet = await ShopWallet.CreateAsync(bed, ageOver20: true, mdoc: true);
        var wallet = new LibraryWallet(shopWallet.Client);
        var page = await OpenShopAsync(bed, language, wallet);

        await PresentAsync(bed, page, "**/shop/result");

        Assert.True(wallet.Refusals.IsEmpty, string.Join("\n", wallet.Refusals));
        Assert.Equal("over20", await page.GetAttributeAsync("#shop-result", "data-answer"));
        Assert.Equal(verdict, (await page.InnerTextAsync(".shop-verdict")).Trim());
        var html = await page.ContentAsync();
        Assert.DoesNotContain("age_over_18", html, StringComparison.Ordinal);
        Assert.DoesNotContain("age_over_20", html, StringComparison.Ordinal);
        Assert.DoesNotContain(ShopAgeIssuer.MdocDocType, html, StringComparison.Ordinal);
        var cookies = await page.Context.CookiesAsync();
        Assert.DoesNotContain(cookies, c => c.Name is ".Credentials.Shop.Answer" or ShopDigitalCredentials.CookieName);
        Assert.True(bed.Errors.Count == 0, string.Join("\n", bed.Errors));
    }

    [Fact]
    public async Task Age_over_20_false_over_the_API_is_refused_as_under_20()
    {
        await using var bed = await WebAppBed.StartAsync(browser);
        await using var shopWallet = await ShopWallet.CreateAsync(bed, ageOver20: false);
        var page = await OpenShopAsync(bed, "en", new LibraryWallet(shopWallet.Client));

        await PresentAsync(bed, page, "**/shop/result");

        Assert.Equal("under20", await page.GetAttributeAsync("#shop-reason", "data-reason"));
        Assert.DoesNotContain(ShopWallet.BirthDate, await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_API_there_is_no_button()
    {
        await using var bed = await WebAppBed.StartAsync(browser);
        var page = await bed.NewPageAsync("en");
        await page.Context.AddInitScriptAsync(InjectedWallet.Absent);

        // The page's scripts have run once the load event has fired (shop.js is a classic script at the end of the body).
        await page.GotoAsync(bed.Origin + "/shop", new PageGotoOptions { WaitUntil = WaitUntilState.Load });

        Assert.Equal(0, await page.Locator("#shop-dcapi-button").CountAsync());
        Assert.Equal(0, await page.Locator("#shop-dcapi-slot > *").CountAsync());
        Assert.Equal(1, await page.Locator("#shop-same-device").CountAsync());
        Assert.Equal(1, await page.Locator("#shop-qr").CountAsync());
        Assert.True(bed.Errors.Count == 0, string.Join("\n", bed.Errors));
    }

    [Fact]
    public async Task Answer_bound_to_another_origin_is_refused()
    {
        await using var bed = await WebAppBed.StartAsync(browser);
        await using var shopWallet = await ShopWallet.CreateAsync(bed, ageOver20: true);
        var wallet = new LibraryWallet(shopWallet.Client) { AnswerForOrigin = "https://shop.example.net" };
        var page = await OpenShopAsync(bed, "en", wallet);

        await PresentAsync(bed, page, "**/shop/result?reason=*");

        Assert.Single(wallet.Answers);
        Assert.Equal("notthisrequest", await page.GetAttributeAsync("#shop-reason", "data-reason"));
        Assert.Equal("Not confirmed", (await page.InnerTextAsync(".shop-verdict")).Trim());
        Assert.DoesNotContain("age_over_20", await page.ContentAsync(), StringComparison.Ordinal);
        var cookies = await page.Context.CookiesAsync();
        Assert.DoesNotContain(cookies, c => c.Name is ".Credentials.Shop.Answer" or ShopDigitalCredentials.CookieName);
    }

    [Fact]
    public async Task Answer_made_for_another_transaction_is_refused()
    {
        await using var bed = await WebAppBed.StartAsync(browser);
        await using var shopWallet = await ShopWallet.CreateAsync(bed, ageOver20: true);
        var wallet = new LibraryWallet(shopWallet.Client);
        var first = await OpenShopAsync(bed, "en", wallet);
        await PresentAsync(bed, first, "**/shop/result");
        Assert.Equal("over20", await first.GetAttributeAsync("#shop-result", "data-answer"));
        Assert.True(wallet.Answers.TryDequeue(out var answer));

        // Another customer's till: the first answer (its nonce, its transaction) is handed to the second request.
        var replaying = new LibraryWallet(shopWallet.Client) { Replay = answer };
        var second = await OpenShopAsync(bed, "en", replaying);
        await PresentAsync(bed, second, "**/shop/result?reason=*");

        Assert.Equal("notthisrequest", await second.GetAttributeAsync("#shop-reason", "data-reason"));
        Assert.Equal("Not confirmed", (await second.InnerTextAsync(".shop-verdict")).Trim());
        Assert.True(bed.Errors.Count == 0, string.Join("\n", bed.Errors));
    }

    [Fact]
    public async Task Credential_from_an_issuer_the_shop_does_not_trust_is_refused_as_untrusted()
    {
        await using var bed = await WebAppBed.StartAsync(browser);
        await using var shopWallet = await ShopWallet.CreateAsync(bed, ageOver20: true, otherIssuer: true);
        var page = await OpenShopAsync(bed, "en", new LibraryWallet(shopWallet.Client));

        await PresentAsync(bed, page, "**/shop/result?reason=*");

        Assert.Equal("untrusted", await page.GetAttributeAsync("#shop-reason", "data-reason"));
        Assert.DoesNotContain("age_over_20", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(ShopWallet.OtherIssuerId, await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_credential_is_refused_as_expired()
    {
        await using var bed = await WebAppBed.StartAsync(browser);
        // The wallet's clock stays where the credential is valid; the shop's is past its expiry (and its 60 s skew), and
        // within the Key Binding JWT's 5 minutes of age.
        var walletClock = new FakeTimeProvider(bed.Clock.GetUtcNow());
        await using var shopWallet = await ShopWallet.CreateAsync(bed, ageOver20: true, expiresIn: TimeSpan.FromMinutes(1), walletClock: walletClock);
        bed.Clock.Advance(TimeSpan.FromMinutes(3));
        var page = await OpenShopAsync(bed, "en", new LibraryWallet(shopWallet.Client));

        await PresentAsync(bed, page, "**/shop/result?reason=*");

        Assert.Equal("credentialexpired", await page.GetAttributeAsync("#shop-reason", "data-reason"));
        Assert.DoesNotContain("age_over_20", await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wallet_that_shares_nothing_is_refused_as_not_shared()
    {
        await using var bed = await WebAppBed.StartAsync(browser);
        await using var shopWallet = await ShopWallet.CreateAsync(bed, ageOver20: true);
        var page = await OpenShopAsync(bed, "en", new LibraryWallet(shopWallet.Client) { Replay = """{"vp_token":{}}""" });

        await PresentAsync(bed, page, "**/shop/result?reason=*");

        Assert.Equal("notshared", await page.GetAttributeAsync("#shop-reason", "data-reason"));
    }

    [Fact]
    public async Task QR_code_answer_from_an_untrusted_issuer_is_refused_as_untrusted()
    {
        // The presentation handler passes on its failure's error code chain (credentials.error_codes).
        await using var bed = await WebAppBed.StartAsync(browser);
        await using var shopWallet = await ShopWallet.CreateAsync(bed, ageOver20: true, otherIssuer: true);
        var page = await bed.NewPageAsync("en");
        await page.GotoAsync(bed.Origin + "/shop");

        await shopWallet.PresentAsync((await page.GetAttributeAsync("#shop-same-device", "href"))!);
        await page.WaitForURLAsync("**/shop/result?reason=*", new PageWaitForURLOptions { Timeout = 30_000 });

        Assert.Equal("untrusted", await page.GetAttributeAsync("#shop-reason", "data-reason"));
        Assert.True(bed.Errors.Count == 0, string.Join("\n", bed.Errors));
    }

    [Fact]
    public async Task QR_code_answer_with_an_expired_credential_is_refused_as_expired()
    {
        await using var bed = await WebAppBed.StartAsync(browser);
        var walletClock = new FakeTimeProvider(bed.Clock.GetUtcNow());
        await using var shopWallet = await ShopWallet.CreateAsync(bed, ageOver20: true, expiresIn: TimeSpan.FromMinutes(1), walletClock: walletClock);
        bed.Clock.Advance(TimeSpan.FromMinutes(3));
        var page = await bed.NewPageAsync("ja");
        await page.GotoAsync(bed.Origin + "/shop");

        await shopWallet.PresentAsync((await page.GetAttributeAsync("#shop-same-device", "href"))!);
        await page.WaitForURLAsync("**/shop/result?reason=*", new PageWaitForURLOptions { Timeout = 30_000 });

        Assert.Equal("credentialexpired", await page.GetAttributeAsync("#shop-reason", "data-reason"));
        Assert.True(bed.Errors.Count == 0, string.Join("\n", bed.Errors));
    }

    [Fact]
    public async Task Endpoints_refuse_a_post_without_the_anti_forgery_token()
    {
        await using var bed = await WebAppBed.StartAsync(browser);
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

        foreach (var path in new[] { ShopDigitalCredentials.RequestPath, ShopDigitalCredentials.ResponsePath })
        {
            using var content = new StringContent("""{"protocol":"openid4vp-v1-unsigned","data":{"vp_token":{}}}""", System.Text.Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(bed.Origin + path, content);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.False(response.Headers.Contains("Set-Cookie"));
        }
    }

    /// <summary>
    /// A page of the shop in a new browser whose <c>navigator.credentials.get</c> hands the request to
    /// <paramref name="wallet"/> (the frame's URL as the browser reports it); each request is also put in
    /// <paramref name="requests"/>. Returns once the button is there.
    /// </summary>
    private static async Task<IPage> OpenShopAsync(WebAppBed bed, string language, LibraryWallet wallet, System.Collections.Concurrent.ConcurrentQueue<string>? requests = null)
    {
        var page = await bed.NewPageAsync(language);
        await page.Context.ExposeBindingAsync(InjectedWallet.BindingName, (BindingSource source, string request) =>
        {
            requests?.Enqueue(request);
            return wallet.AnswerAsync(source.Frame.Url, request);
        });
        await page.Context.AddInitScriptAsync(InjectedWallet.Script);
        await page.GotoAsync(bed.Origin + "/shop");
        await Expect(page.Locator("#shop-dcapi-button")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 15_000 });
        return page;
    }

    /// <summary>Presses the button and waits for the result page; a timeout says what the page and the wallet saw.</summary>
    private static async Task PresentAsync(WebAppBed bed, IPage page, string url)
    {
        await page.ClickAsync("#shop-dcapi-button");
        try
        {
            await page.WaitForURLAsync(url, new PageWaitForURLOptions { Timeout = 30_000 });
        }
        catch (TimeoutException e)
        {
            var status = await page.InnerTextAsync("#shop-status");
            throw new TimeoutException($"No result page. Status: {status}; page errors: {string.Join(" | ", bed.Errors)}", e);
        }
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
