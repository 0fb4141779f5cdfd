using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dids.Methods;
using Credentials.Http;
using Credentials.Jose;
using Credentials.OpenId4Vci;
using Credentials.Wallet.Holder;
using Credentials.Wallet.OpenId4Vci;
using Credentials.Wallet.Tests.Holder;
using Xunit;

namespace Credentials.Wallet.Tests.OpenId4Vci;

/// <summary>The OpenID4VCI client with <c>jwt_vc_json</c>/<c>ldp_vc</c> configurations (OpenID4VCI 1.0 appendix A.1 and F.1), against a stub issuer.</summary>
public sealed class OpenId4VciClientW3cTests : IDisposable
{
    private const string Issuer = "http://127.0.0.1:5000/ob";
    private readonly StubHandler _handler = new();
    private readonly HttpClient _http;
    private readonly HolderTestBed _bed;

    public OpenId4VciClientW3cTests()
    {
        _http = new HttpClient(_handler);
        _bed = HolderTestBed.CreateAsync().GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _http.Dispose();
        _handler.Dispose();
        _bed.Dispose();
    }

    private OpenId4VciClient Client() => new(_http, new OpenId4VciClientOptions
    {
        Http = OpenId4VciClientOptions.Default.Http with { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback },
        TimeProvider = _bed.Clock,
    });

    private static ResolvedCredentialOffer Offer(string format, params string[] bindingMethods) => new()
    {
        Offer = new CredentialOffer
        {
            CredentialIssuer = Issuer,
            CredentialConfigurationIds = ["badge"],
            PreAuthorizedCode = new PreAuthorizedCodeGrant { PreAuthorizedCode = "code" },
        },
        Metadata = new CredentialIssuerMetadata
        {
            CredentialIssuer = Issuer,
            CredentialEndpoint = Issuer + "/credential",
            NonceEndpoint = Issuer + "/nonce",
            CredentialConfigurations = new Dictionary<string, CredentialConfiguration>
            {
                ["badge"] = new()
                {
                    Format = format,
                    CredentialDefinition = new CredentialDefinition { Type = ["VerifiableCredential", "OpenBadgeCredential"], Context = ["https://www.w3.org/ns/credentials/v2"] },
                    CryptographicBindingMethods = bindingMethods,
                    ProofTypes = new Dictionary<string, ProofTypeMetadata> { [ProofTypeMetadata.Jwt] = new() { ProofSigningAlgorithms = ["ES256"] } },
                },
            },
        },
        AuthorizationServer = new AuthorizationServerMetadata { Issuer = Issuer, TokenEndpoint = Issuer + "/token" },
    };

    [Fact]
    public async Task ReceiveAsync_W3cConfigurationWithoutDidBinding_UnsupportedOfferAndNothingSent()
    {
        var received = await Client().ReceiveAsync(Offer(CredentialConfiguration.LdpVcFormat, "jwk"), _bed.Wallet);

        Assert.Equal(OpenId4VciErrors.UnsupportedOffer, received.Error?.Code);
        Assert.Equal(0, _handler.Calls);
    }

    [Theory]
    [InlineData(CredentialConfiguration.LdpVcFormat, "\"eyJ.eyJ.sig\"")]
    [InlineData(CredentialConfiguration.JwtVcJsonFormat, "{\"type\":[\"VerifiableCredential\"]}")]
    public async Task ReceiveAsync_CredentialInTheOtherFormatsShape_InvalidResponseAndKeyDeleted(string format, string credential)
    {
        string? proof = null;
        _handler.Respond = request =>
        {
            var path = request.RequestUri!.AbsolutePath;
            if (path.EndsWith("/credential", StringComparison.Ordinal))
            {
                using var body = JsonDocument.Parse(request.Content!.ReadAsStringAsync().GetAwaiter().GetResult());
                proof = body.RootElement.GetProperty("proofs").GetProperty("jwt")[0].GetString();
            }

            var json = path.EndsWith("/token", StringComparison.Ordinal) ? """{"access_token":"at","token_type":"Bearer","expires_in":300}"""
                : path.EndsWith("/nonce", StringComparison.Ordinal) ? """{"c_nonce":"n-1"}"""
                : "{\"credentials\":[{\"credential\":" + credential + "}]}";
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        };

        var received = await Client().ReceiveAsync(Offer(format, "did:key", "did:jwk"), _bed.Wallet);

        Assert.Equal(OpenId4VciErrors.InvalidResponse, received.Error?.Code);
        Assert.Empty((await _bed.Store.ListHolderKeysAsync()).GetValueOrThrow());
        var header = Jws.ReadCompact(proof!).Value;
        Assert.False(header.Header.TryGetProperty("jwk", out _));
        Assert.StartsWith("did:key:z", header.KeyId, StringComparison.Ordinal);
        var did = Dids.DidUrl.Parse(header.KeyId!).Did;
        Assert.Equal(DidKey.GetKeyId(did).Value, header.KeyId);
        var verified = JwtKeyProof.Verify(proof!, new KeyProofValidationParameters { Audience = Issuer, TimeProvider = _bed.Clock, DidMethods = ["did:key"] });
        Assert.True(verified.IsValid, verified.Error?.ToString());
        Assert.Equal("n-1", verified.Value.Nonce);
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
