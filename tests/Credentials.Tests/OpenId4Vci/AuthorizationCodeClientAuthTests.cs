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
/// The <c>authorization_code</c> grant with attestation-based client authentication: the client is the wallet
/// attestation's <c>sub</c>, so <c>client_id</c> may be left out (RFC 6749 section 4.1.3); the code's client must be
/// the authenticated one.
/// </summary>
public sealed class AuthorizationCodeClientAuthTests : IDisposable
{
    private const string IssuerId = "https://issuer.example.jp/ipa";
    private const string Client = "https://wallet.example.jp";
    private const string OtherClient = "https://other-wallet.example.jp";
    private const string Redirect = "https://wallet.example.jp/cb";
    private const string ConfigurationId = "age_sd_jwt";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));
    private readonly SigningKey _issuerKey = SigningKey.Create(JwsAlgorithm.Es256, "k1");
    private readonly SigningKey _provider = SigningKey.Create(JwsAlgorithm.Es256, "provider-1");
    private readonly SigningKey _instance = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly SigningKey _otherInstance = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly InMemoryProtocolStateStore _store;
    private readonly string _verifier = Pkce.CreateVerifier();

    public AuthorizationCodeClientAuthTests() => _store = new InMemoryProtocolStateStore(new InMemoryProtocolStateStoreOptions { TimeProvider = _clock });

    public void Dispose()
    {
        _issuerKey.Dispose();
        _provider.Dispose();
        _instance.Dispose();
        _otherInstance.Dispose();
    }

    private OpenId4VciIssuer Issuer(bool attestation = true) => new(_store, new OpenId4VciIssuerOptions
    {
        CredentialIssuer = IssuerId,
        Signer = _issuerKey,
        TimeProvider = _clock,
        ValidateClient = (client, redirect) => (client == Client || client == OtherClient) && redirect == Redirect,
        ClientAttestation = attestation ? new ClientAttestationValidatorOptions { TrustedProviderKeys = [_provider.PublicJwk], TimeProvider = _clock } : null,
        CredentialConfigurations = [new IssuerCredentialConfiguration { Id = ConfigurationId, Vct = "https://credentials.example.jp/vct/age/v1" }],
        ResolveDataset = (_, _) => ValueTask.FromResult<CredentialDataset?>(new CredentialDataset { Claims = SdJwtPayload.Create().Claim("age_over_20", true) }),
    });

    private async Task<IssuerHttpRequest> PostAsync(string url, string? client)
    {
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        if (client is not null)
        {
            var instance = client == Client ? _instance : _otherInstance;
            headers[ClientAttestation.HeaderName] = [await new ClientAttestationIssuer(_provider, new ClientAttestationIssuerOptions { TimeProvider = _clock }).IssueAsync(client, instance.PublicJwk)];
            headers[ClientAttestation.PopHeaderName] = [await ClientAttestationPop.CreateAsync(instance, IssuerId, _clock)];
        }

        return new IssuerHttpRequest { Method = "POST", Url = new Uri(url), Headers = headers };
    }

    private async Task<string> CodeAsync(OpenId4VciIssuer issuer, string? attestedClient)
    {
        var form = new Dictionary<string, IReadOnlyList<string>>
        {
            ["response_type"] = ["code"],
            ["client_id"] = [Client],
            ["redirect_uri"] = [Redirect],
            ["code_challenge"] = [Pkce.ComputeS256Challenge(_verifier)],
            ["code_challenge_method"] = [Pkce.S256],
            ["authorization_details"] = ["[{\"type\":\"openid_credential\",\"credential_configuration_id\":\"" + ConfigurationId + "\"}]"],
        };
        var par = await issuer.HandlePushedAuthorizationRequestAsync(await PostAsync(issuer.PushedAuthorizationRequestEndpoint!, attestedClient), form);
        Assert.Equal(201, par.StatusCode);
        var requestUri = JsonDocument.Parse(par.Body).RootElement.GetProperty("request_uri").GetString();
        var pending = (await issuer.BeginAuthorizationAsync(Client, requestUri)).GetValueOrThrow();
        var redirect = (await issuer.CompleteAuthorizationAsync(pending.Id, "subject-1")).GetValueOrThrow();
        return Uri.UnescapeDataString(redirect.Query.TrimStart('?').Split('&').First(p => p.StartsWith("code=", StringComparison.Ordinal))["code=".Length..]);
    }

    private async Task<IssuerEndpointResult> TokenAsync(OpenId4VciIssuer issuer, string code, string? attestedClient, string? clientId)
    {
        var form = new Dictionary<string, IReadOnlyList<string>>
        {
            ["grant_type"] = [CredentialOffer.AuthorizationCodeGrantType],
            ["code"] = [code],
            ["redirect_uri"] = [Redirect],
            ["code_verifier"] = [_verifier],
        };
        if (clientId is not null)
        {
            form["client_id"] = [clientId];
        }

        return await issuer.HandleTokenRequestAsync(await PostAsync(issuer.TokenEndpoint, attestedClient), form, default);
    }

    [Fact]
    public async Task Token_AttestedClientWithoutClientId_IssuesToken()
    {
        var issuer = Issuer();
        var code = await CodeAsync(issuer, Client);

        var token = await TokenAsync(issuer, code, Client, clientId: null);

        Assert.Equal(200, token.StatusCode);
        Assert.Null(token.Code);
    }

    [Fact]
    public async Task Token_AttestedClientWithItsClientId_IssuesToken()
    {
        var issuer = Issuer();
        var code = await CodeAsync(issuer, Client);

        Assert.Equal(200, (await TokenAsync(issuer, code, Client, Client)).StatusCode);
    }

    [Fact]
    public async Task Token_AnotherAttestedClientWithoutClientId_InvalidGrant_CodeSurvives()
    {
        var issuer = Issuer();
        var code = await CodeAsync(issuer, Client);

        var other = await TokenAsync(issuer, code, OtherClient, clientId: null);
        var legitimate = await TokenAsync(issuer, code, Client, clientId: null);

        Assert.Equal(400, other.StatusCode);
        Assert.Equal(OpenId4VciErrors.InvalidGrant, other.Code);
        Assert.Equal(200, legitimate.StatusCode);
    }

    [Fact]
    public async Task Token_AttestedClientNamingTheCodesClient_InvalidClientClientIdMismatch()
    {
        var issuer = Issuer();
        var code = await CodeAsync(issuer, Client);

        var result = await TokenAsync(issuer, code, OtherClient, Client);

        Assert.Equal(401, result.StatusCode);
        Assert.Equal(ClientAttestationErrors.ClientIdMismatch, result.Code);
        Assert.Equal(200, (await TokenAsync(issuer, code, Client, null)).StatusCode);
    }

    [Fact]
    public async Task Token_AttestationRequiredButMissing_WithoutClientId_InvalidClient()
    {
        var issuer = Issuer();
        var code = await CodeAsync(issuer, Client);

        var result = await TokenAsync(issuer, code, null, null);

        Assert.Equal(401, result.StatusCode);
        Assert.Equal(ClientAttestationErrors.Missing, result.Code);
    }

    [Fact]
    public async Task Token_NoClientAuthenticationAndNoClientId_InvalidRequest_CodeSurvives()
    {
        var issuer = Issuer(attestation: false);
        var code = await CodeAsync(issuer, null);

        var without = await TokenAsync(issuer, code, null, null);
        var with = await TokenAsync(issuer, code, null, Client);

        Assert.Equal(400, without.StatusCode);
        Assert.Equal(OpenId4VciErrors.InvalidRequest, without.Code);
        Assert.Equal(200, with.StatusCode);
    }
}
