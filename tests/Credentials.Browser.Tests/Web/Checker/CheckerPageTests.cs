using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Credentials.Browser.Tests.Hosting;
using Credentials.Browser.Tests.Web.Desk;
using Credentials.SdJwt;
using Xunit;

namespace Credentials.Browser.Tests.Web.Checker;

/// <summary>
/// The credential checker in Chromium: an SD-JWT VC from the app's own desk verifies with its claims and every check;
/// a tampered one fails its signature check with the code; Open Badges verify pasted as JSON, as a baked PNG chosen
/// with the file input and as a JWT dropped on the page; untrusted issuers are named as such; hostile claim values
/// stay text; both languages; screenshots.
/// </summary>
[Collection(SharedChromium.Name)]
public sealed class CheckerPageTests(BrowserFixture browser)
{
    private static async Task<(WebAppBed Bed, CheckerCredentials Credentials)> StartAsync(BrowserFixture browser)
    {
        var bed = await WebAppBed.StartAsync(browser);
        var credentials = new CheckerCredentials(bed.Clock);
        credentials.WriteTrustList(bed.DataDirectory);
        return (bed, credentials);
    }

    [Theory]
    [InlineData("ja", "✓ 確認できました：有効です", "氏", "有効")]
    [InlineData("en", "✓ Verified: valid", "Family name", "valid")]
    public async Task A_credential_from_the_desk_verifies_with_its_claims_checks_and_status(string language, string verdict, string familyNameLabel, string state)
    {
        var (bed, credentials) = await StartAsync(browser);
        await using var _ = bed;
        using var __ = credentials;
        var (certificate, _) = await DeskWallet.IssueAsync(bed);
        using var holderKey = certificate.HolderKey;
        var page = await bed.NewPageAsync(language);

        await CheckerPage.PasteAsync(page, bed, certificate.Credential);

        await CheckerPage.AssertVerifiedAsync(page);
        Assert.Equal(verdict, (await page.InnerTextAsync("#verdict")).Trim());
        await CheckerPage.AssertVerifiedAsync(page);
        Assert.Equal("valid", await page.GetAttributeAsync("#verdict", "data-state"));
        Assert.Equal(state, (await page.InnerTextAsync("#state")).Trim());
        Assert.Equal("sd-jwt-vc", await page.GetAttributeAsync("#format", "data-format"));
        Assert.Equal(bed.Origin, (await page.InnerTextAsync("#issuer-id")).Trim());
        Assert.Contains("Exam centre (sample)", await page.InnerTextAsync("#issuer-name"), StringComparison.Ordinal);
        Assert.Equal("佐藤", await CheckerPage.ClaimAsync(page, "family_name"));
        Assert.StartsWith(familyNameLabel, await CheckerPage.LabelAsync(page, "family_name"), StringComparison.Ordinal);
        foreach (var check in new[] { "Signature", "IssuerTrust", "Disclosures", "Time", "Status", "TypeMetadata" })
        {
            Assert.Equal("passed", await CheckerPage.OutcomeAsync(page, check));
        }

        Assert.Equal(0, await page.Locator("#checks tr[data-outcome='failed']").CountAsync());
        await WebAppBed.ScreenshotAsync(page, "web-checker-" + language);
        Assert.True(bed.Errors.Count == 0, string.Join("\n", bed.Errors));
    }

