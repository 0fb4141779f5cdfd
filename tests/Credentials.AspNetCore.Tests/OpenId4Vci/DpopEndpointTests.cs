using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.OAuth;
using Credentials.OpenId4Vci;
using Xunit;

namespace Credentials.AspNetCore.Tests.OpenId4Vci;

/// <summary>DPoP over real HTTP: the <c>DPoP</c> request header reaches the issuer, <c>DPoP-Nonce</c> and <c>WWW-Authenticate</c> reach the client.</summary>
public sealed class DpopEndpointTests : IAsyncLifetime
{
    private IssuerTestBed _bed = null!;
    private readonly SigningKey _dpopKey = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly SigningKey _holderKey = SigningKey.Create(JwsAlgorithm.Es256);

    public async Task InitializeAsync()
        => _bed = await IssuerTestBed.StartAsync(o => o with { Dpop = new OpenId4VciDpopOptions { Validation = new DpopProofValidatorOptions { RequireNonce = true } } });

    public async Task DisposeAsync()
    {
        await _bed.DisposeAsync();
        _dpopKey.Dispose();
        _holderKey.Dispose();
    }

    private async Task<HttpResponseMessage> PostTokenAsync(string code, string? nonce)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _bed.Issuer.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent([new("grant_type", CredentialOffer.PreAuthorizedCodeGrantType), new("pre-authorized_code", code)]),
        };
        request.Headers.Add(DpopProof.HeaderName, await DpopProof.CreateAsync(_dpopKey, "POST", new Uri(_bed.Issuer.TokenEndpoint), _bed.Clock, nonce));
        return await _bed.Http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PostCredentialAsync(string scheme, string accessToken, string? nonce, bool withProof = true)
    {
        var proof = await _bed.ProofAsync(_holderKey, await _bed.NonceAsync());
        var json = new System.Text.Json.Nodes.JsonObject
        {
            ["credential_configuration_id"] = IssuerTestBed.ExamConfiguration,
            ["proofs"] = new System.Text.Json.Nodes.JsonObject { ["jwt"] = new System.Text.Json.Nodes.JsonArray(proof) },
        }.ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, _bed.Issuer.CredentialEndpoint) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", scheme + " " + accessToken);
        if (withProof)
        {
            request.Headers.Add(DpopProof.HeaderName, await DpopProof.CreateAsync(_dpopKey, "POST", new Uri(_bed.Issuer.CredentialEndpoint), _bed.Clock, nonce, accessToken));
        }

        return await _bed.Http.SendAsync(request);
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response)
        => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString()!;

    [Fact]
    public async Task PreAuthorizedFlow_OverHttp_NonceAndChallengeHeadersPassThrough()
    {
        var offer = await _bed.OfferAsync();
        var code = offer.Offer.PreAuthorizedCode!.PreAuthorizedCode;

        // Section 8: the first Token Request without a nonce gets 400 use_dpop_nonce and the nonce in DPoP-Nonce.
        using var first = await PostTokenAsync(code, null);
        Assert.Equal(400, (int)first.StatusCode);
        Assert.Equal("use_dpop_nonce", await ErrorAsync(first));
        var nonce = first.Headers.GetValues(DpopProof.NonceHeaderName).Single();

        using var second = await PostTokenAsync(code, nonce);
        Assert.Equal(200, (int)second.StatusCode);
        var token = TokenResponse.Read(await second.Content.ReadAsByteArrayAsync()).Value;
        Assert.Equal("DPoP", token.TokenType);
        var fresh = second.Headers.GetValues(DpopProof.NonceHeaderName).Single();

        // Section 7.2: the bound token as a Bearer token is refused with a DPoP challenge.
        using var bearer = await PostCredentialAsync("Bearer", token.AccessToken, fresh, withProof: false);
        Assert.Equal(401, (int)bearer.StatusCode);
        Assert.StartsWith("DPoP error=\"invalid_token\"", bearer.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        // Section 9: a proof without a nonce at the Credential Endpoint gets 401 use_dpop_nonce and a nonce.
        using var noNonce = await PostCredentialAsync("DPoP", token.AccessToken, null);
        Assert.Equal(401, (int)noNonce.StatusCode);
        Assert.StartsWith("DPoP error=\"use_dpop_nonce\"", noNonce.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(noNonce.Headers.GetValues(DpopProof.NonceHeaderName).Single());

        using var ok = await PostCredentialAsync("DPoP", token.AccessToken, fresh);
        Assert.Equal(200, (int)ok.StatusCode);
    }
}
