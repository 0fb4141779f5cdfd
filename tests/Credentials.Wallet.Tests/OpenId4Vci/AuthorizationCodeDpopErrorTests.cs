using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Credentials.Http;
using Credentials.OAuth;
using Credentials.Wallet.OpenId4Vci;
using Credentials.Wallet.Tests.Holder;
using Xunit;
using Stub = Credentials.Wallet.Tests.OpenId4Vci.AuthorizationCodeStubServer;

namespace Credentials.Wallet.Tests.OpenId4Vci;

/// <summary>
/// The DPoP errors of the token endpoint (RFC 9449 sections 5 and 8) as the wallet reports them: <c>use_dpop_nonce</c>
/// is retried once with the new nonce, then reported as <see cref="DpopErrors.UseNonce"/>; <c>invalid_dpop_proof</c>
/// as <see cref="DpopErrors.InvalidProof"/> (never as a bare HTTP status).
/// </summary>
public sealed class AuthorizationCodeDpopErrorTests : IDisposable
{
    private static readonly Uri Redirect = new("http://127.0.0.1:7777/callback");
    private readonly HolderTestBed _bed;
    private readonly Stub _server;
    private readonly HttpClient _http;

    public AuthorizationCodeDpopErrorTests()
    {
        _bed = HolderTestBed.CreateAsync().GetAwaiter().GetResult();
        _server = new Stub(_bed);
        _http = new HttpClient(_server);
    }

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
        _bed.Dispose();
    }

    private OpenId4VciClient Client() => new(_http, new OpenId4VciClientOptions
    {
        Http = OpenId4VciClientOptions.Default.Http with { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback },
        TimeProvider = _bed.Clock,
        ClientId = "wallet-instance-1",
    });

    private async Task<VerificationResult<ReceivedCredential>> RedeemAsync()
    {
        var client = Client();
        var session = (await client.StartAuthorizationAsync(Stub.Offer(), new AuthorizationCodeRequest { RedirectUri = Redirect })).GetValueOrThrow();
        var back = new Uri($"{Redirect}?code=c&state={Uri.EscapeDataString(session.State)}&iss={Uri.EscapeDataString(Stub.ServerIssuer)}");
        return await client.CompleteAuthorizationAsync(session, back, _bed.Wallet);
    }

    private static HttpResponseMessage WithNonce(HttpResponseMessage response, string nonce)
    {
        response.Headers.TryAddWithoutValidation(DpopProof.NonceHeaderName, nonce);
        return response;
    }

    [Fact]
    public async Task Token_UseDpopNonceTwice_RetriedOnceThenDpopUseNonce()
    {
        _server.Answers["/token"] = _ => Task.FromResult(WithNonce(Stub.Json("""{"error":"use_dpop_nonce"}""", HttpStatusCode.BadRequest), Guid.NewGuid().ToString("N")));

        var received = await RedeemAsync();

        Assert.Equal(DpopErrors.UseNonce, received.Error?.Code);
        Assert.Equal(2, _server.At("/token").Count());
    }

    [Fact]
    public async Task Token_InvalidDpopProof_NotRetried_DpopInvalidProof()
    {
        _server.Answers["/token"] = _ => Task.FromResult(Stub.Json("""{"error":"invalid_dpop_proof"}""", HttpStatusCode.BadRequest));

        var received = await RedeemAsync();

        Assert.Equal(DpopErrors.InvalidProof, received.Error?.Code);
        Assert.Single(_server.At("/token"));
    }
}
