using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.OpenId4Vci;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Credentials.AspNetCore.Tests.OpenId4Vci;

/// <summary>
/// The issuer when things go wrong: a restart, a signer or a status list that fails mid-request, a state store that
/// fails, and hostile token requests. Every answer is a protocol error with a JSON body; nothing in flight is lost.
/// </summary>
public sealed class OpenId4VciFailureTests : IAsyncLifetime, IDisposable
{
    private const string Grant = CredentialOffer.PreAuthorizedCodeGrantType;
    private readonly SigningKey _holder = SigningKey.Create(JwsAlgorithm.Es256);
    private IssuerTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await IssuerTestBed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    public void Dispose() => _holder.Dispose();

    [Fact]
    public async Task Restart_SameStateDatabase_AccessTokenNonceAndLiveCodeStillWork()
    {
        var token = await _bed.TokenAsync(await _bed.OfferAsync());
        var nonce = await _bed.NonceAsync();
        var live = await _bed.OfferAsync(pin: "493536");

        await _bed.RestartAsync();
        var credential = await _bed.CredentialAsync(token, [await _bed.ProofAsync(_holder, nonce)]);
        var redeemed = await _bed.PostTokenRawAsync(("grant_type", Grant), ("pre-authorized_code", live.Offer.PreAuthorizedCode!.PreAuthorizedCode), ("tx_code", "493536"));

        Assert.True(credential.IsValid, credential.Error?.ToString());
        Assert.Single(credential.Value.Credentials!);
        Assert.Equal(200, redeemed.Status);
    }

    [Fact]
    public async Task Credential_SignerFailsOnce_ServerErrorThenRetryWithSameProofAndTokenSucceeds()
    {
        var token = await _bed.TokenAsync(await _bed.OfferAsync());
        var proof = await _bed.ProofAsync(_holder, await _bed.NonceAsync());
        _bed.Faults.FailSignatures(1);

        var failed = await _bed.CredentialAsync(token, [proof]);
        var retried = await _bed.CredentialAsync(token, [proof]);

        Assert.Equal(OpenId4VciErrors.ServerError, failed.Error?.Code);
        Assert.True(retried.IsValid, retried.Error?.ToString());
        Assert.Single(retried.Value.Credentials!);
    }

    [Fact]
    public async Task Credential_StatusListFailsOnce_ServerErrorThenRetrySucceedsAndTokenIsThenConsumed()
    {
        var token = await _bed.TokenAsync(await _bed.OfferAsync());
        var proof = await _bed.ProofAsync(_holder, await _bed.NonceAsync());
        _bed.Faults.FailStatusAllocations(1);

        var failed = await _bed.PostCredentialRawAsync(token, CredentialJson(proof));
        var retried = await _bed.CredentialAsync(token, [proof]);
        var again = await _bed.CredentialAsync(token, [await _bed.ProofAsync(_holder, await _bed.NonceAsync())]);

        Assert.Equal((500, "server_error"), (failed.Status, failed.Error));
        Assert.True(retried.IsValid, retried.Error?.ToString());
        Assert.Equal(OpenId4VciErrors.InvalidToken, again.Error?.Code);
    }

