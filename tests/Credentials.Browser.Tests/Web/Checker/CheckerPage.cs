using System.Threading.Tasks;
using Microsoft.Playwright;

namespace Credentials.Browser.Tests.Web.Checker;

/// <summary>Drives the checker page: paste or upload a credential and wait for the result.</summary>
internal static class CheckerPage
{
    /// <summary>How long a check may take on a slow, shared machine (it fetches status lists and DID documents).</summary>
    public static readonly PageWaitForSelectorOptions ResultWait = new() { Timeout = 90_000 };

    /// <summary>Opens <c>/checker</c>, pastes <paramref name="credential"/> and presses Check.</summary>
    public static async Task PasteAsync(IPage page, WebAppBed bed, string credential)
    {
        await page.GotoAsync(bed.Origin + "/checker", new PageGotoOptions { Timeout = 90_000 });
        await page.FillAsync("#credential-text", credential, new PageFillOptions { Timeout = 90_000 });
        await page.ClickAsync("#check", new PageClickOptions { Timeout = 90_000 });
        await page.WaitForSelectorAsync("#verdict", ResultWait);
    }

    /// <summary>Opens <c>/checker</c>, chooses the file with the file input and presses Check.</summary>
    public static async Task UploadAsync(IPage page, WebAppBed bed, string name, string mimeType, byte[] content)
    {
        await page.GotoAsync(bed.Origin + "/checker", new PageGotoOptions { Timeout = 90_000 });
        await page.SetInputFilesAsync("#credential-file", new FilePayload { Name = name, MimeType = mimeType, Buffer = content }, new PageSetInputFilesOptions { Timeout = 90_000 });
        await page.ClickAsync("#check", new PageClickOptions { Timeout = 90_000 });
        await page.WaitForSelectorAsync("#verdict", ResultWait);
    }

    /// <summary>Asserts the verdict says verified, else fails with the whole result (its checks and codes).</summary>
    public static async Task AssertVerifiedAsync(IPage page)
    {
        if (await page.GetAttributeAsync("#verdict", "data-verified") != "true")
        {
            Xunit.Assert.Fail("Not verified: " + await page.TextContentAsync("#result"));
        }
    }

    /// <summary>The outcome (<c>passed</c>, <c>failed</c>, <c>partial</c>, <c>notapplicable</c>, <c>notreached</c>) of a check row.</summary>
    public static Task<string?> OutcomeAsync(IPage page, string check)
        => page.GetAttributeAsync($"#checks tr[data-check='{check}']", "data-outcome");

    /// <summary>The error codes of a check row.</summary>
    public static async Task<string> CodeAsync(IPage page, string check)
        => (await page.Locator($"#checks tr[data-check='{check}'] code.code").InnerTextAsync()).Trim();

    /// <summary>The stable error code (and its causes) that decided the result.</summary>
    public static async Task<string> ErrorCodeAsync(IPage page)
        => (await page.Locator("#error-code").InnerTextAsync()).Trim();

    /// <summary>The displayed value of a claim row.</summary>
    public static async Task<string> ClaimAsync(IPage page, string path)
        => (await page.Locator($"#claims tr[data-path='{path}'] td.value").InnerTextAsync()).Trim();

    /// <summary>The label of a claim row.</summary>
    public static async Task<string> LabelAsync(IPage page, string path)
        => (await page.Locator($"#claims tr[data-path='{path}'] th").InnerTextAsync()).Trim();
}
