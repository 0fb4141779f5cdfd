using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.OpenId4Vp;
using Xunit;

namespace Credentials.Interop.Tests.OpenId4Vc;

/// <summary>
/// OpenID4VP 1.0 section 5.10 (<c>request_uri_method=post</c>, which HAIP 1.0 expects wallets to support) with
/// <c>@openid4vc/openid4vp</c> 0.4.6 as the wallet against our verifier on loopback (script
/// <c>node/oid4vc-vp-wallet-verifier.mjs</c>): their wallet POSTs to our Request URI and resolves the signed Request
/// Object; what it POSTs is recorded by the host and compared with section 5.10.1.
/// </summary>
public sealed class RequestUriMethodPostInteropTests
{
    [Fact]
    public async Task TheirWallet_RequestUriMethodPost_PostsToOurRequestUriAndResolvesTheSignedRequest()
    {
        await using var bed = await InteropVerifier.StartAsync(InteropVerifierKind.Did, OpenId4VpConstants.RequestUriMethodPost);
        var transaction = await bed.Verifier.CreateRequestAsync(InteropVerifier.AgeOver20Query());
        var link = transaction.ByReferenceLink!;
        Assert.Equal("post", AuthorizationRequestLink.Read(link).GetValueOrThrow().RequestUriMethod);

        var output = await RunAsync(link, wallet: null);

        Assert.Null(output["refused"]);
        Assert.Equal("reference", output["jarSendBy"]!.GetValue<string>());
        Assert.Equal(transaction.Request.Nonce, output["request"]!["nonce"]!.GetValue<string>());
        Assert.Equal(transaction.Request.ClientId, output["request"]!["client_id"]!.GetValue<string>());
        var posted = Assert.Single(bed.Received.Where("POST", "/openid4vp/request/" + RequestId(link)));
        Assert.Empty(bed.Received.Where("GET", "/openid4vp/request/" + RequestId(link)));
        Assert.Equal("application/x-www-form-urlencoded", posted.Headers["Content-Type"].Split(';')[0]);
    }

    // Section 5.10.1: the wallet sends `wallet_metadata` (a JSON object as a string) and `wallet_nonce` as form
    // parameters, and section 5.10.2 has the verifier echo `wallet_nonce` in the Request Object. Their
    // fetchJarRequestObject (0.4.6) POSTs the members of the wallet metadata as top-level form parameters and never
    // sends a wallet_nonce (it reads `wallet.nonce`, while the option their types document is `expectedNonce`), so with
    // a wallet nonce their own check ("wallet_nonce MUST be present") refuses our Request Object. Their bug, not ours:
    // our endpoint echoes a wallet_nonce POSTed as the section says.
    [Fact]
    public async Task TheirWallet_WithWalletNonce_PostsNoWalletNonceAndRefusesItsOwnExchange_OurEndpointEchoesAPostedNonce()
    {
        await using var bed = await InteropVerifier.StartAsync(InteropVerifierKind.Did, OpenId4VpConstants.RequestUriMethodPost);
        var transaction = await bed.Verifier.CreateRequestAsync(InteropVerifier.AgeOver20Query());
        var link = transaction.ByReferenceLink!;
        var wallet = new JsonObject
        {
            ["expectedNonce"] = "wallet-nonce-4711",
            // Section 10: without client_id_prefixes_supported a wallet supports pre-registered clients only.
            ["metadata"] = new JsonObject
            {
                ["vp_formats_supported"] = new JsonObject { ["dc+sd-jwt"] = new JsonObject() },
                ["client_id_prefixes_supported"] = new JsonArray("decentralized_identifier"),
            },
        };

        var output = await RunAsync(link, wallet);

        Assert.True(output["refused"] is not null, output.ToJsonString());
        Assert.Equal("invalid_request", output["refused"]!["error"]!.GetValue<string>());
        Assert.Contains("wallet_nonce", output["refused"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        var posted = Assert.Single(bed.Received.Where("POST", "/openid4vp/request/" + RequestId(link)));
        Assert.NotNull(posted.Form);
        Assert.False(posted.Form!.ContainsKey("wallet_nonce"));
        Assert.False(posted.Form.ContainsKey("wallet_metadata"));
        Assert.True(posted.Form.ContainsKey("vp_formats_supported"));

        // The same Request URI POSTed as section 5.10.1 says: our verifier echoes the nonce in the signed Request Object.
        using var response = await bed.Http.PostAsync(
            AuthorizationRequestLink.Read(link).GetValueOrThrow().RequestUri,
            new FormUrlEncodedContent([new("wallet_nonce", "wallet-nonce-4711"), new("wallet_metadata", wallet["metadata"]!.ToJsonString())]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var jws = Jws.ReadCompact(await response.Content.ReadAsStringAsync()).GetValueOrThrow();
        Assert.Equal("wallet-nonce-4711", JsonNode.Parse(jws.Payload.Span)!["wallet_nonce"]!.GetValue<string>());
    }

    private static string RequestId(string link)
        => new Uri(AuthorizationRequestLink.Read(link).GetValueOrThrow().RequestUri!).Segments.Last();

    private static async Task<JsonNode> RunAsync(string link, JsonObject? wallet)
    {
        var stdin = new JsonObject { ["link"] = link, ["vpToken"] = null, ["state"] = null, ["wallet"] = wallet, ["reportRefusal"] = true }.ToJsonString();
        return JsonNode.Parse(await NodeRunner.Shared.RunAsync("oid4vc-vp-wallet-verifier.mjs", stdin))!;
    }
}
