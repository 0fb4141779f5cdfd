using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Credentials.Browser.Tests.Hosting;
using Credentials.Samples.Web.Desk;
using Credentials.Status;
using Credentials.Trust;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;

namespace Credentials.Browser.Tests.Web.Desk;

/// <summary>
/// The issuing desk in Chromium: staff sign in, upload a CSV (a bad row is reported), see an offer with a QR code per
/// person, a wallet redeems one with its PIN and the row turns "issued", and a revocation reaches the served Token
/// Status List.
/// </summary>
[Collection(SharedChromium.Name)]
public sealed class DeskPageTests(BrowserFixture browser)
{
    private const string Password = "desk-test-password";

    private static readonly string Csv = DeskCsvReader.Header + "\n"
        + "2026-05-01234,FE,2026-05,2026-06-15,高橋,結衣,タカハシ,ユイ,TAKAHASHI,YUI,2003-11-08\n"
        + "2026-05-09999,FE,2026-05,2026-13-01,田中,一郎,タナカ,イチロウ,TANAKA,ICHIRO,1990-01-01\n"
        + "2026-05-04321,AP,2026-05,2026-06-15,佐藤,健,サトウ,ケン,SATO,KEN,2001-04-02\n";

    private static async Task<IPage> SignInAsync(WebAppBed bed, string language)
    {
        DeskStaffAccounts.ResetPassword(bed.DataDirectory, Password);
        var page = await bed.NewPageAsync(language);
        await page.GotoAsync(bed.Origin + "/desk");
        Assert.EndsWith("/desk/login?returnUrl=%2Fdesk", page.Url, StringComparison.Ordinal);
        await page.FillAsync("#user", DeskStaffAccounts.DefaultUserName);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(bed.Origin + "/desk");
        return page;
    }

    [Theory]
    [InlineData("ja", "ユーザー名またはパスワードが違います。")]
    [InlineData("en", "The user name or password is wrong.")]
    public async Task A_wrong_password_is_refused_and_the_desk_stays_closed(string language, string refusal)
    {
        await using var bed = await WebAppBed.StartAsync(browser);
        DeskStaffAccounts.ResetPassword(bed.DataDirectory, Password);
        var page = await bed.NewPageAsync(language);
        await page.GotoAsync(bed.Origin + "/desk/login");
        await page.FillAsync("#user", DeskStaffAccounts.DefaultUserName);
        await page.FillAsync("#password", "not-the-password");
        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#sign-in"), r => r.Request.Method == "POST" && r.Url.Contains("/desk/login", StringComparison.Ordinal));

        Assert.Equal(200, response.Status);
        await page.WaitForSelectorAsync("#login-error");
        Assert.Equal(refusal, (await page.InnerTextAsync("#login-error")).Trim());
        await page.GotoAsync(bed.Origin + "/desk");
        Assert.Contains("/desk/login", page.Url, StringComparison.Ordinal);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var rows = await http.GetAsync(bed.Origin + "/desk/rows.json");
        Assert.NotEqual(HttpStatusCode.OK, rows.StatusCode);
        var qr = await http.GetAsync(bed.Origin + "/desk/qr/anything");
        Assert.NotEqual(HttpStatusCode.OK, qr.StatusCode);
        Assert.True(bed.Errors.Count == 0, string.Join("\n", bed.Errors));
    }

