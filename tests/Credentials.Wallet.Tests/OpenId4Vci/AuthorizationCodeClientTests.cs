using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using System.Web;
using Credentials.Http;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.OAuth;
using Credentials.OpenId4Vci;
using Credentials.Wallet.OpenId4Vci;
using Credentials.Wallet.Tests.Holder;
using Xunit;
using Stub = Credentials.Wallet.Tests.OpenId4Vci.AuthorizationCodeStubServer;

namespace Credentials.Wallet.Tests.OpenId4Vci;

/// <summary>
/// The wallet's Authorization Code Flow (OpenID4VCI 1.0 section 5, RFC 9126, RFC 7636, RFC 9207, RFC 9449) against a
/// scripted Authorization Server and Credential Issuer.
/// </summary>
public sealed class AuthorizationCodeClientTests : IDisposable
{
    private const string ClientId = "wallet-instance-1";
    private static readonly Uri Redirect = new("http://127.0.0.1:7777/callback");
    private readonly HolderTestBed _bed;
    private readonly Stub _server;
    private readonly HttpClient _http;

    public AuthorizationCodeClientTests()
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

    private OpenId4VciClient Client(Func<OpenId4VciClientOptions, OpenId4VciClientOptions>? change = null)
    {
        var options = new OpenId4VciClientOptions
        {
            Http = OpenId4VciClientOptions.Default.Http with { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback },
            TimeProvider = _bed.Clock,
            ClientId = ClientId,
        };
        return new OpenId4VciClient(_http, change is null ? options : change(options));
    }

    private async Task<AuthorizationCodeSession> StartAsync(OpenId4VciClient? client = null, ResolvedCredentialOffer? offer = null)
    {
        var started = await (client ?? Client()).StartAuthorizationAsync(offer ?? Stub.Offer(), new AuthorizationCodeRequest { RedirectUri = Redirect });
        Assert.True(started.IsValid, started.Error?.ToString());
        return started.Value;
    }

    private static Uri Back(AuthorizationCodeSession session, string query) => new($"{Redirect}?{query.Replace("{state}", Uri.EscapeDataString(session.State), StringComparison.Ordinal).Replace("{iss}", Uri.EscapeDataString(Stub.ServerIssuer), StringComparison.Ordinal)}");

    [Fact]
    public async Task StartAuthorizationAsync_PushesPkceStateDetailsIssuerStateAndDpopJkt()
    {
        var session = await StartAsync();

        var par = Assert.Single(_server.Requests);
        Assert.Equal("POST", par.Method);
        Assert.EndsWith("/par", par.Path, StringComparison.Ordinal);
        var form = par.Form;
        Assert.Equal("code", form["response_type"]);
        Assert.Equal(ClientId, form["client_id"]);
        Assert.Equal(Redirect.OriginalString, form["redirect_uri"]);
        Assert.Equal(session.State, form["state"]);
        Assert.Equal("S256", form["code_challenge_method"]);
        Assert.Equal(Pkce.ComputeS256Challenge(session.CodeVerifier), form["code_challenge"]);
        Assert.Equal("st-1", form["issuer_state"]);
        Assert.Equal(session.DpopKey!.ComputeThumbprint(), form["dpop_jkt"]);
        Assert.False(form.ContainsKey("scope"));
        using var details = JsonDocument.Parse(form["authorization_details"]);
        var detail = Assert.Single(details.RootElement.EnumerateArray());
        Assert.Equal("openid_credential", detail.GetProperty("type").GetString());
        Assert.Equal(Stub.Configuration, detail.GetProperty("credential_configuration_id").GetString());
        Assert.False(par.Headers.ContainsKey("DPoP"));
        Assert.False(par.Headers.ContainsKey(ClientAttestation.HeaderName));

        // RFC 9126 section 4: the front channel carries client_id and request_uri only.
        Assert.StartsWith(Stub.Issuer + "/authorize?", session.AuthorizationUrl.AbsoluteUri, StringComparison.Ordinal);
        var query = HttpUtility.ParseQueryString(session.AuthorizationUrl.Query);
        Assert.Equal(["client_id", "request_uri"], query.AllKeys.Order(StringComparer.Ordinal));
        Assert.Equal(Stub.RequestUri, query["request_uri"]);
        Assert.Equal(_bed.Clock.GetUtcNow().AddSeconds(60), session.ExpiresAt);
        Assert.Equal([Stub.Configuration], session.CredentialConfigurationIds);
    }

