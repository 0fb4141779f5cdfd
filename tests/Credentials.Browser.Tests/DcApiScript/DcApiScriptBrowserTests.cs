using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.Browser.Tests.Hosting;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace Credentials.Browser.Tests.DcApiScript;

/// <summary>
/// <c>credentials-dc-api.js</c> in headless Chromium against stand-in endpoints: the request it makes, each typed
/// outcome (cancelled, unsupported protocol, refused, server failure), text-only rendering, and the button's
/// visibility when the API is absent. The page runs under a CSP without inline script: any violation fails the test.
/// </summary>
[Collection(SharedChromium.Name)]
public sealed class DcApiScriptBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Answer = """{"protocol":"openid4vp-v1-unsigned","data":{"vp_token":{"age":["eyJ...~"]}}}""";

    [Fact]
    public async Task RealChromium_ReportsWhetherDigitalCredentialExists()
    {
        await using var stub = await DcApiStubVerifier.StartAsync();
        var errors = new List<string>();
        var (context, page) = await browser.NewPageAsync(errors, InjectedWallet.Recorder);
        await using var owned = context;

        await page.GotoAsync(stub.PageUrl);
        var report = await page.EvaluateAsync<JsonElement>("""
            () => ({
              secure: window.isSecureContext,
              digitalCredential: typeof window.DigitalCredential,
              userAgentAllowsProtocol: typeof (window.DigitalCredential || {}).userAgentAllowsProtocol,
              credentials: typeof navigator.credentials,
              supported: window.CredentialsDcApi.isSupported(),
              html: document.documentElement.getAttribute('data-credentials-dc-api')
            })
            """);

        // Logged, not asserted: whether this Chromium build ships the API (headless has no platform wallet either way).
        output.WriteLine($"Chromium {browser.Version} at {browser.ExecutablePath}: {report}");
        Assert.True(report.GetProperty("secure").GetBoolean());
        Assert.Equal(report.GetProperty("supported").GetBoolean() ? "supported" : "unsupported", report.GetProperty("html").GetString());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task ApiAbsent_ButtonStaysHiddenAndFallbackShows()
    {
        await using var stub = await DcApiStubVerifier.StartAsync();
        var errors = new List<string>();
        var (context, page) = await browser.NewPageAsync(errors, InjectedWallet.Absent);
        await using var owned = context;

        await page.GotoAsync(stub.PageUrl);
        await page.WaitForFunctionAsync("() => document.documentElement.hasAttribute('data-credentials-dc-api')");

        Assert.Equal("unsupported", await page.GetAttributeAsync("html", "data-credentials-dc-api"));
        Assert.False(await page.IsVisibleAsync("#verify"));
        Assert.True(await page.IsVisibleAsync("#fallback"));
        Assert.Equal("unsupported", await page.EvaluateAsync<string>("() => CredentialsDcApi.present({ requestUrl: '/x', responseUrl: '/y' }).then(o => o.kind)"));
        // Programmatic rendering without options uses the English texts.
        Assert.Equal("This browser cannot present digital credentials.", await page.EvaluateAsync<string>(
            "() => CredentialsDcApi.present({ requestUrl: '/x', responseUrl: '/y' }).then(o => { const d = document.getElementById('result'); CredentialsDcApi.render(d, o); return d.textContent; })"));
        Assert.Empty(stub.RequestBodies);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Present_SendsCurrentRequestShapeAndPostsAnswerWithTransaction()
    {
        await using var stub = await DcApiStubVerifier.StartAsync();
        var errors = new List<string>();
        var origins = new List<(string Frame, string Page)>();
        var (context, page) = await browser.NewPageAsync(errors, InjectedWallet.Script, (frame, request) =>
        {
            origins.Add((frame, JsonDocument.Parse(request).RootElement.GetProperty("origin").GetString()!));
            return Task.FromResult(Answer);
        });
        await using var owned = context;

        await page.GotoAsync(stub.PageUrl);
        Assert.True(await page.IsVisibleAsync("#verify"));
        Assert.False(await page.IsVisibleAsync("#fallback"));
        await page.ClickAsync("#verify");
        var outcome = await OutcomeAsync(page);

        Assert.Equal("verified", outcome.GetProperty("kind").GetString());
        Assert.Equal("response", outcome.GetProperty("phase").GetString());
        var call = await page.EvaluateAsync<JsonElement>("() => window.__dcApiCalls[0]");
        Assert.Equal("required", call.GetProperty("mediation").GetString());
        var request = Assert.Single(call.GetProperty("digital").GetProperty("requests").EnumerateArray().ToList());
        Assert.Equal("openid4vp-v1-unsigned", request.GetProperty("protocol").GetString());
        Assert.Equal(JsonValueKind.Object, request.GetProperty("data").ValueKind);
        Assert.Equal("dc_api", request.GetProperty("data").GetProperty("response_mode").GetString());
        Assert.False(call.GetProperty("digital").TryGetProperty("providers", out _));
        var posted = JsonDocument.Parse(Assert.Single(stub.ResponseBodies)).RootElement;
        Assert.Equal("tx-1", posted.GetProperty("transaction_id").GetString());
        Assert.Equal("openid4vp-v1-unsigned", posted.GetProperty("protocol").GetString());
        Assert.Equal("eyJ...~", posted.GetProperty("data").GetProperty("vp_token").GetProperty("age")[0].GetString());
        var (frame, pageOrigin) = Assert.Single(origins);
        Assert.Equal(stub.Origin, pageOrigin);
        Assert.StartsWith(stub.Origin + "/", frame, StringComparison.Ordinal);
        Assert.Equal("true", await page.TextContentAsync("#result [data-claim='age_over_20']"));
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("NotAllowedError", "cancelled")]
    [InlineData("AbortError", "cancelled")]
    [InlineData("NotSupportedError", "unsupported")]
    [InlineData("NetworkError", "failed")]
    public async Task WalletException_IsTypedOutcomeAndNothingIsPosted(string exception, string kind)
    {
        await using var stub = await DcApiStubVerifier.StartAsync();
        var errors = new List<string>();
        var (context, page) = await browser.NewPageAsync(errors, InjectedWallet.Script, (_, _) => Task.FromResult($$"""{"exception":"{{exception}}"}"""));
        await using var owned = context;

        await page.GotoAsync(stub.PageUrl);
        await page.ClickAsync("#verify");
        var outcome = await OutcomeAsync(page);

        Assert.Equal(kind, outcome.GetProperty("kind").GetString());
        Assert.Equal("wallet", outcome.GetProperty("phase").GetString());
        Assert.Equal(exception, outcome.GetProperty("error").GetString());
        Assert.Equal(kind, await page.GetAttributeAsync("#result p", "data-outcome"));
        if (kind == "cancelled")
        {
            Assert.Equal(DcApiTestPage.CancelledText, await page.TextContentAsync("#result [data-outcome]"));
        }

        Assert.Empty(stub.ResponseBodies);
        Assert.True(await page.IsEnabledAsync("#verify"));
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData(400, """{"error":"invalid_request","error_description":"replayed","code":"openid4vp.response_replayed"}""", "invalid_request", "openid4vp.response_replayed")]
    [InlineData(403, """{"error":"invalid_request"}""", "invalid_request", null)]
    [InlineData(200, """{"status":"rejected","code":"openid4vp.holder_binding_failed","claims":{"age_over_20":true}}""", "rejected", "openid4vp.holder_binding_failed")]
    [InlineData(200, """{"status":"wallet_error","wallet_error":"access_denied","claims":{}}""", "wallet_error", null)]
    public async Task ServerRefusesAnswer_IsRefusedWithItsErrorCodeAndNoClaims(int status, string body, string error, string? code)
    {
        await using var stub = await DcApiStubVerifier.StartAsync();
        stub.ResponseAnswer = (status, body);
        var errors = new List<string>();
        var (context, page) = await browser.NewPageAsync(errors, InjectedWallet.Script, (_, _) => Task.FromResult(Answer));
        await using var owned = context;

        await page.GotoAsync(stub.PageUrl);
        await page.ClickAsync("#verify");
        var outcome = await OutcomeAsync(page);

        Assert.Equal("refused", outcome.GetProperty("kind").GetString());
        Assert.Equal(status, outcome.GetProperty("status").GetInt32());
        Assert.Equal(error, outcome.GetProperty("error").GetString());
        Assert.Equal(code, outcome.TryGetProperty("code", out var c) ? c.GetString() : null);
        Assert.Equal(code ?? error, await page.GetAttributeAsync("#result [data-error]", "data-error"));
        Assert.Equal(0, await page.Locator("#result dl").CountAsync());
        Assert.Single(stub.ResponseBodies);
        // The browser logs a failed fetch itself; nothing else may appear.
        Assert.All(errors, e => Assert.Contains(DcApiStubVerifier.ResponsePath, e, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(500, """{"error":"server_error"}""")]
    [InlineData(200, """{"data":{}}""")]
    [InlineData(200, "not json")]
    public async Task RequestEndpointFails_IsFailedBeforeTheWallet(int status, string body)
    {
        await using var stub = await DcApiStubVerifier.StartAsync();
        stub.RequestAnswer = (status, body);
        var walletCalls = 0;
        var errors = new List<string>();
        var (context, page) = await browser.NewPageAsync(errors, InjectedWallet.Script, (_, _) =>
        {
            walletCalls++;
            return Task.FromResult(Answer);
        });
        await using var owned = context;

        await page.GotoAsync(stub.PageUrl);
        await page.ClickAsync("#verify");
        var outcome = await OutcomeAsync(page);

        Assert.Equal("failed", outcome.GetProperty("kind").GetString());
        Assert.Equal("request", outcome.GetProperty("phase").GetString());
        Assert.Equal(status, outcome.GetProperty("status").GetInt32());
        Assert.Equal(0, walletCalls);
        Assert.Empty(stub.ResponseBodies);
    }

    [Fact]
    public async Task ClaimValuesAndNames_AreRenderedAsTextNeverAsHtml()
    {
        await using var stub = await DcApiStubVerifier.StartAsync();
        stub.ResponseAnswer = (200, """{"claims":{"<img src=x id=injected-name>":"<img src=x id=injected-value>","given_name":"太郎"}}""");
        var errors = new List<string>();
        var (context, page) = await browser.NewPageAsync(errors, InjectedWallet.Script, (_, _) => Task.FromResult(Answer));
        await using var owned = context;

        await page.GotoAsync(stub.PageUrl);
        await page.ClickAsync("#verify");
        await OutcomeAsync(page);

        Assert.Equal(0, await page.Locator("img").CountAsync());
        Assert.Equal("<img src=x id=injected-value>", await page.TextContentAsync("#result dd >> nth=0"));
        Assert.Equal("太郎", await page.TextContentAsync("#result [data-claim='given_name']"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Screenshot_OfTheVerifiedPage_IsSavedAsArtifact()
    {
        await using var stub = await DcApiStubVerifier.StartAsync();
        var errors = new List<string>();
        var (context, page) = await browser.NewPageAsync(errors, InjectedWallet.Script, (_, _) => Task.FromResult(Answer));
        await using var owned = context;
        await page.GotoAsync(stub.PageUrl);
        await page.ClickAsync("#verify");
        await OutcomeAsync(page);

        var path = Path.Combine(BrowserFixture.ArtifactsDirectory, "dc-api-script-verified.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });

        Assert.True(new FileInfo(path).Length > 1000);
        output.WriteLine("Screenshot: " + path);
    }

    /// <summary>Waits for the script's outcome event and returns its detail.</summary>
    internal static async Task<JsonElement> OutcomeAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => window.__dcApiOutcomes.length > 0");
        await page.WaitForSelectorAsync("#result [data-outcome]:not([data-outcome='pending'])");
        return await page.EvaluateAsync<JsonElement>("() => window.__dcApiOutcomes[0]");
    }
}