    [Theory]
    [InlineData("ja", "3 行目: ", "発行済み（受領）", "失効")]
    [InlineData("en", "Line 3: ", "Issued (redeemed)", "Revoked")]
    public async Task Upload_offer_redeem_and_revoke(string language, string lineLabel, string redeemed, string revoked)
    {
        await using var bed = await WebAppBed.StartAsync(browser);
        var page = await SignInAsync(bed, language);

        // The CSV: two people and one bad row (a date that does not exist), reported with its line; no offer for it.
        var csv = Path.Combine(bed.DataDirectory, "passed.csv");
        await File.WriteAllTextAsync(csv, Csv, new UTF8Encoding(true));
        await page.SetInputFilesAsync("#csv", csv);
        await page.ClickAsync("#upload");
        await page.WaitForSelectorAsync("#problems");
        var problem = await page.InnerTextAsync("#problems li[data-line='3']");
        Assert.StartsWith(lineLabel, problem.Trim(), StringComparison.Ordinal);
        Assert.Equal("pass_date", await page.GetAttributeAsync("#problems li[data-line='3']", "data-column"));
        Assert.Equal(1, await page.Locator("#problems li").CountAsync());

        // One row per valid person, each with a QR code that loaded and an offer link; the PIN is behind a button.
        var rows = page.Locator("#rows tbody tr");
        Assert.Equal(2, await rows.CountAsync());
        var first = page.Locator("tr[data-certificate='2026-05-01234']");
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('img.desk-qr')].every(i => i.complete && i.naturalWidth > 0)");
        Assert.Equal(2, await page.Locator("img.desk-qr").CountAsync());
        var link = await first.Locator("a.desk-link").GetAttributeAsync("href");
        Assert.StartsWith("openid-credential-offer://", link, StringComparison.Ordinal);
        Assert.False(await first.Locator(".desk-pin-value").IsVisibleAsync());
        await first.Locator(".desk-pin summary").ClickAsync();
        var pin = (await first.Locator(".desk-pin-value").InnerTextAsync()).Trim();
        Assert.Matches("^[0-9]{6}$", pin);
        Assert.DoesNotContain(pin, link!, StringComparison.Ordinal);
        Assert.Equal("offered", await first.Locator("[data-state]").GetAttributeAsync("data-state"));

        // The wallet redeems the offer with the PIN; the page (polling) shows the row as issued.
        var certificate = await DeskWallet.RedeemAsync(link!, pin, bed.Clock);
        using (certificate.HolderKey)
        {
            // The PINs are on the page only this once: it says the table changed rather than reload by itself.
            await page.Locator("#desk-changed-reload").ClickAsync(new() { Timeout = 60_000 });
            await page.WaitForSelectorAsync("tr[data-certificate='2026-05-01234'] [data-state='redeemed']", new() { Timeout = 60_000 });
            Assert.Equal(redeemed, (await page.Locator("tr[data-certificate='2026-05-01234'] .desk-badge").InnerTextAsync()).Trim());
            Assert.Equal("offered", await page.Locator("tr[data-certificate='2026-05-04321'] [data-state]").GetAttributeAsync("data-state"));
            // The page reloaded itself for the change; the upload's problems are still listed (until the next upload).
            Assert.Equal(1, await page.Locator("#problems li[data-line='3']").CountAsync());
            Assert.Equal("pass_date", await page.GetAttributeAsync("#problems li[data-line='3']", "data-column"));
            await WebAppBed.ScreenshotAsync(page, "web-desk-" + language);

            // Revoke (the page asks first): the served status list says INVALID at the credential's entry.
            page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
            await page.Locator("tr[data-certificate='2026-05-01234'] button.desk-revoke").ClickAsync();
            await page.WaitForSelectorAsync("tr[data-certificate='2026-05-01234'] [data-state='revoked']");
            Assert.Equal(revoked, (await page.Locator("tr[data-certificate='2026-05-01234'] .desk-badge").InnerTextAsync()).Trim());

            var row = (await bed.Services.GetRequiredService<DeskIssuance>().Store.ListAsync())[0];
            var reference = new StatusReference(row.StatusListUri!, row.StatusIndex!.Value);
            Assert.Equal(bed.Origin + SampleIssuer.StatusListPath, reference.Uri);
            var status = await ServedStatusAsync(bed, reference, s => s.IsInvalid);
            Assert.True(status.IsInvalid, status.ToString());
        }

