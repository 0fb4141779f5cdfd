using System;
using System.Buffers.Text;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.Http;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Trust;
using Xunit;

namespace Credentials.Conformance.Tests.SdJwtVc.Credentials;

/// <summary>
/// The JWT VC Issuer Metadata examples (section 3.2 of the rendered draft -18, Figures 14 and 15; section 4.2 of the
/// editor's copy) served through a fake HTTP handler and resolved with <see cref="JwtVcIssuerMetadataResolver"/>.
/// </summary>
/// <remarks>
/// The sandbox has no DNS, and the resolver checks the host's addresses before any request, so the examples' hosts
/// are replaced by IP literals: <c>https://example.com</c> by <c>https://127.0.0.1</c> and
/// <c>https://jwt-vc-issuer.example.com</c> by <c>https://127.0.0.2</c> (loopback allowed explicitly). Everything
/// else, keys and <c>kid</c>s included, is the draft's. HTTPS stays required: the fake handler does no TLS.
/// </remarks>
public sealed class DraftIssuerMetadataVectorTests : IDisposable
{
    private const string Issuer = "https://127.0.0.1";
    private const string MetadataUri = "https://127.0.0.1/.well-known/jwt-vc-issuer";
    private const string JwksUri = "https://127.0.0.2/my_public_keys.jwks";

    private readonly FakeHttpHandler _handler = new();
    private readonly HttpClient _http;

    public DraftIssuerMetadataVectorTests() => _http = new HttpClient(_handler);

    public void Dispose()
    {
        _http.Dispose();
        _handler.Dispose();
    }

    [Theory]
    [InlineData("https://example.com", "https://example.com/.well-known/jwt-vc-issuer")]
    [InlineData("https://example.com/tenant/1234", "https://example.com/.well-known/jwt-vc-issuer/tenant/1234")]
    [InlineData("https://example.com/tenant/1234/", "https://example.com/.well-known/jwt-vc-issuer/tenant/1234")]
    [InlineData("https://example.com:8443/issuer", "https://example.com:8443/.well-known/jwt-vc-issuer/issuer")]
    public void GetMetadataUri_DraftRequestExamples_InsertWellKnownBetweenHostAndPath(string issuer, string expected)
        => Assert.Equal(new Uri(expected), JwtVcIssuerMetadataResolver.GetMetadataUri(issuer));

    [Theory]
    [InlineData("https://example.com/issuer?tenant=1")]
    [InlineData("https://example.com/issuer#keys")]
    [InlineData("did:example:123")]
    [InlineData("example.com")]
    public void GetMetadataUri_IssuerWithQueryFragmentOrNotAUrl_IsNull(string issuer)
        => Assert.Null(JwtVcIssuerMetadataResolver.GetMetadataUri(issuer));

    [Fact]
    public void Section_3_2_Figure14_HoldsTheExamplesIssuerKey()
    {
        var keys = Figure(0).GetProperty("jwks").GetProperty("keys").EnumerateArray().Select(k => Jwk.Parse(k.GetRawText())).ToArray();

        Assert.Equal(["doc-signer-05-25-2022", "doc-signer-06-05-2025"], keys.Select(k => k.Kid));
        Assert.Equal(SdJwtVcDraftVectors.IssuerPublicJwk().ComputeThumbprint(), keys[0].ComputeThumbprint());
        Assert.Equal("doc-signer-05-25-2022", SdJwtVcDraftVectors.Block("section_2_3_1.json", 2).GetProperty("issuer_jwt_header").GetProperty("kid").GetString());
    }

