using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
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
/// The issuer as OAuth authorization server (OpenID4VCI 1.0 sections 5 and 6, HAIP 1.0): PAR, the authorization step,
/// the authorization_code grant with PKCE S256, and their refusals.
/// </summary>
public sealed class AuthorizationCodeFlowTests : IDisposable
{
    private const string Issuer = "https://issuer.example.jp/ipa";
    private const string Client = "https://wallet.example.jp";
    private const string Redirect = "https://wallet.example.jp/cb";
    private const string Exam = "ipa_exam_pass_sd_jwt";
    private const string Age = "age_sd_jwt";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero));
    private readonly SigningKey _issuerKey = SigningKey.Create(JwsAlgorithm.Es256, "k1");
    private readonly SigningKey _holder = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly InMemoryProtocolStateStore _store;
    private readonly OpenId4VciIssuer _issuer;
    private readonly List<string?> _subjects = [];
    private readonly string _verifier = Pkce.CreateVerifier();

    public AuthorizationCodeFlowTests()
    {
        _store = new InMemoryProtocolStateStore(new InMemoryProtocolStateStoreOptions { TimeProvider = _clock });
        _issuer = NewIssuer(_store);
    }

    public void Dispose()
    {
        _issuerKey.Dispose();
        _holder.Dispose();
    }

    private OpenId4VciIssuer NewIssuer(IProtocolStateStore store, Func<string, string, bool>? validate = null) => new(store, new OpenId4VciIssuerOptions
    {
        CredentialIssuer = Issuer,
        Signer = _issuerKey,
        TimeProvider = _clock,
        ValidateClient = validate ?? ((client, redirect) => client == Client && redirect == Redirect),
        CredentialConfigurations =
        [
            new IssuerCredentialConfiguration { Id = Exam, Vct = "https://credentials.example.jp/vct/ipa/exam-pass/v1", Scope = "ipa_exam" },
            new IssuerCredentialConfiguration { Id = Age, Vct = "https://credentials.example.jp/vct/age/v1" },
        ],
        ResolveDataset = (context, _) =>
        {
            _subjects.Add(context.SubjectId);
            return ValueTask.FromResult<CredentialDataset?>(new CredentialDataset { Claims = SdJwtPayload.Create().Disclosable("given_name", "結衣") });
        },
    });

    private static IssuerHttpRequest Post(string url) => new() { Method = "POST", Url = new Uri(url) };

    private static Dictionary<string, IReadOnlyList<string>> Form(params (string Name, string? Value)[] pairs)
        => pairs.Where(p => p.Value is not null).ToDictionary(p => p.Name, p => (IReadOnlyList<string>)[p.Value!], StringComparer.Ordinal);

    private static string Details(params string[] ids)
        => JsonSerializer.Serialize(ids.Select(id => new Dictionary<string, string> { ["type"] = "openid_credential", ["credential_configuration_id"] = id }));

    private (string Name, string? Value)[] ParForm(string? details = null, string? scope = null, string? method = Pkce.S256, string? challenge = null, string? issuerState = null, string? state = "xyz")
        =>
        [
            ("client_id", Client), ("redirect_uri", Redirect), ("response_type", "code"),
            ("code_challenge", challenge ?? Pkce.ComputeS256Challenge(_verifier)), ("code_challenge_method", method),
            ("authorization_details", details ?? (scope is null ? Details(Exam) : null)), ("scope", scope), ("issuer_state", issuerState), ("state", state),
        ];

    private async Task<IssuerEndpointResult> ParAsync(params (string Name, string? Value)[] form)
        => await _issuer.HandlePushedAuthorizationRequestAsync(Post(_issuer.PushedAuthorizationRequestEndpoint!), Form(form));

    private async Task<string> RequestUriAsync(params (string Name, string? Value)[] form)
    {
        var result = await ParAsync(form.Length == 0 ? ParForm() : form);
        Assert.Equal(201, result.StatusCode);
        using var doc = JsonDocument.Parse(result.Body);
        return doc.RootElement.GetProperty("request_uri").GetString()!;
    }

    private async Task<Dictionary<string, string>> AuthorizeAsync(string requestUri, string subject = "exam-2026-05-01234")
    {
        var pending = await _issuer.BeginAuthorizationAsync(Client, requestUri);
        Assert.True(pending.IsValid, pending.Error?.ToString());
        var redirect = await _issuer.CompleteAuthorizationAsync(pending.Value.Id, subject);
        Assert.True(redirect.IsValid, redirect.Error?.ToString());
        return Query(redirect.Value);
    }

    private static Dictionary<string, string> Query(Uri uri)
        => uri.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]), StringComparer.Ordinal);

    private async Task<string> CodeAsync() => AuthorizeAsync(await RequestUriAsync()).Result["code"];

    private ValueTask<IssuerEndpointResult> TokenAsync(string code, string? verifier = "", string redirect = Redirect, string client = Client)
        => _issuer.HandleTokenRequestAsync(Post(_issuer.TokenEndpoint), Form(("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirect), ("client_id", client), ("code_verifier", verifier == string.Empty ? _verifier : verifier)), default);

    [Fact]
    public async Task FullFlow_ParAuthorizeCompleteTokenCredential_IssuesForTheAuthenticatedSubject()
    {
        var par = await ParAsync(ParForm());
        using var parBody = JsonDocument.Parse(par.Body);
        var requestUri = parBody.RootElement.GetProperty("request_uri").GetString()!;
        var pending = await _issuer.BeginAuthorizationAsync(Client, requestUri);
        var redirect = await _issuer.CompleteAuthorizationAsync(pending.Value.Id, "exam-2026-05-01234");
        var query = Query(redirect.Value);
        var token = await TokenAsync(query["code"]);
        using var tokenBody = JsonDocument.Parse(token.Body);
        var accessToken = tokenBody.RootElement.GetProperty("access_token").GetString()!;
        var details = tokenBody.RootElement.GetProperty("authorization_details")[0];
        var nonce = JsonDocument.Parse((await _issuer.HandleNonceRequestAsync()).Body).RootElement.GetProperty("c_nonce").GetString()!;
        var proof = await JwtKeyProof.CreateAsync(_holder, _holder.PublicJwk, Issuer, nonce, _clock.GetUtcNow());
        var credential = await _issuer.HandleCredentialRequestAsync(
            new IssuerHttpRequest { Method = "POST", Url = new Uri(_issuer.CredentialEndpoint), Headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase) { ["authorization"] = ["Bearer " + accessToken] } },
            Encoding.UTF8.GetBytes(new CredentialRequest { CredentialIdentifier = Exam, JwtProofs = [proof] }.ToJson()),
            default);

        Assert.Equal(201, par.StatusCode);
        Assert.StartsWith("urn:ietf:params:oauth:request_uri:", requestUri, StringComparison.Ordinal);
        Assert.Equal(60, parBody.RootElement.GetProperty("expires_in").GetInt32());
        Assert.Equal([Exam], pending.Value.CredentialConfigurationIds);
        Assert.StartsWith(Redirect + "?code=", redirect.Value.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal("xyz", query["state"]);
        Assert.Equal(Issuer, query["iss"]);
        Assert.Equal(200, token.StatusCode);
        Assert.Equal("openid_credential", details.GetProperty("type").GetString());
        Assert.Equal(Exam, details.GetProperty("credential_identifiers")[0].GetString());
        Assert.Equal(200, credential.StatusCode);
        Assert.Equal(["exam-2026-05-01234"], _subjects);
    }

    [Fact]
    public async Task Scope_MapsToConfigurationAndTokenHasNoDetails_CredentialByConfigurationId()
    {
        var query = await AuthorizeAsync(await RequestUriAsync(ParForm(scope: "ipa_exam")));
        var token = await TokenAsync(query["code"]);
        using var body = JsonDocument.Parse(token.Body);

        Assert.Equal(200, token.StatusCode);
        Assert.False(body.RootElement.TryGetProperty("authorization_details", out _));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData(null)]
    [InlineData("s256")]
    public async Task Par_PkceMethodNotS256_InvalidRequest(string? method)
        => Assert.Equal(OpenId4VciErrors.InvalidRequest, (await ParAsync(ParForm(method: method))).Code);

    [Fact]
    public async Task Par_MissingChallenge_InvalidRequest()
        => Assert.Equal(OpenId4VciErrors.InvalidRequest, (await ParAsync([.. ParForm().Where(p => p.Name != "code_challenge")])).Code);

    [Fact]
    public async Task Par_PlainChallengeValue_InvalidRequest()
        => Assert.Equal(OpenId4VciErrors.InvalidRequest, (await ParAsync(ParForm(challenge: "short-plain-challenge"))).Code);

    [Fact]
    public async Task Par_RequestUriInside_InvalidRequest()
        => Assert.Equal(OpenId4VciErrors.InvalidRequest, (await ParAsync([.. ParForm(), ("request_uri", "urn:ietf:params:oauth:request_uri:x")])).Code);

    [Theory]
    [InlineData("client_id")]
    [InlineData("redirect_uri")]
    public async Task Par_MissingClientOrRedirect_InvalidRequest(string omitted)
        => Assert.Equal(OpenId4VciErrors.InvalidRequest, (await ParAsync([.. ParForm().Where(p => p.Name != omitted)])).Code);

    [Fact]
    public async Task Par_ResponseTypeToken_UnsupportedResponseType()
        => Assert.Equal(OpenId4VciErrors.UnsupportedResponseType, (await ParAsync([.. ParForm().Where(p => p.Name != "response_type"), ("response_type", "token")])).Code);

    [Fact]
    public async Task Par_ClientNotAllowed_UnauthorizedClient()
        => Assert.Equal(OpenId4VciErrors.UnauthorizedClient, (await ParAsync([.. ParForm().Where(p => p.Name != "redirect_uri"), ("redirect_uri", "https://attacker.example/cb")])).Code);

    [Theory]
    [InlineData("[{\"type\":\"openid_credential\",\"credential_configuration_id\":\"unknown\"}]")]
    [InlineData("[{\"type\":\"other\",\"credential_configuration_id\":\"ipa_exam_pass_sd_jwt\"}]")]
    [InlineData("[{\"type\":\"openid_credential\"}]")]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("not json")]
    public async Task Par_BadAuthorizationDetails_InvalidAuthorizationDetails(string details)
        => Assert.Equal(OpenId4VciErrors.InvalidAuthorizationDetails, (await ParAsync(ParForm(details: details))).Code);

    [Fact]
    public async Task Par_UnknownScope_InvalidScope()
        => Assert.Equal(OpenId4VciErrors.InvalidScope, (await ParAsync(ParForm(scope: "unknown_scope"))).Code);

    [Fact]
    public async Task Par_RepeatedParameter_InvalidRequest()
    {
        var form = Form(ParForm());
        form["state"] = ["a", "b"];
        Assert.Equal(OpenId4VciErrors.InvalidRequest, (await _issuer.HandlePushedAuthorizationRequestAsync(Post(_issuer.PushedAuthorizationRequestEndpoint!), form)).Code);
    }

    [Fact]
    public async Task Par_UnknownIssuerState_InvalidRequest()
        => Assert.Equal(OpenId4VciErrors.InvalidRequest, (await ParAsync(ParForm(issuerState: "never-issued"))).Code);

    [Fact]
    public async Task IssuerState_FromOffer_CarriesSubjectAndLimitsConfigurations()
    {
        var offer = await _issuer.CreateOfferAsync(new CredentialOfferRequest { CredentialConfigurationIds = [Exam], SubjectId = "offer-subject", OfferAuthorizationCode = true, OfferPreAuthorizedCode = false });
        var issuerState = offer.Offer.AuthorizationCode!.IssuerState!;

        var other = await ParAsync(ParForm(details: Details(Age), issuerState: issuerState));
        var pending = await _issuer.BeginAuthorizationAsync(Client, await RequestUriAsync(ParForm(issuerState: issuerState)));

        Assert.Null(offer.Offer.PreAuthorizedCode);
        Assert.Equal(OpenId4VciErrors.InvalidRequest, other.Code);
        Assert.Equal("offer-subject", pending.Value.OfferSubjectId);
    }

    [Fact]
    public async Task Authorize_WithoutPar_InvalidRequest()
    {
        Assert.Equal(OpenId4VciErrors.InvalidRequest, (await _issuer.BeginAuthorizationAsync(Client, null)).Error?.Code);
        Assert.Equal(OpenId4VciErrors.InvalidRequest, (await _issuer.BeginAuthorizationAsync(Client, "https://wallet.example.jp/request.jwt")).Error?.Code);
    }

    [Fact]
    public async Task Authorize_ReplayedRequestUri_InvalidRequest()
    {
        var requestUri = await RequestUriAsync();
        var first = await _issuer.BeginAuthorizationAsync(Client, requestUri);
        var second = await _issuer.BeginAuthorizationAsync(Client, requestUri);

        Assert.True(first.IsValid);
        Assert.Equal(OpenId4VciErrors.InvalidRequest, second.Error?.Code);
    }

    [Fact]
    public async Task Authorize_ExpiredRequestUri_InvalidRequest()
    {
        var requestUri = await RequestUriAsync();
        _clock.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal(OpenId4VciErrors.InvalidRequest, (await _issuer.BeginAuthorizationAsync(Client, requestUri)).Error?.Code);
    }

    [Fact]
    public async Task Authorize_OtherClient_InvalidRequestAndRequestUriStillUsable()
    {
        var requestUri = await RequestUriAsync();

        var other = await _issuer.BeginAuthorizationAsync("https://other.example", requestUri);
        var right = await _issuer.BeginAuthorizationAsync(Client, requestUri);

        Assert.Equal(OpenId4VciErrors.InvalidRequest, other.Error?.Code);
        Assert.True(right.IsValid);
    }

    [Fact]
    public async Task Deny_RedirectsWithAccessDeniedStateAndIss_AndPendingIsUsed()
    {
        var pending = await _issuer.BeginAuthorizationAsync(Client, await RequestUriAsync());
        var denied = await _issuer.DenyAuthorizationAsync(pending.Value.Id);
        var again = await _issuer.CompleteAuthorizationAsync(pending.Value.Id, "someone");
        var query = Query(denied.Value);

        Assert.Equal("access_denied", query["error"]);
        Assert.Equal("xyz", query["state"]);
        Assert.Equal(Issuer, query["iss"]);
        Assert.False(query.ContainsKey("code"));
        Assert.Equal(OpenId4VciErrors.InvalidRequest, again.Error?.Code);
    }

    [Fact]
    public async Task Token_MissingVerifier_InvalidGrantAndCodeSurvives()
    {
        var code = await CodeAsync();

        var missing = await TokenAsync(code, verifier: null);
        var right = await TokenAsync(code);

        Assert.Equal(OpenId4VciErrors.InvalidGrant, missing.Code);
        Assert.Equal(200, right.StatusCode);
    }

    [Fact]
    public async Task Token_WrongVerifier_InvalidGrantAndCodeDies()
    {
        var code = await CodeAsync();

        var wrong = await TokenAsync(code, verifier: Pkce.CreateVerifier());
        var right = await TokenAsync(code);

        Assert.Equal(OpenId4VciErrors.InvalidGrant, wrong.Code);
        Assert.Equal(OpenId4VciErrors.InvalidGrant, right.Code);
    }

    [Fact]
    public async Task Token_ReplayedCode_InvalidGrant()
    {
        var code = await CodeAsync();

        Assert.Equal(200, (await TokenAsync(code)).StatusCode);
        Assert.Equal(OpenId4VciErrors.InvalidGrant, (await TokenAsync(code)).Code);
    }

    [Fact]
    public async Task Token_RedirectUriMismatch_InvalidGrantAndCodeSurvives()
    {
        var code = await CodeAsync();

        Assert.Equal(OpenId4VciErrors.InvalidGrant, (await TokenAsync(code, redirect: Redirect + "/other")).Code);
        Assert.Equal(200, (await TokenAsync(code)).StatusCode);
    }

    [Fact]
    public async Task Token_ClientIdMismatch_InvalidGrantAndCodeSurvives()
    {
        var code = await CodeAsync();

        Assert.Equal(OpenId4VciErrors.InvalidGrant, (await TokenAsync(code, client: "https://other.example")).Code);
        Assert.Equal(200, (await TokenAsync(code)).StatusCode);
    }

    [Fact]
    public async Task Token_ExpiredCode_InvalidGrant()
    {
        var code = await CodeAsync();
        _clock.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal(OpenId4VciErrors.InvalidGrant, (await TokenAsync(code)).Code);
    }

    [Fact]
    public async Task Token_UnknownCode_InvalidGrant()
        => Assert.Equal(OpenId4VciErrors.InvalidGrant, (await TokenAsync("never-issued")).Code);

    [Fact]
    public async Task Token_ConcurrentRedemptions_ExactlyOneSucceeds()
    {
        var code = await CodeAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => TokenAsync(code).AsTask()));

        Assert.Equal(1, results.Count(r => r.StatusCode == 200));
    }

    [Fact]
    public async Task Credential_ByConfigurationIdAfterDetails_InvalidCredentialRequest()
    {
        var token = await TokenAsync(await CodeAsync());
        var accessToken = JsonDocument.Parse(token.Body).RootElement.GetProperty("access_token").GetString()!;

        var result = await _issuer.HandleCredentialRequestAsync("Bearer " + accessToken, Encoding.UTF8.GetBytes(new CredentialRequest { CredentialConfigurationId = Exam, JwtProofs = ["x"] }.ToJson()));
        var unknown = await _issuer.HandleCredentialRequestAsync("Bearer " + accessToken, Encoding.UTF8.GetBytes(new CredentialRequest { CredentialIdentifier = Age, JwtProofs = ["x"] }.ToJson()));

        Assert.Equal(OpenId4VciErrors.InvalidCredentialRequest, result.Code);
        Assert.Equal(OpenId4VciErrors.UnknownCredentialIdentifier, unknown.Code);
    }

    [Fact]
    public async Task FlowOff_ParAndAuthorizationCodeGrantRefused_MetadataWithoutEndpoints()
    {
        var issuer = new OpenId4VciIssuer(_store, new OpenId4VciIssuerOptions
        {
            CredentialIssuer = Issuer,
            Signer = _issuerKey,
            TimeProvider = _clock,
            CredentialConfigurations = [new IssuerCredentialConfiguration { Id = Exam, Vct = "https://credentials.example.jp/vct/ipa/exam-pass/v1" }],
            ResolveDataset = (_, _) => ValueTask.FromResult<CredentialDataset?>(null),
        });

        var par = await issuer.HandlePushedAuthorizationRequestAsync(Post(Issuer + "/par"), Form(ParForm()));
        var token = await issuer.HandleTokenRequestAsync(Form(("grant_type", "authorization_code"), ("code", "c"), ("redirect_uri", Redirect), ("client_id", Client), ("code_verifier", _verifier)));

        Assert.Equal(OpenId4VciErrors.InvalidRequest, par.Code);
        Assert.Equal(OpenId4VciErrors.UnsupportedGrantType, token.Code);
        Assert.Null(issuer.AuthorizationServerMetadata.AuthorizationEndpoint);
        Assert.Null(issuer.PushedAuthorizationRequestEndpoint);
    }

    [Fact]
    public void Metadata_AdvertisesParPkceIssAndDetails()
    {
        var read = AuthorizationServerMetadata.Read(Encoding.UTF8.GetBytes(_issuer.AuthorizationServerMetadataJson));
        var m = read.Value;

        Assert.Equal(Issuer + "/authorize", m.AuthorizationEndpoint);
        Assert.Equal(Issuer + "/par", m.PushedAuthorizationRequestEndpoint);
        Assert.True(m.RequirePushedAuthorizationRequests);
        Assert.Equal(["S256"], m.CodeChallengeMethodsSupported);
        Assert.Equal(["code"], m.ResponseTypesSupported);
        Assert.Contains("authorization_code", m.GrantTypesSupported!);
        Assert.True(m.AuthorizationResponseIssParameterSupported);
        Assert.Equal(["openid_credential"], m.AuthorizationDetailsTypesSupported);
        Assert.Equal("ipa_exam", _issuer.Metadata.CredentialConfigurations[Exam].Scope);
    }
}