    [Fact]
    public async Task StartAuthorizationAsync_TwoSessions_FreshStateVerifierAndDpopKey()
    {
        var a = await StartAsync();
        var b = await StartAsync();

        Assert.NotEqual(a.State, b.State);
        Assert.NotEqual(a.CodeVerifier, b.CodeVerifier);
        Assert.NotEqual(a.DpopKey!.ComputeThumbprint(), b.DpopKey!.ComputeThumbprint());
        Assert.True(a.State.Length >= 43);
        Assert.Equal("P-256", a.DpopKey.Crv);
    }

    [Fact]
    public async Task StartAuthorizationAsync_UseScope_SendsScopeInsteadOfDetails()
    {
        var started = await Client().StartAuthorizationAsync(Stub.Offer(issuerState: null), new AuthorizationCodeRequest { RedirectUri = Redirect, UseScope = true });

        Assert.True(started.IsValid, started.Error?.ToString());
        var form = Assert.Single(_server.Requests).Form;
        Assert.Equal("age_credential", form["scope"]);
        Assert.False(form.ContainsKey("authorization_details"));
        Assert.False(form.ContainsKey("issuer_state"));
    }

    [Fact]
    public async Task StartAuthorizationAsync_ScopeOfConfigurationWithoutOne_UnsupportedOfferAndNothingSent()
    {
        var started = await Client().StartAuthorizationAsync(Stub.Offer(), new AuthorizationCodeRequest { RedirectUri = Redirect, UseScope = true, CredentialConfigurationIds = ["resident"] });

        Assert.Equal(OpenId4VciErrors.UnsupportedOffer, started.Error?.Code);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task StartAuthorizationAsync_WithoutParEndpoint_UnsupportedOfferAndNothingSent()
    {
        var started = await Client().StartAuthorizationAsync(Stub.Offer(par: false), new AuthorizationCodeRequest { RedirectUri = Redirect });

        Assert.Equal(OpenId4VciErrors.UnsupportedOffer, started.Error?.Code);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task StartAuthorizationAsync_ServerWithoutS256_UnsupportedOfferAndNothingSent()
    {
        var started = await Client().StartAuthorizationAsync(Stub.Offer(pkce: ["plain"]), new AuthorizationCodeRequest { RedirectUri = Redirect });

        Assert.Equal(OpenId4VciErrors.UnsupportedOffer, started.Error?.Code);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task StartAuthorizationAsync_OfferWithPreAuthorizedGrantOnly_UnsupportedOffer()
    {
        var started = await Client().StartAuthorizationAsync(Stub.Offer(preAuthorizedOnly: true), new AuthorizationCodeRequest { RedirectUri = Redirect });

        Assert.Equal(OpenId4VciErrors.UnsupportedOffer, started.Error?.Code);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task StartAuthorizationAsync_ConfigurationNotOffered_UnsupportedOffer()
    {
        var started = await Client().StartAuthorizationAsync(Stub.Offer(), new AuthorizationCodeRequest { RedirectUri = Redirect, CredentialConfigurationIds = ["other"] });

        Assert.Equal(OpenId4VciErrors.UnsupportedOffer, started.Error?.Code);
    }

    [Theory]
    [InlineData("""{"expires_in":60}""")]
    [InlineData("""{"request_uri":"urn:x","expires_in":0}""")]
    [InlineData("""{"request_uri":"urn:x"}""")]
    [InlineData("[]")]
    public async Task StartAuthorizationAsync_MalformedParResponse_InvalidResponse(string json)
    {
        _server.Answers["/par"] = _ => Task.FromResult(Stub.Json(json, HttpStatusCode.Created));

        var started = await Client().StartAuthorizationAsync(Stub.Offer(), new AuthorizationCodeRequest { RedirectUri = Redirect });

        Assert.Equal(OpenId4VciErrors.InvalidResponse, started.Error?.Code);
    }

    [Fact]
    public async Task StartAuthorizationAsync_ParRefused_ServersCode()
    {
        _server.Answers["/par"] = _ => Task.FromResult(Stub.Json("""{"error":"invalid_request"}""", HttpStatusCode.BadRequest));

        var started = await Client().StartAuthorizationAsync(Stub.Offer(), new AuthorizationCodeRequest { RedirectUri = Redirect });

        Assert.Equal(OpenId4VciErrors.InvalidRequest, started.Error?.Code);
    }

    [Fact]
    public async Task StartAuthorizationAsync_WithoutClientId_Throws()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await Client(o => o with { ClientId = null }).StartAuthorizationAsync(Stub.Offer(), new AuthorizationCodeRequest { RedirectUri = Redirect }));
    }

    [Fact]
    public void Constructor_AttestationWithoutSigner_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => Client(o => o with { ClientAttestation = "eyJ.eyJ.sig" }));
    }