    [Fact]
    public async Task ResolveAsync_Figure14Jwks_ReturnsTheKeyThatVerifiesTheSection231Credential()
    {
        _handler.Serve(MetadataUri, Localized(Figure(0)), "application/json");
        var credential = Jws.ReadCompact(SdJwtVcDraftVectors.Block("section_2_3_1.json", 2).GetProperty("value").GetString()!.Split('~')[0]).Value;

        var key = await Resolver().ResolveAsync(new IssuerKeyRequest(Issuer, credential));

        Assert.True(key.IsValid, key.Error?.ToString());
        Assert.Equal("doc-signer-05-25-2022", key.Value.Jwk.Kid);
        Assert.Null(credential.VerifySignature(key.Value));
        var request = Assert.Single(_handler.Requests);
        Assert.Equal(new Uri(MetadataUri), request.Uri);
        Assert.Equal("application/json", request.Accept);
    }

    [Theory]
    [InlineData("doc-signer-05-25-2022", 0)]
    [InlineData("doc-signer-06-05-2025", 1)]
    public async Task ResolveAsync_Figure14Jwks_SelectsTheKeyByKid(string kid, int index)
    {
        _handler.Serve(MetadataUri, Localized(Figure(0)), "application/json");
        var expected = Jwk.Parse(Figure(0).GetProperty("jwks").GetProperty("keys")[index].GetRawText());

        var key = await Resolver().ResolveAsync(new IssuerKeyRequest(Issuer, JwtWithKid(kid)));

        Assert.True(key.IsValid, key.Error?.ToString());
        Assert.Equal(expected.ComputeThumbprint(), key.Value.Jwk.ComputeThumbprint());
    }

    [Fact]
    public async Task ResolveAsync_Figure14JwksUnknownKid_FailsWithKeyNotFound()
    {
        _handler.Serve(MetadataUri, Localized(Figure(0)), "application/json");

        var key = await Resolver().ResolveAsync(new IssuerKeyRequest(Issuer, JwtWithKid("doc-signer-01-01-2030")));

        Assert.Equal(TrustErrors.KeyNotFound, key.Error?.Code);
    }

    [Fact]
    public async Task ResolveAsync_Figure14JwksWithoutKid_FailsWithKeyNotFound()
    {
        // Two keys and no kid: the resolver does not guess.
        _handler.Serve(MetadataUri, Localized(Figure(0)), "application/json");

        var key = await Resolver().ResolveAsync(new IssuerKeyRequest(Issuer, JwtWithKid(null)));

        Assert.Equal(TrustErrors.KeyNotFound, key.Error?.Code);
    }