        Assert.True(bed.Errors.Count == 0, string.Join("\n", bed.Errors));
    }

    [Fact]
    public async Task Suspend_and_reinstate_reach_the_served_status_list()
    {
        await using var bed = await WebAppBed.StartAsync(browser);
        var (certificate, row) = await DeskWallet.IssueAsync(bed);
        using var key = certificate.HolderKey;
        var desk = bed.Services.GetRequiredService<DeskIssuance>();
        var reference = new StatusReference(row.StatusListUri!, row.StatusIndex!.Value);

        Assert.Equal(DeskRowState.Redeemed, row.State);
        Assert.True((await ServedStatusAsync(bed, reference, s => s.IsValid)).IsValid);
        Assert.True(await desk.ChangeStatusAsync(row.Id, DeskStatusAction.Suspend));
        Assert.True((await ServedStatusAsync(bed, reference, s => s.IsSuspended)).IsSuspended);
        Assert.False(await desk.ChangeStatusAsync(row.Id, DeskStatusAction.Suspend));
        Assert.True(await desk.ChangeStatusAsync(row.Id, DeskStatusAction.Reinstate));
        Assert.True((await ServedStatusAsync(bed, reference, s => s.IsValid)).IsValid);
        Assert.True(await desk.ChangeStatusAsync(row.Id, DeskStatusAction.Revoke));
        Assert.False(await desk.ChangeStatusAsync(row.Id, DeskStatusAction.Reinstate));
        Assert.True((await ServedStatusAsync(bed, reference, s => s.IsInvalid)).IsInvalid);
    }

    [Fact]
    public async Task The_status_list_token_names_the_app_as_its_issuer_and_the_list_as_its_subject()
    {
        await using var bed = await WebAppBed.StartAsync(browser);
        var uri = bed.Origin + SampleIssuer.StatusListPath;
        using var http = new HttpClient();
        string? token = null;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (token is null && waited.Elapsed < TimeSpan.FromSeconds(15))
        {
            using var response = await http.GetAsync(uri);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                token = await response.Content.ReadAsStringAsync();
            }
            else
            {
                await Task.Delay(200);
            }
        }

        Assert.NotNull(token);
        using var payload = System.Text.Json.JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(token.Split('.')[1]));
        // draft-ietf-oauth-status-list §5.1: sub (required) is the list's URI; iss (optional) names the issuer.
        Assert.Equal(uri, payload.RootElement.GetProperty("sub").GetString());
        Assert.Equal(bed.Origin, payload.RootElement.GetProperty("iss").GetString());
        Assert.True(bed.Errors.Count == 0, string.Join("\n", bed.Errors));
    }

    /// <summary>
    /// The entry's status in the list the app serves, read with the library's resolver (signature checked with the
    /// sample issuer's key), waiting for the background republication to show <paramref name="expected"/>.
    /// </summary>
    private static async Task<StatusValue> ServedStatusAsync(WebAppBed bed, StatusReference reference, Func<StatusValue, bool> expected)
    {
        var key = bed.Services.GetRequiredService<SampleIssuer>().PublicKey;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var http = new HttpClient();
            var resolver = new HttpStatusListResolver(
                http,
                new StatusListTokenVerifier(new StaticIssuerKeyResolver(key), new StatusListTokenVerifierOptions { TimeProvider = bed.Clock }),
                new HttpStatusListResolverOptions { Http = HttpStatusListResolverOptions.Default.Http with { RequireHttps = false, AddressPolicy = Credentials.Http.HttpAddressPolicy.PublicAndLoopback }, TimeProvider = bed.Clock });
            var status = await resolver.GetStatusAsync(reference);
            Assert.True(status.IsValid, status.Error?.ToString());
            if (expected(status.Value) || waited.Elapsed > TimeSpan.FromSeconds(15))
            {
                return status.Value;
            }

            await Task.Delay(200);
        }
    }
}
