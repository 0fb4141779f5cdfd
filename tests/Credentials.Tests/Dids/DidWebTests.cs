using System;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Http;
using Credentials.Jose;
using Credentials.Keys;
using Xunit;

namespace Credentials.Tests.Dids;

public sealed class DidWebTests : IClassFixture<DidWebServerFixture>, IDisposable
{
    private static readonly HttpFetchOptions LocalHttp = new()
    {
        RequireHttps = false,
        AddressPolicy = HttpAddressPolicy.PublicAndLoopback,
        Timeout = TimeSpan.FromSeconds(5),
    };

    private static readonly DidWebResolverOptions Local = new() { Http = LocalHttp };

    private readonly DidWebServerFixture _server;
    private readonly HttpClient _guarded = GuardedHttpHandler.CreateClient(LocalHttp);
    private readonly HttpClient _plain = new();

    public DidWebTests(DidWebServerFixture server) => _server = server;

    public void Dispose()
    {
        _guarded.Dispose();
        _plain.Dispose();
    }

    [Theory]
    [InlineData("did:web:w3c-ccg.github.io", "https://w3c-ccg.github.io/.well-known/did.json")]
    [InlineData("did:web:w3c-ccg.github.io:user:alice", "https://w3c-ccg.github.io/user/alice/did.json")]
    [InlineData("did:web:example.com%3A3000", "https://example.com:3000/.well-known/did.json")]
    [InlineData("did:web:example.com%3a3000:issuers:1", "https://example.com:3000/issuers/1/did.json")]
    [InlineData("did:web:example.com%3A8443:a%20b", "https://example.com:8443/a%20b/did.json")]
    [InlineData("did:web:example.com:%2e%2e%2e", "https://example.com/.../did.json")]
    [InlineData("did:web:example.com:user%2Ealice", "https://example.com/user.alice/did.json")]
    public void GetDocumentUri_Did_MapsPerSpec(string did, string expected)
    {
        var uri = DidWeb.GetDocumentUri(Did.Parse(did)).Value;

        Assert.Equal(new Uri(expected), uri);
        Assert.Equal(new Uri(expected).AbsolutePath, uri.AbsolutePath);
    }

    [Theory]
    [InlineData("did:web:example.com::x")]
    [InlineData("did:web:example.com:..")]
    [InlineData("did:web:example.com:.")]
    [InlineData("did:web:example.com:%2e%2e:admin")]
    [InlineData("did:web:example.com:%2E%2E:admin")]
    [InlineData("did:web:example.com:%2e%2E")]
    [InlineData("did:web:example.com:.%2e")]
    [InlineData("did:web:example.com:%2e")]
    [InlineData("did:web:example.com:users:%2e%2e")]
    [InlineData("did:web:example.com%3A8443:%2e%2e:admin")]
    [InlineData("did:web:example.com:a%2Fb")]
    [InlineData("did:web:example.com:a%2fb")]
    [InlineData("did:web:example.com:%2F")]
    [InlineData("did:web:example.com:a%5Cb")]
    [InlineData("did:web:example.com:%00")]
    [InlineData("did:web:example.com:%FF")]
    [InlineData("did:web:exa%20mple.com")]
    [InlineData("did:web:example.com%3A99999")]
    [InlineData("did:key:example.com")]
    public void GetDocumentUri_BadDid_FailsWithInvalidDid(string did)
    {
        Assert.Equal(DidErrors.InvalidDid, DidWeb.GetDocumentUri(Did.Parse(did)).Error!.Code);
    }

    [Fact]
    public void Create_HostPortPath_EncodesPortAndPath()
    {
        Assert.Equal("did:web:issuer.example.com%3A8443:issuers:1", DidWeb.Create("Issuer.Example.com", 8443, "issuers", "1").Value);
        Assert.Equal("did:web:example.com", DidWeb.Create("example.com").Value);
        Assert.Throws<ArgumentException>(() => DidWeb.Create("example.com", null, ".."));
        Assert.Throws<ArgumentException>(() => DidWeb.Create("example.com", null, "%2e%2e", "admin"));
        Assert.Throws<ArgumentException>(() => DidWeb.Create("exa mple.com"));
        Assert.Throws<ArgumentOutOfRangeException>(() => DidWeb.Create("example.com", 0));
    }

