using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.OpenId4Vp;
using Credentials.Wallet.Holder;
using Credentials.Wallet.OpenId4Vp;
using Xunit;

namespace Credentials.AspNetCore.Tests.OpenId4Vp;

/// <summary>
/// OpenID4VP 1.0 over the Digital Credentials API (Appendix A) against a real Kestrel verifier on 127.0.0.1: the page's
/// endpoints create a request, the wallet client answers it as the platform would hand it over (with the page's
/// Origin), and the page posts the answer back; unsigned and signed requests, wrong Origins, replays.
/// </summary>
public sealed class OpenId4VpDcApiEndToEndTests
{
    private static ValueTask<PresentationConsent> Approve(PresentationPlan plan, System.Threading.CancellationToken token) => ValueTask.FromResult(PresentationConsent.Approve);

    [Theory]
    [InlineData(VerifierKind.RedirectUri, false)]
    [InlineData(VerifierKind.Did, false)]
    [InlineData(VerifierKind.Did, true)]
    public async Task DcApi_PageCreatesWalletAnswersPagePosts_AcceptedWithOnlyRequestedClaim(VerifierKind kind, bool signed)
    {
        await using var bed = await OpenId4VpTestBed.StartAsync(kind);
        await bed.IssueIntoWalletAsync();

        using var created = await CreateAsync(bed, bed.Origin, signed);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        using var request = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var protocol = request.RootElement.GetProperty("protocol").GetString()!;
        var data = request.RootElement.GetProperty("data");
        var transactionId = request.RootElement.GetProperty("transaction_id").GetString()!;
        Assert.Equal(signed ? "openid4vp-v1-signed" : "openid4vp-v1-unsigned", protocol);
        if (!signed)
        {
            // Appendix A.2: no client_id in unsigned requests.
            Assert.False(data.TryGetProperty("client_id", out _));
            Assert.Equal("dc_api", data.GetProperty("response_mode").GetString());
        }
        else
        {
            var jws = Jws.ReadCompact(data.GetProperty("request").GetString()!).GetValueOrThrow();
            var payload = jws.ParsePayload().GetValueOrThrow();
            Assert.Equal("oauth-authz-req+jwt", jws.Type);
            Assert.Equal(bed.Verifier.Options.ClientId, payload.GetProperty("client_id").GetString());
            Assert.Equal([bed.Origin], payload.GetProperty("expected_origins").EnumerateArray().Select(e => e.GetString()));
        }

        PresentationPlan? shown = null;
        var answer = await bed.Client.AnswerDigitalCredentialsApiRequestAsync(protocol, data, bed.Origin, (plan, token) =>
        {
            shown = plan;
            return Approve(plan, token);
        });
        Assert.True(answer.IsValid, answer.Error?.ToString());
        Assert.Equal("origin:" + bed.Origin, shown!.Audience);
        Assert.True(answer.Value.Data.GetProperty("vp_token").TryGetProperty("age", out _));

        using var posted = await PostAnswerAsync(bed, bed.Origin, transactionId, answer.Value.Data);
        var body = await posted.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        using var result = JsonDocument.Parse(body);
        Assert.Equal("accepted", result.RootElement.GetProperty("status").GetString());
        Assert.True(Assert.Single(result.RootElement.GetProperty("claims").EnumerateObject(), c => c.Name == "age_over_20").Value.GetBoolean());
        var presentation = Assert.Single(result.RootElement.GetProperty("presentations").EnumerateArray());
        var claim = Assert.Single(presentation.GetProperty("claims").EnumerateArray());
        Assert.Equal("age_over_20", claim.GetProperty("path")[0].GetString());
        Assert.True(claim.GetProperty("value").GetBoolean());
        Assert.DoesNotContain("birth_date", body, StringComparison.Ordinal);
        Assert.DoesNotContain("issuing_country", body, StringComparison.Ordinal);

        var stored = await bed.Verifier.GetResultAsync(transactionId);
        Assert.Equal(OpenId4VpTransactionStatus.Accepted, stored.GetValueOrThrow().Status);
    }

