using System;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Browser.Tests.Hosting;
using Credentials.Browser.Tests.Web.Desk;
using Credentials.Samples.Web.Checker;
using Xunit;

namespace Credentials.Browser.Tests.Web.Checker;

/// <summary>
/// Structured claims (objects, arrays) are shown as nested, labelled definition lists: labels from type metadata where
/// they exist (the desk's ipa-exam <c>exam</c> object), the member name or index otherwise; a hostile claim nested deep
/// and wide is cut at <see cref="ClaimTree"/>'s limits and says how much is not shown; everything stays text.
/// </summary>
[Collection(SharedChromium.Name)]
public sealed class CheckerStructuredClaimTests(BrowserFixture browser)
{
    private const string HostileName = "<img src=x onerror=\"alert('name')\">";
    private const string HostileValue = "<script>alert('value')</script>";

    [Theory]
    [InlineData("ja", "試験区分", "試験区分コード", "試験名")]
    [InlineData("en", "Examination", "Category code", "Examination name")]
    public async Task The_exam_object_of_a_desk_credential_is_a_nested_list_labelled_from_type_metadata(string language, string examLabel, string codeLabel, string nameLabel)
    {
        var bed = await WebAppBed.StartAsync(browser);
        await using var _ = bed;
        var (certificate, _) = await DeskWallet.IssueAsync(bed);
        using var holderKey = certificate.HolderKey;
        var page = await bed.NewPageAsync(language);

        await CheckerPage.PasteAsync(page, bed, certificate.Credential);

        await CheckerPage.AssertVerifiedAsync(page);
        Assert.StartsWith(examLabel, await CheckerPage.LabelAsync(page, "exam"), StringComparison.Ordinal);
        var exam = page.Locator("#claims tr[data-path='exam'] td.value > dl.claim-tree");
        Assert.Equal(1, await exam.CountAsync());
        Assert.Equal(codeLabel, (await exam.Locator("dt[data-path='exam.category_code']").InnerTextAsync()).Trim());
        Assert.Equal("FE", (await exam.Locator("dd[data-path='exam.category_code']").InnerTextAsync()).Trim());
        Assert.Equal(nameLabel, (await exam.Locator("dt[data-path='exam.name']").InnerTextAsync()).Trim());
        Assert.Equal("基本情報技術者試験", (await exam.Locator("dd[data-path='exam.name']").InnerTextAsync()).Trim());
        // Not JSON text any more.
        Assert.DoesNotContain("{", await page.InnerTextAsync("#claims tr[data-path='exam'] td.value"), StringComparison.Ordinal);
        Assert.True(bed.Errors.Count == 0, string.Join("\n", bed.Errors));
    }

    [Theory]
    [InlineData("ja", "ほか")]
    [InlineData("en", "more not shown")]
    public async Task A_claim_nested_deep_and_wide_is_cut_at_the_limits_and_stays_text(string language, string notShown)
    {
        var bed = await WebAppBed.StartAsync(browser);
        await using var _ = bed;
        using var credentials = new CheckerCredentials(bed.Clock);
        credentials.WriteTrustList(bed.DataDirectory);
        JsonNode deep = "the bottom";
        for (var i = 0; i < 20; i++)
        {
            deep = new JsonObject { ["level"] = deep };
        }

        // Markup as a member name and as a value, first so that it is shown.
        var members = new JsonObject { [HostileName] = HostileValue };
        for (var i = 0; i < 300; i++)
        {
            members["m" + i.ToString("D3", CultureInfo.InvariantCulture)] = i;
        }
        var credential = await credentials.WithClaimsAsync(claims =>
        {
            claims.Claim("deep", deep).Claim("wide", new JsonArray([.. Enumerable.Range(0, 3000).Select(i => (JsonNode)i)])).Claim("many", members);
            // Twelve more arrays of 50: together they are over the credential's line budget.
            for (var i = 0; i < 12; i++)
            {
                claims.Claim("bulk_" + i.ToString("D2", CultureInfo.InvariantCulture), new JsonArray([.. Enumerable.Range(0, 50).Select(j => (JsonNode)("v" + j))]));
            }

            return claims;
        });
        var page = await bed.NewPageAsync(language);
        var dialogs = 0;
        page.Dialog += async (_, dialog) =>
        {
            dialogs++;
            await dialog.DismissAsync();
        };

        await CheckerPage.PasteAsync(page, bed, credential);

        await CheckerPage.AssertVerifiedAsync(page);
        // Deep: MaxDepth nested lists, the rest counted.
        var deepRow = page.Locator("#claims tr[data-path='deep']");
        Assert.Equal(ClaimTree.MaxDepth, await deepRow.Locator("dl.claim-tree").CountAsync());
        Assert.Equal("1", await deepRow.Locator("dd.not-shown").GetAttributeAsync("data-not-shown"));
        Assert.DoesNotContain("the bottom", await deepRow.InnerTextAsync(), StringComparison.Ordinal);
        // Wide: MaxItems items, the rest counted, in the page's language.
        var wideRow = page.Locator("#claims tr[data-path='wide']");
        Assert.Equal(ClaimTree.MaxItems, await wideRow.Locator("dl.claim-tree > dd:not(.not-shown)").CountAsync());
        Assert.Equal((3000 - ClaimTree.MaxItems).ToString(CultureInfo.InvariantCulture), await wideRow.Locator("dd.not-shown").GetAttributeAsync("data-not-shown"));
        Assert.Contains(notShown, await wideRow.Locator("dd.not-shown").InnerTextAsync(), StringComparison.Ordinal);
        var manyRow = page.Locator("#claims tr[data-path='many']");
        Assert.Equal(ClaimTree.MaxItems, await manyRow.Locator("dl.claim-tree > dd:not(.not-shown)").CountAsync());
        Assert.Equal((301 - ClaimTree.MaxItems).ToString(CultureInfo.InvariantCulture), await manyRow.Locator("dd.not-shown").GetAttributeAsync("data-not-shown"));
        // The whole list is bounded: top-level rows and nested values together stay within the line budget.
        var lines = await page.Locator("#claims tbody > tr").CountAsync() + await page.Locator("#claims dd:not(.not-shown)").CountAsync();
        Assert.InRange(lines, 1, ClaimTree.MaxLines);
        Assert.Equal(1, await page.Locator("#claims-not-shown").CountAsync());
        // Everything is text.
        Assert.Equal(HostileName, (await manyRow.Locator("dl.claim-tree > dt").First.InnerTextAsync()).Trim());
        Assert.Equal(HostileValue, (await manyRow.Locator("dl.claim-tree > dd").First.InnerTextAsync()).Trim());
        Assert.Equal(0, await page.Locator("#result img, #result script").CountAsync());
        await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.Load);
        Assert.Equal(0, dialogs);
        Assert.True(bed.Errors.Count == 0, string.Join("\n", bed.Errors));
    }
}