    [Fact]
    public async Task Credential_StatusListFails_LoggedAsErrorWithoutTokenOrProof()
    {
        var token = await _bed.TokenAsync(await _bed.OfferAsync());
        var proof = await _bed.ProofAsync(_holder, await _bed.NonceAsync());
        _bed.Faults.FailStatusAllocations(1);

        await _bed.PostCredentialRawAsync(token, CredentialJson(proof));

        var error = Assert.Single(_bed.Logs.Errors);
        Assert.IsType<Microsoft.Data.Sqlite.SqliteException>(error.Exception);
        Assert.DoesNotContain(token, _bed.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(proof, _bed.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryEndpoint_StateStoreFails_500ServerErrorJsonAndLogged()
    {
        var offer = await _bed.OfferAsync();
        var code = offer.Offer.PreAuthorizedCode!.PreAuthorizedCode;
        var token = await _bed.TokenAsync(await _bed.OfferAsync());
        var proof = await _bed.ProofAsync(_holder, await _bed.NonceAsync());
        _bed.Faults.StateStoreFails = true;

        var tokenResponse = await _bed.PostRawAsync(_bed.Issuer.TokenEndpoint, Form(("grant_type", Grant), ("pre-authorized_code", code)));
        var nonceResponse = await _bed.PostRawAsync(_bed.Issuer.NonceEndpoint, new StringContent(string.Empty));
        var credentialResponse = await _bed.PostCredentialRawAsync(token, CredentialJson(proof));
        using var offerResponse = await _bed.Http.GetAsync(offer.OfferUri);
        var offerError = ProtocolErrorResponse.TryParse(await offerResponse.Content.ReadAsByteArrayAsync())?.Error;

        Assert.Equal((500, "server_error", "application/json"), tokenResponse);
        Assert.Equal((500, "server_error", "application/json"), nonceResponse);
        Assert.Equal((500, "server_error"), (credentialResponse.Status, credentialResponse.Error));
        Assert.Equal((500, "server_error"), ((int)offerResponse.StatusCode, offerError));
        Assert.Equal(4, _bed.Logs.Errors.Count);
        Assert.DoesNotContain(code, _bed.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(token, _bed.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryEndpoint_StateStoreRecovers_NothingWasConsumed()
    {
        var offer = await _bed.OfferAsync();
        var token = await _bed.TokenAsync(await _bed.OfferAsync());
        var proof = await _bed.ProofAsync(_holder, await _bed.NonceAsync());
        _bed.Faults.StateStoreFails = true;
        await _bed.PostTokenRawAsync(("grant_type", Grant), ("pre-authorized_code", offer.Offer.PreAuthorizedCode!.PreAuthorizedCode));
        await _bed.PostCredentialRawAsync(token, CredentialJson(proof));

        _bed.Faults.StateStoreFails = false;
        var redeemed = await _bed.PostTokenRawAsync(("grant_type", Grant), ("pre-authorized_code", offer.Offer.PreAuthorizedCode!.PreAuthorizedCode));
        var credential = await _bed.CredentialAsync(token, [proof]);

        Assert.Equal(200, redeemed.Status);
        Assert.True(credential.IsValid, credential.Error?.ToString());
    }

    [Fact]
    public async Task Token_ThousandsOfFormKeys_400InvalidRequest()
    {
        var offer = await _bed.OfferAsync();
        var fields = Enumerable.Range(0, 1500).Select(i => ("k" + i, "v")).Prepend(("grant_type", Grant)).Append(("pre-authorized_code", offer.Offer.PreAuthorizedCode!.PreAuthorizedCode)).ToArray();

        var response = await _bed.PostRawAsync(_bed.Issuer.TokenEndpoint, Form(fields));

        Assert.Equal((400, "invalid_request", "application/json"), response);
    }

    [Fact]
    public async Task Token_TenMegabyteForm_413InvalidRequest()
    {
        var response = await _bed.PostRawAsync(_bed.Issuer.TokenEndpoint, new StringContent("grant_type=" + new string('a', 10 * 1024 * 1024), Encoding.ASCII, "application/x-www-form-urlencoded"));

        Assert.Equal((413, "invalid_request", "application/json"), response);
    }

    [Fact]
    public async Task Token_ChunkedFormOverTheLimit_InvalidRequest()
    {
        var content = new StreamContent(new System.IO.MemoryStream(Encoding.ASCII.GetBytes("grant_type=" + new string('a', 1024 * 1024))));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        using var request = new HttpRequestMessage(HttpMethod.Post, _bed.Issuer.TokenEndpoint) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await _bed.Http.SendAsync(request);
        var error = ProtocolErrorResponse.TryParse(await response.Content.ReadAsByteArrayAsync())?.Error;

        Assert.True((int)response.StatusCode is 400 or 413, response.StatusCode.ToString());
        Assert.Equal("invalid_request", error);
    }

    [Fact]
    public async Task Token_LongValue_400InvalidRequest()
    {
        var response = await _bed.PostRawAsync(_bed.Issuer.TokenEndpoint, Form(("grant_type", Grant), ("pre-authorized_code", new string('a', 8000))));

        Assert.Equal((400, "invalid_request", "application/json"), response);
    }

    [Fact]
    public async Task Token_MultipartGarbage_400InvalidRequest()
    {
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes("--x\r\nContent-Disposition: form-da\u0000ta; name=\"grant_type\r\n\r\n--"));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=x");

        var response = await _bed.PostRawAsync(_bed.Issuer.TokenEndpoint, content);

        Assert.Equal((400, "invalid_request", "application/json"), response);
    }

    [Fact]
    public async Task Credential_ChunkedBodyOverTheLimit_400InvalidCredentialRequest()
    {
        var token = await _bed.TokenAsync(await _bed.OfferAsync());
        var content = new StreamContent(new System.IO.MemoryStream(Encoding.ASCII.GetBytes("{\"padding\":\"" + new string('a', CredentialRequest.MaxLength) + "\"}")));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, _bed.Issuer.CredentialEndpoint) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        using var response = await _bed.Http.SendAsync(request);
        var error = ProtocolErrorResponse.TryParse(await response.Content.ReadAsByteArrayAsync())?.Error;

        Assert.Equal((400, "invalid_credential_request"), ((int)response.StatusCode, error));
    }

    [Fact]
    public async Task Token_RefusedForm_LoggedWithoutTheCode()
    {
        var offer = await _bed.OfferAsync();
        var code = offer.Offer.PreAuthorizedCode!.PreAuthorizedCode;

        await _bed.PostRawAsync(_bed.Issuer.TokenEndpoint, Form(("grant_type", Grant), ("pre-authorized_code", code), ("padding", new string('a', 8000))));

        Assert.Contains(_bed.Logs.Entries, e => e.Level == LogLevel.Information && e.EventId.Id == 1201);
        Assert.DoesNotContain(code, _bed.Logs.AllText, StringComparison.Ordinal);
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields)
        => new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private static string CredentialJson(string proof)
        => "{\"credential_configuration_id\":\"" + IssuerTestBed.ExamConfiguration + "\",\"proofs\":{\"jwt\":[\"" + proof + "\"]}}";
}