    [Fact]
    public async Task DcApi_SameAnswerPostedTwice_SecondIsReplay()
    {
        await using var bed = await OpenId4VpTestBed.StartAsync(VerifierKind.RedirectUri);
        await bed.IssueIntoWalletAsync();
        var transaction = await bed.Verifier.CreateDigitalCredentialsApiRequestAsync(OpenId4VpTestBed.AgeOver20Query());
        var answer = await bed.Client.AnswerDigitalCredentialsApiRequestAsync(transaction.Protocol, transaction.Data, bed.Origin, Approve);
        Assert.True(answer.IsValid, answer.Error?.ToString());

        using var first = await PostAnswerAsync(bed, bed.Origin, transaction.TransactionId, answer.Value.Data);
        using var second = await PostAnswerAsync(bed, bed.Origin, transaction.TransactionId, answer.Value.Data);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("openid4vp.response_replayed", await CodeAsync(second));
        var direct = await bed.Verifier.ReceiveDigitalCredentialsApiResponseAsync(transaction.TransactionId, answer.Value.Data, bed.Origin);
        Assert.Equal(OpenId4VpErrors.ResponseReplayed, direct.Error?.Code);
    }

    [Fact]
    public async Task DcApi_PageOnAnotherOrigin_RefusedAtBothEndpoints()
    {
        await using var bed = await OpenId4VpTestBed.StartAsync(VerifierKind.RedirectUri);
        await bed.IssueIntoWalletAsync();
        const string attacker = "https://attacker.example";

        using var created = await CreateAsync(bed, attacker, signed: false);
        var transaction = await bed.Verifier.CreateDigitalCredentialsApiRequestAsync(OpenId4VpTestBed.AgeOver20Query());
        var answer = await bed.Client.AnswerDigitalCredentialsApiRequestAsync(transaction.Protocol, transaction.Data, bed.Origin, Approve);
        using var posted = await PostAnswerAsync(bed, attacker, transaction.TransactionId, answer.GetValueOrThrow().Data);
        using var noOrigin = await PostAnswerAsync(bed, null, transaction.TransactionId, answer.GetValueOrThrow().Data);

        Assert.Equal(HttpStatusCode.Forbidden, created.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, noOrigin.StatusCode);
        var pending = await bed.Verifier.GetResultAsync(transaction.TransactionId);
        Assert.Equal(OpenId4VpTransactionStatus.Pending, pending.GetValueOrThrow().Status);
    }

    [Fact]
    public async Task DcApi_WalletCalledFromAnotherOrigin_PresentationBoundToThatOrigin_Rejected()
    {
        // A malicious page relays the verifier's unsigned request: the wallet binds to the relaying page's Origin, so
        // the presentation is useless at the verifier (Appendix A.4, section 14.1.2).
        await using var bed = await OpenId4VpTestBed.StartAsync(VerifierKind.RedirectUri);
        await bed.IssueIntoWalletAsync();
        var transaction = await bed.Verifier.CreateDigitalCredentialsApiRequestAsync(OpenId4VpTestBed.AgeOver20Query());
        var answer = await bed.Client.AnswerDigitalCredentialsApiRequestAsync(transaction.Protocol, transaction.Data, "https://relay.example", Approve);
        Assert.True(answer.IsValid, answer.Error?.ToString());

        var result = await bed.Verifier.ReceiveDigitalCredentialsApiResponseAsync(transaction.TransactionId, answer.Value.Data, bed.Origin);

        Assert.Equal(OpenId4VpTransactionStatus.Rejected, result.GetValueOrThrow().Status);
        Assert.Equal(OpenId4VpErrors.HolderBindingFailed, result.Value.Error!.Code);
    }

