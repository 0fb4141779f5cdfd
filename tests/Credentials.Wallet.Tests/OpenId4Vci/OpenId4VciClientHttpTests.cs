using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Http;
using Credentials.OpenId4Vci;
using Credentials.Wallet.OpenId4Vci;
using Xunit;

namespace Credentials.Wallet.Tests.OpenId4Vci;

/// <summary>The OpenID4VCI client's requests go through the library's HTTP layer, with its codes.</summary>
public sealed class OpenId4VciClientHttpTests : IDisposable
{
    private const string OfferUri = "http://127.0.0.1:5000/offers/1";
    private readonly StubHandler _handler = new();
    private readonly HttpClient _http;

    public OpenId4VciClientHttpTests() => _http = new HttpClient(_handler);

    public void Dispose()
    {
        _http.Dispose();
        _handler.Dispose();
    }

    private static OpenId4VciClientOptions Loopback(Func<HttpFetchOptions, HttpFetchOptions>? change = null)
    {
        var http = OpenId4VciClientOptions.Default.Http with { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback };
        return new OpenId4VciClientOptions { Http = change is null ? http : change(http) };
    }

    [Fact]
    public async Task ResolveOfferAsync_HttpByDefault_InsecureTransportAndNothingSent()
    {
        var result = await new OpenId4VciClient(_http).ResolveOfferAsync(CredentialOfferLink.CreateByReference(OfferUri));

        Assert.Equal(HttpErrors.InsecureTransport, result.Error?.Code);
        Assert.Equal(0, _handler.Calls);
    }

    [Fact]
    public async Task ResolveOfferAsync_LoopbackWithDefaultPolicy_AddressNotAllowedAndNothingSent()
    {
        var options = Loopback(h => h with { AddressPolicy = HttpAddressPolicy.PublicOnly });

        var result = await new OpenId4VciClient(_http, options).ResolveOfferAsync(CredentialOfferLink.CreateByReference(OfferUri));

        Assert.Equal(HttpErrors.AddressNotAllowed, result.Error?.Code);
        Assert.Equal(0, _handler.Calls);
    }

    [Fact]
    public async Task ResolveOfferAsync_Redirect_Refused()
    {
        _handler.Respond = _ => new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri("/offers/2", UriKind.Relative) } };

        var result = await new OpenId4VciClient(_http, Loopback()).ResolveOfferAsync(CredentialOfferLink.CreateByReference(OfferUri));

        Assert.Equal(HttpErrors.RedirectNotAllowed, result.Error?.Code);
    }

    [Fact]
    public async Task ResolveOfferAsync_OversizedOffer_TooLarge()
    {
        _handler.Respond = _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(new string(' ', 4096), Encoding.UTF8, "application/json") };

        var result = await new OpenId4VciClient(_http, Loopback(h => h with { MaxResponseBytes = 1024 })).ResolveOfferAsync(CredentialOfferLink.CreateByReference(OfferUri));

        Assert.Equal(HttpErrors.TooLarge, result.Error?.Code);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, "http.not_found")]
    [InlineData(HttpStatusCode.InternalServerError, "http.error_status")]
    public async Task ResolveOfferAsync_ErrorStatusWithoutProtocolError_HttpCode(HttpStatusCode status, string code)
    {
        _handler.Respond = _ => new HttpResponseMessage(status) { Content = new StringContent("<html/>", Encoding.UTF8, "text/html") };

        var result = await new OpenId4VciClient(_http, Loopback()).ResolveOfferAsync(CredentialOfferLink.CreateByReference(OfferUri));

        Assert.Equal(code, result.Error?.Code.Value);
    }

    [Fact]
    public async Task ResolveOfferAsync_ErrorStatusWithProtocolError_ItsCode()
    {
        _handler.Respond = _ => new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("{\"error\":\"invalid_request\"}", Encoding.UTF8, "application/json") };

        var result = await new OpenId4VciClient(_http, Loopback()).ResolveOfferAsync(CredentialOfferLink.CreateByReference(OfferUri));

        Assert.Equal(OpenId4VciErrors.InvalidRequest, result.Error?.Code);
    }

    [Fact]
    public void Constructor_BadHttpOptions_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OpenId4VciClient(_http, new OpenId4VciClientOptions { Http = new HttpFetchOptions { Timeout = TimeSpan.Zero } }));
        Assert.Throws<InvalidOperationException>(() => new OpenId4VciClient(_http, new OpenId4VciClientOptions { Http = null! }));
    }

    private sealed class StubHandler : HttpMessageHandler
    {
        private int _calls;

        public Func<HttpRequestMessage, HttpResponseMessage> Respond { get; set; } = _ => new HttpResponseMessage(HttpStatusCode.NotFound);

        public int Calls => Volatile.Read(ref _calls);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            var response = Respond(request);
            response.RequestMessage = request;
            return Task.FromResult(response);
        }
    }
}
