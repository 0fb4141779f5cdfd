using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.Browser.Tests.DcApiScript;
using Credentials.Browser.Tests.Hosting;
using Credentials.OpenId4Vp;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace Credentials.Browser.Tests.DcApi;

/// <summary>
/// OpenID4VP over the Digital Credentials API in headless Chromium: the page (served by Kestrel under a CSP without
/// inline script) uses <c>credentials-dc-api.js</c> against the verifier's real DC API endpoints; the library's wallet
/// answers through the injected <c>navigator.credentials.get</c> for the Origin the browser reports. The page must show
/// the verified <c>age_over_20</c> and nothing else; foreign Origins and replays are refused.
/// </summary>
[Collection(SharedChromium.Name)]
public sealed class DcApiPresentationBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    private static readonly string[] s_undisclosed = ["birth_date", "2004-05-06", "age_over_18"];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Present_AgeOver20_PageShowsOnlyThatClaim(bool signed)
    {
        await using var bed = await DcApiVerifierBed.StartAsync();
        await bed.IssueIntoWalletAsync();
        var wallet = new LibraryWallet(bed.Client);
        var errors = new List<string>();
        var (context, page) = await browser.NewPageAsync(errors, InjectedWallet.Script, wallet.AnswerAsync);
        await using var owned = context;

        await page.GotoAsync(bed.Origin + (signed ? DcApiVerifierBed.SignedPagePath : DcApiTestPage.Path));
        await page.ClickAsync("#verify");
        var outcome = await DcApiScriptBrowserTests.OutcomeAsync(page);
        output.WriteLine("Outcome: " + outcome.GetRawText());
        Assert.True(bed.Log.Entries.IsEmpty, string.Join("\n", bed.Log.Entries));

        Assert.Equal("verified", outcome.GetProperty("kind").GetString());
        Assert.Equal("accepted", outcome.GetProperty("result").GetProperty("status").GetString());
        Assert.Equal("true", await page.TextContentAsync("#result [data-claim='age_over_20']"));
        Assert.Equal(["age_over_20"], await page.Locator("#result dt").AllTextContentsAsync());
        var text = await page.ContentAsync();
        Assert.All(s_undisclosed, value => Assert.DoesNotContain(value, text, StringComparison.Ordinal));
        Assert.Equal(bed.Origin, Assert.Single(wallet.Origins));
        Assert.Equal("origin:" + bed.Origin, Assert.Single(wallet.Plans).Audience);
        var call = await page.EvaluateAsync<JsonElement>("() => window.__dcApiCalls[0].digital.requests[0]");
        Assert.Equal(signed ? OpenId4VpConstants.DcApiProtocolSigned : OpenId4VpConstants.DcApiProtocolUnsigned, call.GetProperty("protocol").GetString());
        Assert.Equal(signed, call.GetProperty("data").TryGetProperty("request", out _));
        var transactionId = outcome.GetProperty("result").GetProperty("transaction_id").GetString()!;
        var stored = await bed.Verifier.GetResultAsync(transactionId);
        Assert.Equal(OpenId4VpTransactionStatus.Accepted, stored.GetValueOrThrow().Status);
        Assert.Empty(errors);

        var path = Path.Combine(BrowserFixture.ArtifactsDirectory, signed ? "dc-api-signed-verified.png" : "dc-api-unsigned-verified.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine("Screenshot: " + path);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Present_EncryptedDcApiJwt_PageShowsOnlyThatClaim(bool signed)
    {
        await using var bed = await DcApiVerifierBed.StartAsync(OpenId4VpConstants.ResponseModeDcApiJwt);
        await bed.IssueIntoWalletAsync();
        var wallet = new LibraryWallet(bed.Client);
        var errors = new List<string>();
        var (context, page) = await browser.NewPageAsync(errors, InjectedWallet.Script, wallet.AnswerAsync);
        await using var owned = context;

        await page.GotoAsync(bed.Origin + (signed ? DcApiVerifierBed.SignedPagePath : DcApiTestPage.Path));
        await page.ClickAsync("#verify");
        var outcome = await DcApiScriptBrowserTests.OutcomeAsync(page);

        Assert.True(bed.Log.Entries.IsEmpty, string.Join("\n", bed.Log.Entries));
        Assert.Equal("verified", outcome.GetProperty("kind").GetString());
        // The page only ever held a JWE: {"response": "<compact JWE>"}, no vp_token in the clear.
        var data = JsonDocument.Parse(Assert.Single(wallet.Answers)).RootElement;
        Assert.Equal(5, data.GetProperty("response").GetString()!.Split('.').Length);
        Assert.False(data.TryGetProperty("vp_token", out _));
        Assert.Equal(["age_over_20"], await page.Locator("#result dt").AllTextContentsAsync());
        Assert.Equal("true", await page.TextContentAsync("#result [data-claim='age_over_20']"));
        var text = await page.ContentAsync();
        Assert.All(s_undisclosed, value => Assert.DoesNotContain(value, text, StringComparison.Ordinal));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task SignedRequest_RelayedToAPageOfAnotherOrigin_WalletRefusesIt()
    {
        await using var bed = await DcApiVerifierBed.StartAsync();
        await bed.IssueIntoWalletAsync();
        var wallet = new LibraryWallet(bed.Client);
        var errors = new List<string>();
        var (context, page) = await browser.NewPageAsync(errors, InjectedWallet.Script, wallet.AnswerAsync);
        await using var owned = context;

        // The same server under http://localhost:port: an Origin the signed request's expected_origins does not list.
        await page.GotoAsync(bed.ForeignOrigin + DcApiVerifierBed.RelayedSignedPagePath);
        await page.ClickAsync("#verify");
        var outcome = await DcApiScriptBrowserTests.OutcomeAsync(page);

        Assert.Equal(bed.ForeignOrigin, Assert.Single(wallet.Origins));
        Assert.Equal(OpenId4VpErrors.OriginMismatch, Assert.Single(wallet.Refusals).Code);
        Assert.Empty(wallet.Plans);
        Assert.Empty(wallet.Answers);
        Assert.Equal("failed", outcome.GetProperty("kind").GetString());
        Assert.Equal("wallet", outcome.GetProperty("phase").GetString());
        Assert.Equal(0, await page.Locator("#result dl").CountAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task UnsignedRequest_RelayedToAPageOfAnotherOrigin_VerifierRefusesTheAnswer()
    {
        await using var bed = await DcApiVerifierBed.StartAsync();
        await bed.IssueIntoWalletAsync();
        var wallet = new LibraryWallet(bed.Client);
        var errors = new List<string>();
        var (context, page) = await browser.NewPageAsync(errors, InjectedWallet.Script, wallet.AnswerAsync);
        await using var owned = context;

        await page.GotoAsync(bed.ForeignOrigin + DcApiVerifierBed.RelayedUnsignedPagePath);
        await page.ClickAsync("#verify");
        var outcome = await DcApiScriptBrowserTests.OutcomeAsync(page);

        // An unsigned request names no Origin: the wallet answers, bound to the foreign Origin, and the verifier refuses it.
        Assert.Equal("origin:" + bed.ForeignOrigin, Assert.Single(wallet.Plans).Audience);
        Assert.Equal("refused", outcome.GetProperty("kind").GetString());
        Assert.Equal(403, outcome.GetProperty("status").GetInt32());
        Assert.Equal(0, await page.Locator("#result dl").CountAsync());
        var text = await page.ContentAsync();
        Assert.DoesNotContain("age_over_20", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplayedAnswer_SameTransaction_IsRefusedByTheServer()
    {
        await using var bed = await DcApiVerifierBed.StartAsync();
        await bed.IssueIntoWalletAsync();
        var wallet = new LibraryWallet(bed.Client);
        var errors = new List<string>();
        var (context, page) = await browser.NewPageAsync(errors, InjectedWallet.Script, wallet.AnswerAsync);
        await using var owned = context;
        await page.GotoAsync(bed.PageUrl);
        await page.ClickAsync("#verify");
        var first = await DcApiScriptBrowserTests.OutcomeAsync(page);
        Assert.Equal("verified", first.GetProperty("kind").GetString());
        var transactionId = first.GetProperty("result").GetProperty("transaction_id").GetString()!;
        Assert.True(wallet.Answers.TryPeek(out var answer));

        // The very same body again, from the page (so with its real Origin header).
        var replay = await page.EvaluateAsync<JsonElement>(
            """
            async ([url, body]) => {
              const r = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
              return { status: r.status, body: await r.json() };
            }
            """,
            new object[] { DcApiVerifierBed.ResponsePath, JsonSerializer.Serialize(new { transaction_id = transactionId, data = JsonDocument.Parse(answer!).RootElement }) });

        Assert.Equal(409, replay.GetProperty("status").GetInt32());
        Assert.Equal(OpenId4VpErrors.ResponseReplayed.Value, replay.GetProperty("body").GetProperty("code").GetString());
        Assert.Equal(OpenId4VpTransactionStatus.Accepted, (await bed.Verifier.GetResultAsync(transactionId)).GetValueOrThrow().Status);
    }

    [Fact]
    public async Task ReplayedAnswer_ForANewTransaction_IsRefusedAndNothingShown()
    {
        await using var bed = await DcApiVerifierBed.StartAsync();
        await bed.IssueIntoWalletAsync();
        var wallet = new LibraryWallet(bed.Client);
        var errors = new List<string>();
        var (context, page) = await browser.NewPageAsync(errors, InjectedWallet.Script, wallet.AnswerAsync);
        await using var owned = context;
        await page.GotoAsync(bed.PageUrl);
        await page.ClickAsync("#verify");
        Assert.Equal("verified", (await DcApiScriptBrowserTests.OutcomeAsync(page)).GetProperty("kind").GetString());

        // A second visit: the wallet's earlier answer (bound to the first nonce) replayed for the new request.
        Assert.True(wallet.Answers.TryPeek(out var answer));
        wallet.Replay = answer;
        await page.ReloadAsync();
        await page.ClickAsync("#verify");
        var outcome = await DcApiScriptBrowserTests.OutcomeAsync(page);

        Assert.Equal("refused", outcome.GetProperty("kind").GetString());
        Assert.Equal("rejected", outcome.GetProperty("error").GetString());
        // The key binding JWT carries the first request's nonce.
        Assert.Equal(OpenId4VpErrors.HolderBindingFailed.Value, outcome.GetProperty("code").GetString());
        Assert.Equal(OpenId4VpErrors.HolderBindingFailed.Value, await page.GetAttributeAsync("#result [data-error]", "data-error"));
        Assert.Equal(0, await page.Locator("#result dl").CountAsync());
        Assert.DoesNotContain("age_over_20", await page.ContentAsync(), StringComparison.Ordinal);
        var transactionId = outcome.GetProperty("result").GetProperty("transaction_id").GetString()!;
        Assert.Equal(OpenId4VpTransactionStatus.Rejected, (await bed.Verifier.GetResultAsync(transactionId)).GetValueOrThrow().Status);
        output.WriteLine("Replay refused with " + outcome.GetProperty("result").GetRawText());
    }

    [Fact]
    public async Task WalletWithoutMatchingCredential_AnswersAccessDenied_PageShowsRefusal()
    {
        await using var bed = await DcApiVerifierBed.StartAsync();
        var wallet = new LibraryWallet(bed.Client);
        var errors = new List<string>();
        var (context, page) = await browser.NewPageAsync(errors, InjectedWallet.Script, wallet.AnswerAsync);
        await using var owned = context;

        await page.GotoAsync(bed.PageUrl);
        await page.ClickAsync("#verify");
        var outcome = await DcApiScriptBrowserTests.OutcomeAsync(page);

        Assert.Equal("access_denied", JsonDocument.Parse(Assert.Single(wallet.Answers)).RootElement.GetProperty("error").GetString());
        Assert.Equal("refused", outcome.GetProperty("kind").GetString());
        Assert.Equal("wallet_error", outcome.GetProperty("error").GetString());
        Assert.Equal(0, await page.Locator("#result dl").CountAsync());
        Assert.Empty(errors);
    }
}
