using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.OAuth;
using Credentials.OpenId4Vci;
using Credentials.Protocols;
using Credentials.SdJwt;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Tests.OpenId4Vci;

/// <summary>
/// The authorization code bound to a DPoP key (RFC 9449 sections 10 and 10.1): <c>dpop_jkt</c> or a DPoP proof at the
/// PAR endpoint, the proof's key checked at the token endpoint; and the DPoP errors as protocol errors.
/// </summary>
public sealed class AuthorizationCodeDpopTests : IDisposable
{
    private const string IssuerId = "https://issuer.example.jp/ipa";
    private const string Client = "https://wallet.example.jp";
    private const string Redirect = "https://wallet.example.jp/cb";
    private const string ConfigurationId = "age_sd_jwt";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));
    private readonly SigningKey _issuerKey = SigningKey.Create(JwsAlgorithm.Es256, "k1");
    private readonly SigningKey _walletKey = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly SigningKey _thiefKey = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly InMemoryProtocolStateStore _store;
    private readonly string _verifier = Pkce.CreateVerifier();

    public AuthorizationCodeDpopTests() => _store = new InMemoryProtocolStateStore(new InMemoryProtocolStateStoreOptions { TimeProvider = _clock });

    public void Dispose()
    {
        _issuerKey.Dispose();
        _walletKey.Dispose();
        _thiefKey.Dispose();
    }

    private OpenId4VciIssuer Issuer(bool dpop = true, bool required = true, bool nonce = false) => new(_store, new OpenId4VciIssuerOptions
    {
        CredentialIssuer = IssuerId,
        Signer = _issuerKey,
        TimeProvider = _clock,
        ValidateClient = (client, redirect) => client == Client && redirect == Redirect,
        Dpop = dpop ? new OpenId4VciDpopOptions { Required = required, Validation = new DpopProofValidatorOptions { RequireNonce = nonce } } : null,
        CredentialConfigurations = [new IssuerCredentialConfiguration { Id = ConfigurationId, Vct = "https://credentials.example.jp/vct/age/v1" }],
        ResolveDataset = (_, _) => ValueTask.FromResult<CredentialDataset?>(new CredentialDataset { Claims = SdJwtPayload.Create().Claim("age_over_20", true) }),
    });

    private static IssuerHttpRequest Post(string url, params string[] dpop)
    {
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        if (dpop.Length > 0)
        {
            headers[DpopProof.HeaderName] = dpop;
        }

        return new IssuerHttpRequest { Method = "POST", Url = new Uri(url), Headers = headers };
    }

    private Dictionary<string, IReadOnlyList<string>> ParForm(string? dpopJkt = null)
    {
        var form = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["response_type"] = ["code"],
            ["client_id"] = [Client],
            ["redirect_uri"] = [Redirect],
            ["code_challenge"] = [Pkce.ComputeS256Challenge(_verifier)],
            ["code_challenge_method"] = [Pkce.S256],
            ["authorization_details"] = ["[{\"type\":\"openid_credential\",\"credential_configuration_id\":\"" + ConfigurationId + "\"}]"],
        };
        if (dpopJkt is not null)
        {
            form["dpop_jkt"] = [dpopJkt];
        }

        return form;
    }

    private async Task<string> ProofAsync(OpenId4VciIssuer issuer, SigningKey key, string url, string method = "POST", string? nonce = null)
        => await DpopProof.CreateAsync(key, method, new Uri(url), _clock, nonce);

    private async Task<IssuerEndpointResult> ParAsync(OpenId4VciIssuer issuer, string? dpopJkt = null, SigningKey? proofKey = null)
    {
        var proofs = proofKey is null ? [] : new[] { await ProofAsync(issuer, proofKey, issuer.PushedAuthorizationRequestEndpoint!) };
        return await issuer.HandlePushedAuthorizationRequestAsync(Post(issuer.PushedAuthorizationRequestEndpoint!, proofs), ParForm(dpopJkt));
    }

    private static async Task<string> CodeAsync(OpenId4VciIssuer issuer, IssuerEndpointResult par)
    {
        Assert.Equal(201, par.StatusCode);
        var requestUri = JsonDocument.Parse(par.Body).RootElement.GetProperty("request_uri").GetString();
        var pending = (await issuer.BeginAuthorizationAsync(Client, requestUri)).GetValueOrThrow();
        var redirect = (await issuer.CompleteAuthorizationAsync(pending.Id, "subject-1")).GetValueOrThrow();
        return Uri.UnescapeDataString(redirect.Query.TrimStart('?').Split('&').First(p => p.StartsWith("code=", StringComparison.Ordinal))["code=".Length..]);
    }

    private async Task<IssuerEndpointResult> TokenAsync(OpenId4VciIssuer issuer, string code, SigningKey? key, string? nonce = null)
    {
        var proofs = key is null ? [] : new[] { await ProofAsync(issuer, key, issuer.TokenEndpoint, nonce: nonce) };
        var form = new Dictionary<string, IReadOnlyList<string>>
        {
            ["grant_type"] = [CredentialOffer.AuthorizationCodeGrantType],
            ["code"] = [code],
            ["redirect_uri"] = [Redirect],
            ["client_id"] = [Client],
            ["code_verifier"] = [_verifier],
        };
        return await issuer.HandleTokenRequestAsync(Post(issuer.TokenEndpoint, proofs), form, default);
    }

    private static string Error(IssuerEndpointResult result) => JsonDocument.Parse(result.Body).RootElement.GetProperty("error").GetString()!;

    private static string TokenType(IssuerEndpointResult result) => JsonDocument.Parse(result.Body).RootElement.GetProperty("token_type").GetString()!;

    [Fact]
    public async Task ParWithDpopProof_TokenWithSameKey_DpopBoundTokenWithDetails()
    {
        var issuer = Issuer();
        var code = await CodeAsync(issuer, await ParAsync(issuer, proofKey: _walletKey));

        var token = await TokenAsync(issuer, code, _walletKey);

        Assert.Equal(200, token.StatusCode);
        Assert.Equal("DPoP", TokenType(token));
        Assert.Equal(ConfigurationId, JsonDocument.Parse(token.Body).RootElement.GetProperty("authorization_details")[0].GetProperty("credential_identifiers")[0].GetString());
    }

    [Fact]
    public async Task ParWithDpopProof_TokenProvedWithAnotherKey_InvalidGrantKeyMismatch_CodeSurvives()
    {
        var issuer = Issuer();
        var code = await CodeAsync(issuer, await ParAsync(issuer, proofKey: _walletKey));

        var stolen = await TokenAsync(issuer, code, _thiefKey);
        var legitimate = await TokenAsync(issuer, code, _walletKey);

        Assert.Equal(400, stolen.StatusCode);
        Assert.Equal("invalid_grant", Error(stolen));
        Assert.Equal(DpopErrors.KeyMismatch, stolen.Code);
        Assert.Equal(200, legitimate.StatusCode);
    }

    [Fact]
    public async Task ParWithDpopJkt_TokenProvedWithAnotherKey_InvalidGrant_SameKeyAccepted()
    {
        var issuer = Issuer();
        var code = await CodeAsync(issuer, await ParAsync(issuer, dpopJkt: _walletKey.PublicJwk.ComputeThumbprint()));

        var stolen = await TokenAsync(issuer, code, _thiefKey);
        var legitimate = await TokenAsync(issuer, code, _walletKey);

        Assert.Equal("invalid_grant", Error(stolen));
        Assert.Equal(DpopErrors.KeyMismatch, stolen.Code);
        Assert.Equal(200, legitimate.StatusCode);
        Assert.Equal("DPoP", TokenType(legitimate));
    }

    [Fact]
    public async Task ParWithDpopJktAndProofOfAnotherKey_InvalidDpopProofKeyMismatch()
    {
        var issuer = Issuer();

        var par = await ParAsync(issuer, dpopJkt: _walletKey.PublicJwk.ComputeThumbprint(), proofKey: _thiefKey);

        Assert.Equal(400, par.StatusCode);
        Assert.Equal("invalid_dpop_proof", Error(par));
        Assert.Equal(DpopErrors.KeyMismatch, par.Code);
    }

    [Fact]
    public async Task ParWithDpopJktAndProofOfTheSameKey_Accepted_CodeBound()
    {
        var issuer = Issuer();
        var code = await CodeAsync(issuer, await ParAsync(issuer, dpopJkt: _walletKey.PublicJwk.ComputeThumbprint(), proofKey: _walletKey));

        Assert.Equal(DpopErrors.KeyMismatch, (await TokenAsync(issuer, code, _thiefKey)).Code);
        Assert.Equal(200, (await TokenAsync(issuer, code, _walletKey)).StatusCode);
    }

    [Fact]
    public async Task ParWithProofForAnotherUrl_InvalidDpopProofHtuMismatch()
    {
        var issuer = Issuer();
        var proof = await ProofAsync(issuer, _walletKey, issuer.TokenEndpoint);

        var par = await issuer.HandlePushedAuthorizationRequestAsync(Post(issuer.PushedAuthorizationRequestEndpoint!, proof), ParForm());

        Assert.Equal(400, par.StatusCode);
        Assert.Equal("invalid_dpop_proof", Error(par));
        Assert.Equal(DpopErrors.HtuMismatch, par.Code);
    }

    [Fact]
    public async Task ParWithProofForGet_InvalidDpopProofHtmMismatch()
    {
        var issuer = Issuer();
        var proof = await ProofAsync(issuer, _walletKey, issuer.PushedAuthorizationRequestEndpoint!, method: "GET");

        var par = await issuer.HandlePushedAuthorizationRequestAsync(Post(issuer.PushedAuthorizationRequestEndpoint!, proof), ParForm());

        Assert.Equal("invalid_dpop_proof", Error(par));
        Assert.Equal(DpopErrors.HtmMismatch, par.Code);
    }

    [Fact]
    public async Task ParWithReplayedProof_InvalidDpopProofReplayed()
    {
        var issuer = Issuer();
        var proof = await ProofAsync(issuer, _walletKey, issuer.PushedAuthorizationRequestEndpoint!);

        var first = await issuer.HandlePushedAuthorizationRequestAsync(Post(issuer.PushedAuthorizationRequestEndpoint!, proof), ParForm());
        var replay = await issuer.HandlePushedAuthorizationRequestAsync(Post(issuer.PushedAuthorizationRequestEndpoint!, proof), ParForm());

        Assert.Equal(201, first.StatusCode);
        Assert.Equal(DpopErrors.Replayed, replay.Code);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9X+")]
    [InlineData("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs=")]
    public async Task ParWithMalformedDpopJkt_InvalidRequest(string jkt)
    {
        var issuer = Issuer();

        Assert.Equal(OpenId4VciErrors.InvalidRequest, (await ParAsync(issuer, dpopJkt: jkt)).Code);
    }

    [Fact]
    public async Task ParNonceRequired_ProofWithoutNonce_UseDpopNonce_ThenAcceptedWithNonceAndFreshOne()
    {
        var issuer = Issuer(nonce: true);

        var first = await ParAsync(issuer, proofKey: _walletKey);
        var nonce = first.Headers[DpopProof.NonceHeaderName];
        var proof = await ProofAsync(issuer, _walletKey, issuer.PushedAuthorizationRequestEndpoint!, nonce: nonce);
        var second = await issuer.HandlePushedAuthorizationRequestAsync(Post(issuer.PushedAuthorizationRequestEndpoint!, proof), ParForm());
        var code = await CodeAsync(issuer, second);
        var token = await TokenAsync(issuer, code, _walletKey, second.Headers[DpopProof.NonceHeaderName]);

        Assert.Equal(400, first.StatusCode);
        Assert.Equal("use_dpop_nonce", Error(first));
        Assert.Equal(DpopErrors.UseNonce, first.Code);
        Assert.Equal(201, second.StatusCode);
        Assert.Equal(200, token.StatusCode);
        Assert.Equal("DPoP", TokenType(token));
        Assert.True(token.Headers.ContainsKey(DpopProof.NonceHeaderName));
    }

    [Fact]
    public async Task DpopOptional_CodeBound_TokenWithoutProof_InvalidGrantMissingProof_CodeSurvives()
    {
        var issuer = Issuer(required: false);
        var code = await CodeAsync(issuer, await ParAsync(issuer, proofKey: _walletKey));

        var unproved = await TokenAsync(issuer, code, null);
        var proved = await TokenAsync(issuer, code, _walletKey);

        Assert.Equal("invalid_grant", Error(unproved));
        Assert.Equal(DpopErrors.MissingProof, unproved.Code);
        Assert.Equal(200, proved.StatusCode);
        Assert.Equal("DPoP", TokenType(proved));
    }

    [Fact]
    public async Task DpopOptional_UnboundCode_TokenWithoutProof_BearerToken()
    {
        var issuer = Issuer(required: false);
        var code = await CodeAsync(issuer, await ParAsync(issuer));

        var token = await TokenAsync(issuer, code, null);

        Assert.Equal(200, token.StatusCode);
        Assert.Equal("Bearer", TokenType(token));
    }

    [Fact]
    public async Task DpopOff_DpopJktAndHeaderIgnored_BearerToken()
    {
        var issuer = Issuer(dpop: false);
        var code = await CodeAsync(issuer, await ParAsync(issuer, dpopJkt: "short", proofKey: _walletKey));

        var token = await TokenAsync(issuer, code, _thiefKey);

        Assert.Equal(200, token.StatusCode);
        Assert.Equal("Bearer", TokenType(token));
    }

    [Theory]
    [InlineData("use_dpop_nonce", "dpop.use_nonce")]
    [InlineData("invalid_dpop_proof", "dpop.invalid_proof")]
    public void FromProtocolError_DpopErrors_MapToDpopCodes(string error, string code)
    {
        Assert.Equal(code, OpenId4VciErrors.FromProtocolError(error)?.Value);
        Assert.Equal(code, ProtocolErrorResponse.TryParse(System.Text.Encoding.UTF8.GetBytes("{\"error\":\"" + error + "\"}"))?.Code?.Value);
    }

    [Fact]
    public void ToProtocolError_DpopCodes_InvalidDpopProofOrUseDpopNonce()
    {
        Assert.Equal("use_dpop_nonce", OpenId4VciErrors.ToProtocolError(DpopErrors.UseNonce));
        Assert.Equal("invalid_dpop_proof", OpenId4VciErrors.ToProtocolError(DpopErrors.KeyMismatch));
        Assert.Equal("invalid_dpop_proof", ProtocolErrorResponse.From(DpopErrors.Replayed).Error);
    }
}