    [Fact]
    public async Task ResolveAsync_Figure15JwksUri_FetchesTheKeySet()
    {
        // The draft does not print the key set behind jwks_uri; it is served here as Figure 14's jwks.
        _handler.Serve(MetadataUri, Localized(Figure(1)), "application/json");
        _handler.Serve(JwksUri, Figure(0).GetProperty("jwks").GetRawText(), "application/jwk-set+json");

        var key = await Resolver().ResolveAsync(new IssuerKeyRequest(Issuer, JwtWithKid("doc-signer-05-25-2022")));

        Assert.True(key.IsValid, key.Error?.ToString());
        Assert.Equal(SdJwtVcDraftVectors.IssuerPublicJwk().ComputeThumbprint(), key.Value.Jwk.ComputeThumbprint());
        Assert.Equal([new Uri(MetadataUri), new Uri(JwksUri)], _handler.Requests.Select(r => r.Uri));
        Assert.Equal("application/jwk-set+json", _handler.Requests[1].Accept);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task ResolveAsync_FigureServedForAnotherIss_FailsWithIssuerMismatch(int figure)
    {
        // Section 3.3 (-18) / 4.3: the issuer in the metadata must be identical to iss; the unmodified figures name
        // https://example.com, which is not the iss asked for.
        _handler.Serve(MetadataUri, Figure(figure).GetRawText(), "application/json");
        _handler.Serve(JwksUri, Figure(0).GetProperty("jwks").GetRawText(), "application/jwk-set+json");

        var key = await Resolver().ResolveAsync(new IssuerKeyRequest(Issuer, JwtWithKid("doc-signer-05-25-2022")));

        Assert.Equal(JwtVcIssuerMetadataResolver.MetadataIssuerMismatch, key.Error?.Code);
        Assert.Single(_handler.Requests);
    }

    [Fact]
    public async Task ResolveAsync_IssuerWithTrailingSlash_IsNotTheFiguresIssuer()
    {
        // "identical": no normalisation of a trailing slash.
        _handler.Serve(MetadataUri, Localized(Figure(0)), "application/json");

        var key = await Resolver().ResolveAsync(new IssuerKeyRequest(Issuer + "/", JwtWithKid("doc-signer-05-25-2022")));

        Assert.Equal(JwtVcIssuerMetadataResolver.MetadataIssuerMismatch, key.Error?.Code);
    }

    [Fact]
    public async Task ResolveAsync_MetadataWithBothJwksAndJwksUri_FailsWithMetadataInvalid()
    {
        var both = $$"""{"issuer":"{{Issuer}}","jwks":{{Figure(0).GetProperty("jwks").GetRawText()}},"jwks_uri":"{{JwksUri}}"}""";
        _handler.Serve(MetadataUri, both, "application/json");

        var key = await Resolver().ResolveAsync(new IssuerKeyRequest(Issuer, JwtWithKid("doc-signer-05-25-2022")));

        Assert.Equal(JwtVcIssuerMetadataResolver.MetadataInvalid, key.Error?.Code);
    }

    [Fact]
    public async Task ResolveAsync_MetadataWithNeitherJwksNorJwksUri_FailsWithMetadataInvalid()
    {
        _handler.Serve(MetadataUri, $$"""{"issuer":"{{Issuer}}"}""", "application/json");

        var key = await Resolver().ResolveAsync(new IssuerKeyRequest(Issuer, JwtWithKid("doc-signer-05-25-2022")));

        Assert.Equal(JwtVcIssuerMetadataResolver.MetadataInvalid, key.Error?.Code);
    }

    [Fact]
    public async Task ResolveAsync_Figure14ServedWithAnErrorStatus_IsNotUsed()
    {
        // Section 3 (editor's copy): the content of a 4xx/5xx response is never used in place of the document.
        _handler.Serve(MetadataUri, Localized(Figure(0)), "application/json", HttpStatusCode.NotFound);

        var key = await Resolver().ResolveAsync(new IssuerKeyRequest(Issuer, JwtWithKid("doc-signer-05-25-2022")));

        Assert.False(key.IsValid);
        Assert.Equal("http.not_found", key.Error.Code.Value);
    }

    [Fact]
    public async Task ResolveAsync_PlainHttpIssuer_FailsWithInsecureTransportWithoutRequest()
    {
        var key = await Resolver().ResolveAsync(new IssuerKeyRequest("http://127.0.0.1", JwtWithKid("doc-signer-05-25-2022")));

        Assert.Equal("http.insecure_transport", key.Error?.Code.Value);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task ResolveAsync_RedirectToAnotherOrigin_FailsWithRedirectNotAllowed()
    {
        _handler.Redirect(MetadataUri, "https://127.0.0.3/.well-known/jwt-vc-issuer");
        _handler.Serve("https://127.0.0.3/.well-known/jwt-vc-issuer", Localized(Figure(0)), "application/json");

        var key = await Resolver().ResolveAsync(new IssuerKeyRequest(Issuer, JwtWithKid("doc-signer-05-25-2022")));

        Assert.Equal("http.redirect_not_allowed", key.Error?.Code.Value);
        Assert.Single(_handler.Requests);
    }

    [Fact]
    public async Task ResolveAsync_LoopbackWithProductionPolicy_FailsWithAddressNotAllowedWithoutRequest()
    {
        _handler.Serve(MetadataUri, Localized(Figure(0)), "application/json");
        var resolver = new JwtVcIssuerMetadataResolver(_http, new JwtVcIssuerMetadataResolverOptions());

        var key = await resolver.ResolveAsync(new IssuerKeyRequest(Issuer, JwtWithKid("doc-signer-05-25-2022")));

        Assert.Equal("http.address_not_allowed", key.Error?.Code.Value);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task ResolveAsync_MetadataLargerThanTheLimit_FailsWithTooLarge()
    {
        var padded = Localized(Figure(0)).TrimEnd('}') + ",\"padding\":\"" + new string('x', 2048) + "\"}";
        _handler.Serve(MetadataUri, padded, "application/json");
        var resolver = new JwtVcIssuerMetadataResolver(_http, new JwtVcIssuerMetadataResolverOptions { Http = new() { AddressPolicy = HttpAddressPolicy.PublicAndLoopback, MaxResponseBytes = 1024 } });

        var key = await resolver.ResolveAsync(new IssuerKeyRequest(Issuer, JwtWithKid("doc-signer-05-25-2022")));

        Assert.Equal("http.too_large", key.Error?.Code.Value);
    }

    [Theory]
    [InlineData("refused")]
    [InlineData("not-found")]
    [InlineData("mismatch")]
    public async Task VerifyAsync_IssuerKeyNotObtainableFromMetadata_FailsAtIssuerTrustNotSignature(string failure)
    {
        // A key that cannot be obtained is a trust failure; it must never be reported as a bad signature.
        using var issuerKey = SigningKey.Create(JwsAlgorithm.Es256, "doc-signer-05-25-2022");
        var issued = await new SdJwtVcIssuer(issuerKey, options: new SdJwtVcIssuerOptions { Issuer = Issuer })
            .IssueAsync(new SdJwtVcIssuance { Vct = "https://credentials.example.com/identity_credential", Claims = SdJwtPayload.Create().Disclosable("given_name", "John") });
        if (failure == "mismatch")
        {
            _handler.Serve(MetadataUri, Figure(0).GetRawText(), "application/json");
        }

        var resolver = failure == "refused" ? new JwtVcIssuerMetadataResolver(_http) : Resolver();
        var verifier = new SdJwtVcVerifier(resolver, options: new SdJwtVcVerifierOptions { RequireStatus = false, RequireConfirmationKey = false });

        var result = await verifier.VerifyAsync(issued.Serialize(), new SdJwtVcPolicy { KeyBinding = KeyBindingRequirement.Forbidden, Status = StatusCheck.Skip });

        Assert.False(result.IsValid);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(CheckKind.IssuerTrust));
        Assert.Equal(CheckOutcome.NotReached, result.OutcomeOf(CheckKind.Signature));
    }

    private JwtVcIssuerMetadataResolver Resolver()
        => new(_http, new JwtVcIssuerMetadataResolverOptions { Http = new() { AddressPolicy = HttpAddressPolicy.PublicAndLoopback } });

    private static JsonElement Figure(int block) => SdJwtVcDraftVectors.Value("section_3_2.json", block);

    private static string Localized(JsonElement figure)
        => figure.GetRawText()
            .Replace("https://jwt-vc-issuer.example.com", "https://127.0.0.2", StringComparison.Ordinal)
            .Replace("https://example.com", Issuer, StringComparison.Ordinal);

    /// <summary>An unsigned stand-in for an Issuer-signed JWT: the resolver reads only its header before the signature is checked.</summary>
    private static Jws JwtWithKid(string? kid)
    {
        var header = kid is null ? """{"alg":"ES256","typ":"dc+sd-jwt"}""" : $$"""{"alg":"ES256","typ":"dc+sd-jwt","kid":"{{kid}}"}""";
        var payload = $$"""{"iss":"{{Issuer}}","vct":"https://credentials.example.com/identity_credential"}""";
        var jws = Jws.FromParts(Encode(header), Encode(payload), Base64Url.EncodeToString(new byte[64].Select(_ => (byte)1).ToArray()));
        Assert.True(jws.IsValid, jws.Error?.ToString());
        return jws.Value;
    }

    private static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
