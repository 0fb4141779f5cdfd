using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.Browser.Tests.DcApiScript;
using Credentials.Browser.Tests.Hosting;
using Credentials.Mdoc;
using Credentials.OpenId4Vp;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace Credentials.Browser.Tests.DcApiMdoc;

/// <summary>
/// ISO mdoc over the Digital Credentials API in headless Chromium (OpenID4VP 1.0 Appendix A with Appendix B.2): the
/// verifier page asks for an <c>mso_mdoc</c> mDL's <c>age_over_20</c>; the library's wallet answers through the
/// injected <c>navigator.credentials.get</c> with a DeviceResponse whose device signature covers the DC API session
/// transcript (B.2.6.2 <c>OpenID4VPDCAPIHandover</c>: the Origin the browser reports, the nonce, and the encryption
/// key's thumbprint for <c>dc_api.jwt</c>), built by the wallet from the request. The page must show the verified
/// <c>age_over_20</c> and nothing else of the mDL; an answer bound to another Origin is refused.
/// </summary>
[Collection(SharedChromium.Name)]
public sealed class DcApiMdocPresentationBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Theory]
    [InlineData(OpenId4VpConstants.ResponseModeDcApi)]
    [InlineData(OpenId4VpConstants.ResponseModeDcApiJwt)]
    public async Task Present_MdlAgeOver20_PageShowsOnlyThatElement(string responseMode)
    {
        await using var bed = await DcApiMdocVerifierBed.StartAsync(responseMode);
        await bed.IssueIntoWalletAsync();
        var wallet = new LibraryWallet(bed.Client);
        var errors = new List<string>();
        var (context, page) = await browser.NewPageAsync(errors, InjectedWallet.Script, wallet.AnswerAsync);
        await using var owned = context;

        await page.GotoAsync(bed.PageUrl);
        await page.ClickAsync("#verify");
        var outcome = await DcApiScriptBrowserTests.OutcomeAsync(page);
        output.WriteLine("Outcome: " + outcome.GetRawText());
        Assert.True(wallet.Refusals.IsEmpty, string.Join("\n", wallet.Refusals));
        Assert.True(bed.Log.Entries.IsEmpty, string.Join("\n", bed.Log.Entries));

        Assert.Equal("verified", outcome.GetProperty("kind").GetString());
        Assert.Equal("accepted", outcome.GetProperty("result").GetProperty("status").GetString());
        var presentation = outcome.GetProperty("result").GetProperty("presentations")[0];
        Assert.Equal("mso_mdoc", presentation.GetProperty("format").GetString());
        Assert.Equal([DcApiMdocVerifierBed.AgeOver20Name], await page.Locator("#result dt").AllTextContentsAsync());
        Assert.Equal("true", await page.TextContentAsync($"#result [data-claim='{DcApiMdocVerifierBed.AgeOver20Name}']"));
        var text = await page.ContentAsync();
        Assert.All(DcApiMdocVerifierBed.Undisclosed, value => Assert.DoesNotContain(value, text, StringComparison.Ordinal));
        Assert.Equal(bed.Origin, Assert.Single(wallet.Origins));
        Assert.Equal("origin:" + bed.Origin, Assert.Single(wallet.Plans).Audience);

        var call = await page.EvaluateAsync<JsonElement>("() => window.__dcApiCalls[0].digital.requests[0]");
        Assert.Equal(OpenId4VpConstants.DcApiProtocolUnsigned, call.GetProperty("protocol").GetString());
        var asked = call.GetProperty("data").GetProperty("dcql_query").GetProperty("credentials")[0];
        Assert.Equal("mso_mdoc", asked.GetProperty("format").GetString());
        Assert.Equal(DcApiMdocVerifierBed.MdlDocType, asked.GetProperty("meta").GetProperty("doctype_value").GetString());
        Assert.Equal(responseMode, call.GetProperty("data").GetProperty("response_mode").GetString());

        var data = JsonDocument.Parse(Assert.Single(wallet.Answers)).RootElement;
        if (responseMode == OpenId4VpConstants.ResponseModeDcApiJwt)
        {
            // The page only ever held a JWE: {"response": "<compact JWE>"}, no DeviceResponse in the clear.
            Assert.Equal(5, data.GetProperty("response").GetString()!.Split('.').Length);
            Assert.False(data.TryGetProperty("vp_token", out _));
        }
        else
        {
            Assert.Equal(JsonValueKind.String, data.GetProperty("vp_token").GetProperty("mdl")[0].ValueKind);
        }

        var transactionId = outcome.GetProperty("result").GetProperty("transaction_id").GetString()!;
        var stored = (await bed.Verifier.GetResultAsync(transactionId)).GetValueOrThrow();
        Assert.Equal(OpenId4VpTransactionStatus.Accepted, stored.Status);
        var verified = Assert.Single(stored.ValidPresentationsFor("mdl"));
        Assert.Equal(DcApiMdocVerifierBed.MdlDocType, verified.DocType);
        Assert.Equal(["age_over_20"], verified.Claims!.Value.GetProperty(DcApiMdocVerifierBed.MdlNameSpace).EnumerateObject().Select(p => p.Name));
        Assert.Empty(errors);

        var path = Path.Combine(BrowserFixture.ArtifactsDirectory, responseMode == OpenId4VpConstants.ResponseModeDcApiJwt ? "dc-api-mdoc-encrypted-verified.png" : "dc-api-mdoc-unsigned-verified.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine("Screenshot: " + path);
    }

    [Theory]
    [InlineData(OpenId4VpConstants.ResponseModeDcApi)]
    [InlineData(OpenId4VpConstants.ResponseModeDcApiJwt)]
    public async Task DeviceResponseForAnotherOrigin_PostedThroughThePage_VerifierRefusesIt(string responseMode)
    {
        await using var bed = await DcApiMdocVerifierBed.StartAsync(responseMode);
        await bed.IssueIntoWalletAsync();
        // The wallet binds its DeviceResponse to another Origin's session transcript; the page posts it from the right one.
        var wallet = new LibraryWallet(bed.Client) { AnswerForOrigin = "https://shop.example.net" };
        var errors = new List<string>();
        var (context, page) = await browser.NewPageAsync(errors, InjectedWallet.Script, wallet.AnswerAsync);
        await using var owned = context;

        await page.GotoAsync(bed.PageUrl);
        await page.ClickAsync("#verify");
        var outcome = await DcApiScriptBrowserTests.OutcomeAsync(page);
        output.WriteLine("Outcome: " + outcome.GetRawText());
        Assert.True(wallet.Refusals.IsEmpty, string.Join("\n", wallet.Refusals));

        Assert.Equal("origin:https://shop.example.net", Assert.Single(wallet.Plans).Audience);
        Assert.Single(wallet.Answers);
        Assert.Equal("refused", outcome.GetProperty("kind").GetString());
        Assert.Equal("rejected", outcome.GetProperty("error").GetString());
        // Section 14.1.2 / Appendix B.2.6.2: the device signature does not cover this page's Origin.
        Assert.Equal(OpenId4VpErrors.HolderBindingFailed.Value, outcome.GetProperty("code").GetString());
        Assert.Equal(OpenId4VpErrors.HolderBindingFailed.Value, await page.GetAttributeAsync("#result [data-error]", "data-error"));
        Assert.Equal(0, await page.Locator("#result dl").CountAsync());
        var text = await page.ContentAsync();
        Assert.DoesNotContain("age_over_20", text, StringComparison.Ordinal);
        Assert.All(DcApiMdocVerifierBed.Undisclosed, value => Assert.DoesNotContain(value, text, StringComparison.Ordinal));

        var transactionId = outcome.GetProperty("result").GetProperty("transaction_id").GetString()!;
        var stored = (await bed.Verifier.GetResultAsync(transactionId)).GetValueOrThrow();
        Assert.Equal(OpenId4VpTransactionStatus.Rejected, stored.Status);
        var presented = Assert.Single(stored.Presentations);
        Assert.False(presented.IsValid);
        Assert.Equal(OpenId4VpErrors.HolderBindingFailed, presented.Error!.Code);
        Assert.Equal(MdocErrors.InvalidDeviceSignature, presented.Error.Inner!.Code);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task ReplayedDeviceResponse_ForANewTransaction_IsRefusedAndNothingShown()
    {
        await using var bed = await DcApiMdocVerifierBed.StartAsync();
        await bed.IssueIntoWalletAsync();
        var wallet = new LibraryWallet(bed.Client);
        var errors = new List<string>();
        var (context, page) = await browser.NewPageAsync(errors, InjectedWallet.Script, wallet.AnswerAsync);
        await using var owned = context;
        await page.GotoAsync(bed.PageUrl);
        await page.ClickAsync("#verify");
        Assert.Equal("verified", (await DcApiScriptBrowserTests.OutcomeAsync(page)).GetProperty("kind").GetString());

        // A second visit: the earlier DeviceResponse (its transcript holds the first request's nonce) replayed.
        Assert.True(wallet.Answers.TryPeek(out var answer));
        wallet.Replay = answer;
        await page.ReloadAsync();
        await page.ClickAsync("#verify");
        var outcome = await DcApiScriptBrowserTests.OutcomeAsync(page);
        output.WriteLine("Outcome: " + outcome.GetRawText());

        Assert.Equal("refused", outcome.GetProperty("kind").GetString());
        Assert.Equal(OpenId4VpErrors.HolderBindingFailed.Value, outcome.GetProperty("code").GetString());
        Assert.Equal(0, await page.Locator("#result dl").CountAsync());
        Assert.DoesNotContain("age_over_20", await page.ContentAsync(), StringComparison.Ordinal);
        var transactionId = outcome.GetProperty("result").GetProperty("transaction_id").GetString()!;
        var stored = (await bed.Verifier.GetResultAsync(transactionId)).GetValueOrThrow();
        Assert.Equal(OpenId4VpTransactionStatus.Rejected, stored.Status);
        Assert.Equal(MdocErrors.InvalidDeviceSignature, Assert.Single(stored.Presentations).Error!.Inner!.Code);
        Assert.Empty(errors);
    }
}
