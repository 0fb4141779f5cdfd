using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Credentials.AspNetCore.Authentication;
using Credentials.OpenId4Vp;
using Credentials.SdJwt;
using Xunit;

namespace Credentials.AspNetCore.Tests.Authentication;

/// <summary>
/// The failure's error code chain (<see cref="VerifiablePresentationDefaults.ErrorCodesProperty"/>): the top-level code
/// first, then each cause, so that an app can tell why the verifier rejected a presentation.
/// </summary>
public sealed partial class PresentationAuthenticationTests
{
    [Fact]
    public async Task RejectedPresentation_FailureCarriesTheCodesOfItsCauses()
    {
        await using var bed = await PresentationAuthenticationTestBed.StartAsync(PresentationFlow.CrossDevice);
        await bed.IssueIntoWalletAsync(ageOver20: true);
        using var browser = bed.NewBrowser();
        using var page = await browser.GetAsync("/checkout");
        var request = AuthorizationRequestLink.Read(Link(await page.Content.ReadAsStringAsync())).GetValueOrThrow();
        var state = request.Parameters.Single(p => p.Key == "state").Value;
        var plan = (await bed.Wallet.PrepareAsync(new Credentials.Wallet.Holder.PresentationRequest(PresentationAuthenticationTestBed.Query, request.ClientId!, "another-nonce-0123456789"))).GetValueOrThrow();
        var vpToken = (await bed.Wallet.RespondAsync(plan, Credentials.Wallet.Holder.PresentationConsent.Approve)).GetValueOrThrow().ToVpTokenJson();
        using var http = new HttpClient();
        using var posted = await http.PostAsync(bed.Origin + "/openid4vp/response", new FormUrlEncodedContent([new("vp_token", vpToken), new("state", state)]));

        using var callback = await browser.GetAsync(PresentationAuthenticationTestBed.CallbackPath);

        Assert.Equal(HttpStatusCode.Unauthorized, callback.StatusCode);
        Assert.Equal(OpenId4VpErrors.HolderBindingFailed.Value, Assert.Single(bed.Failures));
        var chain = Assert.Single(bed.FailureChains)!.Split(' ');
        Assert.Equal(OpenId4VpErrors.HolderBindingFailed.Value, chain[0]);
        Assert.Contains(KeyBindingErrors.NonceMismatch.Value, chain);
        Assert.Equal(chain.Length, chain.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task HandlerFailure_WithoutCause_ChainIsItsOwnCode()
    {
        await using var bed = await PresentationAuthenticationTestBed.StartAsync(PresentationFlow.CrossDevice);
        using var browser = bed.NewBrowser();

        using var callback = await browser.GetAsync(PresentationAuthenticationTestBed.CallbackPath);

        Assert.Equal(HttpStatusCode.Unauthorized, callback.StatusCode);
        Assert.Equal(PresentationAuthenticationErrors.CorrelationFailed.Value, Assert.Single(bed.FailureChains));
    }

    [Fact]
    public void ErrorCodes_TopLevelThenCauses_CodesOnlyAndBounded()
    {
        var inner = new VerificationError(SdJwtErrors.Expired, "secret message 2004-05-06");
        var middle = new VerificationError(OpenId4VpErrors.PresentationInvalid, "m") { Inner = inner };
        var top = new VerificationError(OpenId4VpErrors.QueryNotSatisfied, "t") { Inner = middle };

        Assert.Equal("openid4vp.query_not_satisfied openid4vp.presentation_invalid sdjwt.expired", VerifiablePresentationHandler.ErrorCodes(top.Code, top));
        Assert.Equal("openid4vp.query_not_satisfied", VerifiablePresentationHandler.ErrorCodes(top.Code, null));
        // A cause under another top-level code is listed after it.
        Assert.Equal("openid4vp.presentation_invalid sdjwt.expired", VerifiablePresentationHandler.ErrorCodes(OpenId4VpErrors.PresentationInvalid, inner));

        var deep = inner;
        for (var i = 0; i < 50; i++)
        {
            deep = new VerificationError(OpenId4VpErrors.PresentationInvalid, "x") { Inner = deep };
        }

        Assert.True(VerifiablePresentationHandler.ErrorCodes(deep.Code, deep).Split(' ').Length <= 9);
    }
}
