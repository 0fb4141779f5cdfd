using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Credentials.AspNetCore.Authentication;
using Credentials.OpenId4Vp;
using Xunit;
using Browser = Credentials.AspNetCore.Tests.Authentication.PresentationAuthenticationTestBed.Browser;

namespace Credentials.AspNetCore.Tests.Authentication;

/// <summary>
/// A page protected by <c>[Authorize(Policy = "Over20")]</c> on real Kestrel: anonymous → challenge → the wallet
/// presents over OpenID4VP <c>direct_post</c> → callback → sign-in cookie → the page; and every way that must not sign
/// anyone in.
/// </summary>
public sealed partial class PresentationAuthenticationTests
{
    [Fact]
    public async Task CrossDevice_AgeOver20True_PageShowsQrPollCompletesAndPagesAnswer200()
    {
        await using var bed = await PresentationAuthenticationTestBed.StartAsync(PresentationFlow.CrossDevice);
        await bed.IssueIntoWalletAsync(ageOver20: true);
        using var browser = bed.NewBrowser();

        using var page = await browser.GetAsync("/checkout?item=42");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = NonceRegex().Match(csp).Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"<script nonce=\"{nonce}\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src", html, StringComparison.Ordinal);
        var png = Convert.FromBase64String(QrRegex().Match(html).Groups[1].Value);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.Take(4));
        Assert.NotNull(browser.TransactionCookie);
        Assert.True(browser.TransactionCookie!.HttpOnly);
        Assert.Equal("pending", await StatusAsync(browser));

        var submission = await bed.PresentAsync(Link(html));
        Assert.Equal(200, submission.StatusCode);
        Assert.Null(submission.RedirectUri);
        Assert.Equal("complete", await StatusAsync(browser));

        using var callback = await browser.GetAsync(PresentationAuthenticationTestBed.CallbackPath);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/checkout?item=42", callback.Headers.Location?.OriginalString);
        Assert.True(browser.IsSignedIn);
        Assert.Null(browser.TransactionCookie);
        using var checkout = await browser.GetAsync("/checkout?item=42");
        using var attribute = await browser.GetAsync("/attribute");
        Assert.Equal(HttpStatusCode.OK, checkout.StatusCode);
        Assert.Equal("checkout", await checkout.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, attribute.StatusCode);
        Assert.Empty(bed.Failures);
    }

    [Fact]
    public async Task NamedVerifier_OnlyKeyedRegistration_ChallengeStartsTheRequestWithIt()
    {
        // Only a keyed verifier is registered: without VerifierName the handler would find none and fail.
        await using var bed = await PresentationAuthenticationTestBed.StartWithNamedVerifierAsync("shop");
        using var browser = bed.NewBrowser();

        using var page = await browser.GetAsync("/checkout");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var link = Uri.UnescapeDataString(Link(await page.Content.ReadAsStringAsync()));
        Assert.Contains(PresentationAuthenticationTestBed.NamedVerifierResponseUri, link, StringComparison.Ordinal);
        Assert.NotNull(browser.TransactionCookie);
        Assert.Equal("pending", await StatusAsync(browser));
    }

    [Fact]
    public async Task SameDevice_AgeOver20True_RedirectsToWalletAndCallbackWithResponseCodeSignsIn()
    {
        await using var bed = await PresentationAuthenticationTestBed.StartAsync(PresentationFlow.SameDevice);
        await bed.IssueIntoWalletAsync(ageOver20: true);
        using var browser = bed.NewBrowser();

        using var challenge = await browser.GetAsync("/attribute");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var link = challenge.Headers.Location!.OriginalString;
        Assert.StartsWith("openid4vp://?", link, StringComparison.Ordinal);
        var submission = await bed.PresentAsync(link);
        Assert.Equal(200, submission.StatusCode);
        var (path, fragment) = SplitRedirect(bed, submission.RedirectUri);

        // The browser lands on the redirect_uri; the fragment stays in the browser, so a relay page posts it back.
        using var relay = await browser.GetAsync(path);
        var relayPage = await relay.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, relay.StatusCode);
        Assert.Contains("location.hash", relayPage, StringComparison.Ordinal);
        Assert.Contains($"method=\"post\" action=\"{PresentationAuthenticationTestBed.CallbackPath}\"", relayPage, StringComparison.Ordinal);
        Assert.Contains("script-src 'nonce-", relay.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        using var callback = await browser.PostCodeAsync(path, fragment["response_code=".Length..]);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/attribute", callback.Headers.Location?.OriginalString);
        using var attribute = await browser.GetAsync("/attribute");
        using var checkout = await browser.GetAsync("/checkout");
        Assert.Equal(HttpStatusCode.OK, attribute.StatusCode);
        Assert.Equal(HttpStatusCode.OK, checkout.StatusCode);
    }

    [Fact]
    public async Task AgeOver20False_SignedInButPolicyAnswers403()
    {
        await using var bed = await PresentationAuthenticationTestBed.StartAsync(PresentationFlow.CrossDevice);
        await bed.IssueIntoWalletAsync(ageOver20: false);
        using var browser = bed.NewBrowser();

        await SignInCrossDeviceAsync(bed, browser, "/checkout");
        using var checkout = await browser.GetAsync("/checkout");
        using var attribute = await browser.GetAsync("/attribute");
        using var whoami = await browser.GetAsync("/whoami");

        Assert.True(browser.IsSignedIn);
        Assert.Equal(HttpStatusCode.Forbidden, checkout.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, attribute.StatusCode);
        Assert.Equal(HttpStatusCode.OK, whoami.StatusCode);
        Assert.Contains(await ClaimsAsync(whoami), c => c[0] == "age_over_20" && c[1] == "false");
    }

    [Fact]
    public async Task Principal_CarriesOnlyTheVerifiedRequestedClaimsWithTypeIssuerFormatAndMethod()
    {
        await using var bed = await PresentationAuthenticationTestBed.StartAsync(PresentationFlow.CrossDevice);
        await bed.IssueIntoWalletAsync(ageOver20: true);
        using var browser = bed.NewBrowser();

        await SignInCrossDeviceAsync(bed, browser, "/whoami");
        using var whoami = await browser.GetAsync("/whoami");
        var claims = await ClaimsAsync(whoami);

        Assert.Equal(HttpStatusCode.OK, whoami.StatusCode);
        Assert.Equal(
            [
                ["http://schemas.microsoft.com/ws/2008/06/identity/claims/authenticationmethod", "openid4vp"],
                ["age_over_20", "true"],
                ["credential_format", "dc+sd-jwt"],
                ["credential_issuer", bed.IssuerId],
                ["credential_type", PresentationAuthenticationTestBed.AgeVct],
            ],
            claims.Select(c => new[] { c[0], c[1] }).OrderBy(c => c[0] == "http://schemas.microsoft.com/ws/2008/06/identity/claims/authenticationmethod" ? "" : c[0], StringComparer.Ordinal));
        var age = claims.Single(c => c[0] == "age_over_20");
        Assert.Equal("http://www.w3.org/2001/XMLSchema#boolean", age[2]);
        Assert.Equal(bed.IssuerId, age[3]);
        Assert.DoesNotContain(claims, c => c[0] is "birthdate" or "age_over_18" or "issuing_country" or "cnf" or "iss" or "vct");
        Assert.DoesNotContain(claims, c => c[1].Contains('~', StringComparison.Ordinal) || c[1].Contains("2004-05-06", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TamperedPresentation_BoundToAnotherNonce_NoSignInAndVerifierCode()
    {
        await using var bed = await PresentationAuthenticationTestBed.StartAsync(PresentationFlow.CrossDevice);
        await bed.IssueIntoWalletAsync(ageOver20: true);
        using var browser = bed.NewBrowser();
        using var page = await browser.GetAsync("/checkout");
        var request = AuthorizationRequestLink.Read(Link(await page.Content.ReadAsStringAsync())).GetValueOrThrow();
        var state = request.Parameters.Single(p => p.Key == "state").Value;
        var plan = (await bed.Wallet.PrepareAsync(new Credentials.Wallet.Holder.PresentationRequest(PresentationAuthenticationTestBed.Query, request.ClientId!, "another-nonce-0123456789"))).GetValueOrThrow();
        var vpToken = (await bed.Wallet.RespondAsync(plan, Credentials.Wallet.Holder.PresentationConsent.Approve)).GetValueOrThrow().ToVpTokenJson();

        using var posted = await new HttpClient().PostAsync(bed.Origin + "/openid4vp/response", new FormUrlEncodedContent([new("vp_token", vpToken), new("state", state)]));
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Equal("complete", await StatusAsync(browser));
        using var callback = await browser.GetAsync(PresentationAuthenticationTestBed.CallbackPath);

        Assert.Equal(HttpStatusCode.Unauthorized, callback.StatusCode);
        Assert.Equal(OpenId4VpErrors.HolderBindingFailed.Value, Assert.Single(bed.Failures));
        Assert.False(browser.IsSignedIn);
        using var checkout = await browser.GetAsync("/checkout");
        Assert.Equal("text/html", checkout.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ExpiredRequest_WalletTooLate_NoSignInAndExpiredCode()
    {
        await using var bed = await PresentationAuthenticationTestBed.StartAsync(PresentationFlow.CrossDevice);
        await bed.IssueIntoWalletAsync(ageOver20: true);
        using var browser = bed.NewBrowser();
        using var page = await browser.GetAsync("/checkout");
        var link = Link(await page.Content.ReadAsStringAsync());

        bed.Clock.Advance(bed.Verifier.Options.RequestLifetime + TimeSpan.FromSeconds(1));
        var late = await bed.Client.PresentAsync(link, (_, _) => ValueTask.FromResult(Credentials.Wallet.Holder.PresentationConsent.Approve));
        Assert.False(late.IsValid && late.Value.IsProcessed);
        Assert.Equal("complete", await StatusAsync(browser));
        using var callback = await browser.GetAsync(PresentationAuthenticationTestBed.CallbackPath);

        Assert.Equal(HttpStatusCode.Unauthorized, callback.StatusCode);
        Assert.Equal(PresentationAuthenticationErrors.PresentationExpired.Value, Assert.Single(bed.Failures));
        Assert.False(browser.IsSignedIn);
    }

    [Fact]
    public async Task Callback_BeforeTheWalletAnswers_PendingAndTransactionKept()
    {
        await using var bed = await PresentationAuthenticationTestBed.StartAsync(PresentationFlow.CrossDevice);
        await bed.IssueIntoWalletAsync(ageOver20: true);
        using var browser = bed.NewBrowser();
        using var page = await browser.GetAsync("/checkout");

        using var early = await browser.GetAsync(PresentationAuthenticationTestBed.CallbackPath);
        await bed.PresentAsync(Link(await page.Content.ReadAsStringAsync()));
        using var callback = await browser.GetAsync(PresentationAuthenticationTestBed.CallbackPath);

        Assert.Equal(HttpStatusCode.Unauthorized, early.StatusCode);
        Assert.Equal(PresentationAuthenticationErrors.PresentationPending.Value, Assert.Single(bed.Failures));
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.True(browser.IsSignedIn);
    }

    [Fact]
    public async Task ReplayedCallback_SameCookieAndResponseCode_Refused()
    {
        await using var bed = await PresentationAuthenticationTestBed.StartAsync(PresentationFlow.SameDevice);
        await bed.IssueIntoWalletAsync(ageOver20: true);
        using var browser = bed.NewBrowser();
        using var challenge = await browser.GetAsync("/checkout");
        var submission = await bed.PresentAsync(challenge.Headers.Location!.OriginalString);
        var (path, fragment) = SplitRedirect(bed, submission.RedirectUri);
        var transactionCookie = browser.TransactionCookie!;

        using var first = await browser.PostCodeAsync(path, fragment["response_code=".Length..]);
        using var attacker = bed.NewBrowser();
        attacker.Cookies.Add(new Cookie(transactionCookie.Name, transactionCookie.Value, transactionCookie.Path, transactionCookie.Domain));
        using var replay = await attacker.PostCodeAsync(path, fragment["response_code=".Length..]);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal(PresentationAuthenticationErrors.TransactionReplayed.Value, Assert.Single(bed.Failures));
        Assert.False(attacker.IsSignedIn);
    }

    [Fact]
    public async Task AnotherBrowsersResponse_RefusedAndTheRightBrowserStillSignsIn()
    {
        await using var bed = await PresentationAuthenticationTestBed.StartAsync(PresentationFlow.SameDevice);
        await bed.IssueIntoWalletAsync(ageOver20: true);
        using var victim = bed.NewBrowser();
        using var attacker = bed.NewBrowser();
        using var stranger = bed.NewBrowser();
        using var victimChallenge = await victim.GetAsync("/checkout");
        using var attackerChallenge = await attacker.GetAsync("/checkout");
        var submission = await bed.PresentAsync(victimChallenge.Headers.Location!.OriginalString);
        var (path, fragment) = SplitRedirect(bed, submission.RedirectUri);

        // The victim's redirect (with its response_code) opened in the attacker's browser, which has its own pending
        // transaction, and in a browser with no transaction at all.
        using var withOwnTransaction = await attacker.PostCodeAsync(path, fragment["response_code=".Length..]);
        using var withoutTransaction = await stranger.PostCodeAsync(path, fragment["response_code=".Length..]);
        // The attacker's own transaction, once a wallet has answered it, with the victim's response_code.
        var attackerSubmission = await bed.PresentAsync(attackerChallenge.Headers.Location!.OriginalString);
        using var wrongCode = await attacker.PostCodeAsync(path, fragment["response_code=".Length..]);
        using var victimCallback = await victim.PostCodeAsync(path, fragment["response_code=".Length..]);

        Assert.Equal(HttpStatusCode.Unauthorized, withOwnTransaction.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutTransaction.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongCode.StatusCode);
        Assert.Equal(
            [PresentationAuthenticationErrors.PresentationPending.Value, PresentationAuthenticationErrors.CorrelationFailed.Value, OpenId4VpErrors.InvalidResponseCode.Value],
            bed.Failures);
        Assert.Equal(200, attackerSubmission.StatusCode);
        Assert.False(attacker.IsSignedIn);
        Assert.False(stranger.IsSignedIn);
        Assert.Equal(HttpStatusCode.Redirect, victimCallback.StatusCode);
        Assert.True(victim.IsSignedIn);
    }

    [Fact]
    public async Task Logs_UseEventIds1100To1199AndNeverTheTransactionNonceOrResponseCode()
    {
        await using var bed = await PresentationAuthenticationTestBed.StartAsync(PresentationFlow.SameDevice);
        await bed.IssueIntoWalletAsync(ageOver20: true);
        using var browser = bed.NewBrowser();
        using var challenge = await browser.GetAsync("/checkout");
        var link = challenge.Headers.Location!.OriginalString;
        var request = AuthorizationRequestLink.Read(link).GetValueOrThrow();
        var submission = await bed.PresentAsync(link);
        var (path, fragment) = SplitRedirect(bed, submission.RedirectUri);
        using var callback = await browser.PostCodeAsync(path, fragment["response_code=".Length..]);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);

        var entries = bed.Logs.Entries.Where(e => e.Category == typeof(VerifiablePresentationHandler).FullName).ToList();
        Assert.Contains(entries, e => e.EventId.Id == 1100);
        Assert.Contains(entries, e => e.EventId.Id == 1101);
        var own = entries.Where(e => e.EventId.Name is "ChallengeStarted" or "SignedIn" or "Failed" or "CorrelationFailed" or "Replayed").ToList();
        Assert.Equal(2, own.Count);
        Assert.All(own, e => Assert.InRange(e.EventId.Id, 1100, 1199));
        var text = bed.Logs.AllText;
        foreach (var secret in new[] { request.Parameters.Single(p => p.Key == "nonce").Value, request.Parameters.Single(p => p.Key == "state").Value, fragment["response_code=".Length..], browser.TransactionCookie?.Value ?? "no-cookie-left" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TamperedTransactionCookie_CorrelationFailed()
    {
        await using var bed = await PresentationAuthenticationTestBed.StartAsync(PresentationFlow.CrossDevice);
        await bed.IssueIntoWalletAsync(ageOver20: true);
        using var browser = bed.NewBrowser();
        using var page = await browser.GetAsync("/checkout");
        await bed.PresentAsync(Link(await page.Content.ReadAsStringAsync()));
        var cookie = browser.TransactionCookie!;
        var middle = cookie.Value.Length / 2;
        cookie.Value = cookie.Value[..middle] + (cookie.Value[middle] == 'A' ? 'B' : 'A') + cookie.Value[(middle + 1)..];

        using var callback = await browser.GetAsync(PresentationAuthenticationTestBed.CallbackPath);

        Assert.Equal(HttpStatusCode.Unauthorized, callback.StatusCode);
        Assert.Equal(PresentationAuthenticationErrors.CorrelationFailed.Value, Assert.Single(bed.Failures));
        Assert.False(browser.IsSignedIn);
    }

    [Fact]
    public async Task DefaultFailureAnswer_Is403WithoutSignIn()
    {
        await using var bed = await PresentationAuthenticationTestBed.StartAsync(PresentationFlow.CrossDevice, o => o.Events = new VerifiablePresentationEvents());
        using var browser = bed.NewBrowser();

        using var callback = await browser.GetAsync(PresentationAuthenticationTestBed.CallbackPath);

        Assert.Equal(HttpStatusCode.Forbidden, callback.StatusCode);
        Assert.Contains(PresentationAuthenticationErrors.CorrelationFailed.Value, await callback.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(browser.IsSignedIn);
    }

    [Fact]
    public async Task OnPresentationVerified_SeesTheResultAndCanAddAClaimOrRefuse()
    {
        string? seenStatus = null;
        await using var bed = await PresentationAuthenticationTestBed.StartAsync(PresentationFlow.CrossDevice, o => o.Events.OnPresentationVerified = context =>
        {
            seenStatus = context.PresentationResult.Status.ToString();
            if (context.Properties!.RedirectUri == "/refused")
            {
                context.Fail("not this one");
            }
            else
            {
                ((System.Security.Claims.ClaimsIdentity)context.Principal!.Identity!).AddClaim(new System.Security.Claims.Claim("shop_customer", "yes"));
            }

            return Task.CompletedTask;
        });
        await bed.IssueIntoWalletAsync(ageOver20: true);
        using var refused = bed.NewBrowser();
        using var accepted = bed.NewBrowser();

        using var refusedPage = await refused.GetAsync("/refused");
        await bed.PresentAsync(Link(await refusedPage.Content.ReadAsStringAsync()));
        using var refusedCallback = await refused.GetAsync(PresentationAuthenticationTestBed.CallbackPath);
        await SignInCrossDeviceAsync(bed, accepted, "/whoami");
        using var whoami = await accepted.GetAsync("/whoami");

        Assert.Equal(nameof(OpenId4VpTransactionStatus.Accepted), seenStatus);
        Assert.Equal(HttpStatusCode.Unauthorized, refusedCallback.StatusCode);
        Assert.Equal(PresentationAuthenticationErrors.PresentationRefused.Value, Assert.Single(bed.Failures));
        Assert.False(refused.IsSignedIn);
        Assert.Contains(await ClaimsAsync(whoami), c => c[0] == "shop_customer" && c[1] == "yes");
    }

    [Fact]
    public async Task Challenge_FlowThatDoesNotFitTheVerifier_ThrowsAtTheChallenge()
    {
        // A same-device scheme on a verifier without RedirectUri: a programmer error, answered 500 by the host.
        await using var bed = await PresentationAuthenticationTestBed.StartAsync(PresentationFlow.CrossDevice, o => o.Flow = PresentationFlow.SameDevice);
        using var browser = bed.NewBrowser();

        using var page = await browser.GetAsync("/checkout");

        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        Assert.Null(browser.TransactionCookie);
    }

    private static async Task SignInCrossDeviceAsync(PresentationAuthenticationTestBed bed, Browser browser, string path)
    {
        using var page = await browser.GetAsync(path);
        var submission = await bed.PresentAsync(Link(await page.Content.ReadAsStringAsync()));
        Assert.Equal(200, submission.StatusCode);
        using var callback = await browser.GetAsync(PresentationAuthenticationTestBed.CallbackPath);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
    }

    private static async Task<string?> StatusAsync(Browser browser)
    {
        using var status = await browser.GetAsync(PresentationAuthenticationTestBed.StatusPath);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal("no-store", status.Headers.CacheControl?.ToString());
        return JsonDocument.Parse(await status.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString();
    }

    private static async Task<string[][]> ClaimsAsync(HttpResponseMessage response)
        => JsonSerializer.Deserialize<string[][]>(await response.Content.ReadAsStringAsync())!;

    private static string Link(string html)
    {
        var match = LinkRegex().Match(html);
        Assert.True(match.Success, "the page has no wallet link");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static (string Path, string Fragment) SplitRedirect(PresentationAuthenticationTestBed bed, string? redirectUri)
    {
        Assert.NotNull(redirectUri);
        var hash = redirectUri.IndexOf('#', StringComparison.Ordinal);
        Assert.True(hash > 0);
        Assert.Equal(bed.Origin + PresentationAuthenticationTestBed.CallbackPath, redirectUri[..hash]);
        var fragment = redirectUri[(hash + 1)..];
        Assert.StartsWith("response_code=", fragment, StringComparison.Ordinal);
        return (PresentationAuthenticationTestBed.CallbackPath, fragment);
    }

    [GeneratedRegex("id=\"presentation-link\" href=\"([^\"]+)\"")]
    private static partial Regex LinkRegex();

    [GeneratedRegex("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"")]
    private static partial Regex QrRegex();

    [GeneratedRegex("script-src 'nonce-([A-Za-z0-9+/=]+)'")]
    private static partial Regex NonceRegex();
}