    [Fact]
    public async Task A_presentation_with_key_binding_passes_it_partly_and_says_the_nonce_was_not_compared()
    {
        var (bed, credentials) = await StartAsync(browser);
        await using var _ = bed;
        using var __ = credentials;
        var (certificate, _) = await DeskWallet.IssueAsync(bed);
        using var holderKey = certificate.HolderKey;
        var issued = SdJwtToken.Read(certificate.Credential).GetValueOrThrow();
        var holder = new SdJwtHolder(new SdJwtHolderOptions { TimeProvider = bed.Clock });
        var everything = holder.GetDisclosableClaims(issued).GetValueOrThrow().Select(c => c.Path);
        var presented = (await holder.PresentAsync(issued, everything, new KeyBindingInput("https://employer.example", "n-0S6_WzA2Mj"), holderKey)).GetValueOrThrow();
        var page = await bed.NewPageAsync("en");

        await CheckerPage.PasteAsync(page, bed, presented.Serialize());

        await CheckerPage.AssertVerifiedAsync(page);
        Assert.Equal("partial", await CheckerPage.OutcomeAsync(page, "KeyBinding"));
        Assert.Contains("nonce", await page.InnerTextAsync("#notes"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ja", "✗ 確認できませんでした")]
    [InlineData("en", "✗ Not verified")]
    public async Task A_tampered_credential_fails_its_signature_check_with_the_code(string language, string verdict)
    {
        var (bed, credentials) = await StartAsync(browser);
        await using var _ = bed;
        using var __ = credentials;
        var (certificate, _) = await DeskWallet.IssueAsync(bed);
        using var holderKey = certificate.HolderKey;
        var page = await bed.NewPageAsync(language);

        await CheckerPage.PasteAsync(page, bed, Tamper(certificate.Credential));

        Assert.Equal(verdict, (await page.InnerTextAsync("#verdict")).Trim());
        Assert.Equal("false", await page.GetAttributeAsync("#verdict", "data-verified"));
        Assert.Equal("failed", await CheckerPage.OutcomeAsync(page, "Signature"));
        Assert.StartsWith("jose.invalid_signature", await CheckerPage.CodeAsync(page, "Signature"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#claims").CountAsync());
        Assert.True(bed.Errors.Count == 0, string.Join("\n", bed.Errors));
    }

    [Theory]
    [InlineData("ja", "基本情報技術者試験 合格")]
    [InlineData("en", "Passed: Fundamental Information Technology Engineer Examination")]
    public async Task An_open_badge_pasted_as_json_verifies_with_its_achievement(string language, string achievement)
    {
        var (bed, credentials) = await StartAsync(browser);
        await using var _ = bed;
        using var __ = credentials;
        var page = await bed.NewPageAsync(language);

        await CheckerPage.PasteAsync(page, bed, await credentials.BadgeJsonAsync());

        await CheckerPage.AssertVerifiedAsync(page);
        Assert.Equal("data-integrity", await page.GetAttributeAsync("#format", "data-format"));
        Assert.Equal(achievement, (await page.InnerTextAsync("#achievement")).Trim());
        Assert.Equal(credentials.BadgeIssuer, (await page.InnerTextAsync("#issuer-id")).Trim());
        foreach (var check in new[] { "Proof", "IssuerTrust", "DataModel", "ValidityPeriod", "OpenBadgeModel", "OpenBadgeSchema" })
        {
            Assert.Equal("passed", await CheckerPage.OutcomeAsync(page, check));
        }

        Assert.True(bed.Errors.Count == 0, string.Join("\n", bed.Errors));
    }

    [Fact]
    public async Task A_badge_baked_into_a_png_chosen_with_the_file_input_verifies()
    {
        var (bed, credentials) = await StartAsync(browser);
        await using var _ = bed;
        using var __ = credentials;
        var page = await bed.NewPageAsync("ja");

        await CheckerPage.UploadAsync(page, bed, "badge.png", "image/png", await credentials.BakedPngAsync());

        await CheckerPage.AssertVerifiedAsync(page);
        Assert.Equal("ob3-baked-png", await page.GetAttributeAsync("#format", "data-format"));
        Assert.Equal("基本情報技術者試験 合格", (await page.InnerTextAsync("#achievement")).Trim());
        Assert.True(bed.Errors.Count == 0, string.Join("\n", bed.Errors));
    }

    [Fact]
    public async Task A_badge_jwt_dropped_on_the_page_is_posted_by_the_script_and_verifies()
    {
        var (bed, credentials) = await StartAsync(browser);
        await using var _ = bed;
        using var __ = credentials;
        var page = await bed.NewPageAsync("en");
        await page.GotoAsync(bed.Origin + "/checker");

        // What a drag from the desktop delivers: a DataTransfer with one file, dropped on the box.
        var transfer = await page.EvaluateHandleAsync(
            "text => { const t = new DataTransfer(); t.items.add(new File([text], 'badge.jwt', { type: 'text/plain' })); return t; }",
            await credentials.BadgeJwtAsync());
        await page.DispatchEventAsync("#drop-zone", "drop", new { dataTransfer = transfer });
        await page.WaitForSelectorAsync("#verdict", CheckerPage.ResultWait);

        await CheckerPage.AssertVerifiedAsync(page);
        Assert.Equal("ob3-jwt", await page.GetAttributeAsync("#format", "data-format"));
        Assert.Equal("Passed: Fundamental Information Technology Engineer Examination", (await page.InnerTextAsync("#achievement")).Trim());
        Assert.True(bed.Errors.Count == 0, string.Join("\n", bed.Errors));
    }

    [Theory]
    [InlineData("ja", "✗ 信頼できない発行者です")]
    [InlineData("en", "✗ Not trusted: unknown issuer")]
    public async Task Credentials_from_issuers_on_no_list_are_not_trusted(string language, string verdict)
    {
        var (bed, credentials) = await StartAsync(browser);
        await using var _ = bed;
        using var __ = credentials;
        var page = await bed.NewPageAsync(language);

        await CheckerPage.PasteAsync(page, bed, await credentials.IpaExamAsync(trusted: false));
        Assert.Equal(verdict, (await page.InnerTextAsync("#verdict")).Trim());
        Assert.Equal("false", await page.GetAttributeAsync("#verdict", "data-trusted"));
        Assert.Equal("failed", await CheckerPage.OutcomeAsync(page, "IssuerTrust"));
        Assert.StartsWith("trust.", await CheckerPage.CodeAsync(page, "IssuerTrust"), StringComparison.Ordinal);

        // A badge with a correct proof from a did:key on no list: the proof passes, the issuer does not.
        await CheckerPage.PasteAsync(page, bed, await credentials.BadgeJsonAsync(trusted: false));
        Assert.Equal(verdict, (await page.InnerTextAsync("#verdict")).Trim());
        Assert.Equal("failed", await CheckerPage.OutcomeAsync(page, "IssuerTrust"));
        Assert.Equal("vc.untrusted_issuer", await CheckerPage.CodeAsync(page, "IssuerTrust"));
        Assert.True(bed.Errors.Count == 0, string.Join("\n", bed.Errors));
    }

    [Theory]
    [InlineData("ja")]
    [InlineData("en")]
    public async Task Script_in_a_claim_value_is_shown_as_text(string language)
    {
        const string Hostile = "<script>alert('claim')</script><img src=x onerror=\"alert('img')\"><b id=\"injected\">x</b>";
        var (bed, credentials) = await StartAsync(browser);
        await using var _ = bed;
        using var __ = credentials;
        var page = await bed.NewPageAsync(language);
        var dialogs = 0;
        page.Dialog += async (_, dialog) =>
        {
            dialogs++;
            await dialog.DismissAsync();
        };

        await CheckerPage.PasteAsync(page, bed, await credentials.HostileAsync(Hostile));

        await CheckerPage.AssertVerifiedAsync(page);
        Assert.Equal(Hostile, await CheckerPage.ClaimAsync(page, "given_name"));
        Assert.Equal(0, await page.Locator("#claims script, #claims img, #injected").CountAsync());
        Assert.Equal(0, await page.Locator("#result img, #result script").CountAsync());
        // The load event waits for every image and script of the page: a dialog from either would have opened by then.
        await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.Load);
        Assert.Equal(0, dialogs);
    }

    [Fact]
    public async Task The_form_works_without_javascript_and_refuses_a_post_without_the_anti_forgery_token()
    {
        var (bed, credentials) = await StartAsync(browser);
        await using var _ = bed;
        using var __ = credentials;
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var form = await http.GetStringAsync(bed.Origin + "/checker");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);

        using (var post = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent(await credentials.IpaExamAsync()), "CredentialText" } })
        {
            var response = await http.PostAsync(bed.Origin + "/checker", post);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(html.Contains("data-verified=\"true\"", StringComparison.Ordinal), html);
            Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        }

        // A file over the limit is not read: the page says so.
        using (var post = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(new byte[(2 * 1024 * 1024) + 1]), "credentialFile", "big.png" } })
        {
            var html = await (await http.PostAsync(bed.Origin + "/checker", post)).Content.ReadAsStringAsync();
            Assert.Contains("checker.too_large", html, StringComparison.Ordinal);
        }

        using (var post = new MultipartFormDataContent { { new StringContent(await credentials.IpaExamAsync()), "CredentialText" } })
        {
            using var fresh = new HttpClient();
            var response = await fresh.PostAsync(bed.Origin + "/checker", post);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    /// <summary>Changes a claim in the issuer-signed JWT's payload, keeping it well-formed JSON.</summary>
    private static string Tamper(string sdJwt)
    {
        var tilde = sdJwt.IndexOf('~', StringComparison.Ordinal);
        var parts = sdJwt[..tilde].Split('.');
        var payload = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]))!.AsObject();
        payload["issuing_authority"] = "偽の機関";
        parts[1] = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return string.Join('.', parts) + sdJwt[tilde..];
    }
}
