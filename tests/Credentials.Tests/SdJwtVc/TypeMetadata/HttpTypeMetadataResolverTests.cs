using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Credentials.Http;
using Credentials.SdJwt;
using Credentials.SdJwtVc.TypeMetadata;
using Credentials.SdJwtVc.TypeMetadata.Resolution;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Tests.SdJwtVc.TypeMetadata;

public sealed class HttpTypeMetadataResolverTests(TypeMetadataServerFixture server) : IClassFixture<TypeMetadataServerFixture>, IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    private static readonly HttpFetchOptions s_loopbackHttp = new()
    {
        RequireHttps = false,
        AddressPolicy = HttpAddressPolicy.PublicAndLoopback,
        Timeout = TimeSpan.FromSeconds(5),
    };

    private static readonly HttpTypeMetadataResolverOptions s_loopback = new() { Http = s_loopbackHttp };

    private HttpTypeMetadataResolver Resolver(HttpTypeMetadataResolverOptions? options = null) => new(_client, options ?? s_loopback);

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task ResolveAsync_200_ResolvesWithJapaneseLabels()
    {
        var result = await Resolver().ResolveAsync(server.Url("/types/base"), SubresourceIntegrity.Compute(server.BaseDocument));

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal("テスト資格", result.Value.GetName("ja-JP"));
        Assert.Equal("氏名", result.Value.GetClaimLabel(ClaimPath.Of("name"), "ja-JP"));
    }

    [Fact]
    public async Task ResolveAsync_ExtendsWithIntegrityOverHttp_Resolves()
    {
        var result = await Resolver().ResolveAsync(server.Url("/types/child"), null);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(2, result.Value.Chain.Length);
    }

    [Fact]
    public async Task ResolveAsync_ExtendsIntegrityWrong_IsIntegrityMismatch()
    {
        var result = await Resolver().ResolveAsync(server.Url("/types/child-bad-integrity"), null);

        Assert.Equal(TypeMetadataErrors.IntegrityMismatch, result.Error!.Code);
    }

    [Fact]
    public async Task ResolveAsync_WrongVctIntegrity_IsIntegrityMismatch()
    {
        var result = await Resolver().ResolveAsync(server.Url("/types/base"), SubresourceIntegrity.Compute(Encoding.UTF8.GetBytes("tampered")));

        Assert.Equal(TypeMetadataErrors.IntegrityMismatch, result.Error!.Code);
        Assert.NotEqual(VerificationFailureKind.InvalidSignature, result.Error.Kind);
    }

    [Fact]
    public async Task ResolveAsync_CycleOverHttp_IsExtendsCycle()
    {
        Assert.Equal(TypeMetadataErrors.ExtendsCycle, (await Resolver().ResolveAsync(server.Url("/types/loop-a"), null)).Error!.Code);
    }

    [Fact]
    public async Task ResolveAsync_DocumentForOtherVct_IsVctMismatch()
    {
        Assert.Equal(TypeMetadataErrors.VctMismatch, (await Resolver().ResolveAsync(server.Url("/types/wrong-vct"), null)).Error!.Code);
    }

    [Theory]
    [InlineData("/types/missing", "http.not_found", VerificationFailureKind.ResolutionFailed)]
    [InlineData("/types/gone", "http.not_found", VerificationFailureKind.ResolutionFailed)]
    [InlineData("/types/error", "http.error_status", VerificationFailureKind.ResolutionFailed)]
    [InlineData("/types/big", "http.too_large", VerificationFailureKind.ResolutionFailed)]
    [InlineData("/types/chunked", "http.too_large", VerificationFailureKind.ResolutionFailed)]
    [InlineData("/types/redirect-other-host", "http.redirect_not_allowed", VerificationFailureKind.PolicyViolation)]
    public async Task ResolveAsync_RetrievalFailure_IsTheHttpCode(string path, string code, VerificationFailureKind kind)
    {
        var result = await Resolver().ResolveAsync(server.Url(path), null);

        Assert.Equal(code, result.Error!.Code.Value);
        Assert.Equal(kind, result.Error.Kind);
    }

    [Fact]
    public async Task ResolveAsync_InvalidDocument_IsInvalid()
    {
        Assert.Equal(TypeMetadataErrors.Invalid, (await Resolver().ResolveAsync(server.Url("/types/invalid"), null)).Error!.Code);
    }

    [Fact]
    public async Task ResolveAsync_RedirectSameOrigin_IsFollowed()
    {
        var result = await Resolver().ResolveAsync(server.Url("/types/redirect-same"), null);

        Assert.True(result.IsValid, result.Error?.ToString());
    }

    [Fact]
    public async Task ResolveAsync_RedirectOtherHostWithAutoRedirectClient_IsRefused()
    {
        using var following = new HttpClient();
        var resolver = new HttpTypeMetadataResolver(following, s_loopback);

        var result = await resolver.ResolveAsync(server.Url("/types/redirect-other-host"), null);

        Assert.Equal(HttpErrors.RedirectNotAllowed, result.Error!.Code);
    }

    [Fact]
    public async Task ResolveAsync_SlowServer_IsTimeout()
    {
        var resolver = Resolver(s_loopback with { Http = s_loopbackHttp with { Timeout = TimeSpan.FromMilliseconds(300) } });

        var result = await resolver.ResolveAsync(server.Url("/types/slow"), null);

        Assert.Equal(HttpErrors.Timeout, result.Error!.Code);
        Assert.Equal(VerificationFailureKind.ResolutionFailed, result.Error.Kind);
    }

    [Fact]
    public async Task ResolveAsync_HttpByDefault_IsInsecureTransport()
    {
        var resolver = new HttpTypeMetadataResolver(_client);

        var result = await resolver.ResolveAsync(server.Url("/types/base"), null);

        Assert.Equal(HttpErrors.InsecureTransport, result.Error!.Code);
        Assert.Equal(VerificationFailureKind.PolicyViolation, result.Error.Kind);
    }

    [Fact]
    public async Task ResolveAsync_LoopbackByDefaultPolicy_IsAddressNotAllowed()
    {
        var resolver = new HttpTypeMetadataResolver(_client, new HttpTypeMetadataResolverOptions { Http = new() { RequireHttps = false } });

        var result = await resolver.ResolveAsync(server.Url("/types/base"), null);

        Assert.Equal(HttpErrors.AddressNotAllowed, result.Error!.Code);
        Assert.Equal(VerificationFailureKind.PolicyViolation, result.Error.Kind);
    }

    [Theory]
    [InlineData("urn:eudi:pid:1")]
    [InlineData("ftp://example.com/type")]
    [InlineData("not a url")]
    public async Task ResolveAsync_VctNotHttpUrl_IsNotFound(string vct)
    {
        Assert.Equal(TypeMetadataErrors.NotFound, (await Resolver().ResolveAsync(vct, null)).Error!.Code);
    }

    [Fact]
    public async Task ResolveAsync_Cached_DoesNotFetchAgainUntilExpiry()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-06-15T00:00:00Z"));
        var resolver = Resolver(s_loopback with { TimeProvider = clock, CacheDuration = TimeSpan.FromMinutes(10) });
        var url = server.Url("/types/base");

        Assert.True((await resolver.ResolveAsync(url, null)).IsValid);
        var hits = server.Hits;
        Assert.True((await resolver.ResolveAsync(url, null)).IsValid);
        Assert.Equal(hits, server.Hits);

        clock.Advance(TimeSpan.FromMinutes(11));
        Assert.True((await resolver.ResolveAsync(url, null)).IsValid);
        Assert.Equal(hits + 1, server.Hits);
    }

    [Fact]
    public async Task ResolveAsync_CachedCopyFailsIntegrity_FetchesOnceAfresh()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-06-15T00:00:00Z"));
        var resolver = Resolver(s_loopback with { TimeProvider = clock });
        var url = server.Url("/types/base");
        Assert.True((await resolver.ResolveAsync(url, null)).IsValid);
        var hits = server.Hits;

        clock.Advance(TimeSpan.FromSeconds(31));
        var result = await resolver.ResolveAsync(url, SubresourceIntegrity.Compute(Encoding.UTF8.GetBytes("newer version")));

        Assert.Equal(TypeMetadataErrors.IntegrityMismatch, result.Error!.Code);
        Assert.Equal(hits + 1, server.Hits);
    }

    [Fact]
    public async Task ResolveAsync_IntegrityMismatchesFlood_AtMostOneRefetchPerInterval()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-06-15T00:00:00Z"));
        var resolver = Resolver(s_loopback with { TimeProvider = clock });
        var url = server.Url("/types/base");
        Assert.True((await resolver.ResolveAsync(url, null)).IsValid);
        var hits = server.Hits;

        // A mismatch right after the fetch does not refetch; then at most one refetch per interval, whatever the credentials claim.
        await resolver.ResolveAsync(url, SubresourceIntegrity.Compute(Encoding.UTF8.GetBytes("made up")));
        Assert.Equal(hits, server.Hits);
        clock.Advance(TimeSpan.FromSeconds(31));
        for (var i = 0; i < 10; i++)
        {
            var result = await resolver.ResolveAsync(url, SubresourceIntegrity.Compute(Encoding.UTF8.GetBytes("made up " + i)));
            Assert.Equal(TypeMetadataErrors.IntegrityMismatch, result.Error!.Code);
        }

        Assert.Equal(hits + 1, server.Hits);
    }

    [Fact]
    public async Task Composite_LocalFirst_DoesNotTouchNetwork()
    {
        var url = server.Url("/types/base");
        var local = new LocalTypeMetadataRegistry([KeyValuePair.Create(url, (ReadOnlyMemory<byte>)server.BaseDocument)]);
        var composite = new CompositeTypeMetadataResolver(local, Resolver());
        var hits = server.Hits;

        var result = await composite.ResolveAsync(url, SubresourceIntegrity.Compute(server.BaseDocument));

        Assert.True(result.IsValid);
        Assert.Equal(hits, server.Hits);
    }

    [Fact]
    public async Task Composite_NotLocal_FetchesOverHttp()
    {
        var composite = new CompositeTypeMetadataResolver(new LocalTypeMetadataRegistry([]), Resolver());

        var result = await composite.ResolveAsync(server.Url("/types/child"), null);

        Assert.True(result.IsValid, result.Error?.ToString());
    }

    [Fact]
    public async Task Composite_HttpNotFoundThenLocal_AsksTheNextSource()
    {
        var url = server.Url("/types/missing");
        var document = System.Text.Encoding.UTF8.GetBytes("{\"vct\":\"" + url + "\"}");
        var composite = new CompositeTypeMetadataResolver([Resolver(), new LocalTypeMetadataRegistry([KeyValuePair.Create(url, (ReadOnlyMemory<byte>)document)])]);

        var result = await composite.ResolveAsync(url, null);

        Assert.True(result.IsValid, result.Error?.ToString());
    }

    [Fact]
    public void Constructor_InvalidOptions_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HttpTypeMetadataResolver(_client, s_loopback with { Http = s_loopbackHttp with { MaxResponseBytes = 0 } }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HttpTypeMetadataResolver(_client, s_loopback with { Http = s_loopbackHttp with { Timeout = TimeSpan.Zero } }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HttpTypeMetadataResolver(_client, s_loopback with { MaxCacheEntries = -1 }));
        Assert.Throws<ArgumentNullException>(() => new HttpTypeMetadataResolver(null!));
    }
}
