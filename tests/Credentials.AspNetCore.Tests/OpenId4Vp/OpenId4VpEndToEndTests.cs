using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.OpenId4Vp;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Status;
using Credentials.Wallet.Holder;
using Xunit;

namespace Credentials.AspNetCore.Tests.OpenId4Vp;

/// <summary>
/// OpenID4VP 1.0 end to end over real HTTP on 127.0.0.1: a Kestrel verifier asks for <c>age_over_20</c>, the wallet
/// client resolves the request, the holder service answers with only that claim, the verifier checks it and stores
/// the typed result; and the failure paths.
/// </summary>
public sealed class OpenId4VpEndToEndTests
{
    private static ValueTask<PresentationConsent> s_approve => ValueTask.FromResult(PresentationConsent.Approve);

    [Theory]
    [InlineData(VerifierKind.Did, true)]
    [InlineData(VerifierKind.Did, false)]
    [InlineData(VerifierKind.RedirectUri, false)]
    public async Task PresentAsync_AgeOver20_AcceptedWithOnlyThatClaim(VerifierKind kind, bool byReference)
    {
        await using var bed = await OpenId4VpTestBed.StartAsync(kind);
        await bed.IssueIntoWalletAsync();
        var transaction = await bed.Verifier.CreateRequestAsync(OpenId4VpTestBed.AgeOver20Query());
        Assert.Equal(kind == VerifierKind.Did, transaction.ByReferenceLink is not null);
        var link = byReference ? transaction.ByReferenceLink! : transaction.ByValueLink;
        PresentationPlan? shown = null;

        var submission = await bed.Client.PresentAsync(link, (plan, _) =>
        {
            shown = plan;
            return s_approve;
        });

        Assert.True(submission.IsValid, submission.Error?.ToString());
        Assert.Equal(200, submission.Value.StatusCode);
        Assert.Equal(["[\"age_over_20\"]"], shown!.Presentations.Single().RequestedClaims.Select(c => c.Path.ToString()));
        var result = await bed.Verifier.GetResultAsync(transaction.TransactionId);
        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(OpenId4VpTransactionStatus.Accepted, result.Value.Status);
        var presentation = Assert.Single(result.Value.ValidPresentationsFor("age"));
        Assert.Equal(["[\"age_over_20\"]"], presentation.DisclosedClaims.Select(p => p.ToString()));
        Assert.Equal(["[\"age_over_20\"]"], presentation.RequestedClaims.Select(p => p.ToString()));
        Assert.Empty(presentation.ExtraDisclosedClaims);
        var claims = presentation.Claims!.Value;
        Assert.True(claims.GetProperty("age_over_20").GetBoolean());
        Assert.False(claims.TryGetProperty("birth_date", out _));
        Assert.False(claims.TryGetProperty("age_over_18", out _));
        Assert.Equal(StatusValue.Valid, presentation.Status);
        Assert.Equal(bed.HolderKey.Thumbprint, presentation.HolderKeyThumbprint);
        Assert.Equal(transaction.Request.ClientId, result.Value.ClientId);
    }

    [Fact]
    public async Task CreateRequestAsync_DidClient_LinksCarrySignedRequestAndRequestUri()
    {
        await using var bed = await OpenId4VpTestBed.StartAsync(VerifierKind.Did, requestUriMethod: "post");

        var transaction = await bed.Verifier.CreateRequestAsync(OpenId4VpTestBed.AgeOver20Query());

        var byValue = AuthorizationRequestLink.Read(transaction.ByValueLink).GetValueOrThrow();
        var byReference = AuthorizationRequestLink.Read(transaction.ByReferenceLink!).GetValueOrThrow();
        Assert.StartsWith("openid4vp://?", transaction.ByValueLink, StringComparison.Ordinal);
        Assert.Equal(transaction.Request.ClientId, byValue.ClientId);
        Assert.NotNull(byValue.Request);
        Assert.Null(byValue.Parameters.FirstOrDefault(p => p.Key == "nonce").Value);
        Assert.Equal(transaction.RequestUri, byReference.RequestUri);
        Assert.Equal("post", byReference.RequestUriMethod);
        Assert.StartsWith("decentralized_identifier:did:key:z", transaction.Request.ClientId, StringComparison.Ordinal);
        Assert.Equal(43, transaction.Request.Nonce.Length);
        Assert.Equal(43, transaction.Request.State!.Length);
        Assert.NotEqual(transaction.Request.Nonce, transaction.Request.State);
    }

