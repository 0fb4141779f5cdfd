using System;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Credentials.Browser.Tests.Hosting;
using Credentials.Browser.Tests.Web.Checker;
using Credentials.Browser.Tests.Web.Desk;
using Credentials.Samples.Web.Desk;
using Xunit;

namespace Credentials.Browser.Tests.Web.EndToEnd;

/// <summary>
/// Across the pages: the desk issues to a person from a CSV, the test wallet redeems the offer, the checker shows the
/// credential valid; the desk revokes it, and once the list is republished the checker shows it revoked (失効).
/// </summary>
[Collection(SharedChromium.Name)]
public sealed class DeskRevokesCheckerSeesTests(BrowserFixture browser)
{
    private const string Password = "end-to-end-password";

    [Theory]
    [InlineData("ja", "✗ 失効しています", "失効")]
    [InlineData("en", "✗ Revoked", "revoked")]
    public async Task A_credential_revoked_on_the_desk_shows_as_revoked_on_the_checker(string language, string verdict, string state)
    {
        await using var bed = await WebAppBed.StartAsync(browser);

        // The desk: sign in, upload the CSV of one person, read their offer link and PIN.
        DeskStaffAccounts.ResetPassword(bed.DataDirectory, Password);
        var desk = await bed.NewPageAsync(language);
        await desk.GotoAsync(bed.Origin + "/desk");
        await desk.FillAsync("#user", DeskStaffAccounts.DefaultUserName);
        await desk.FillAsync("#password", Password);
        await desk.ClickAsync("#sign-in");
        await desk.WaitForURLAsync(bed.Origin + "/desk");
        var csv = Path.Combine(bed.DataDirectory, "passed.csv");
        await File.WriteAllTextAsync(csv, DeskWallet.SampleCsv, new UTF8Encoding(true));
        await desk.SetInputFilesAsync("#csv", csv);
        await desk.ClickAsync("#upload");
        var row = desk.Locator("tr[data-certificate='2026-05-04321']");
        var link = await row.Locator("a.desk-link").GetAttributeAsync("href");
        await row.Locator(".desk-pin summary").ClickAsync();
        var pin = (await row.Locator(".desk-pin-value").InnerTextAsync()).Trim();

        // The wallet redeems it; the checker shows it valid.
        var certificate = await DeskWallet.RedeemAsync(link!, pin, bed.Clock);
        using var holderKey = certificate.HolderKey;
        var checker = await bed.NewPageAsync(language);
        await CheckerPage.PasteAsync(checker, bed, certificate.Credential);
        await CheckerPage.AssertVerifiedAsync(checker);
        Assert.Equal("valid", await checker.GetAttributeAsync("#verdict", "data-state"));

        // The desk revokes it (the page asks first).
        desk.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await desk.GotoAsync(bed.Origin + "/desk");
        await desk.WaitForSelectorAsync("tr[data-certificate='2026-05-04321'] [data-state='redeemed']", new() { Timeout = 60_000 });
        await desk.Locator("tr[data-certificate='2026-05-04321'] button.desk-revoke").ClickAsync();
        await desk.WaitForSelectorAsync("tr[data-certificate='2026-05-04321'] [data-state='revoked']", new() { Timeout = 90_000 });

        // Once the list is republished (in the background), the checker (which fetches the list afresh each time) says
        // revoked: check again until it does, with room for a slow machine.
        var deadline = DateTime.UtcNow.AddSeconds(120);
        string? seen;
        do
        {
            await CheckerPage.PasteAsync(checker, bed, certificate.Credential);
            seen = await checker.GetAttributeAsync("#verdict", "data-state");
            if (seen == "revoked")
            {
                break;
            }

            await Task.Delay(300);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Equal("revoked", seen);
        Assert.Equal(verdict, (await checker.InnerTextAsync("#verdict")).Trim());
        Assert.Equal(state, (await checker.InnerTextAsync("#state")).Trim());
        Assert.Equal("failed", await CheckerPage.OutcomeAsync(checker, "Status"));
        Assert.Equal("status.revoked", await CheckerPage.CodeAsync(checker, "Status"));
        Assert.True(bed.Errors.Count == 0, string.Join("\n", bed.Errors));
    }
}
