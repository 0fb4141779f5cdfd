using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Credentials.Dcql;
using Credentials.Mdoc;
using Credentials.OpenId4Vp;
using Credentials.Protocols;
using Credentials.SdJwtVc;
using Credentials.Trust;
using Credentials.Wallet.Holder;
using Xunit;

namespace Credentials.Wallet.Tests.Holder;

/// <summary>An OpenID4VP round trip for <c>mso_mdoc</c>: the library's verifier asks, the wallet plans and answers, the verifier accepts.</summary>
public sealed class MdocWalletOpenId4VpTests
{
    private static OpenId4VpVerifier Verifier(MdocWalletTestBed bed, string responseMode = OpenId4VpConstants.ResponseModeDirectPost)
        => new(new InMemoryProtocolStateStore(), new SdJwtVcVerifier(new TrustList([])), new OpenId4VpVerifierOptions
        {
            ClientId = "redirect_uri:" + MdocWalletTestBed.ResponseUri,
            ResponseUri = new Uri(MdocWalletTestBed.ResponseUri),
            ResponseMode = responseMode,
            Mdoc = new MdocVerifierOptions { TrustAnchors = [bed.Iaca], TimeProvider = bed.Clock },
            TimeProvider = bed.Clock,
        });

    [Fact]
    public async Task DirectPost_TheWalletsDeviceResponseIsAcceptedWithOnlyTheRequestedElements()
    {
        using var bed = await MdocWalletTestBed.CreateAsync();
        await bed.ImportNewAsync();
        var verifier = Verifier(bed);
        var query = DcqlQuery.Read("""
            {"credentials":[{"id":"mdl","format":"mso_mdoc","meta":{"doctype_value":"org.iso.18013.5.1.mDL"},
              "claims":[{"path":["org.iso.18013.5.1","age_over_20"],"values":[true]},{"path":["org.iso.18013.5.1","family_name_national_character"]}]}]}
            """).GetValueOrThrow();
        var transaction = await verifier.CreateRequestAsync(query);
        var request = transaction.Request;

        var plan = await bed.Wallet.PrepareAsync(new PresentationRequest(request.DcqlQuery!, request.ClientId, request.Nonce) { ResponseUri = request.ResponseUri });
        Assert.True(plan.IsValid, plan.Error?.ToString());
        var response = await bed.Wallet.RespondAsync(plan.Value, PresentationConsent.Approve);
        Assert.True(response.IsValid, response.Error?.ToString());

        var answer = await verifier.ReceiveResponseAsync([new("vp_token", response.Value.ToVpTokenJson()), new("state", request.State!)]);

        Assert.Equal(200, answer.StatusCode);
        var result = (await verifier.GetResultAsync(transaction.TransactionId)).GetValueOrThrow();
        Assert.Equal(OpenId4VpTransactionStatus.Accepted, result.Status);
        var presented = Assert.Single(result.ValidPresentationsFor("mdl"));
        Assert.Equal("mso_mdoc", presented.Format);
        var elements = presented.Claims!.Value.GetProperty(MdocWalletTestBed.Mdl);
        Assert.Equal(["age_over_20", "family_name_national_character"], elements.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("山田", elements.GetProperty("family_name_national_character").GetString());
    }

    [Fact]
    public async Task DirectPost_AnAnswerForAnotherTransactionsNonceIsRefused()
    {
        using var bed = await MdocWalletTestBed.CreateAsync();
        await bed.ImportNewAsync();
        var verifier = Verifier(bed);
        var query = DcqlQuery.Read("""
            {"credentials":[{"id":"mdl","format":"mso_mdoc","meta":{"doctype_value":"org.iso.18013.5.1.mDL"},"claims":[{"path":["org.iso.18013.5.1","age_over_20"]}]}]}
            """).GetValueOrThrow();
        var first = await verifier.CreateRequestAsync(query);
        var second = await verifier.CreateRequestAsync(query);

        var plan = await bed.Wallet.PrepareAsync(new PresentationRequest(query, first.Request.ClientId, first.Request.Nonce) { ResponseUri = first.Request.ResponseUri });
        var response = await bed.Wallet.RespondAsync(plan.Value, PresentationConsent.Approve);
        var answer = await verifier.ReceiveResponseAsync([new("vp_token", response.Value.ToVpTokenJson()), new("state", second.Request.State!)]);

        Assert.Equal(OpenId4VpErrors.HolderBindingFailed, answer.Code);
    }
}
