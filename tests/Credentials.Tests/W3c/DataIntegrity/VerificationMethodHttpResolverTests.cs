using System;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Http;
using Credentials.Keys;
using Credentials.Testing;
using Credentials.W3c;
using Credentials.W3c.DataIntegrity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Credentials.Tests.W3c.DataIntegrity;

/// <summary>
/// Controlled Identifiers 1.0 section 3.3 over HTTP: <see cref="HttpVerificationMethodResolver"/> fetches the controller
/// document of an HTTPS verification method (a loopback server stands in, with plain HTTP allowed for the test).
/// </summary>
public sealed class VerificationMethodHttpResolverTests : IAsyncLifetime, IDisposable
{
    private static readonly HttpFetchOptions LocalHttp = new()
    {
        RequireHttps = false,
        AddressPolicy = HttpAddressPolicy.PublicAndLoopback,
        Timeout = TimeSpan.FromSeconds(5),
    };

    private readonly SigningKey _key = SigningKey.Create(JwsAlgorithm.EdDsa);
    private readonly HttpClient _client = GuardedHttpHandler.CreateClient(LocalHttp);
    private LoopbackServer? _server;

    private string Origin => _server!.Origin;

    public void Dispose()
    {
        _key.Dispose();
        _client.Dispose();
    }

    public async Task InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/issuers/{name}", (HttpContext context, string name) =>
            {
                var self = $"http://{context.Request.Host}/issuers/{name}";
                var id = name == "wrongid" ? $"http://{context.Request.Host}/issuers/1" : self;
                var document = new JsonObject
                {
                    ["@context"] = new JsonArray("https://www.w3.org/ns/cid/v1"),
                    ["id"] = id,
                    ["verificationMethod"] = new JsonArray(new JsonObject
                    {
                        ["id"] = "#key-1",
                        ["type"] = "Multikey",
                        ["controller"] = id,
                        ["publicKeyMultibase"] = DidKey.Create(_key).Value["did:key:".Length..],
                    }),
                    ["assertionMethod"] = name == "unlisted" ? new JsonArray() : new JsonArray("#key-1"),
                };
                return Results.Text(document.ToJsonString(), name == "html" ? "text/html" : "application/cid");
            });
        });
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private HttpVerificationMethodResolver Resolver(HttpFetchOptions? options = null) => new(new HttpFetcher(_client, options ?? LocalHttp));

    [Fact]
    public async Task W3cCredentialVerifier_BadgeSignedWithFetchedMethod_Valid()
    {
        var issuer = Origin + "/issuers/1";
        var badge = JsonNode.Parse($$$"""
            {
              "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
              "id": "urn:uuid:a63a60be-f4af-491c-87fc-2c8fd3007a58",
              "type": ["VerifiableCredential", "OpenBadgeCredential"],
              "issuer": {"id": "{{{issuer}}}", "type": ["Profile"], "name": "情報処理技術者試験センター"},
              "validFrom": "2026-01-01T00:00:00Z",
              "name": "基本情報技術者",
              "credentialSubject": {"id": "did:example:ebfeb1f712ebc6f1c276e12ec21", "type": ["AchievementSubject"], "achievement": {"id": "https://badges.example.jp/achievements/fe", "type": ["Achievement"], "criteria": {"narrative": "合格"}, "description": "合格者。", "name": "基本情報技術者"}}
            }
            """)!.AsObject();
        var secured = await new DataIntegrityIssuer(_key, issuer + "#key-1").AddProofAsync(badge, new DataIntegrityProofOptions { Cryptosuite = Cryptosuite.EddsaRdfc2022, Created = DiTestSupport.Now });
        var verifier = new W3cCredentialVerifier(new DidResolver([DidKeyResolver.Instance]), new W3cCredentialVerifierOptions
        {
            DataIntegrity = new DataIntegrityVerifierOptions { TimeProvider = TestClock.At(DiTestSupport.Now), VerificationMethods = Resolver() },
            TimeProvider = TestClock.At(DiTestSupport.Now),
        });

        var result = await verifier.VerifyAsync(secured.ToJsonString());

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(issuer + "#key-1", result.Value.VerificationMethod);
    }

    [Fact]
    public async Task ResolveAsync_ListedMethod_MethodWithAbsoluteIdAndController()
    {
        var result = await Resolver().ResolveAsync(Origin + "/issuers/1#key-1", VerificationRelationship.AssertionMethod);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(Origin + "/issuers/1#key-1", result.Value.Id);
        Assert.Equal(Origin + "/issuers/1", result.Value.Controller);
        Assert.True(result.Value.GetPublicKey().IsValid);
    }

    [Theory]
    [InlineData("/issuers/wrongid#key-1", "di.controller_mismatch")]
    [InlineData("/issuers/unlisted#key-1", "di.verification_method_not_authorized")]
    [InlineData("/issuers/1#key-2", "di.verification_method_unresolved")]
    [InlineData("/issuers/html#key-1", "di.verification_method_unresolved")]
    [InlineData("/issuers/1", "di.verification_method_unresolved")]
    public async Task ResolveAsync_BadDocumentOrMethod_TypedError(string path, string code)
    {
        var result = await Resolver().ResolveAsync(Origin + path, VerificationRelationship.AssertionMethod);

        Assert.Equal(code, result.Error?.Code.Value);
    }

    [Fact]
    public async Task ResolveAsync_ListedOnlyUnderAssertion_AuthenticationNotAuthorized()
    {
        var result = await Resolver().ResolveAsync(Origin + "/issuers/1#key-1", VerificationRelationship.Authentication);

        Assert.Equal(DataIntegrityErrors.VerificationMethodNotAuthorized, result.Error?.Code);
    }

    [Fact]
    public async Task ResolveAsync_DefaultFetchOptions_PlainHttpAndLoopbackRefused()
    {
        var result = await Resolver(HttpFetchOptions.Default).ResolveAsync(Origin + "/issuers/1#key-1", VerificationRelationship.AssertionMethod);

        Assert.Equal(DataIntegrityErrors.VerificationMethodUnresolved, result.Error?.Code);
        Assert.NotNull(result.Error?.Inner);
    }
}
