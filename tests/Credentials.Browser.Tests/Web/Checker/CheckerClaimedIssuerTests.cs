using System;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Browser.Tests.Hosting;
using Microsoft.Playwright;
using Xunit;

namespace Credentials.Browser.Tests.Web.Checker;

/// <summary>
/// An Open Badge that fails verification shows the issuer it claims (its <c>issuer.id</c> and <c>issuer.name</c>) as
/// claimed and not verified, as text and never as a link, in both languages: pasted as JSON, as a JWT and baked into a
/// PNG; from an issuer on no list and with a broken proof that names a trusted issuer.
/// </summary>
[Collection(SharedChromium.Name)]
public sealed class CheckerClaimedIssuerTests(BrowserFixture browser)
{
    // Looks like a link and like markup: it must stay text.
    private const string HostileName = "<a id=\"injected\" href=\"https://evil.example/\">公式 Official</a> https://evil.example/";

    [Theory]
    [InlineData("ja", "発行者（自称・未確認）", "json")]
    [InlineData("en", "Issuer (claimed, not verified)", "json")]
    [InlineData("ja", "発行者（自称・未確認）", "jwt")]
    [InlineData("en", "Issuer (claimed, not verified)", "jwt")]
    [InlineData("ja", "発行者（自称・未確認）", "png")]
    [InlineData("en", "Issuer (claimed, not verified)", "png")]
    public async Task A_badge_from_an_issuer_on_no_list_shows_its_claimed_issuer_as_text(string language, string label, string form)
    {
        var bed = await WebAppBed.StartAsync(browser);
        await using var _ = bed;
        using var credentials = new CheckerCredentials(bed.Clock);
        credentials.WriteTrustList(bed.DataDirectory);
        var page = await bed.NewPageAsync(language);

        switch (form)
        {
            case "json":
                await CheckerPage.PasteAsync(page, bed, await credentials.BadgeJsonAsync(trusted: false, issuerName: HostileName));
                break;
            case "jwt":
                await CheckerPage.PasteAsync(page, bed, await credentials.BadgeJwtAsync(trusted: false, issuerName: HostileName));
                break;
            default:
                await CheckerPage.UploadAsync(page, bed, "badge.png", "image/png", await credentials.BakedPngAsync(trusted: false, issuerName: HostileName));
                break;
        }

        Assert.Equal("false", await page.GetAttributeAsync("#verdict", "data-verified"));
        Assert.Equal("failed", await CheckerPage.OutcomeAsync(page, "IssuerTrust"));
        Assert.Equal(label, (await page.InnerTextAsync("dt:has(+ #claimed-issuer)")).Trim());
        Assert.Equal(credentials.UntrustedBadgeIssuer, (await page.InnerTextAsync("#claimed-issuer-id")).Trim());
        Assert.Equal(HostileName, (await page.InnerTextAsync("#claimed-issuer-name")).Trim());
        // Text only: no link, no element made from the name, and never shown as the issuer.
        Assert.Equal(0, await page.Locator("#claimed-issuer a, #injected, #result a").CountAsync());
        Assert.Equal(0, await page.Locator("#issuer-id, #issuer-name").CountAsync());
        if (form == "png")
        {
            Assert.Equal("ob3-baked-png", await page.GetAttributeAsync("#format", "data-format"));
        }

        Assert.True(bed.Errors.Count == 0, string.Join("\n", bed.Errors));
    }

    [Theory]
    [InlineData("ja")]
    [InlineData("en")]
    public async Task A_badge_with_a_broken_proof_naming_a_trusted_issuer_shows_it_only_as_claimed(string language)
    {
        var bed = await WebAppBed.StartAsync(browser);
        await using var _ = bed;
        using var credentials = new CheckerCredentials(bed.Clock);
        credentials.WriteTrustList(bed.DataDirectory);
        var page = await bed.NewPageAsync(language);
        var badge = JsonNode.Parse(await credentials.BadgeJsonAsync(issuerName: "テスト発行者 Test issuer"))!.AsObject();
        badge["name"] = "改ざんされたバッジ (tampered)";

        await CheckerPage.PasteAsync(page, bed, badge.ToJsonString());

        Assert.Equal("false", await page.GetAttributeAsync("#verdict", "data-verified"));
        Assert.Equal("failed", await CheckerPage.OutcomeAsync(page, "Proof"));
        Assert.Equal(credentials.BadgeIssuer, (await page.InnerTextAsync("#claimed-issuer-id")).Trim());
        Assert.Equal("テスト発行者 Test issuer", (await page.InnerTextAsync("#claimed-issuer-name")).Trim());
        Assert.Equal(0, await page.Locator("#issuer-id").CountAsync());
        await WebAppBed.ScreenshotAsync(page, "web-checker-badge-claimed-issuer-" + language);
        Assert.True(bed.Errors.Count == 0, string.Join("\n", bed.Errors));
    }
}