    [Fact]
    public async Task RequestUri_GetAndPost_ServeSignedRequestObjectWithMediaTypeAndWalletNonce()
    {
        await using var bed = await OpenId4VpTestBed.StartAsync(VerifierKind.Did, requestUriMethod: "post");
        var transaction = await bed.Verifier.CreateRequestAsync(OpenId4VpTestBed.AgeOver20Query());

        using var get = await bed.Http.GetAsync(transaction.RequestUri);
        using var post = await bed.Http.PostAsync(transaction.RequestUri, new System.Net.Http.FormUrlEncodedContent([new("wallet_nonce", "qPmxiNFCR3QTm19POc8u")]));
        using var unknown = await bed.Http.GetAsync(bed.Origin + "/openid4vp/request/unknown-id");

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("application/oauth-authz-req+jwt", get.Content.Headers.ContentType?.MediaType);
        var jws = Credentials.Jose.Jws.ReadCompact(await get.Content.ReadAsStringAsync()).GetValueOrThrow();
        Assert.Equal("oauth-authz-req+jwt", jws.Type);
        Assert.Equal(Credentials.Dids.Methods.DidKey.GetKeyId(bed.VerifierDid).Value, jws.KeyId);
        var payload = jws.ParsePayload().GetValueOrThrow();
        Assert.Equal(transaction.Request.Nonce, payload.GetProperty("nonce").GetString());
        Assert.Equal("direct_post", payload.GetProperty("response_mode").GetString());
        Assert.Equal(OpenId4VpConstants.SelfIssuedAudience, payload.GetProperty("aud").GetString());
        Assert.Equal(JsonValueKind.Object, payload.GetProperty("dcql_query").ValueKind);
        Assert.False(payload.TryGetProperty("wallet_nonce", out _));
        var posted = Credentials.Jose.Jws.ReadCompact(await post.Content.ReadAsStringAsync()).GetValueOrThrow().ParsePayload().GetValueOrThrow();
        Assert.Equal("qPmxiNFCR3QTm19POc8u", posted.GetProperty("wallet_nonce").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task PresentAsync_RequestUriMethodPost_WalletNonceRoundTripsAndAccepted()
    {
        await using var bed = await OpenId4VpTestBed.StartAsync(VerifierKind.Did, requestUriMethod: "post");
        await bed.IssueIntoWalletAsync();
        var transaction = await bed.Verifier.CreateRequestAsync(OpenId4VpTestBed.AgeOver20Query());

        var resolved = await bed.Client.ResolveRequestAsync(transaction.ByReferenceLink!);

        Assert.True(resolved.IsValid, resolved.Error?.ToString());
        Assert.True(resolved.Value.IsSigned);
        Assert.NotNull(resolved.Value.Request.WalletNonce);
        Assert.Equal(transaction.Request.Nonce, resolved.Value.Request.Nonce);
    }

    [Fact]
    public async Task ReceiveResponse_Replayed_RefusedAndFirstResultKept()
    {
        await using var bed = await OpenId4VpTestBed.StartAsync();
        await bed.IssueIntoWalletAsync();
        var transaction = await bed.Verifier.CreateRequestAsync(OpenId4VpTestBed.AgeOver20Query());
        var submission = (await bed.Client.PresentAsync(transaction.ByReferenceLink!, (_, _) => s_approve)).GetValueOrThrow();
        var form = submission.Response.ToForm();

        using var replay = await bed.PostResponseAsync(form);
        var direct = await bed.Verifier.ReceiveResponseAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal("invalid_request", JsonDocument.Parse(await replay.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        Assert.Equal(400, direct.StatusCode);
        Assert.Equal(OpenId4VpErrors.ResponseReplayed, direct.Code);
        Assert.Equal(OpenId4VpTransactionStatus.Accepted, (await bed.Verifier.GetResultAsync(transaction.TransactionId)).Value.Status);
    }

    [Fact]
    public async Task ReceiveResponse_UnknownState_RefusedWithUnknownState()
    {
        await using var bed = await OpenId4VpTestBed.StartAsync();
        await bed.IssueIntoWalletAsync();
        var query = OpenId4VpTestBed.AgeOver20Query();
        var vpToken = await bed.VpTokenForAsync(query, bed.Verifier.Options.ClientId, "n-0S6_WzA2Mj");

        using var http = await bed.PostResponseAsync([new("vp_token", vpToken), new("state", "not-a-state")]);
        var direct = await bed.Verifier.ReceiveResponseAsync([new("vp_token", vpToken), new("state", "not-a-state")]);
        var missing = await bed.Verifier.ReceiveResponseAsync([new("vp_token", vpToken)]);

        Assert.Equal(HttpStatusCode.BadRequest, http.StatusCode);
        Assert.Equal(OpenId4VpErrors.UnknownState, direct.Code);
        Assert.Equal(OpenId4VpErrors.UnknownState, missing.Code);
    }

    [Fact]
    public async Task ReceiveResponse_TamperedPresentation_RejectedAsInvalidSignature()
    {
        await using var bed = await OpenId4VpTestBed.StartAsync();
        await bed.IssueIntoWalletAsync();
        var transaction = await bed.Verifier.CreateRequestAsync(OpenId4VpTestBed.AgeOver20Query());
        var vpToken = await bed.VpTokenForAsync(transaction.Request.DcqlQuery, transaction.Request.ClientId, transaction.Request.Nonce);
        var presentation = JsonDocument.Parse(vpToken).RootElement.GetProperty("age")[0].GetString()!;
        var signatureEnd = presentation.IndexOf('~', StringComparison.Ordinal);
        var i = signatureEnd - 10;
        var tampered = presentation[..i] + (presentation[i] == 'A' ? 'B' : 'A') + presentation[(i + 1)..];

        using var http = await bed.PostResponseAsync([new("vp_token", AuthorizationResponse.WriteVpToken(new Dictionary<string, System.Collections.Immutable.ImmutableArray<string>> { ["age"] = [tampered] })), new("state", transaction.Request.State!)]);
        var result = (await bed.Verifier.GetResultAsync(transaction.TransactionId)).GetValueOrThrow();

        Assert.Equal(HttpStatusCode.BadRequest, http.StatusCode);
        Assert.Equal(OpenId4VpTransactionStatus.Rejected, result.Status);
        Assert.Equal(OpenId4VpErrors.QueryNotSatisfied, result.Error!.Code);
        Assert.Equal(OpenId4VpErrors.PresentationInvalid, result.Error.Inner!.Code);
        Assert.Equal(VerificationFailureKind.InvalidSignature, result.Error.Inner.Inner!.Kind);
        var discarded = Assert.Single(result.Presentations);
        Assert.False(discarded.IsValid);
        Assert.Null(discarded.Claims);
        Assert.Contains(discarded.Checks, c => c.Check == CheckKind.Signature && c.Outcome == CheckOutcome.Failed);
    }

    [Fact]
    public async Task ReceiveResponse_WrongNonce_RejectedAsHolderBindingFailure()
    {
        await using var bed = await OpenId4VpTestBed.StartAsync();
        await bed.IssueIntoWalletAsync();
        var transaction = await bed.Verifier.CreateRequestAsync(OpenId4VpTestBed.AgeOver20Query());
        var vpToken = await bed.VpTokenForAsync(transaction.Request.DcqlQuery, transaction.Request.ClientId, "another-nonce");

        using var http = await bed.PostResponseAsync([new("vp_token", vpToken), new("state", transaction.Request.State!)]);
        var result = (await bed.Verifier.GetResultAsync(transaction.TransactionId)).GetValueOrThrow();

        Assert.Equal(HttpStatusCode.BadRequest, http.StatusCode);
        Assert.Equal(OpenId4VpTransactionStatus.Rejected, result.Status);
        Assert.Equal(OpenId4VpErrors.HolderBindingFailed, result.Error!.Code);
        Assert.Equal(KeyBindingErrors.NonceMismatch, result.Error.Inner!.Code);
    }

    [Fact]
    public async Task ReceiveResponse_PresentationForAnotherClientId_RejectedAsAudienceMismatch()
    {
        await using var bed = await OpenId4VpTestBed.StartAsync();
        await bed.IssueIntoWalletAsync();
        var transaction = await bed.Verifier.CreateRequestAsync(OpenId4VpTestBed.AgeOver20Query());
        // A presentation made for another verifier, with this request's nonce, injected into this response.
        var vpToken = await bed.VpTokenForAsync(transaction.Request.DcqlQuery, "redirect_uri:https://other-verifier.example.jp/response", transaction.Request.Nonce);

        using var http = await bed.PostResponseAsync([new("vp_token", vpToken), new("state", transaction.Request.State!)]);
        var result = (await bed.Verifier.GetResultAsync(transaction.TransactionId)).GetValueOrThrow();

        Assert.Equal(HttpStatusCode.BadRequest, http.StatusCode);
        Assert.Equal(OpenId4VpErrors.HolderBindingFailed, result.Error!.Code);
        Assert.Equal(KeyBindingErrors.AudienceMismatch, result.Error.Inner!.Code);
    }

    [Fact]
    public async Task PresentAsync_RevokedBetweenIssuanceAndPresentation_RejectedAsRevoked()
    {
        await using var bed = await OpenId4VpTestBed.StartAsync();
        var reference = await bed.IssueIntoWalletAsync();
        await bed.StatusLists.RevokeAsync(reference);
        await bed.StatusLists.PublishAsync(bed.StatusListUri);
        var transaction = await bed.Verifier.CreateRequestAsync(OpenId4VpTestBed.AgeOver20Query());

        var submission = await bed.Client.PresentAsync(transaction.ByReferenceLink!, (_, _) => s_approve);
        var result = (await bed.Verifier.GetResultAsync(transaction.TransactionId)).GetValueOrThrow();

        Assert.True(submission.IsValid, submission.Error?.ToString());
        Assert.Equal(400, submission.Value.StatusCode);
        Assert.Equal("invalid_request", submission.Value.VerifierError);
        Assert.Equal(OpenId4VpTransactionStatus.Rejected, result.Status);
        Assert.Equal(OpenId4VpErrors.QueryNotSatisfied, result.Error!.Code);
        Assert.Equal(OpenId4VpErrors.PresentationInvalid, result.Error.Inner!.Code);
        Assert.Equal(StatusErrors.Revoked, result.Error.Inner.Inner!.Code);
        Assert.Contains(result.Presentations.Single().Checks, c => c.Check == CheckKind.Status && c.Outcome == CheckOutcome.Failed);
    }

    [Fact]
    public async Task PresentAsync_ConsentDenied_AccessDeniedRecorded()
    {
        await using var bed = await OpenId4VpTestBed.StartAsync();
        await bed.IssueIntoWalletAsync();
        var transaction = await bed.Verifier.CreateRequestAsync(OpenId4VpTestBed.AgeOver20Query());

        var submission = await bed.Client.PresentAsync(transaction.ByReferenceLink!, (_, _) => ValueTask.FromResult(PresentationConsent.Deny));
        var result = (await bed.Verifier.GetResultAsync(transaction.TransactionId)).GetValueOrThrow();

        Assert.True(submission.IsValid, submission.Error?.ToString());
        Assert.True(submission.Value.IsProcessed);
        Assert.Equal("access_denied", submission.Value.Response.Error);
        Assert.Null(submission.Value.Response.VpToken);
        Assert.Equal(OpenId4VpTransactionStatus.WalletError, result.Status);
        Assert.Equal(OpenId4VpErrors.WalletError, result.Error!.Code);
        Assert.Equal(OpenId4VpOAuthErrors.AccessDenied, result.WalletError);
        Assert.Empty(result.Presentations);
    }

    [Fact]
    public async Task PresentAsync_NoMatchingCredential_AccessDeniedWithoutAskingTheUser()
    {
        await using var bed = await OpenId4VpTestBed.StartAsync();
        await bed.IssueIntoWalletAsync(ageOver20: false);
        var transaction = await bed.Verifier.CreateRequestAsync(OpenId4VpTestBed.AgeOver20Query());
        var asked = false;

        var submission = await bed.Client.PresentAsync(transaction.ByValueLink, (_, _) =>
        {
            asked = true;
            return s_approve;
        });
        var result = (await bed.Verifier.GetResultAsync(transaction.TransactionId)).GetValueOrThrow();

        Assert.False(asked);
        Assert.Equal("access_denied", submission.GetValueOrThrow().Response.Error);
        Assert.Equal(OpenId4VpOAuthErrors.AccessDenied, result.WalletError);
    }

    [Fact]
    public async Task GetResultAsync_BeforeResponseAndUnknownId_PendingAndUnknownTransaction()
    {
        await using var bed = await OpenId4VpTestBed.StartAsync();
        var transaction = await bed.Verifier.CreateRequestAsync(OpenId4VpTestBed.AgeOver20Query());

        var pending = await bed.Verifier.GetResultAsync(transaction.TransactionId);
        var unknown = await bed.Verifier.GetResultAsync(transaction.Request.State!);

        Assert.Equal(OpenId4VpTransactionStatus.Pending, pending.GetValueOrThrow().Status);
        Assert.Equal(OpenId4VpErrors.UnknownTransaction, unknown.Error?.Code);
    }

    [Fact]
    public async Task PresentAsync_RedirectUriConfigured_ResultNeedsTheResponseCode()
    {
        await using var bed = await OpenId4VpTestBed.StartAsync(VerifierKind.Did, redirectUri: new Uri("https://shop.example.jp/done"));
        await bed.IssueIntoWalletAsync();
        var transaction = await bed.Verifier.CreateRequestAsync(OpenId4VpTestBed.AgeOver20Query());

        var submission = (await bed.Client.PresentAsync(transaction.ByReferenceLink!, (_, _) => s_approve)).GetValueOrThrow();
        var redirect = submission.RedirectUri!;
        var code = redirect[(redirect.IndexOf("#response_code=", StringComparison.Ordinal) + "#response_code=".Length)..];

        Assert.StartsWith("https://shop.example.jp/done#response_code=", redirect, StringComparison.Ordinal);
        Assert.Equal(OpenId4VpErrors.InvalidResponseCode, (await bed.Verifier.GetResultAsync(transaction.TransactionId)).Error?.Code);
        Assert.Equal(OpenId4VpErrors.InvalidResponseCode, (await bed.Verifier.GetResultAsync(transaction.TransactionId, "wrong")).Error?.Code);
        Assert.Equal(OpenId4VpTransactionStatus.Accepted, (await bed.Verifier.GetResultAsync(transaction.TransactionId, code)).GetValueOrThrow().Status);
    }

    [Fact]
    public async Task ReceiveResponse_NotAForm_RefusedWithInvalidRequest()
    {
        await using var bed = await OpenId4VpTestBed.StartAsync();

        using var http = await bed.Http.PostAsync(bed.Origin + "/openid4vp/response", new System.Net.Http.StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, http.StatusCode);
        Assert.Equal("invalid_request", JsonDocument.Parse(await http.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ReceiveResponse_ConcurrentDuplicates_ExactlyOneProcessed()
    {
        await using var bed = await OpenId4VpTestBed.StartAsync();
        await bed.IssueIntoWalletAsync();
        var transaction = await bed.Verifier.CreateRequestAsync(OpenId4VpTestBed.AgeOver20Query());
        var vpToken = await bed.VpTokenForAsync(transaction.Request.DcqlQuery, transaction.Request.ClientId, transaction.Request.Nonce);
        KeyValuePair<string, string>[] form = [new("vp_token", vpToken), new("state", transaction.Request.State!)];

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () => await bed.Verifier.ReceiveResponseAsync(form))));

        Assert.Equal(1, results.Count(r => r.StatusCode == 200));
        Assert.All(results.Where(r => r.StatusCode != 200), r => Assert.True(r.Code == OpenId4VpErrors.ResponseReplayed || r.Code == OpenId4VpErrors.UnknownState));
    }

    [Fact]
    public async Task ReceiveResponse_MoreDisclosedThanAsked_AcceptedAndExtraReported()
    {
        await using var bed = await OpenId4VpTestBed.StartAsync();
        await bed.IssueIntoWalletAsync();
        var transaction = await bed.Verifier.CreateRequestAsync(OpenId4VpTestBed.AgeOver20Query());
        var wider = Credentials.Dcql.DcqlQuery.Read($$"""
            {"credentials":[{"id":"age","format":"dc+sd-jwt","meta":{"vct_values":["{{OpenId4VpTestBed.AgeVct}}"]},"claims":[{"path":["age_over_20"]},{"path":["birth_date"]}]}]}
            """).GetValueOrThrow();
        var vpToken = await bed.VpTokenForAsync(wider, transaction.Request.ClientId, transaction.Request.Nonce);

        using var http = await bed.PostResponseAsync([new("vp_token", vpToken), new("state", transaction.Request.State!)]);
        var result = (await bed.Verifier.GetResultAsync(transaction.TransactionId)).GetValueOrThrow();

        Assert.Equal(HttpStatusCode.OK, http.StatusCode);
        Assert.Equal(OpenId4VpTransactionStatus.Accepted, result.Status);
        var presentation = result.Presentations.Single();
        Assert.Equal(["[\"age_over_20\"]"], presentation.RequestedClaims.Select(p => p.ToString()));
        Assert.Equal(["[\"birth_date\"]"], presentation.ExtraDisclosedClaims.Select(p => p.ToString()));
        Assert.Equal("2004-05-06", presentation.Claims!.Value.GetProperty("birth_date").GetString());
    }

    [Fact]
    public async Task ReceiveResponse_ValueNotAsked_PresentationDiscardedAndQueryNotSatisfied()
    {
        await using var bed = await OpenId4VpTestBed.StartAsync();
        await bed.IssueIntoWalletAsync(ageOver20: false);
        var transaction = await bed.Verifier.CreateRequestAsync(OpenId4VpTestBed.AgeOver20Query());
        var anyValue = Credentials.Dcql.DcqlQuery.Read($$"""
            {"credentials":[{"id":"age","format":"dc+sd-jwt","meta":{"vct_values":["{{OpenId4VpTestBed.AgeVct}}"]},"claims":[{"path":["age_over_20"]}]}]}
            """).GetValueOrThrow();
        var vpToken = await bed.VpTokenForAsync(anyValue, transaction.Request.ClientId, transaction.Request.Nonce);

        using var http = await bed.PostResponseAsync([new("vp_token", vpToken), new("state", transaction.Request.State!)]);
        var result = (await bed.Verifier.GetResultAsync(transaction.TransactionId)).GetValueOrThrow();

        Assert.Equal(HttpStatusCode.BadRequest, http.StatusCode);
        Assert.Equal(OpenId4VpErrors.QueryNotSatisfied, result.Error!.Code);
        Assert.Equal(OpenId4VpErrors.ClaimsNotSatisfied, result.Error.Inner!.Code);
        Assert.Equal(OpenId4VpErrors.ClaimsNotSatisfied, result.Presentations.Single().Error!.Code);
    }

    [Theory]
    [InlineData("other", 1, "openid4vp.unknown_credential_query")]
    [InlineData("age", 2, "openid4vp.too_many_presentations")]
    public async Task ReceiveResponse_VpTokenShapeAgainstQuery_Rejected(string queryId, int copies, string code)
    {
        await using var bed = await OpenId4VpTestBed.StartAsync();
        await bed.IssueIntoWalletAsync();
        var transaction = await bed.Verifier.CreateRequestAsync(OpenId4VpTestBed.AgeOver20Query());
        var vpToken = await bed.VpTokenForAsync(transaction.Request.DcqlQuery, transaction.Request.ClientId, transaction.Request.Nonce);
        var presentation = JsonDocument.Parse(vpToken).RootElement.GetProperty("age")[0].GetString()!;
        var reshaped = AuthorizationResponse.WriteVpToken(new Dictionary<string, System.Collections.Immutable.ImmutableArray<string>> { [queryId] = [.. Enumerable.Repeat(presentation, copies)] });

        var response = await bed.Verifier.ReceiveResponseAsync([new("vp_token", reshaped), new("state", transaction.Request.State!)]);
        var result = (await bed.Verifier.GetResultAsync(transaction.TransactionId)).GetValueOrThrow();

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(code, response.Code?.Value);
        Assert.Equal(code, result.Error?.Code.Value);
        Assert.Equal(OpenId4VpTransactionStatus.Rejected, result.Status);
    }
}
