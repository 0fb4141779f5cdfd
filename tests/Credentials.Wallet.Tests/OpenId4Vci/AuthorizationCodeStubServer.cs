using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.OpenId4Vci;
using Credentials.Wallet.OpenId4Vci;
using Credentials.Wallet.Tests.Holder;

namespace Credentials.Wallet.Tests.OpenId4Vci;

/// <summary>
/// A scripted Authorization Server and Credential Issuer on a fake origin: records every request (path, headers, form
/// or JSON body) and answers PAR, token, nonce and credential requests; the credential endpoint issues a real SD-JWT VC
/// (through <see cref="HolderTestBed"/>) bound to the key proof's <c>jwk</c>. Tests replace any answer.
/// </summary>
internal sealed class AuthorizationCodeStubServer : HttpMessageHandler
{
    public const string Issuer = "http://127.0.0.1:5000/issuer";
    public const string ServerIssuer = "http://127.0.0.1:5000/issuer";
    public const string Configuration = "age";
    public const string RequestUri = "urn:ietf:params:oauth:request_uri:6esc_11ACC5bwc014ltc14eY22c";

    private readonly HolderTestBed _bed;

    public AuthorizationCodeStubServer(HolderTestBed bed) => _bed = bed;

    public ConcurrentQueue<Recorded> Requests { get; } = new();

    /// <summary>Answers by path suffix; a test sets one to change the scripted answer.</summary>
    public Dictionary<string, Func<Recorded, Task<HttpResponseMessage>>> Answers { get; } = new(StringComparer.Ordinal);

    public string TokenJson { get; set; } = """{"access_token":"at-1","token_type":"DPoP","expires_in":300}""";

    public IEnumerable<Recorded> At(string pathSuffix) => Requests.Where(r => r.Path.EndsWith(pathSuffix, StringComparison.Ordinal));

    public static ResolvedCredentialOffer Offer(string? issuerState = "st-1", bool par = true, IReadOnlyList<string>? pkce = null, bool preAuthorizedOnly = false) => new()
    {
        Offer = new CredentialOffer
        {
            CredentialIssuer = Issuer,
            CredentialConfigurationIds = [Configuration, "resident"],
            AuthorizationCode = preAuthorizedOnly ? null : new AuthorizationCodeGrant { IssuerState = issuerState },
            PreAuthorizedCode = preAuthorizedOnly ? new PreAuthorizedCodeGrant { PreAuthorizedCode = "pre" } : null,
        },
        Metadata = new CredentialIssuerMetadata
        {
            CredentialIssuer = Issuer,
            CredentialEndpoint = Issuer + "/credential",
            NonceEndpoint = Issuer + "/nonce",
            CredentialConfigurations = new Dictionary<string, CredentialConfiguration>
            {
                [Configuration] = new()
                {
                    Format = CredentialConfiguration.SdJwtVcFormat,
                    Vct = HolderTestBed.AgeVct,
                    Scope = "age_credential",
                    CryptographicBindingMethods = ["jwk"],
                    ProofTypes = new Dictionary<string, ProofTypeMetadata> { [ProofTypeMetadata.Jwt] = new() { ProofSigningAlgorithms = ["ES256"] } },
                },
                ["resident"] = new() { Format = CredentialConfiguration.SdJwtVcFormat, Vct = HolderTestBed.ResidentVct },
            },
        },
        AuthorizationServer = new AuthorizationServerMetadata
        {
            Issuer = ServerIssuer,
            TokenEndpoint = Issuer + "/token",
            AuthorizationEndpoint = Issuer + "/authorize",
            PushedAuthorizationRequestEndpoint = par ? Issuer + "/par" : null,
            CodeChallengeMethodsSupported = pkce ?? ["S256"],
            AuthorizationResponseIssParameterSupported = true,
        },
    };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        var recorded = new Recorded(request.Method.Method, request.RequestUri!, request.RequestUri!.AbsolutePath, headers, body);
        Requests.Enqueue(recorded);
        var answer = Answers.FirstOrDefault(a => recorded.Path.EndsWith(a.Key, StringComparison.Ordinal)).Value ?? DefaultAnswer;
        var response = await answer(recorded);
        response.RequestMessage = request;
        return response;
    }

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK)
        => new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private async Task<HttpResponseMessage> DefaultAnswer(Recorded request)
    {
        if (request.Path.EndsWith("/par", StringComparison.Ordinal))
        {
            return Json($$"""{"request_uri":"{{RequestUri}}","expires_in":60}""", HttpStatusCode.Created);
        }

        if (request.Path.EndsWith("/token", StringComparison.Ordinal))
        {
            return Json(TokenJson);
        }

        if (request.Path.EndsWith("/nonce", StringComparison.Ordinal))
        {
            return Json("""{"c_nonce":"c-1"}""");
        }

        if (request.Path.EndsWith("/credential", StringComparison.Ordinal))
        {
            using var json = JsonDocument.Parse(request.Body);
            var proof = Jws.ReadCompact(json.RootElement.GetProperty("proofs").GetProperty("jwt")[0].GetString()!).Value;
            var holder = Jwk.ReadPublic(proof.Header.GetProperty("jwk")).Value;
            var credential = await _bed.IssueAsync(HolderTestBed.AgeVct, HolderTestBed.AgeClaims(), holder);
            return Json($$"""{"credentials":[{"credential":"{{credential}}"}]}""");
        }

        return new HttpResponseMessage(HttpStatusCode.NotFound);
    }

    internal sealed record Recorded(string Method, Uri Url, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
    {
        public IReadOnlyDictionary<string, string> Form => Body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')), p => p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : string.Empty, StringComparer.Ordinal);

        public Jws? Dpop => Headers.TryGetValue("DPoP", out var proof) ? Jws.ReadCompact(proof).Value : null;

        public JsonElement DpopClaims => Dpop!.ParsePayload().Value;
    }
}