    [Fact]
    public async Task DcApi_SignedRequestFromOriginNotExpected_WalletRefuses()
    {
        await using var bed = await OpenId4VpTestBed.StartAsync(VerifierKind.Did);
        await bed.IssueIntoWalletAsync();
        var transaction = await bed.Verifier.CreateDigitalCredentialsApiRequestAsync(OpenId4VpTestBed.AgeOver20Query(), signed: true);
        var asked = false;

        var answer = await bed.Client.AnswerDigitalCredentialsApiRequestAsync(transaction.Protocol, transaction.Data, "https://relay.example", (plan, token) =>
        {
            asked = true;
            return Approve(plan, token);
        });

        Assert.False(answer.IsValid);
        Assert.Equal(OpenId4VpErrors.OriginMismatch, answer.Error.Code);
        Assert.False(asked);
        Assert.Equal("invalid_request", OpenId4VpWalletClient.DigitalCredentialsApiError(OpenId4VpErrors.ToOAuthError(answer.Error.Code)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task DcApi_ClientIdAudienceInsteadOfOrigin_Rejected()
    {
        // Appendix A.4: the audience is origin:<Origin> even for signed requests; a presentation for the client_id is refused.
        await using var bed = await OpenId4VpTestBed.StartAsync(VerifierKind.Did);
        await bed.IssueIntoWalletAsync();
        var transaction = await bed.Verifier.CreateDigitalCredentialsApiRequestAsync(OpenId4VpTestBed.AgeOver20Query(), signed: true);
        var vpToken = await bed.VpTokenForAsync(OpenId4VpTestBed.AgeOver20Query(), bed.Verifier.Options.ClientId, transaction.Nonce);
        using var data = JsonDocument.Parse("{\"vp_token\":" + vpToken + "}");

        var result = await bed.Verifier.ReceiveDigitalCredentialsApiResponseAsync(transaction.TransactionId, data.RootElement, bed.Origin);

        Assert.Equal(OpenId4VpErrors.HolderBindingFailed, result.GetValueOrThrow().Error!.Code);
    }

    [Fact]
    public async Task DcApi_WalletDenies_ErrorDataRecordedAsWalletError()
    {
        await using var bed = await OpenId4VpTestBed.StartAsync(VerifierKind.RedirectUri);
        await bed.IssueIntoWalletAsync();
        var transaction = await bed.Verifier.CreateDigitalCredentialsApiRequestAsync(OpenId4VpTestBed.AgeOver20Query());
        var answer = await bed.Client.AnswerDigitalCredentialsApiRequestAsync(transaction.Protocol, transaction.Data, bed.Origin, (_, _) => ValueTask.FromResult(PresentationConsent.Deny));
        Assert.Equal("access_denied", answer.GetValueOrThrow().Data.GetProperty("error").GetString());

        using var posted = await PostAnswerAsync(bed, bed.Origin, transaction.TransactionId, answer.Value.Data);
        using var result = JsonDocument.Parse(await posted.Content.ReadAsStringAsync());

        Assert.Equal("wallet_error", result.RootElement.GetProperty("status").GetString());
        Assert.Equal("access_denied", result.RootElement.GetProperty("wallet_error").GetString());
    }

    [Fact]
    public async Task DcApi_DirectPostCannotAnswerDcApiTransaction_AndViceVersa()
    {
        await using var bed = await OpenId4VpTestBed.StartAsync(VerifierKind.RedirectUri);
        await bed.IssueIntoWalletAsync();
        var redirect = await bed.Verifier.CreateRequestAsync(OpenId4VpTestBed.AgeOver20Query());
        using var data = JsonDocument.Parse("{\"error\":\"access_denied\"}");

        var result = await bed.Verifier.ReceiveDigitalCredentialsApiResponseAsync(redirect.TransactionId, data.RootElement, bed.Origin);

        Assert.Equal(OpenId4VpErrors.UnknownTransaction, result.Error?.Code);
    }

    private static async Task<HttpResponseMessage> CreateAsync(OpenId4VpTestBed bed, string origin, bool signed)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, bed.Origin + "/openid4vp/dc-api/request?signed=" + (signed ? "true" : "false"));
        message.Headers.Add("Origin", origin);
        return await bed.Http.SendAsync(message);
    }

    private static async Task<HttpResponseMessage> PostAnswerAsync(OpenId4VpTestBed bed, string? origin, string transactionId, JsonElement data)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, bed.Origin + "/openid4vp/dc-api/response")
        {
            Content = new StringContent("{\"transaction_id\":" + JsonSerializer.Serialize(transactionId) + ",\"data\":" + data.GetRawText() + "}", Encoding.UTF8, "application/json"),
        };
        if (origin is not null)
        {
            message.Headers.Add("Origin", origin);
        }

        return await bed.Http.SendAsync(message);
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
    }
}
