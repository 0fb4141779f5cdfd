using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Credentials.Http;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.Testing;
using Credentials.Trust;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Credentials.Tests.Trust;

/// <summary>JWT VC Issuer Metadata against a real Kestrel server on loopback.</summary>
public sealed class JwtVcIssuerMetadataResolverTests : IAsyncLifetime, IDisposable
{
    private readonly SigningKey _key = SigningKey.Create(JwsAlgorithm.Es256, "key-1");
    private LoopbackServer? _server;
    private string _origin = string.Empty;
    private int _hits;

    public async Task InitializeAsync()
    {
        string leaky;
        using (var other = SigningKey.Create(JwsAlgorithm.Es256, "key-2"))
        {
            leaky = "{\"keys\":[" + _key.PublicJwk.ToJson() + "," + other.ExportPrivateJwk().ToJson() + "]}";
        }

        _server = await LoopbackServer.StartAsync(app =>
        {
            app.Use(async (context, next) =>
            {
                _hits++;
                await next(context);
            });
            var jwks = "{\"keys\":[" + _key.PublicJwk.ToJson() + "]}";
            app.MapGet("/.well-known/jwt-vc-issuer/inline", () => Results.Text("{\"issuer\":\"" + _origin + "/inline\",\"jwks\":" + jwks + "}", "application/json"));
            app.MapGet("/.well-known/jwt-vc-issuer/byref", () => Results.Text("{\"issuer\":\"" + _origin + "/byref\",\"jwks_uri\":\"" + _origin + "/jwks.json\"}", "application/json"));
            app.MapGet("/jwks.json", () => Results.Text(jwks, "application/jwk-set+json"));
            app.MapGet("/.well-known/jwt-vc-issuer/mismatch", () => Results.Text("{\"issuer\":\"https://evil.example\",\"jwks\":" + jwks + "}", "application/json"));
            app.MapGet("/.well-known/jwt-vc-issuer/both", () => Results.Text("{\"issuer\":\"" + _origin + "/both\",\"jwks\":" + jwks + ",\"jwks_uri\":\"" + _origin + "/jwks.json\"}", "application/json"));
            app.MapGet("/.well-known/jwt-vc-issuer/leaky", () => Results.Text("{\"issuer\":\"" + _origin + "/leaky\",\"jwks\":" + leaky + "}", "application/json"));
            app.MapGet("/.well-known/jwt-vc-issuer/redirect", () => Results.Redirect("http://localhost:1/elsewhere"));
        });
        _origin = _server.Origin;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public void Dispose() => _key.Dispose();

    [Theory]
    [InlineData("https://issuer.example.jp", "https://issuer.example.jp/.well-known/jwt-vc-issuer")]
    [InlineData("https://issuer.example.jp/tenant/1234", "https://issuer.example.jp/.well-known/jwt-vc-issuer/tenant/1234")]
    public void GetMetadataUri_InsertsWellKnownBetweenHostAndPath(string issuer, string expected)
        => Assert.Equal(new Uri(expected), JwtVcIssuerMetadataResolver.GetMetadataUri(issuer));

    [Theory]
    [InlineData("/inline")]
    [InlineData("/byref")]
    public async Task Resolve_PublishedKey_ReturnsIt(string path)
    {
        var result = await Resolve(path);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(_key.PublicJwk.ComputeThumbprint(), result.Value.Jwk.ComputeThumbprint());
    }

    [Fact]
    public async Task Resolve_Twice_UsesCache()
    {
        var resolver = Resolver();
        await resolver.ResolveAsync(Request(_origin + "/inline"));
        var hits = _hits;
        var second = await resolver.ResolveAsync(Request(_origin + "/inline"));

        Assert.True(second.IsValid);
        Assert.Equal(hits, _hits);
    }

    [Fact]
    public async Task Resolve_IssuerMismatch_Fails()
        => Assert.Equal(JwtVcIssuerMetadataResolver.MetadataIssuerMismatch, (await Resolve("/mismatch")).Error!.Code);

    [Fact]
    public async Task Resolve_BothJwksAndJwksUri_Fails()
        => Assert.Equal(JwtVcIssuerMetadataResolver.MetadataInvalid, (await Resolve("/both")).Error!.Code);

    [Fact]
    public async Task Resolve_JwksWithAPrivateKey_RefusesTheDocument()
    {
        // The usable key-1 is published next to a key carrying 'd': the whole document is refused, not just that key.
        var result = await Resolve("/leaky");

        Assert.Equal(JwtVcIssuerMetadataResolver.MetadataInvalid, result.Error!.Code);
        Assert.Equal(KeyErrors.PrivateKeyMaterial, result.Error.Inner?.Code);
    }

    [Fact]
    public async Task Resolve_NotFound_FailsAsResolution()
    {
        var result = await Resolve("/missing");

        Assert.Equal("http.not_found", result.Error!.Code.Value);
        Assert.Equal(Credentials.VerificationFailureKind.ResolutionFailed, result.Error.Kind);
    }

    [Fact]
    public async Task Resolve_RedirectToAnotherHost_Refused()
        => Assert.Equal("http.redirect_not_allowed", (await Resolve("/redirect")).Error!.Code.Value);

    [Fact]
    public async Task Resolve_DefaultPolicy_RefusesPlainHttpAndLoopback()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var resolver = new JwtVcIssuerMetadataResolver(http);

        var result = await resolver.ResolveAsync(Request(_origin + "/inline"));

        Assert.Equal("http.insecure_transport", result.Error!.Code.Value);
    }

    [Fact]
    public async Task Resolve_UnknownKid_FailsWithKeyNotFound()
    {
        var result = await Resolver().ResolveAsync(Request(_origin + "/inline", "other-key"));

        Assert.Equal(TrustErrors.KeyNotFound, result.Error!.Code);
    }

    private Task<Credentials.VerificationResult<VerificationKey>> Resolve(string path) => Resolver().ResolveAsync(Request(_origin + path)).AsTask();

    private JwtVcIssuerMetadataResolver Resolver()
        => new(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }), new JwtVcIssuerMetadataResolverOptions { Http = new() { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback } });

    private IssuerKeyRequest Request(string issuer, string? kid = "key-1")
    {
        using var signer = SigningKey.Create(JwsAlgorithm.Es256, kid);
        return new IssuerKeyRequest(issuer, Jws.ReadCompact(JwsWriter.SignCompact(signer, "{}"u8)).Value);
    }
}
