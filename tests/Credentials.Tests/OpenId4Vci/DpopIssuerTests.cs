using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.OAuth;
using Credentials.OpenId4Vci;
using Credentials.Protocols;
using Credentials.SdJwt;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Tests.OpenId4Vci;

/// <summary>DPoP-bound access tokens (RFC 9449) at the issuer's token and Credential endpoints, over the Pre-Authorized Code flow.</summary>
public sealed class DpopIssuerTests : IDisposable
{
    private const string IssuerId = "https://issuer.example.jp/ipa";
    private const string ConfigurationId = "age_sd_jwt";
    private const string Grant = CredentialOffer.PreAuthorizedCodeGrantType;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));
    private readonly SigningKey _issuerKey = SigningKey.Create(JwsAlgorithm.Es256, "k1");
    private readonly SigningKey _dpopKey = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly SigningKey _thiefKey = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly SigningKey _holderKey = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly InMemoryProtocolStateStore _store = new();

    public void Dispose()
    {
        _issuerKey.Dispose();
        _dpopKey.Dispose();
        _thiefKey.Dispose();
        _holderKey.Dispose();
    }

    private OpenId4VciIssuer Issuer(OpenId4VciDpopOptions? dpop) => new(_store, new OpenId4VciIssuerOptions
    {
        ValidateClient = (_, _) => true,
        CredentialIssuer = IssuerId,
        Signer = _issuerKey,
        TimeProvider = _clock,
        Dpop = dpop,
        CredentialConfigurations = [new IssuerCredentialConfiguration { Id = ConfigurationId, Vct = "https://credentials.example.jp/vct/age/v1" }],
        ResolveDataset = (_, _) => ValueTask.FromResult<CredentialDataset?>(new CredentialDataset { Claims = SdJwtPayload.Create().Claim("age_over_20", true) }),
    });

    private static OpenId4VciIssuer Required(DpopIssuerTests t, bool nonce = false)
        => t.Issuer(new OpenId4VciDpopOptions { Validation = new DpopProofValidatorOptions { RequireNonce = nonce, NonceLifetime = TimeSpan.FromMinutes(1) } });

    private static async Task<string> OfferCodeAsync(OpenId4VciIssuer issuer)
        => (await issuer.CreateOfferAsync(new CredentialOfferRequest { CredentialConfigurationIds = [ConfigurationId] })).Offer.PreAuthorizedCode!.PreAuthorizedCode;

    private static IssuerHttpRequest Request(string url, string? authorization = null, params string[] dpop)
    {
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        if (authorization is not null)
        {
            headers["Authorization"] = [authorization];
        }

        if (dpop.Length > 0)
        {
            headers["DPoP"] = dpop;
        }

        return new IssuerHttpRequest { Method = "POST", Url = new Uri(url), Headers = headers };
    }

    private async Task<IssuerEndpointResult> TokenAsync(OpenId4VciIssuer issuer, string code, SigningKey? dpopKey, string? nonce = null, string? url = null)
    {
        var form = new Dictionary<string, IReadOnlyList<string>> { ["grant_type"] = [Grant], ["pre-authorized_code"] = [code] };
        var proofs = dpopKey is null ? [] : new[] { await DpopProof.CreateAsync(dpopKey, "POST", new Uri(url ?? issuer.TokenEndpoint), _clock, nonce) };
        return await issuer.HandleTokenRequestAsync(Request(issuer.TokenEndpoint, null, proofs), form, default);
    }

    private async Task<byte[]> CredentialBodyAsync(OpenId4VciIssuer issuer)
    {
        var nonceResult = await issuer.HandleNonceRequestAsync();
        var cNonce = JsonDocument.Parse(nonceResult.Body).RootElement.GetProperty("c_nonce").GetString();
        var proof = await JwtKeyProof.CreateAsync(_holderKey, _holderKey.PublicJwk, IssuerId, cNonce, _clock.GetUtcNow());
        return Encoding.UTF8.GetBytes(new JsonObject { ["credential_configuration_id"] = ConfigurationId, ["proofs"] = new JsonObject { ["jwt"] = new JsonArray(proof) } }.ToJsonString());
    }

    private async Task<IssuerEndpointResult> CredentialAsync(OpenId4VciIssuer issuer, string authorization, params string[] dpop)
        => await issuer.HandleCredentialRequestAsync(Request(issuer.CredentialEndpoint, authorization, dpop), await CredentialBodyAsync(issuer), default);

    private async Task<string> CredentialProofAsync(OpenId4VciIssuer issuer, SigningKey key, string? accessToken, string? nonce = null, string method = "POST")
        => await DpopProof.CreateAsync(key, method, new Uri(issuer.CredentialEndpoint), _clock, nonce, accessToken);

    private static string AccessToken(IssuerEndpointResult token) => TokenResponse.Read(Encoding.UTF8.GetBytes(token.Body)).Value.AccessToken;

    private static string Error(IssuerEndpointResult result) => JsonDocument.Parse(result.Body).RootElement.GetProperty("error").GetString()!;

    [Fact]
    public async Task PreAuthorizedFlow_WithDpop_BoundTokenIssuesCredential()
    {
        var issuer = Required(this);
        var token = await TokenAsync(issuer, await OfferCodeAsync(issuer), _dpopKey);
        Assert.Equal(200, token.StatusCode);
        Assert.Equal("DPoP", TokenResponse.Read(Encoding.UTF8.GetBytes(token.Body)).Value.TokenType);
        Assert.False(token.Headers.ContainsKey(DpopProof.NonceHeaderName));

        var accessToken = AccessToken(token);
        var credential = await CredentialAsync(issuer, "DPoP " + accessToken, await CredentialProofAsync(issuer, _dpopKey, accessToken));
        Assert.Equal(200, credential.StatusCode);
        Assert.Contains("\"credentials\"", credential.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_RequiredButNoProof_InvalidDpopProof_CodeNotConsumed()
    {
        var issuer = Required(this);
        var code = await OfferCodeAsync(issuer);
        var refused = await TokenAsync(issuer, code, null);
        Assert.Equal(400, refused.StatusCode);
        Assert.Equal("invalid_dpop_proof", Error(refused));
        Assert.Equal(DpopErrors.MissingProof, refused.Code);
        Assert.Null(refused.WwwAuthenticate);

        Assert.Equal(200, (await TokenAsync(issuer, code, _dpopKey)).StatusCode);
    }

    [Fact]
    public async Task Token_ProofForOtherUrl_InvalidDpopProof_CodeNotConsumed()
    {
        var issuer = Required(this);
        var code = await OfferCodeAsync(issuer);
        var refused = await TokenAsync(issuer, code, _dpopKey, url: issuer.CredentialEndpoint);
        Assert.Equal((400, "invalid_dpop_proof"), (refused.StatusCode, Error(refused)));
        Assert.Equal(DpopErrors.HtuMismatch, refused.Code);
        Assert.Equal(200, (await TokenAsync(issuer, code, _dpopKey)).StatusCode);
    }

    [Fact]
    public async Task Token_TwoDpopHeaders_InvalidDpopProof()
    {
        var issuer = Required(this);
        var form = new Dictionary<string, IReadOnlyList<string>> { ["grant_type"] = [Grant], ["pre-authorized_code"] = [await OfferCodeAsync(issuer)] };
        var proof = await DpopProof.CreateAsync(_dpopKey, "POST", new Uri(issuer.TokenEndpoint), _clock);
        var refused = await issuer.HandleTokenRequestAsync(Request(issuer.TokenEndpoint, null, proof, proof), form, default);
        Assert.Equal(DpopErrors.MultipleProofs, refused.Code);
    }

    [Fact]
    public async Task Token_NonceRequired_UseDpopNonceThenSuccessWithFreshNonce()
    {
        var issuer = Required(this, nonce: true);
        var code = await OfferCodeAsync(issuer);
        var first = await TokenAsync(issuer, code, _dpopKey);
        Assert.Equal((400, "use_dpop_nonce"), (first.StatusCode, Error(first)));
        Assert.Equal(DpopErrors.UseNonce, first.Code);
        var nonce = first.Headers[DpopProof.NonceHeaderName];

        var wrong = await TokenAsync(issuer, code, _dpopKey, nonce: "not-a-nonce-of-this-server");
        Assert.Equal("use_dpop_nonce", Error(wrong));
        Assert.True(wrong.Headers.ContainsKey(DpopProof.NonceHeaderName));

        var second = await TokenAsync(issuer, code, _dpopKey, nonce: nonce);
        Assert.Equal(200, second.StatusCode);
        Assert.False(string.IsNullOrEmpty(second.Headers[DpopProof.NonceHeaderName]));
    }

    [Fact]
    public async Task Credential_BoundTokenAsBearer_InvalidToken_TokenNotConsumed()
    {
        var issuer = Required(this);
        var accessToken = AccessToken(await TokenAsync(issuer, await OfferCodeAsync(issuer), _dpopKey));
        var bearer = await CredentialAsync(issuer, "Bearer " + accessToken);
        Assert.Equal((401, "invalid_token"), (bearer.StatusCode, Error(bearer)));
        Assert.StartsWith("DPoP error=\"invalid_token\"", bearer.WwwAuthenticate, StringComparison.Ordinal);
        Assert.Contains("algs=\"ES256\"", bearer.WwwAuthenticate, StringComparison.Ordinal);

        // Bearer with a valid proof attached is still refused: the scheme must be DPoP.
        var bearerWithProof = await CredentialAsync(issuer, "Bearer " + accessToken, await CredentialProofAsync(issuer, _dpopKey, accessToken));
        Assert.Equal("invalid_token", Error(bearerWithProof));

        Assert.Equal(200, (await CredentialAsync(issuer, "DPoP " + accessToken, await CredentialProofAsync(issuer, _dpopKey, accessToken))).StatusCode);
    }

    [Fact]
    public async Task Credential_BoundTokenWithoutProof_InvalidDpopProof()
    {
        var issuer = Required(this);
        var accessToken = AccessToken(await TokenAsync(issuer, await OfferCodeAsync(issuer), _dpopKey));
        var refused = await CredentialAsync(issuer, "DPoP " + accessToken);
        Assert.Equal((401, "invalid_dpop_proof"), (refused.StatusCode, Error(refused)));
        Assert.Equal(DpopErrors.MissingProof, refused.Code);
        Assert.StartsWith("DPoP error=\"invalid_dpop_proof\"", refused.WwwAuthenticate, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credential_StolenTokenWithThiefsKey_KeyMismatch_TokenNotConsumed()
    {
        var issuer = Required(this);
        var accessToken = AccessToken(await TokenAsync(issuer, await OfferCodeAsync(issuer), _dpopKey));
        var stolen = await CredentialAsync(issuer, "DPoP " + accessToken, await CredentialProofAsync(issuer, _thiefKey, accessToken));
        Assert.Equal((401, "invalid_dpop_proof"), (stolen.StatusCode, Error(stolen)));
        Assert.Equal(DpopErrors.KeyMismatch, stolen.Code);

        Assert.Equal(200, (await CredentialAsync(issuer, "DPoP " + accessToken, await CredentialProofAsync(issuer, _dpopKey, accessToken))).StatusCode);
    }

    [Fact]
    public async Task Credential_ProofWithoutOrWithWrongAth_AthMismatch()
    {
        var issuer = Required(this);
        var accessToken = AccessToken(await TokenAsync(issuer, await OfferCodeAsync(issuer), _dpopKey));
        Assert.Equal(DpopErrors.AthMismatch, (await CredentialAsync(issuer, "DPoP " + accessToken, await CredentialProofAsync(issuer, _dpopKey, null))).Code);
        Assert.Equal(DpopErrors.AthMismatch, (await CredentialAsync(issuer, "DPoP " + accessToken, await CredentialProofAsync(issuer, _dpopKey, "other-token"))).Code);
    }

    [Fact]
    public async Task Credential_ProofForOtherMethodOrReplayed_Refused()
    {
        var issuer = Required(this);
        var accessToken = AccessToken(await TokenAsync(issuer, await OfferCodeAsync(issuer), _dpopKey));
        Assert.Equal(DpopErrors.HtmMismatch, (await CredentialAsync(issuer, "DPoP " + accessToken, await CredentialProofAsync(issuer, _dpopKey, accessToken, method: "GET"))).Code);

        // A proof used for a request that failed later (here: another c_nonce check is fine, so use a denied body) is spent.
        var proof = await CredentialProofAsync(issuer, _dpopKey, accessToken);
        var badBody = await issuer.HandleCredentialRequestAsync(Request(issuer.CredentialEndpoint, "DPoP " + accessToken, proof), Encoding.UTF8.GetBytes("{}"), default);
        Assert.False(badBody.IsSuccess);
        Assert.Equal(DpopErrors.Replayed, (await CredentialAsync(issuer, "DPoP " + accessToken, proof)).Code);
        Assert.Equal(200, (await CredentialAsync(issuer, "DPoP " + accessToken, await CredentialProofAsync(issuer, _dpopKey, accessToken))).StatusCode);
    }

    [Fact]
    public async Task Credential_NonceRequired_ExpiredNonce_UseDpopNonceWithChallenge()
    {
        var issuer = Required(this, nonce: true);
        var code = await OfferCodeAsync(issuer);
        var nonce = (await TokenAsync(issuer, code, _dpopKey)).Headers[DpopProof.NonceHeaderName];
        var token = await TokenAsync(issuer, code, _dpopKey, nonce);
        var accessToken = AccessToken(token);
        var fresh = token.Headers[DpopProof.NonceHeaderName];

        Assert.Equal(200, (await CredentialAsync(issuer, "DPoP " + accessToken, await CredentialProofAsync(issuer, _dpopKey, accessToken, fresh))).StatusCode);

        // A second token (the first was single use), then the nonce expires.
        var code2 = await OfferCodeAsync(issuer);
        var accessToken2 = AccessToken(await TokenAsync(issuer, code2, _dpopKey, fresh));
        _clock.Advance(TimeSpan.FromMinutes(2));
        var stale = await CredentialAsync(issuer, "DPoP " + accessToken2, await CredentialProofAsync(issuer, _dpopKey, accessToken2, fresh));
        Assert.Equal((401, "use_dpop_nonce"), (stale.StatusCode, Error(stale)));
        Assert.StartsWith("DPoP error=\"use_dpop_nonce\"", stale.WwwAuthenticate, StringComparison.Ordinal);
        var next = stale.Headers[DpopProof.NonceHeaderName];
        Assert.Equal(200, (await CredentialAsync(issuer, "DPoP " + accessToken2, await CredentialProofAsync(issuer, _dpopKey, accessToken2, next))).StatusCode);
    }

    [Fact]
    public async Task Optional_NoProof_BearerTokenAsToday_AndNotUsableWithDpopScheme()
    {
        var issuer = Issuer(new OpenId4VciDpopOptions { Required = false });
        var token = await TokenAsync(issuer, await OfferCodeAsync(issuer), null);
        Assert.Equal("Bearer", TokenResponse.Read(Encoding.UTF8.GetBytes(token.Body)).Value.TokenType);
        var accessToken = AccessToken(token);

        var asDpop = await CredentialAsync(issuer, "DPoP " + accessToken, await CredentialProofAsync(issuer, _dpopKey, accessToken));
        Assert.Equal((401, "invalid_token"), (asDpop.StatusCode, Error(asDpop)));
        Assert.Equal(200, (await CredentialAsync(issuer, "Bearer " + accessToken)).StatusCode);

        // With a proof, the token is bound even though DPoP is optional.
        var bound = await TokenAsync(issuer, await OfferCodeAsync(issuer), _dpopKey);
        Assert.Equal("DPoP", TokenResponse.Read(Encoding.UTF8.GetBytes(bound.Body)).Value.TokenType);
        Assert.Equal("invalid_token", Error(await CredentialAsync(issuer, "Bearer " + AccessToken(bound))));
    }

    [Fact]
    public async Task Disabled_DpopHeaderIgnored_BearerToken()
    {
        var issuer = Issuer(null);
        var token = await TokenAsync(issuer, await OfferCodeAsync(issuer), _dpopKey);
        Assert.Equal("Bearer", TokenResponse.Read(Encoding.UTF8.GetBytes(token.Body)).Value.TokenType);
        Assert.DoesNotContain("dpop_signing_alg_values_supported", issuer.AuthorizationServerMetadataJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_PublishesDpopSigningAlgorithms()
    {
        var issuer = Issuer(new OpenId4VciDpopOptions { Validation = new DpopProofValidatorOptions { AllowedAlgorithms = [JwsAlgorithm.Es256, JwsAlgorithm.EdDsa] } });
        using var json = JsonDocument.Parse(issuer.AuthorizationServerMetadataJson);
        Assert.Equal(["ES256", "EdDSA"], json.RootElement.GetProperty("dpop_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(["ES256", "EdDSA"], issuer.AuthorizationServerMetadata.DpopSigningAlgValuesSupported);
        var read = AuthorizationServerMetadata.Read(Encoding.UTF8.GetBytes(issuer.AuthorizationServerMetadataJson));
        Assert.Equal(["ES256", "EdDSA"], read.Value.DpopSigningAlgValuesSupported);
    }

    [Fact]
    public async Task AuthorizationCodeFlow_WithDpop_BoundTokenIssuesCredential_BearerRefused()
    {
        const string redirect = "https://wallet.example.jp/cb";
        var issuer = Required(this);
        var verifier = Pkce.CreateVerifier();
        var par = await issuer.HandlePushedAuthorizationRequestAsync(
            Request(issuer.PushedAuthorizationRequestEndpoint!),
            new Dictionary<string, IReadOnlyList<string>>
            {
                ["response_type"] = ["code"],
                ["client_id"] = ["wallet"],
                ["redirect_uri"] = [redirect],
                ["code_challenge"] = [Pkce.ComputeS256Challenge(verifier)],
                ["code_challenge_method"] = ["S256"],
                ["authorization_details"] = ["[{\"type\":\"openid_credential\",\"credential_configuration_id\":\"" + ConfigurationId + "\"}]"],
            });
        Assert.True(par.IsSuccess, par.Body);
        var requestUri = JsonDocument.Parse(par.Body).RootElement.GetProperty("request_uri").GetString();
        var pending = (await issuer.BeginAuthorizationAsync("wallet", requestUri)).GetValueOrThrow();
        var redirectTo = (await issuer.CompleteAuthorizationAsync(pending.Id, "subject-1")).GetValueOrThrow();
        var code = Uri.UnescapeDataString(redirectTo.Query.TrimStart('?').Split('&').First(p => p.StartsWith("code=", StringComparison.Ordinal))["code=".Length..]);

        var form = new Dictionary<string, IReadOnlyList<string>>
        {
            ["grant_type"] = ["authorization_code"],
            ["code"] = [code],
            ["redirect_uri"] = [redirect],
            ["client_id"] = ["wallet"],
            ["code_verifier"] = [verifier],
        };

        // Without a proof: refused, and the code is not consumed.
        var refused = await issuer.HandleTokenRequestAsync(Request(issuer.TokenEndpoint), form, default);
        Assert.Equal(DpopErrors.MissingProof, refused.Code);

        var token = await issuer.HandleTokenRequestAsync(Request(issuer.TokenEndpoint, null, await DpopProof.CreateAsync(_dpopKey, "POST", new Uri(issuer.TokenEndpoint), _clock)), form, default);
        Assert.Equal(200, token.StatusCode);
        var response = JsonDocument.Parse(token.Body).RootElement;
        Assert.Equal("DPoP", response.GetProperty("token_type").GetString());
        var accessToken = response.GetProperty("access_token").GetString()!;

        var body = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["credential_identifier"] = ConfigurationId,
            ["proofs"] = new JsonObject { ["jwt"] = new JsonArray(await JwtKeyProof.CreateAsync(_holderKey, _holderKey.PublicJwk, IssuerId, JsonDocument.Parse((await issuer.HandleNonceRequestAsync()).Body).RootElement.GetProperty("c_nonce").GetString(), _clock.GetUtcNow())) },
        }.ToJsonString());
        var bearer = await issuer.HandleCredentialRequestAsync(Request(issuer.CredentialEndpoint, "Bearer " + accessToken), body, default);
        Assert.Equal("invalid_token", Error(bearer));
        var credential = await issuer.HandleCredentialRequestAsync(Request(issuer.CredentialEndpoint, "DPoP " + accessToken, await CredentialProofAsync(issuer, _dpopKey, accessToken)), body, default);
        Assert.Equal(200, credential.StatusCode);
    }
}
