using System;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Browser.Tests.Hosting;
using Microsoft.Playwright;
using Xunit;

namespace Credentials.Browser.Tests.Web.Checker;

/// <summary>
/// Input the checker cannot verify gets a page with a stable error code and a reason in plain words, never an error
/// page: nothing pasted, only white space, a file that is not text, a PNG without a baked badge, an SVG with a script
/// or a document type declaration, a JWT with <c>alg: none</c> (SD-JWT VC and Open Badge), a presentation with far
/// too many disclosures, text that is no credential and JSON nested thousands deep.
/// </summary>
[Collection(SharedChromium.Name)]
public sealed class CheckerInputErrorTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("empty", "checker.empty")]
    [InlineData("whitespace", "checker.empty")]
    [InlineData("binary-file", "checker.not_text")]
    [InlineData("png-without-badge", "bake.no_credential")]
    [InlineData("svg-with-script", "bake.no_credential")]
    [InlineData("svg-with-doctype", "bake.invalid_svg")]
    [InlineData("sd-jwt-alg-none", "jose.unsupported_algorithm")]
    [InlineData("badge-jwt-alg-none", "jose.unsupported_algorithm")]
    [InlineData("too-many-disclosures", "sdjwt.too_many_disclosures")]
    [InlineData("not-a-credential", "sdjwt.malformed")]
    [InlineData("json-nested-deep", "vc.malformed")]
    public async Task Input_that_cannot_be_verified_gets_a_code_and_a_plain_reason(string input, string code)
    {
        var bed = await WebAppBed.StartAsync(browser);
        await using var _ = bed;
        using var credentials = new CheckerCredentials(bed.Clock);
        credentials.WriteTrustList(bed.DataDirectory);
        var page = await bed.NewPageAsync("en");
        var dialogs = 0;
        page.Dialog += async (_, dialog) =>
        {
            dialogs++;
            await dialog.DismissAsync();
        };

        switch (input)
        {
            case "empty":
                await CheckerPage.PasteAsync(page, bed, string.Empty);
                break;
            case "whitespace":
                await CheckerPage.PasteAsync(page, bed, " \n\t\r\n \u3000 ");
                break;
            case "binary-file":
                await CheckerPage.UploadAsync(page, bed, "credential.bin", "application/octet-stream", [0xFF, 0xFE, 0x00, 0x81, 0xC3, 0x28, 0xA0, 0xA1]);
                break;
            case "png-without-badge":
                await CheckerPage.UploadAsync(page, bed, "badge.png", "image/png", CheckerCredentials.PlainPng());
                break;
            case "svg-with-script":
                await CheckerPage.UploadAsync(page, bed, "badge.svg", "image/svg+xml", Encoding.UTF8.GetBytes(
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert('onload')\"><script>alert('svg')</script><circle r=\"4\"/></svg>"));
                break;
            case "svg-with-doctype":
                await CheckerPage.UploadAsync(page, bed, "badge.svg", "image/svg+xml", Encoding.UTF8.GetBytes(
                    "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><svg xmlns=\"http://www.w3.org/2000/svg\">&x;</svg>"));
                break;
            case "sd-jwt-alg-none":
                await CheckerPage.PasteAsync(page, bed, AlgNone(await credentials.IpaExamAsync()));
                break;
            case "badge-jwt-alg-none":
                await CheckerPage.PasteAsync(page, bed, AlgNone(await credentials.BadgeJwtAsync()));
                break;
            case "too-many-disclosures":
                // 20,000 disclosures (each a distinct salt) in well under the 2 MiB the page accepts.
                var issued = await credentials.IpaExamAsync();
                var extra = string.Concat(Enumerable.Range(0, 20_000).Select(i => Disclosure(i) + "~"));
                await CheckerPage.PasteAsync(page, bed, issued + extra);
                break;
            case "not-a-credential":
                await CheckerPage.PasteAsync(page, bed, "Dear hiring team, here is my certificate.");
                break;
            default:
                await CheckerPage.PasteAsync(page, bed, string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000));
                break;
        }

        Assert.Equal("false", await page.GetAttributeAsync("#verdict", "data-verified"));
        Assert.StartsWith(code, await CheckerPage.ErrorCodeAsync(page), StringComparison.Ordinal);
        // A reason in plain words next to the code, not the code alone.
        var reason = (await page.InnerTextAsync("#error")).Replace(await CheckerPage.ErrorCodeAsync(page), string.Empty, StringComparison.Ordinal).Trim();
        Assert.True(reason.Length > 10, reason);
        Assert.Equal(0, await page.Locator("#claims").CountAsync());
        Assert.Equal(0, await page.Locator("#result script, #result svg, #result img").CountAsync());
        await page.WaitForLoadStateAsync(LoadState.Load);
        Assert.Equal(0, dialogs);
        Assert.True(bed.Errors.Count == 0, string.Join("\n", bed.Errors));
    }

    /// <summary>The JWT (the issuer-signed part of an SD-JWT) with its header's <c>alg</c> set to <c>none</c> and no signature.</summary>
    private static string AlgNone(string token)
    {
        var jwtEnd = token.IndexOf('~', StringComparison.Ordinal);
        var jwt = jwtEnd < 0 ? token : token[..jwtEnd];
        var parts = jwt.Split('.');
        var header = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[0]))!.AsObject();
        header["alg"] = "none";
        header.Remove("kid");
        var unsigned = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + parts[1] + ".";
        return jwtEnd < 0 ? unsigned : unsigned + token[jwtEnd..];
    }

    private static string Disclosure(int i)
        => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"[\"salt{i}\",\"claim{i}\",\"value\"]"));
}
