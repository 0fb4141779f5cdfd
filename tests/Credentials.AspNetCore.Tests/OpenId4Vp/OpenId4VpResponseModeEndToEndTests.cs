using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.OpenId4Vp;
using Credentials.Wallet.Holder;
using Xunit;

namespace Credentials.AspNetCore.Tests.OpenId4Vp;

/// <summary>
/// Encrypted responses (OpenID4VP 1.0 section 8.3) over real HTTP on 127.0.0.1: <c>direct_post.jwt</c> with a fresh
/// ephemeral verifier key per transaction kept in the SQLite protocol state (a restarted verifier still decrypts),
/// <c>dc_api.jwt</c> through the page endpoints, and the refusals: a response in the clear, a tampered JWE, a JWE to
/// another key, an unknown <c>kid</c>, a replay.
/// </summary>
public sealed class OpenId4VpResponseModeEndToEndTests
{
    private static ValueTask<PresentationConsent> Approve(PresentationPlan plan, System.Threading.CancellationToken token) => ValueTask.FromResult(PresentationConsent.Approve);

    [Theory]
    [InlineData(VerifierKind.Did, true)]
    [InlineData(VerifierKind.Did, false)]
    [InlineData(VerifierKind.RedirectUri, false)]
    public async Task DirectPostJwt_WalletEncrypts_VerifierDecryptsAndAccepts(VerifierKind kind, bool byReference)
    {
        await using var bed = await OpenId4VpTestBed.StartAsync(kind, encrypted: true);
        await bed.IssueIntoWalletAsync();
        var transaction = await bed.Verifier.CreateRequestAsync(OpenId4VpTestBed.AgeOver20Query());

        // Section 8.3: one fresh P-256 ECDH-ES key with kid and use enc, and the enc values offered.
        Assert.Equal("direct_post.jwt", transaction.Request.ResponseMode);
        var metadata = transaction.Request.ClientMetadata!.Value;
        var key = Assert.Single(metadata.GetProperty("jwks").GetProperty("keys").EnumerateArray());
        Assert.Equal("EC", key.GetProperty("kty").GetString());
        Assert.Equal("P-256", key.GetProperty("crv").GetString());
        Assert.Equal("enc", key.GetProperty("use").GetString());
        Assert.Equal("ECDH-ES", key.GetProperty("alg").GetString());
        Assert.Equal(transaction.Request.State, key.GetProperty("kid").GetString());
        Assert.False(key.TryGetProperty("d", out _));
        Assert.Equal(["A128GCM", "A256GCM"], metadata.GetProperty("encrypted_response_enc_values_supported").EnumerateArray().Select(e => e.GetString()));

        var submission = await bed.Client.PresentAsync(byReference ? transaction.ByReferenceLink! : transaction.ByValueLink, Approve);

        Assert.True(submission.IsValid, submission.Error?.ToString());
        Assert.Equal(200, submission.Value.StatusCode);
        var result = (await bed.Verifier.GetResultAsync(transaction.TransactionId)).GetValueOrThrow();
        Assert.Equal(OpenId4VpTransactionStatus.Accepted, result.Status);
        Assert.True(Assert.Single(result.ValidPresentationsFor("age")).Claims!.Value.GetProperty("age_over_20").GetBoolean());

        // The private key is removed with the answer.
        var stored = await bed.State.TryGetAsync("openid4vp.transaction", transaction.TransactionId, DateTimeOffset.UtcNow);
        Assert.DoesNotContain("enc_key", stored!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DirectPostJwt_VerifierRestartsBetweenRequestAndResponse_StillDecrypts()
    {
        await using var bed = await OpenId4VpTestBed.StartAsync(VerifierKind.Did, encrypted: true);
        await bed.IssueIntoWalletAsync();
        var transaction = await bed.Verifier.CreateRequestAsync(OpenId4VpTestBed.AgeOver20Query());
        var request = await bed.Client.ResolveRequestAsync(transaction.ByValueLink);
        Assert.True(request.IsValid, request.Error?.ToString());
        Assert.True(request.Value.IsEncrypted);

        await bed.RestartVerifierAsync();
        var plan = await bed.Client.PrepareAsync(request.Value);
        var submission = await bed.Client.RespondAsync(request.Value, plan.GetValueOrThrow(), PresentationConsent.Approve);

        Assert.True(submission.IsValid, submission.Error?.ToString());
        Assert.Equal(200, submission.Value.StatusCode);
        var result = await bed.Verifier.GetResultAsync(transaction.TransactionId);
        Assert.Equal(OpenId4VpTransactionStatus.Accepted, result.GetValueOrThrow().Status);
    }

    [Fact]
    public async Task DirectPostJwt_VpTokenInTheClear_Rejected()
    {
        await using var bed = await OpenId4VpTestBed.StartAsync(VerifierKind.RedirectUri, encrypted: true);
        await bed.IssueIntoWalletAsync();
        var transaction = await bed.Verifier.CreateRequestAsync(OpenId4VpTestBed.AgeOver20Query());
        var vpToken = await bed.VpTokenForAsync(OpenId4VpTestBed.AgeOver20Query(), transaction.Request.ClientId, transaction.Request.Nonce);

        using var posted = await bed.PostResponseAsync([new("vp_token", vpToken), new("state", transaction.Request.State!)]);

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        var result = (await bed.Verifier.GetResultAsync(transaction.TransactionId)).GetValueOrThrow();
        Assert.Equal(OpenId4VpTransactionStatus.Rejected, result.Status);
        Assert.Equal(OpenId4VpErrors.ResponseNotEncrypted, result.Error!.Code);
    }

    [Fact]
    public async Task DirectPostJwt_ErrorResponseInTheClear_RecordedAsWalletError()
    {
        // Section 8.3.1: a wallet unable to encrypt MAY send an error response without encryption.
        await using var bed = await OpenId4VpTestBed.StartAsync(VerifierKind.RedirectUri, encrypted: true);
        var transaction = await bed.Verifier.CreateRequestAsync(OpenId4VpTestBed.AgeOver20Query());

        using var posted = await bed.PostResponseAsync([new("error", "access_denied"), new("state", transaction.Request.State!)]);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal(OpenId4VpTransactionStatus.WalletError, (await bed.Verifier.GetResultAsync(transaction.TransactionId)).GetValueOrThrow().Status);
    }

    [Fact]
    public async Task DirectPostJwt_TamperedJwe_RefusedAndRequestStillAnswerable()
    {
        await using var bed = await OpenId4VpTestBed.StartAsync(VerifierKind.RedirectUri, encrypted: true);
        await bed.IssueIntoWalletAsync();
        var transaction = await bed.Verifier.CreateRequestAsync(OpenId4VpTestBed.AgeOver20Query());
        var jwe = await EncryptedResponseAsync(bed, transaction);
        var parts = jwe.Split('.');
        parts[3] = (parts[3][0] == 'A' ? "B" : "A") + parts[3][1..];

        var tampered = await bed.Verifier.ReceiveResponseAsync([new("response", string.Join('.', parts))]);
        var genuine = await bed.Verifier.ReceiveResponseAsync([new("response", jwe)]);
        var replayed = await bed.Verifier.ReceiveResponseAsync([new("response", jwe)]);

        Assert.Equal(400, tampered.StatusCode);
        Assert.Equal(OpenId4VpErrors.ResponseDecryptionFailed, tampered.Code);
        Assert.Equal(200, genuine.StatusCode);
        Assert.Equal(OpenId4VpErrors.ResponseReplayed, replayed.Code);
    }

    [Fact]
    public async Task DirectPostJwt_JweToAnotherKeyOrUnknownKid_Refused()
    {
        await using var bed = await OpenId4VpTestBed.StartAsync(VerifierKind.RedirectUri, encrypted: true);
        await bed.IssueIntoWalletAsync();
        var transaction = await bed.Verifier.CreateRequestAsync(OpenId4VpTestBed.AgeOver20Query());
        var payload = Encoding.UTF8.GetBytes("{\"vp_token\":{\"age\":[\"x\"]},\"state\":\"" + transaction.Request.State + "\"}");
        using var other = KeyAgreementKey.CreateEc("P-256");

        var wrongKey = await bed.Verifier.ReceiveResponseAsync([new("response", JweEncrypter.Encrypt(payload, other.PublicJwk, JweEncryption.A128Gcm, new JweHeaderOptions { KeyId = transaction.Request.State }))]);
        var unknownKid = await bed.Verifier.ReceiveResponseAsync([new("response", JweEncrypter.Encrypt(payload, VerifierKey(transaction), JweEncryption.A128Gcm, new JweHeaderOptions { KeyId = "not-a-state" }))]);
        var notJwe = await bed.Verifier.ReceiveResponseAsync([new("response", "garbage")]);

        Assert.Equal(OpenId4VpErrors.ResponseDecryptionFailed, wrongKey.Code);
        Assert.Equal(OpenId4VpErrors.ResponseKeyUnknown, unknownKid.Code);
        Assert.Equal(OpenId4VpErrors.ResponseKeyUnknown, notJwe.Code);
        Assert.Equal(OpenId4VpTransactionStatus.Pending, (await bed.Verifier.GetResultAsync(transaction.TransactionId)).GetValueOrThrow().Status);
    }

    [Fact]
    public async Task DirectPostJwt_EncNotOffered_Refused()
    {
        await using var bed = await OpenId4VpTestBed.StartAsync(VerifierKind.RedirectUri, encrypted: true);
        var transaction = await bed.Verifier.CreateRequestAsync(OpenId4VpTestBed.AgeOver20Query());
        var payload = Encoding.UTF8.GetBytes("{\"error\":\"access_denied\",\"state\":\"" + transaction.Request.State + "\"}");
        var verifier = new OpenId4VpVerifier(bed.State, new Credentials.SdJwtVc.SdJwtVcVerifier(bed.Trust()), bed.Verifier.Options with { EncryptionMethods = ["A256GCM"] });
        var narrow = await verifier.CreateRequestAsync(OpenId4VpTestBed.AgeOver20Query());
        var narrowPayload = Encoding.UTF8.GetBytes("{\"error\":\"access_denied\",\"state\":\"" + narrow.Request.State + "\"}");

        var refused = await verifier.ReceiveResponseAsync([new("response", JweEncrypter.Encrypt(narrowPayload, VerifierKey(narrow), JweEncryption.A128Gcm, new JweHeaderOptions { KeyId = narrow.Request.State }))]);
        var accepted = await bed.Verifier.ReceiveResponseAsync([new("response", JweEncrypter.Encrypt(payload, VerifierKey(transaction), JweEncryption.A256Gcm, new JweHeaderOptions { KeyId = transaction.Request.State }))]);

        Assert.Equal(OpenId4VpErrors.ResponseDecryptionFailed, refused.Code);
        Assert.Equal(200, accepted.StatusCode);
    }

    [Fact]
    public async Task DcApiJwt_PageFlowWithEncryptedAnswer_Accepted_TamperedRefusedFirst()
    {
        await using var bed = await OpenId4VpTestBed.StartAsync(VerifierKind.Did, encrypted: true);
        await bed.IssueIntoWalletAsync();
        var transaction = await bed.Verifier.CreateDigitalCredentialsApiRequestAsync(OpenId4VpTestBed.AgeOver20Query(), signed: true);
        Assert.Equal("dc_api.jwt", transaction.ResponseMode);
        var answer = await bed.Client.AnswerDigitalCredentialsApiRequestAsync(transaction.Protocol, transaction.Data, bed.Origin, Approve);
        Assert.True(answer.IsValid, answer.Error?.ToString());
        var jwe = answer.Value.Data.GetProperty("response").GetString()!;
        Assert.Equal(5, jwe.Split('.').Length);
        Assert.False(answer.Value.Data.TryGetProperty("vp_token", out _));
        var parts = jwe.Split('.');
        parts[4] = (parts[4][0] == 'A' ? "B" : "A") + parts[4][1..];
        using var tamperedData = JsonDocument.Parse("{\"response\":\"" + string.Join('.', parts) + "\"}");

        var tampered = await bed.Verifier.ReceiveDigitalCredentialsApiResponseAsync(transaction.TransactionId, tamperedData.RootElement, bed.Origin);
        await bed.RestartVerifierAsync();
        using var posted = await PostAnswerAsync(bed, transaction.TransactionId, answer.Value.Data);

        Assert.Equal(OpenId4VpErrors.ResponseDecryptionFailed, tampered.Error?.Code);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        using var result = JsonDocument.Parse(await posted.Content.ReadAsStringAsync());
        Assert.Equal("accepted", result.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task DcApiJwt_VpTokenInTheClear_Rejected()
    {
        await using var bed = await OpenId4VpTestBed.StartAsync(VerifierKind.RedirectUri, encrypted: true);
        await bed.IssueIntoWalletAsync();
        var transaction = await bed.Verifier.CreateDigitalCredentialsApiRequestAsync(OpenId4VpTestBed.AgeOver20Query());
        var vpToken = await bed.VpTokenForAsync(OpenId4VpTestBed.AgeOver20Query(), "origin:" + bed.Origin, transaction.Nonce);
        using var data = JsonDocument.Parse("{\"vp_token\":" + vpToken + "}");

        var result = await bed.Verifier.ReceiveDigitalCredentialsApiResponseAsync(transaction.TransactionId, data.RootElement, bed.Origin);

        Assert.Equal(OpenId4VpErrors.ResponseNotEncrypted, result.GetValueOrThrow().Error!.Code);
    }

    private static Jwk VerifierKey(OpenId4VpTransaction transaction)
        => Jwk.ReadPublic(transaction.Request.ClientMetadata!.Value.GetProperty("jwks").GetProperty("keys")[0]).GetValueOrThrow();

    private static async Task<string> EncryptedResponseAsync(OpenId4VpTestBed bed, OpenId4VpTransaction transaction)
    {
        var vpToken = await bed.VpTokenForAsync(OpenId4VpTestBed.AgeOver20Query(), transaction.Request.ClientId, transaction.Request.Nonce);
        var payload = Encoding.UTF8.GetBytes("{\"vp_token\":" + vpToken + ",\"state\":\"" + transaction.Request.State + "\"}");
        return JweEncrypter.Encrypt(payload, VerifierKey(transaction), JweEncryption.A128Gcm, new JweHeaderOptions { KeyId = transaction.Request.State });
    }

    private static async Task<HttpResponseMessage> PostAnswerAsync(OpenId4VpTestBed bed, string transactionId, JsonElement data)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, bed.Origin + "/openid4vp/dc-api/response")
        {
            Content = new StringContent("{\"transaction_id\":\"" + transactionId + "\",\"data\":" + data.GetRawText() + "}", Encoding.UTF8, "application/json"),
        };
        message.Headers.Add("Origin", bed.Origin);
        return await bed.Http.SendAsync(message);
    }
}
