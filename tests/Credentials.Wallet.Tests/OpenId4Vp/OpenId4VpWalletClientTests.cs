using System;
using System.Linq;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dcql;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Http;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.OpenId4Vp;
using Credentials.Wallet.OpenId4Vp;
using Credentials.Wallet.Tests.Holder;
using Xunit;

namespace Credentials.Wallet.Tests.OpenId4Vp;

/// <summary>The wallet client's HTTP guards and request_uri handling, against a stub handler (no network).</summary>
public sealed class OpenId4VpWalletClientTests : IAsyncLifetime, IDisposable
{
    private const string Verifier = "http://127.0.0.1:5000";
    private readonly SigningKey _verifierKey = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly StubHandler _handler = new();
    private HolderTestBed _bed = null!;

    private Did VerifierDid => DidKey.Create(_verifierKey);

    private string ClientId => "decentralized_identifier:" + VerifierDid.Value;

    public async Task InitializeAsync() => _bed = await HolderTestBed.CreateAsync();

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _bed?.Dispose();
        _verifierKey.Dispose();
        _handler.Dispose();
    }

    private OpenId4VpWalletClient Client(bool allowHttp = true, IHttpAddressPolicy? policy = null, TimeSpan? timeout = null, int maxResponseBytes = 64 * 1024)
        => new(new HttpClient(_handler), _bed.Wallet, new OpenId4VpWalletClientOptions
        {
            Http = OpenId4VpWalletClientOptions.Default.Http with
            {
                RequireHttps = !allowHttp,
                AddressPolicy = policy ?? HttpAddressPolicy.PublicAndLoopback,
                Timeout = timeout ?? TimeSpan.FromSeconds(5),
                MaxResponseBytes = maxResponseBytes,
            },
        });

    private string ByReferenceLink(string? method = null)
    {
        var parameters = new List<KeyValuePair<string, string>> { new("client_id", ClientId), new("request_uri", Verifier + "/request/1") };
        if (method is not null)
        {
            parameters.Add(new("request_uri_method", method));
        }

        return AuthorizationRequestLink.Create("openid4vp://", parameters);
    }

    private AuthorizationRequest AgeRequest(string nonce = "n-0S6_WzA2Mj") => new()
    {
        ClientId = ClientId,
        ResponseUri = Verifier + "/response",
        Nonce = nonce,
        State = "state-1",
        DcqlQuery = DcqlQuery.Read("""{"credentials":[{"id":"age","format":"dc+sd-jwt","meta":{"vct_values":["https://credentials.example.jp/vct/age/v1"]},"claims":[{"path":["age_over_20"]}]}]}""").GetValueOrThrow(),
    };

    private string SignedRequestObject(string? walletNonce = null, string nonce = "n-0S6_WzA2Mj")
    {
        var request = new AuthorizationRequest
        {
            ClientId = ClientId,
            ResponseUri = Verifier + "/response",
            Nonce = nonce,
            State = "state-1",
            DcqlQuery = DcqlQuery.Read("""{"credentials":[{"id":"age","format":"dc+sd-jwt","meta":{"vct_values":["https://credentials.example.jp/vct/age/v1"]},"claims":[{"path":["age_over_20"]}]}]}""").GetValueOrThrow(),
            WalletNonce = walletNonce,
        };
        return JwsWriter.SignCompact(_verifierKey, request.ToRequestObjectPayload(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(5)), OpenId4VpConstants.RequestObjectType,
            new Dictionary<string, JsonNode?> { ["kid"] = DidKey.GetKeyId(VerifierDid).Value });
    }

    private static HttpResponseMessage RequestObject(string jwt, string mediaType = OpenId4VpConstants.RequestObjectMediaType)
        => new(HttpStatusCode.OK) { Content = new StringContent(jwt, Encoding.UTF8, mediaType) };

    [Fact]
    public async Task ResolveRequestAsync_RequestUriGet_VerifiesSignedObject()
    {
        var jwt = SignedRequestObject();
        _handler.Respond = (request, _) =>
        {
            Assert.Equal(HttpMethod.Get, request.Method);
            Assert.Contains(request.Headers.Accept, a => a.MediaType == OpenId4VpConstants.RequestObjectMediaType);
            return Task.FromResult(RequestObject(jwt));
        };

        var result = await Client().ResolveRequestAsync(ByReferenceLink());

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.True(result.Value.IsSigned);
        Assert.Equal(ClientId, result.Value.Request.ClientId);
    }

    [Fact]
    public async Task ResolveRequestAsync_RequestUriMethodPost_SendsWalletNonceAndRequiresItBack()
    {
        string? sent = null;
        _handler.Respond = async (request, ct) =>
        {
            Assert.Equal(HttpMethod.Post, request.Method);
            var form = await request.Content!.ReadAsStringAsync(ct);
            var fields = form.Split('&').Select(f => f.Split('=', 2)).ToDictionary(f => f[0], f => Uri.UnescapeDataString(f[1].Replace('+', ' ')));
            sent = fields["wallet_nonce"];
            // Section 5.10: the wallet's metadata travels with the nonce.
            Assert.StartsWith("{\"vp_formats_supported\":", fields["wallet_metadata"], StringComparison.Ordinal);
            return RequestObject(SignedRequestObject(walletNonce: sent));
        };

        var echoed = await Client().ResolveRequestAsync(ByReferenceLink("post"));
        _handler.Respond = (_, _) => Task.FromResult(RequestObject(SignedRequestObject(walletNonce: "stale")));
        var stale = await Client().ResolveRequestAsync(ByReferenceLink("post"));

        Assert.True(echoed.IsValid, echoed.Error?.ToString());
        Assert.Equal(sent, echoed.Value.Request.WalletNonce);
        Assert.Equal(22, sent!.Length);
        Assert.Equal(OpenId4VpErrors.WalletNonceMismatch, stale.Error?.Code);
    }

    [Fact]
    public async Task ResolveRequestAsync_RequestObjectWithEmptyNonce_RefusedAsInvalidRequest()
    {
        _handler.Respond = (_, _) => Task.FromResult(RequestObject(SignedRequestObject(nonce: "")));

        var result = await Client().ResolveRequestAsync(ByReferenceLink());

        Assert.Equal(OpenId4VpErrors.InvalidRequest, result.Error?.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task PrepareAsync_RequestWithEmptyOrBlankNonce_RefusedWithTypedErrorNotThrown(string nonce)
    {
        var request = new VerifiedAuthorizationRequest { Request = AgeRequest(nonce), IsSigned = true };

        var plan = await Client().PrepareAsync(request);

        Assert.Equal(Credentials.Wallet.Holder.HolderErrors.InvalidPresentationRequest, plan.Error?.Code);
    }

    [Fact]
    public async Task PrepareAsync_RequestWithBlankClientId_RefusedWithTypedErrorNotThrown()
    {
        var request = new VerifiedAuthorizationRequest { Request = AgeRequest() with { ClientId = " " }, IsSigned = true };

        var plan = await Client().PrepareAsync(request);

        Assert.Equal(Credentials.Wallet.Holder.HolderErrors.InvalidPresentationRequest, plan.Error?.Code);
    }

    [Fact]
    public async Task ResolveRequestAsync_HttpNotAllowed_FailsWithInsecureTransportAndSendsNothing()
    {
        var result = await Client(allowHttp: false).ResolveRequestAsync(ByReferenceLink());

        Assert.Equal(OpenId4VpErrors.RequestUriFailed, result.Error?.Code);
        Assert.Equal("http.insecure_transport", result.Error!.Inner?.Code.Value);
        Assert.Equal(0, _handler.Calls);
    }

    [Fact]
    public async Task ResolveRequestAsync_LoopbackWithPublicOnlyPolicy_FailsWithAddressNotAllowed()
    {
        var result = await Client(policy: HttpAddressPolicy.PublicOnly).ResolveRequestAsync(ByReferenceLink());

        Assert.Equal("http.address_not_allowed", result.Error?.Inner?.Code.Value);
        Assert.Equal(0, _handler.Calls);
    }

    [Fact]
    public async Task ResolveRequestAsync_Redirect_Refused()
    {
        _handler.Respond = (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri("https://elsewhere.example/r") } });

        var result = await Client().ResolveRequestAsync(ByReferenceLink());

        Assert.Equal("http.redirect_not_allowed", result.Error?.Inner?.Code.Value);
    }

    [Fact]
    public async Task ResolveRequestAsync_OversizedObject_FailsWithTooLarge()
    {
        _handler.Respond = (_, _) => Task.FromResult(RequestObject(new string('a', 5000)));

        var result = await Client(maxResponseBytes: 1024).ResolveRequestAsync(ByReferenceLink());

        Assert.Equal("http.too_large", result.Error?.Inner?.Code.Value);
    }

    [Fact]
    public async Task ResolveRequestAsync_SlowVerifier_FailsWithTimeout()
    {
        _handler.Respond = async (_, ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            return RequestObject(SignedRequestObject());
        };

        var result = await Client(timeout: TimeSpan.FromMilliseconds(200)).ResolveRequestAsync(ByReferenceLink());

        Assert.Equal("http.timeout", result.Error?.Inner?.Code.Value);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, OpenId4VpConstants.RequestObjectMediaType)]
    [InlineData(HttpStatusCode.InternalServerError, OpenId4VpConstants.RequestObjectMediaType)]
    [InlineData(HttpStatusCode.OK, "application/jwt")]
    public async Task ResolveRequestAsync_ErrorStatusOrWrongMediaType_Terminates(HttpStatusCode status, string mediaType)
    {
        var jwt = SignedRequestObject();
        _handler.Respond = (_, _) => Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(jwt, Encoding.UTF8, mediaType) });

        var result = await Client().ResolveRequestAsync(ByReferenceLink());

        Assert.Equal(OpenId4VpErrors.RequestUriFailed, result.Error?.Code);
    }

    [Fact]
    public async Task SendErrorAsync_ResponseUriAnswersNonJson_FailsAsResponseUriFailed()
    {
        _handler.Respond = (_, _) => Task.FromResult(RequestObject(SignedRequestObject()));
        var request = (await Client().ResolveRequestAsync(ByReferenceLink())).GetValueOrThrow();
        string? posted = null;
        _handler.Respond = async (message, ct) =>
        {
            posted = await message.Content!.ReadAsStringAsync(ct);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html/>", Encoding.UTF8, "text/html") };
        };

        var result = await Client().SendErrorAsync(request, OpenId4VpOAuthErrors.AccessDenied);

        Assert.Equal(OpenId4VpErrors.ResponseUriFailed, result.Error?.Code);
        Assert.Equal("error=access_denied&state=state-1", posted);
    }

    [Fact]
    public async Task SendErrorAsync_VerifierRedirectsWithHttpsUri_RedirectReturned()
    {
        _handler.Respond = (_, _) => Task.FromResult(RequestObject(SignedRequestObject()));
        var request = (await Client().ResolveRequestAsync(ByReferenceLink())).GetValueOrThrow();
        _handler.Respond = (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"redirect_uri":"https://shop.example.jp/cb#response_code=abc","other":1}""", Encoding.UTF8, "application/json") });

        var result = await Client().SendErrorAsync(request, OpenId4VpOAuthErrors.AccessDenied);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.True(result.Value.IsProcessed);
        Assert.Equal("https://shop.example.jp/cb#response_code=abc", result.Value.RedirectUri);
    }

    private sealed class StubHandler : HttpMessageHandler
    {
        private int _calls;

        public Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Respond { get; set; } = (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));

        public int Calls => Volatile.Read(ref _calls);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return Respond(request, cancellationToken);
        }
    }
}
