using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Credentials.Browser.Tests.Hosting;
using Credentials.Keys;
using Credentials.OpenId4Vci;
using Credentials.Samples.Web.Desk;
using Credentials.Status;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;

namespace Credentials.Browser.Tests.Web.Desk;

/// <summary>
/// The desk keeps no PIN (shown once; a fresh offer replaces a lost one and the earlier offer is refused), records a
/// redeemed credential against the offer itself (one wallet key, two offers), and refuses a form post without its
/// anti-forgery token.
/// </summary>
[Collection(SharedChromium.Name)]
public sealed class DeskHardeningTests(BrowserFixture browser)
{
    private const string Password = "desk-test-password";

    private static readonly string TwoPeople = DeskCsvReader.Header + "\n"
        + "2026-05-01234,FE,2026-05,2026-06-15,高橋,結衣,タカハシ,ユイ,TAKAHASHI,YUI,2003-11-08\n"
        + "2026-05-04321,AP,2026-05,2026-06-15,佐藤,健,サトウ,ケン,SATO,KEN,2001-04-02\n";

    [Fact]
    public async Task A_pin_is_shown_once_and_nothing_readable_is_kept()
    {
        await using var bed = await WebAppBed.StartAsync(browser);
        var page = await SignInAsync(bed);
        await UploadAsync(bed, page, TwoPeople);

        var row = page.Locator("tr[data-certificate='2026-05-01234']");
        await row.Locator(".desk-pin summary").ClickAsync();
        var pin = (await row.Locator(".desk-pin-value").InnerTextAsync()).Trim();
        Assert.Matches("^[0-9]{6}$", pin);
        Assert.True(await page.Locator("#pins-once").IsVisibleAsync());

        // Nowhere in the data folder (the desk's rows, the issuer's protocol state, their journals).
        foreach (var file in Directory.EnumerateFiles(bed.DataDirectory, "*", SearchOption.AllDirectories))
        {
            var bytes = await ReadSharedAsync(file);
            Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(pin)), "The PIN is readable in " + Path.GetFileName(file));
        }

        // Shown again? No: the next view of the desk says it was given, and offers a fresh offer instead.
        await page.GotoAsync(bed.Origin + "/desk");
        Assert.Equal(0, await page.Locator(".desk-pin-value").CountAsync());
        Assert.Equal(2, await page.Locator(".desk-pin-given").CountAsync());
        Assert.Equal(2, await page.Locator("button.desk-reoffer").CountAsync());
        Assert.DoesNotContain(pin, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.True(bed.Errors.Count == 0, string.Join("\n", bed.Errors));
    }

    [Fact]
    public async Task A_new_offer_replaces_the_old_one_which_a_wallet_can_no_longer_redeem()
    {
        await using var bed = await WebAppBed.StartAsync(browser);
        var page = await SignInAsync(bed);
        await UploadAsync(bed, page, TwoPeople);
        var row = page.Locator("tr[data-certificate='2026-05-01234']");
        var oldLink = await row.Locator("a.desk-link").GetAttributeAsync("href");
        await row.Locator(".desk-pin summary").ClickAsync();
        var oldPin = (await row.Locator(".desk-pin-value").InnerTextAsync()).Trim();

        // Staff make a fresh offer for the row: a new link and a new PIN, shown this once.
        await row.Locator("button.desk-reoffer").ClickAsync();
        await page.WaitForSelectorAsync("#pins-once");
        row = page.Locator("tr[data-certificate='2026-05-01234']");
        var newLink = await row.Locator("a.desk-link").GetAttributeAsync("href");
        await row.Locator(".desk-pin summary").ClickAsync();
        var newPin = (await row.Locator(".desk-pin-value").InnerTextAsync()).Trim();
        Assert.NotEqual(oldLink, newLink);
        Assert.Matches("^[0-9]{6}$", newPin);
        Assert.Equal(0, await page.Locator("tr[data-certificate='2026-05-04321'] .desk-pin-value").CountAsync());

        // The old offer is refused at the credential endpoint; the row stays offered.
        using var oldKey = SigningKey.Create(JwsAlgorithm.Es256);
        var refused = await DeskWallet.TryRedeemAsync(oldLink!, oldPin, bed.Clock, oldKey);
        Assert.Equal(OpenId4VciErrors.CredentialRequestDenied, refused.Error?.Code);
        var desk = bed.Services.GetRequiredService<DeskIssuance>();
        Assert.Equal(DeskRowState.Offered, (await RowAsync(desk, "2026-05-01234")).State);

        // The new one works and the row is issued.
        var certificate = await DeskWallet.RedeemAsync(newLink!, newPin, bed.Clock);
        using (certificate.HolderKey)
        {
            var redeemed = await RowAsync(desk, "2026-05-01234");
            Assert.Equal(DeskRowState.Redeemed, redeemed.State);
            Assert.Equal(StatusOf(certificate.Credential), new StatusReference(redeemed.StatusListUri!, redeemed.StatusIndex!.Value));
        }

        // A redeemed row gets no fresh offer.
        Assert.Equal(DeskReofferOutcome.NotOffered, (await desk.ReofferAsync((await RowAsync(desk, "2026-05-01234")).Id, withPin: true)).Outcome);
        Assert.True(bed.Errors.Count == 0, string.Join("\n", bed.Errors));
    }

    [Fact]
    public async Task One_wallet_key_redeeming_two_offers_records_each_row_with_its_own_credential()
    {
        await using var bed = await WebAppBed.StartAsync(browser);
        var desk = bed.Services.GetRequiredService<DeskIssuance>();
        var read = DeskCsvReader.Read(Encoding.UTF8.GetBytes(TwoPeople), Samples.JapanTime.Today(bed.Clock));
        var offers = await desk.OfferAsync(read.Rows, withPin: true);
        var first = offers.Single(o => o.Row.CertificateNumber == "2026-05-01234");
        var second = offers.Single(o => o.Row.CertificateNumber == "2026-05-04321");
        using var key = SigningKey.Create(JwsAlgorithm.Es256);

        // Both offers are opened before either credential is requested, then redeemed in the other order, with one key.
        var a = await DeskWallet.TokenAsync(first.Row.OfferLink, first.Pin, bed.Clock);
        var b = await DeskWallet.TokenAsync(second.Row.OfferLink, second.Pin, bed.Clock);
        var secondCredential = await DeskWallet.CredentialAsync(b.Client, b.Offer, b.AccessToken, bed.Clock, key);
        var firstCredential = await DeskWallet.CredentialAsync(a.Client, a.Offer, a.AccessToken, bed.Clock, key);

        Assert.True(firstCredential.IsValid, firstCredential.Error?.ToString());
        Assert.True(secondCredential.IsValid, secondCredential.Error?.ToString());
        var firstRow = await RowAsync(desk, "2026-05-01234");
        var secondRow = await RowAsync(desk, "2026-05-04321");
        Assert.Equal(DeskRowState.Redeemed, firstRow.State);
        Assert.Equal(DeskRowState.Redeemed, secondRow.State);
        Assert.Equal(StatusOf(Assert.Single(firstCredential.Value.Credentials!)), new StatusReference(firstRow.StatusListUri!, firstRow.StatusIndex!.Value));
        Assert.Equal(StatusOf(Assert.Single(secondCredential.Value.Credentials!)), new StatusReference(secondRow.StatusListUri!, secondRow.StatusIndex!.Value));
        Assert.NotEqual(firstRow.StatusIndex, secondRow.StatusIndex);
    }

    [Fact]
    public async Task A_form_post_without_its_anti_forgery_token_is_refused_and_changes_nothing()
    {
        await using var bed = await WebAppBed.StartAsync(browser);
        var (certificate, row) = await DeskWallet.IssueAsync(bed);
        using var holderKey = certificate.HolderKey;
        var page = await SignInAsync(bed);
        var desk = bed.Services.GetRequiredService<DeskIssuance>();

        // Signed in (the cookie goes along), but without the form's token: refused.
        var revoke = await page.Context.APIRequest.PostAsync(bed.Origin + "/desk?handler=Revoke&id=" + Uri.EscapeDataString(row.Id), new() { Form = page.Context.APIRequest.CreateFormData(), MaxRedirects = 0 });
        Assert.Equal(400, revoke.Status);
        var upload = await page.Context.APIRequest.PostAsync(bed.Origin + "/desk?handler=Upload", new()
        {
            Multipart = page.Context.APIRequest.CreateFormData().Set("file", new FilePayload { Name = "passed.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(TwoPeople) }).Set("withPin", "true"),
            MaxRedirects = 0,
        });
        Assert.Equal(400, upload.Status);

        Assert.Equal(DeskRowState.Redeemed, (await desk.Store.GetAsync(row.Id))!.State);
        Assert.Single(await desk.Store.ListAsync());

        // The same revocation through the page's own form (with its token) works.
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.Locator($"tr[data-row-id='{row.Id}'] button.desk-revoke").ClickAsync();
        await page.WaitForSelectorAsync($"tr[data-row-id='{row.Id}'] [data-state='revoked']");
        Assert.Equal(DeskRowState.Revoked, (await desk.Store.GetAsync(row.Id))!.State);
    }

    private static async Task<IPage> SignInAsync(WebAppBed bed)
    {
        DeskStaffAccounts.ResetPassword(bed.DataDirectory, Password);
        var page = await bed.NewPageAsync("en");
        await page.GotoAsync(bed.Origin + "/desk/login");
        await page.FillAsync("#user", DeskStaffAccounts.DefaultUserName);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(bed.Origin + "/desk");
        return page;
    }

    private static async Task UploadAsync(WebAppBed bed, IPage page, string csv)
    {
        var path = Path.Combine(bed.DataDirectory, "passed-" + Guid.NewGuid().ToString("N") + ".csv");
        await File.WriteAllTextAsync(path, csv, new UTF8Encoding(true));
        await page.SetInputFilesAsync("#csv", path);
        await page.ClickAsync("#upload");
        await page.WaitForSelectorAsync("#upload-result");
        File.Delete(path);
    }

    private static async Task<DeskRow> RowAsync(DeskIssuance desk, string certificateNumber)
        => (await desk.Store.ListAsync()).Single(r => r.CertificateNumber == certificateNumber);

    private static StatusReference StatusOf(string credential)
    {
        var jwt = credential.Split('~')[0].Split('.')[1];
        using var payload = System.Text.Json.JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(jwt));
        return StatusReference.Read(payload.RootElement.GetProperty(StatusReference.StatusClaimName)).Value;
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