    [Fact]
    public void CreateDocument_Keys_SigningUnderAssertionAgreementUnderKeyAgreement()
    {
        using var signing = SigningKey.Create(JwsAlgorithm.EdDsa);
        using var agreement = KeyAgreementKey.Create();
        var did = DidWeb.Create("example.com");

        var document = DidWeb.CreateDocument(did, [signing.PublicJwk], [agreement.PublicJwk]);

        Assert.True(document.Dereference(DidUrl.Parse("did:web:example.com#key-1"), VerificationRelationship.AssertionMethod).IsValid);
        Assert.True(document.Dereference(DidUrl.Parse("did:web:example.com#key-2"), VerificationRelationship.KeyAgreement).IsValid);
        Assert.Equal(DidErrors.KeyNotAuthorized, document.Dereference(DidUrl.Parse("did:web:example.com#key-2"), VerificationRelationship.AssertionMethod).Error!.Code);
        Assert.Throws<ArgumentException>(() => DidWeb.CreateDocument(did, [signing.ExportPrivateJwk()]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ok")]
    public async Task ResolveAsync_ServedDocument_ReturnsIt(string? path)
    {
        var did = _server.DidFor(path);

        var result = await new DidWebResolver(_guarded, Local).ResolveAsync(did);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(did.Value, result.Value.Id);
        Assert.Equal(_server.Key.PublicJwk with { Kid = null }, result.Value.VerificationMethod[0].PublicKeyJwk);
    }

    [Fact]
    public async Task ResolveAsync_Missing_FailsWithNotFound()
    {
        var result = await new DidWebResolver(_guarded, Local).ResolveAsync(_server.DidFor("missing"));

        Assert.Equal(HttpErrors.NotFound, result.Error!.Code);
        Assert.Equal(VerificationFailureKind.ResolutionFailed, result.Error.Kind);
    }

    [Fact]
    public async Task ResolveAsync_DocumentForAnotherDid_FailsWithIdMismatch()
    {
        var result = await new DidWebResolver(_guarded, Local).ResolveAsync(_server.DidFor("wrongid"));

        Assert.Equal(DidErrors.IdMismatch, result.Error!.Code);
    }

    [Fact]
    public async Task ResolveAsync_DuplicateMembers_FailsWithInvalidDocument()
    {
        var result = await new DidWebResolver(_guarded, Local).ResolveAsync(_server.DidFor("invalid"));

        Assert.Equal(DidErrors.InvalidDocument, result.Error!.Code);
    }

    [Theory]
    [InlineData("big")]
    [InlineData("chunked")]
    public async Task ResolveAsync_OversizedBody_FailsWithTooLarge(string path)
    {
        var result = await new DidWebResolver(_guarded, Local).ResolveAsync(_server.DidFor(path));

        Assert.Equal(HttpErrors.TooLarge, result.Error!.Code);
    }

    [Theory]
    [InlineData("html")]
    [InlineData("text")]
    [InlineData("untyped")]
    public async Task ResolveAsync_DocumentServedAsAnotherMediaType_FailsWithUnexpectedMediaType(string path)
    {
        var result = await new DidWebResolver(_guarded, Local).ResolveAsync(_server.DidFor(path));

        Assert.Equal(HttpErrors.UnexpectedMediaType, result.Error!.Code);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("ld")]
    [InlineData("charset")]
    public async Task ResolveAsync_DocumentServedAsJsonDidJsonOrDidLdJson_ReturnsIt(string path)
    {
        var result = await new DidWebResolver(_guarded, Local).ResolveAsync(_server.DidFor(path));

        Assert.True(result.IsValid, result.Error?.ToString());
    }

    [Fact]
    public async Task ResolveAsync_DotDotSegment_RefusedWithoutAnyRequest()
    {
        var before = _server.Hits;
        var did = Did.Parse($"did:web:127.0.0.1%3A{_server.Port}:ok:%2e%2e:admin");

        var result = await new DidWebResolver(_guarded, Local).ResolveAsync(did);

        Assert.Equal(DidErrors.InvalidDid, result.Error!.Code);
        Assert.Equal(before, _server.Hits);
    }

    [Fact]
    public async Task ResolveAsync_RedirectToOtherHost_FailsWithRedirectNotAllowed()
    {
        var guarded = await new DidWebResolver(_guarded, Local).ResolveAsync(_server.DidFor("redirect-other"));

        // A client that follows redirects by itself is caught by the final-URI check.
        var plain = await new DidWebResolver(_plain, Local).ResolveAsync(_server.DidFor("redirect-other"));

        Assert.Equal(HttpErrors.RedirectNotAllowed, guarded.Error!.Code);
        Assert.Equal(HttpErrors.RedirectNotAllowed, plain.Error!.Code);
    }

    [Fact]
    public async Task ResolveAsync_RedirectOnSameHost_Follows()
    {
        var result = await new DidWebResolver(_guarded, Local).ResolveAsync(_server.DidFor("redirect-same"));

        Assert.True(result.IsValid, result.Error?.ToString());
    }

    [Fact]
    public async Task ResolveAsync_RedirectOnSameHostWithNoRedirectsAllowed_FailsWithRedirectNotAllowed()
    {
        var result = await new DidWebResolver(_guarded, Local with { Http = LocalHttp with { MaxRedirects = 0 } }).ResolveAsync(_server.DidFor("redirect-same"));

        Assert.Equal(HttpErrors.RedirectNotAllowed, result.Error!.Code);
    }

    [Fact]
    public async Task ResolveAsync_SlowServer_FailsWithTimeoutQuickly()
    {
        var stopwatch = Stopwatch.StartNew();

        var result = await new DidWebResolver(_guarded, Local with { Http = LocalHttp with { Timeout = TimeSpan.FromMilliseconds(300) } }).ResolveAsync(_server.DidFor("slow"));

        Assert.Equal(HttpErrors.Timeout, result.Error!.Code);
        // The server answers after 10 s: well under that proves the resolver gave up, however slow the machine.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(8), stopwatch.Elapsed.ToString());
    }

    [Fact]
    public async Task ResolveAsync_CallerCancels_Throws()
    {
        using var cts = new System.Threading.CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await new DidWebResolver(_guarded, Local).ResolveAsync(_server.DidFor("slow"), cts.Token));
    }

    [Fact]
    public async Task ResolveAsync_DefaultPolicyOnLoopback_RefusedBeforeAnyRequest()
    {
        var before = _server.Hits;

        var result = await new DidWebResolver(_plain, Local with { Http = LocalHttp with { AddressPolicy = HttpAddressPolicy.PublicOnly } }).ResolveAsync(_server.DidFor("ok"));

        Assert.Equal(HttpErrors.AddressNotAllowed, result.Error!.Code);
        Assert.Equal(VerificationFailureKind.PolicyViolation, result.Error.Kind);
        Assert.Equal(before, _server.Hits);
    }

    [Fact]
    public async Task ResolveAsync_DefaultOptions_RefusesLoopbackEvenOverHttps()
    {
        var result = await new DidWebResolver(_plain).ResolveAsync(_server.DidFor("ok"));

        Assert.Equal(HttpErrors.AddressNotAllowed, result.Error!.Code);
    }

    [Fact]
    public async Task ResolveAsync_GuardedHandlerWithDefaultPolicy_RefusesConnection()
    {
        using var client = new HttpClient(GuardedHttpHandler.Create());
        var before = _server.Hits;

        // The resolver's own check is disabled here, so only the handler's connect-time check stands in the way.
        var result = await new DidWebResolver(client, Local with { Http = LocalHttp with { AddressPolicy = HttpAddressPolicy.AllowAll } }).ResolveAsync(_server.DidFor("ok"));

        Assert.Equal(HttpErrors.AddressNotAllowed, result.Error!.Code);
        Assert.Equal(before, _server.Hits);
    }

    [Fact]
    public async Task ResolveAsync_NotDidWeb_FailsWithInvalidDid()
    {
        var result = await new DidWebResolver(_guarded, Local).ResolveAsync(Did.Parse("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"));

        Assert.Equal(DidErrors.InvalidDid, result.Error!.Code);
    }

    [Fact]
    public void Constructor_BadOptions_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DidWebResolver(_plain, new DidWebResolverOptions { Http = new() { MaxResponseBytes = 0 } }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DidWebResolver(_plain, new DidWebResolverOptions { Http = new() { Timeout = TimeSpan.Zero } }));
        Assert.Throws<ArgumentNullException>(() => new DidWebResolver(_plain, new DidWebResolverOptions { Http = null! }));
        Assert.Throws<ArgumentNullException>(() => new DidWebResolver(null!));
    }
}