    [Fact]
    public async Task StartAuthorizationAsync_WithWalletAttestation_SendsItAndAFreshPopForTheServer()
    {
        using var instanceKey = SigningKey.Create(JwsAlgorithm.Es256);
        var client = Client(o => o with { ClientAttestation = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ3In0.c2ln", ClientAttestationSigner = instanceKey });

        await StartAsync(client);
        await StartAsync(client);

        var pushes = _server.At("/par").ToArray();
        Assert.All(pushes, p => Assert.Equal("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ3In0.c2ln", p.Headers[ClientAttestation.HeaderName]));
        var pops = pushes.Select(p => Jws.ReadCompact(p.Headers[ClientAttestation.PopHeaderName]).Value).ToArray();
        Assert.All(pops, pop =>
        {
            Assert.Equal(ClientAttestation.PopType, pop.Type);
            Assert.Null(pop.VerifySignature(instanceKey.GetVerificationKey()));
            Assert.Equal(Stub.ServerIssuer, pop.ParsePayload().Value.GetProperty("aud").GetString());
        });
        Assert.NotEqual(pops[0].ParsePayload().Value.GetProperty("jti").GetString(), pops[1].ParsePayload().Value.GetProperty("jti").GetString());
    }

    [Fact]
    public async Task CompleteAuthorizationAsync_WholeFlow_ExchangesCodeWithVerifierAndDpopThenStoresCredential()
    {
        var session = await StartAsync();

        var received = await Client().CompleteAuthorizationAsync(session, Back(session, "code=c-123&state={state}&iss={iss}"), _bed.Wallet);

        Assert.True(received.IsValid, received.Error?.ToString());
        Assert.Equal(HolderTestBed.AgeVct, received.Value.Imported.Vct);
        var token = Assert.Single(_server.At("/token"));
        Assert.Equal("authorization_code", token.Form["grant_type"]);
        Assert.Equal("c-123", token.Form["code"]);
        Assert.Equal(session.CodeVerifier, token.Form["code_verifier"]);
        Assert.Equal(Redirect.OriginalString, token.Form["redirect_uri"]);
        Assert.Equal(ClientId, token.Form["client_id"]);

        // RFC 9449 section 4.2: the proof names the method and URL, carries the session's key, and no ath at the token endpoint.
        var tokenProof = token.Dpop!;
        Assert.Equal(DpopProof.Type, tokenProof.Type);
        Assert.Equal(session.DpopKey!.ComputeThumbprint(), Jwk.ReadPublic(tokenProof.Header.GetProperty("jwk")).Value.ComputeThumbprint());
        Assert.Equal("POST", token.DpopClaims.GetProperty("htm").GetString());
        Assert.Equal(Stub.Issuer + "/token", token.DpopClaims.GetProperty("htu").GetString());
        Assert.False(token.DpopClaims.TryGetProperty("ath", out _));

        // Section 7.1: the credential request presents the DPoP-bound token with a proof carrying its hash.
        var credential = Assert.Single(_server.At("/credential"));
        Assert.Equal("DPoP at-1", credential.Headers["Authorization"]);
        Assert.Equal(DpopProof.ComputeAccessTokenHash("at-1"), credential.DpopClaims.GetProperty("ath").GetString());
        Assert.Equal(Stub.Issuer + "/credential", credential.DpopClaims.GetProperty("htu").GetString());
        Assert.NotEqual(token.DpopClaims.GetProperty("jti").GetString(), credential.DpopClaims.GetProperty("jti").GetString());
        using var body = JsonDocument.Parse(credential.Body);
        Assert.Equal(Stub.Configuration, body.RootElement.GetProperty("credential_configuration_id").GetString());
    }

    [Fact]
    public async Task CompleteAuthorizationAsync_SessionPersistedAndRead_CompletesTheSameWay()
    {
        var session = await StartAsync();

        var restored = AuthorizationCodeSession.Read(session.ToJson());

        Assert.True(restored.IsValid, restored.Error?.ToString());
        var received = await Client().CompleteAuthorizationAsync(restored.Value, Back(session, "code=c-123&state={state}&iss={iss}"), _bed.Wallet);
        Assert.True(received.IsValid, received.Error?.ToString());
        Assert.Equal(session.DpopKey!.ComputeThumbprint(), Jwk.ReadPublic(Assert.Single(_server.At("/token")).Dpop!.Header.GetProperty("jwk")).Value.ComputeThumbprint());
    }

    [Fact]
    public async Task CompleteAuthorizationAsync_BearerTokenFromServerWithoutDpop_PresentsBearer()
    {
        _server.TokenJson = """{"access_token":"at-2","token_type":"Bearer"}""";
        var session = await StartAsync();

        var received = await Client().CompleteAuthorizationAsync(session, Back(session, "code=c&state={state}&iss={iss}"), _bed.Wallet);

        Assert.True(received.IsValid, received.Error?.ToString());
        var credential = Assert.Single(_server.At("/credential"));
        Assert.Equal("Bearer at-2", credential.Headers["Authorization"]);
        Assert.False(credential.Headers.ContainsKey("DPoP"));
    }

    [Fact]
    public async Task CompleteAuthorizationAsync_DpopOff_NoProofsAndADpopTokenIsRefused()
    {
        var client = Client(o => o with { UseDpop = false });
        var session = await StartAsync(client);

        var received = await client.CompleteAuthorizationAsync(session, Back(session, "code=c&state={state}&iss={iss}"), _bed.Wallet);

        Assert.Equal(OpenId4VciErrors.InvalidResponse, received.Error?.Code);
        Assert.False(Assert.Single(_server.At("/par")).Form.ContainsKey("dpop_jkt"));
        Assert.False(Assert.Single(_server.At("/token")).Headers.ContainsKey("DPoP"));
        Assert.Empty(_server.At("/credential"));
    }

    [Fact]
    public async Task CompleteAuthorizationAsync_ServersAskForDpopNonces_RetriedOnceEachWithTheirNonce()
    {
        var tokenCalls = 0;
        _server.Answers["/token"] = _ => Task.FromResult(++tokenCalls == 1
            ? WithNonce(Stub.Json("""{"error":"use_dpop_nonce"}""", HttpStatusCode.BadRequest), "as-nonce-1")
            : WithNonce(Stub.Json(_server.TokenJson), "as-nonce-2"));
        var credentialCalls = 0;
        _server.Answers["/credential"] = _ =>
        {
            if (++credentialCalls > 1)
            {
                return Task.FromResult(Stub.Json("""{"error":"invalid_proof"}""", HttpStatusCode.BadRequest));
            }

            var challenge = new HttpResponseMessage(HttpStatusCode.Unauthorized);
            challenge.Headers.TryAddWithoutValidation("WWW-Authenticate", "DPoP error=\"use_dpop_nonce\", error_description=\"Resource server requires nonce in DPoP proof\"");
            return Task.FromResult(WithNonce(challenge, "rs-nonce-1"));
        };
        var session = await StartAsync();

        var received = await Client().CompleteAuthorizationAsync(session, Back(session, "code=c&state={state}&iss={iss}"), _bed.Wallet);

        Assert.Equal(OpenId4VciErrors.InvalidProof, received.Error?.Code);
        var tokens = _server.At("/token").ToArray();
        Assert.Equal(2, tokens.Length);
        Assert.False(tokens[0].DpopClaims.TryGetProperty("nonce", out _));
        Assert.Equal("as-nonce-1", tokens[1].DpopClaims.GetProperty("nonce").GetString());
        var credentials = _server.At("/credential").ToArray();
        Assert.Equal(2, credentials.Length);

        // Same origin: the token endpoint's latest nonce is tried first, then the one the challenge gave.
        Assert.Equal("as-nonce-2", credentials[0].DpopClaims.GetProperty("nonce").GetString());
        Assert.Equal("rs-nonce-1", credentials[1].DpopClaims.GetProperty("nonce").GetString());
    }

    [Fact]
    public async Task CompleteAuthorizationAsync_NonceAskedTwice_NotRetriedAgain()
    {
        _server.Answers["/token"] = _ => Task.FromResult(WithNonce(Stub.Json("""{"error":"use_dpop_nonce"}""", HttpStatusCode.BadRequest), Guid.NewGuid().ToString("N")));
        var session = await StartAsync();

        var received = await Client().CompleteAuthorizationAsync(session, Back(session, "code=c&state={state}&iss={iss}"), _bed.Wallet);

        Assert.False(received.IsValid);
        Assert.Equal(2, _server.At("/token").Count());
    }

    [Fact]
    public async Task CompleteAuthorizationAsync_TokenResponseWithCredentialIdentifiers_RequestsByIdentifier()
    {
        _server.TokenJson = """{"access_token":"at-1","token_type":"DPoP","authorization_details":[{"type":"openid_credential","credential_configuration_id":"age","credential_identifiers":["age-2026-a","age-2026-b"]}]}""";
        var session = await StartAsync();

        var received = await Client().CompleteAuthorizationAsync(session, Back(session, "code=c&state={state}&iss={iss}"), _bed.Wallet);

        Assert.True(received.IsValid, received.Error?.ToString());
        using var body = JsonDocument.Parse(Assert.Single(_server.At("/credential")).Body);
        Assert.Equal("age-2026-a", body.RootElement.GetProperty("credential_identifier").GetString());
        Assert.False(body.RootElement.TryGetProperty("credential_configuration_id", out _));
    }

    [Fact]
    public async Task CompleteAuthorizationAsync_WrongCodeOrVerifier_InvalidGrantAndNothingStored()
    {
        _server.Answers["/token"] = _ => Task.FromResult(Stub.Json("""{"error":"invalid_grant"}""", HttpStatusCode.BadRequest));
        var session = await StartAsync();

        var received = await Client().CompleteAuthorizationAsync(session, Back(session, "code=c&state={state}&iss={iss}"), _bed.Wallet);

        Assert.Equal(OpenId4VciErrors.InvalidGrant, received.Error?.Code);
        Assert.Empty((await _bed.Store.ListHolderKeysAsync()).GetValueOrThrow());
    }

    [Theory]
    [InlineData("code=c&state=forged&iss={iss}", "authorization_code.state_mismatch")]
    [InlineData("code=c&iss={iss}", "authorization_code.state_mismatch")]
    [InlineData("error=access_denied&iss={iss}", "authorization_code.state_mismatch")]
    [InlineData("code=c&state={state}&iss=http%3A%2F%2F127.0.0.1%3A5000%2Fevil", "authorization_code.issuer_mismatch")]
    [InlineData("code=c&state={state}", "authorization_code.issuer_mismatch")]
    [InlineData("error=access_denied&state={state}&iss={iss}", "authorization_code.access_denied")]
    [InlineData("error=invalid_scope&error_description=nope&state={state}&iss={iss}", "authorization_code.authorization_failed")]
    [InlineData("state={state}&iss={iss}", "authorization_code.code_missing")]
    [InlineData("code=&state={state}&iss={iss}", "authorization_code.code_missing")]
    [InlineData("code=c&code=d&state={state}&iss={iss}", "authorization_code.invalid_redirect")]
    [InlineData("code=c&state={state}&state={state}&iss={iss}", "authorization_code.invalid_redirect")]
    public async Task CompleteAuthorizationAsync_BadAuthorizationResponse_ItsCodeAndNothingSent(string query, string code)
    {
        var session = await StartAsync();

        var received = await Client().CompleteAuthorizationAsync(session, Back(session, query), _bed.Wallet);

        Assert.Equal(code, received.Error?.Code.Value);
        Assert.Single(_server.Requests);
        Assert.Empty((await _bed.Store.ListHolderKeysAsync()).GetValueOrThrow());
    }

    [Fact]
    public async Task CompleteAuthorizationAsync_RedirectToAnotherPath_InvalidRedirect()
    {
        var session = await StartAsync();

        var received = await Client().CompleteAuthorizationAsync(session, new Uri($"http://127.0.0.1:7777/elsewhere?code=c&state={Uri.EscapeDataString(session.State)}&iss={Uri.EscapeDataString(Stub.ServerIssuer)}"), _bed.Wallet);

        Assert.Equal(AuthorizationCodeErrors.InvalidRedirect, received.Error?.Code);
    }

    [Fact]
    public async Task CompleteAuthorizationAsync_ServerWithoutIssAnnouncement_MissingIssAccepted()
    {
        var offer = Stub.Offer();
        offer = offer with { AuthorizationServer = offer.AuthorizationServer with { AuthorizationResponseIssParameterSupported = false } };
        var session = await StartAsync(offer: offer);

        var received = await Client().CompleteAuthorizationAsync(session, Back(session, "code=c&state={state}"), _bed.Wallet);

        Assert.True(received.IsValid, received.Error?.ToString());
    }

    [Fact]
    public async Task CompleteAuthorizationAsync_ConfigurationNotAuthorized_UnsupportedOfferAndNothingSent()
    {
        var session = await StartAsync();

        var received = await Client().CompleteAuthorizationAsync(session, Back(session, "code=c&state={state}&iss={iss}"), _bed.Wallet, new CredentialReceiveRequest { CredentialConfigurationId = "resident" });

        Assert.Equal(OpenId4VciErrors.UnsupportedOffer, received.Error?.Code);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Session_ToStringAndRead_KeepSecretsOutAndRefuseGarbage()
    {
        var session = await StartAsync();

        var text = session.ToString();
        Assert.DoesNotContain(session.State, text, StringComparison.Ordinal);
        Assert.DoesNotContain(session.CodeVerifier, text, StringComparison.Ordinal);
        Assert.DoesNotContain(session.DpopKey!.D!, text, StringComparison.Ordinal);
        Assert.Equal(AuthorizationCodeErrors.InvalidSession, AuthorizationCodeSession.Read("{}").Error?.Code);
        Assert.Equal(AuthorizationCodeErrors.InvalidSession, AuthorizationCodeSession.Read("not json").Error?.Code);
        Assert.Equal(AuthorizationCodeErrors.InvalidSession, AuthorizationCodeSession.Read(session.ToJson().Replace("\"v\":1", "\"v\":2", StringComparison.Ordinal)).Error?.Code);
        Assert.Equal(AuthorizationCodeErrors.InvalidSession, AuthorizationCodeSession.Read(session.ToJson().Replace("\"expires_at\":", "\"expires_at\":\"x\",\"y\":", StringComparison.Ordinal)).Error?.Code);
        var withPublicKey = session with { DpopKey = session.DpopKey.ToPublic() };
        Assert.Equal(AuthorizationCodeErrors.InvalidSession, AuthorizationCodeSession.Read(withPublicKey.ToJson()).Error?.Code);
    }

    [Fact]
    public async Task Session_Read_RestoresEveryMember()
    {
        var session = await StartAsync();

        var restored = AuthorizationCodeSession.Read(session.ToJson()).Value;

        Assert.Equal(session.State, restored.State);
        Assert.Equal(session.CodeVerifier, restored.CodeVerifier);
        Assert.Equal(session.DpopKey, restored.DpopKey);
        Assert.Equal(session.ClientId, restored.ClientId);
        Assert.Equal(session.RedirectUri, restored.RedirectUri);
        Assert.Equal(session.AuthorizationUrl, restored.AuthorizationUrl);
        Assert.Equal(session.ExpiresAt, restored.ExpiresAt);
        Assert.Equal(session.CredentialConfigurationIds, restored.CredentialConfigurationIds);
        Assert.Equal("st-1", restored.Offer.Offer.AuthorizationCode?.IssuerState);
        Assert.Equal(session.Offer.AuthorizationServer.PushedAuthorizationRequestEndpoint, restored.Offer.AuthorizationServer.PushedAuthorizationRequestEndpoint);
    }

    private static HttpResponseMessage WithNonce(HttpResponseMessage response, string nonce)
    {
        response.Headers.TryAddWithoutValidation("DPoP-Nonce", nonce);
        return response;
    }
}
