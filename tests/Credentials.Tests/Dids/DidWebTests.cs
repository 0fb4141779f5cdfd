using System;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Jose;
using Credentials.Keys;
using Xunit;

namespace Credentials.Tests.Dids;

public sealed class DidWebTests : IClassFixture<DidWebServerFixture>, IDisposable
{
    private static readonly DidWebResolverOptions Local = new()
    {
        RequireHttps = false,
        AddressPolicy = DidWebAddressPolicy.PublicAndLoopback,
        Timeout = TimeSpan.FromSeconds(5),
    };

    private readonly DidWebServerFixture _server;
    private readonly HttpClient _guarded = new(DidWebResolver.CreateHttpHandler(DidWebAddressPolicy.PublicAndLoopback));
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
    public void GetDocumentUri_Did_MapsPerSpec(string did, string expected)
    {
        Assert.Equal(new Uri(expected), DidWeb.GetDocumentUri(Did.Parse(did)).Value);
    }

    [Theory]
    [InlineData("did:web:example.com::x")]
    [InlineData("did:web:example.com:..")]
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

        Assert.Equal(DidErrors.NotFound, result.Error!.Code);
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
    public async Task ResolveAsync_OversizedBody_FailsWithDocumentTooLarge(string path)
    {
        var result = await new DidWebResolver(_guarded, Local).ResolveAsync(_server.DidFor(path));

        Assert.Equal(DidErrors.DocumentTooLarge, result.Error!.Code);
    }

    [Fact]
    public async Task ResolveAsync_RedirectToOtherHost_FailsWithRedirectNotAllowed()
    {
        var guarded = await new DidWebResolver(_guarded, Local).ResolveAsync(_server.DidFor("redirect-other"));

        // A client that follows redirects by itself is caught by the final-URI check.
        var plain = await new DidWebResolver(_plain, Local).ResolveAsync(_server.DidFor("redirect-other"));

        Assert.Equal(DidErrors.RedirectNotAllowed, guarded.Error!.Code);
        Assert.Equal(DidErrors.RedirectNotAllowed, plain.Error!.Code);
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
        var result = await new DidWebResolver(_guarded, Local with { MaxRedirects = 0 }).ResolveAsync(_server.DidFor("redirect-same"));

        Assert.Equal(DidErrors.RedirectNotAllowed, result.Error!.Code);
    }

    [Fact]
    public async Task ResolveAsync_SlowServer_FailsWithTimeoutQuickly()
    {
        var stopwatch = Stopwatch.StartNew();

        var result = await new DidWebResolver(_guarded, Local with { Timeout = TimeSpan.FromMilliseconds(300) }).ResolveAsync(_server.DidFor("slow"));

        Assert.Equal(DidErrors.Timeout, result.Error!.Code);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), stopwatch.Elapsed.ToString());
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

        var result = await new DidWebResolver(_plain, Local with { AddressPolicy = DidWebAddressPolicy.PublicOnly }).ResolveAsync(_server.DidFor("ok"));

        Assert.Equal(DidErrors.AddressNotAllowed, result.Error!.Code);
        Assert.Equal(VerificationFailureKind.PolicyViolation, result.Error.Kind);
        Assert.Equal(before, _server.Hits);
    }

    [Fact]
    public async Task ResolveAsync_DefaultOptions_RefusesLoopbackEvenOverHttps()
    {
        var result = await new DidWebResolver(_plain).ResolveAsync(_server.DidFor("ok"));

        Assert.Equal(DidErrors.AddressNotAllowed, result.Error!.Code);
    }

    [Fact]
    public async Task ResolveAsync_GuardedHandlerWithDefaultPolicy_RefusesConnection()
    {
        using var client = new HttpClient(DidWebResolver.CreateHttpHandler());

        // The resolver's own check is disabled here, so only the handler's connect-time check stands in the way.
        var result = await new DidWebResolver(client, Local with { AddressPolicy = DidWebAddressPolicy.AllowAll }).ResolveAsync(_server.DidFor("ok"));

        Assert.Equal(DidErrors.ResolutionFailed, result.Error!.Code);
    }

    [Fact]
    public async Task ResolveAsync_NotDidWeb_FailsWithInvalidDid()
    {
        var result = await new DidWebResolver(_guarded, Local).ResolveAsync(Did.Parse("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"));

        Assert.Equal(DidErrors.InvalidDid, result.Error!.Code);
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("8.8.8.8", true)]
    [InlineData("::1", false)]
    [InlineData("::", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("ff02::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("::ffff:8.8.8.8", true)]
    [InlineData("2001:4860:4860::8888", true)]
    public void PublicOnly_Address_AllowedOnlyWhenPublic(string address, bool allowed)
    {
        Assert.Equal(allowed, DidWebAddressPolicy.PublicOnly.IsAllowed(IPAddress.Parse(address)));
        Assert.True(DidWebAddressPolicy.AllowAll.IsAllowed(IPAddress.Parse(address)));
    }

    [Fact]
    public void PublicAndLoopback_Loopback_Allowed()
    {
        Assert.True(DidWebAddressPolicy.PublicAndLoopback.IsAllowed(IPAddress.Loopback));
        Assert.True(DidWebAddressPolicy.PublicAndLoopback.IsAllowed(IPAddress.IPv6Loopback));
        Assert.False(DidWebAddressPolicy.PublicAndLoopback.IsAllowed(IPAddress.Parse("10.0.0.1")));
    }

    [Fact]
    public void Constructor_BadOptions_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DidWebResolver(_plain, new DidWebResolverOptions { MaxResponseBytes = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DidWebResolver(_plain, new DidWebResolverOptions { Timeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentNullException>(() => new DidWebResolver(null!));
    }
}
