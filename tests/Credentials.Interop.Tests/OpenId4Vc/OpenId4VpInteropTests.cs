using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.OpenId4Vp;
using Xunit;

namespace Credentials.Interop.Tests.OpenId4Vc;

/// <summary>
/// OpenID4VP with <c>@openid4vc/openid4vp</c> (pinned in node/package.json) against our verifier on loopback: their
/// wallet-side parser resolves and validates our authorization request (signed Request Object by value and by
/// reference for a did:key client, unsigned by value for a redirect_uri client), and their verifier-side validation
/// accepts the DCQL vp_token our holder service builds for that request, which our verifier then accepts too.
/// </summary>
public sealed class OpenId4VpInteropTests
{
    [Theory]
    [InlineData(InteropVerifierKind.Did, false)]
    [InlineData(InteropVerifierKind.Did, true)]
    [InlineData(InteropVerifierKind.RedirectUri, false)]
    public async Task TheirClientAndVerifier_OurRequestAndVpToken_ResolvedValidatedAndAcceptedByUs(InteropVerifierKind kind, bool byReference)
    {
        await using var bed = await InteropVerifier.StartAsync(kind);
        var transaction = await bed.Verifier.CreateRequestAsync(InteropVerifier.AgeOver20Query());
        var request = transaction.Request;
        var vpToken = await bed.VpTokenForAsync(request);
        var link = byReference ? transaction.ByReferenceLink! : transaction.ByValueLink;

        var output = await RunAsync(link, vpToken, request.State);

        Assert.Equal(request.ClientId, output["request"]!["client_id"]!.GetValue<string>());
        Assert.Equal(request.Nonce, output["request"]!["nonce"]!.GetValue<string>());
        Assert.Equal("vp_token", output["request"]!["response_type"]!.GetValue<string>());
        Assert.Equal("direct_post", output["request"]!["response_mode"]!.GetValue<string>());
        Assert.Equal(bed.Origin + "/openid4vp/response", output["request"]!["response_uri"]!.GetValue<string>());
        Assert.Equal("age", output["dcqlQuery"]!["credentials"]![0]!["id"]!.GetValue<string>());
        if (kind == InteropVerifierKind.Did)
        {
            Assert.Equal("decentralized_identifier", output["client"]!["prefix"]!.GetValue<string>());
            Assert.Equal(byReference ? "reference" : "value", output["jarSendBy"]!.GetValue<string>());
            var signer = Assert.Single(output["signedBy"]!.AsArray())!;
            Assert.Equal("did", signer["method"]!.GetValue<string>());
            Assert.StartsWith(bed.VerifierDid.Value + "#", signer["didUrl"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal("redirect_uri", output["client"]!["prefix"]!.GetValue<string>());
            Assert.Null(output["jarSendBy"]);
            Assert.Empty(output["signedBy"]!.AsArray());
        }

        var response = output["response"]!;
        Assert.Equal("dcql", response["type"]!.GetValue<string>());
        Assert.Equal(["age"], response["presentationIds"]!.AsArray().Select(n => n!.GetValue<string>()));
        var keyBinding = response["keyBinding"]!["age"]!;
        Assert.Equal("kb+jwt", keyBinding["header"]!["typ"]!.GetValue<string>());
        Assert.Equal(request.Nonce, keyBinding["payload"]!["nonce"]!.GetValue<string>());
        Assert.Equal(request.ClientId, keyBinding["payload"]!["aud"]!.GetValue<string>());

        var form = new List<KeyValuePair<string, string>> { new("vp_token", vpToken) };
        if (request.State is not null)
        {
            form.Add(new("state", request.State));
        }

        using var posted = await bed.PostResponseAsync(form);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var result = await bed.Verifier.GetResultAsync(transaction.TransactionId);
        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(OpenId4VpTransactionStatus.Accepted, result.Value.Status);
    }

    [Fact]
    public async Task TheirClient_OurRequestObjectWithBrokenSignature_Rejected()
    {
        await using var bed = await InteropVerifier.StartAsync(InteropVerifierKind.Did);
        var transaction = await bed.Verifier.CreateRequestAsync(InteropVerifier.AgeOver20Query());
        var jwt = AuthorizationRequestLink.Read(transaction.ByValueLink).GetValueOrThrow().Request!;
        var last = jwt[^2] == 'A' ? 'B' : 'A';
        var tampered = transaction.ByValueLink.Replace(jwt, jwt[..^2] + last + jwt[^1], StringComparison.Ordinal);
        Assert.NotEqual(transaction.ByValueLink, tampered);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(tampered, null, null));

        Assert.Contains("Oauth2JwtVerificationError", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheirVerifier_OurVpTokenWithOtherState_RejectedAsStateMismatch()
    {
        await using var bed = await InteropVerifier.StartAsync(InteropVerifierKind.Did);
        var transaction = await bed.Verifier.CreateRequestAsync(InteropVerifier.AgeOver20Query());
        Assert.NotNull(transaction.Request.State);
        var vpToken = await bed.VpTokenForAsync(transaction.Request);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(transaction.ByValueLink, vpToken, "not-the-state"));

        Assert.Contains("state mismatch", error.Message, StringComparison.Ordinal);
    }

    private static async Task<JsonNode> RunAsync(string link, string? vpToken, string? state)
    {
        var stdin = new JsonObject { ["link"] = link, ["vpToken"] = vpToken is null ? null : JsonNode.Parse(vpToken), ["state"] = state }.ToJsonString();
        return JsonNode.Parse(await NodeRunner.Shared.RunAsync("oid4vc-vp-wallet-verifier.mjs", stdin))!;
    }
}
