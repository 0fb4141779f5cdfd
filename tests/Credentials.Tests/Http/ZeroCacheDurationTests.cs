using System;
using System.Net;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Http;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwtVc.TypeMetadata.Resolution;
using Credentials.Testing;
using Credentials.Trust;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Tests.Http;

/// <summary>
/// A cache duration of zero turns caching off even when a cache that keeps entries (as <c>HybridCache</c> does) is
/// configured: every resolution fetches, and an outage is a failure, never a last-known-good copy.
/// </summary>
public sealed class ZeroCacheDurationTests : IDisposable
{
    private const string Issuer = "https://issuer.example";
    private const string Vct = "https://types.example/pid";
    private readonly FakeTimeProvider _clock = TestClock.At(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly SigningKey _key = SigningKey.Create(JwsAlgorithm.Es256, "key-1");
    private readonly ResolverTestHandler _handler = new();
    private readonly KeepingResolverCache _cache = new();

    public void Dispose()
    {
        _handler.Dispose();
        _key.Dispose();
    }

    [Fact]
    public async Task Did_ZeroCacheDuration_SourceUnavailable_FailsInsteadOfServingTheOldDocument()
    {
        var method = new ScriptedDidMethod(Document());
        var resolver = new DidResolver([method], new DidResolverOptions { TimeProvider = _clock, CacheDuration = TimeSpan.Zero, LastKnownGoodPeriod = TimeSpan.FromHours(1), Cache = _cache });
        var did = Did.Parse("did:test:issuer");
        Assert.True((await resolver.ResolveAsync(did)).IsValid);

        _clock.Advance(TimeSpan.FromMinutes(1));
        method.Next = new VerificationError(HttpErrors.Timeout, "down");
        var result = await resolver.ResolveEntryAsync(did);

        Assert.Equal(HttpErrors.Timeout, result.Error?.Code);
        Assert.Equal(2, method.Calls);
        Assert.Equal(0, _cache.Count);
    }

    [Fact]
    public async Task Did_ZeroCacheDuration_EveryResolutionFetches()
    {
        var method = new ScriptedDidMethod(Document());
        var resolver = new DidResolver([method], new DidResolverOptions { TimeProvider = _clock, CacheDuration = TimeSpan.Zero, Cache = _cache });
        var did = Did.Parse("did:test:issuer");

        Assert.True((await resolver.ResolveAsync(did)).IsValid);
        Assert.True((await resolver.ResolveAsync(did)).IsValid);

        Assert.Equal(2, method.Calls);
        Assert.Equal(0, _cache.Calls);
    }

    [Fact]
    public async Task IssuerMetadata_ZeroCacheDuration_IssuerUnavailable_FailsInsteadOfServingTheOldKeys()
    {
        var resolver = new JwtVcIssuerMetadataResolver(_handler.Client(), new JwtVcIssuerMetadataResolverOptions
        {
            TimeProvider = _clock,
            CacheDuration = TimeSpan.Zero,
            LastKnownGoodPeriod = TimeSpan.FromHours(1),
            Cache = _cache,
        });
        _handler.Body = "{\"issuer\":\"" + Issuer + "\",\"jwks\":{\"keys\":[" + _key.PublicJwk.ToJson() + "]}}";
        Assert.True((await resolver.ResolveAsync(Request("key-1"))).IsValid);

        _clock.Advance(TimeSpan.FromMinutes(1));
        _handler.Status = HttpStatusCode.ServiceUnavailable;
        var keys = await resolver.GetKeysAsync(Issuer);
        var key = await resolver.ResolveAsync(Request("key-1"));

        Assert.Equal(HttpErrors.ErrorStatus, keys.Error?.Code);
        Assert.Equal(HttpErrors.ErrorStatus, key.Error?.Code);
        Assert.Equal(3, _handler.Requests);
        Assert.Equal(0, _cache.Count);
    }

    [Fact]
    public async Task TypeMetadata_ZeroCacheDuration_ServerUnavailable_FailsInsteadOfServingTheOldDocument()
    {
        var resolver = new HttpTypeMetadataResolver(_handler.Client(), new HttpTypeMetadataResolverOptions
        {
            TimeProvider = _clock,
            CacheDuration = TimeSpan.Zero,
            LastKnownGoodPeriod = TimeSpan.FromDays(1),
            Cache = _cache,
        });
        _handler.Body = "{\"vct\":\"" + Vct + "\"}";
        Assert.True((await resolver.GetDocumentAsync(Vct)).IsValid);

        _clock.Advance(TimeSpan.FromMinutes(1));
        _handler.Unreachable = true;
        var result = await resolver.GetDocumentAsync(Vct);

        Assert.Equal(HttpErrors.Failed, result.Error?.Code);
        Assert.Equal(2, _handler.Requests);
        Assert.Equal(0, _cache.Count);
    }

    [Fact]
    public async Task IssuerMetadata_PositiveCacheDuration_UsesTheConfiguredCache()
    {
        var resolver = new JwtVcIssuerMetadataResolver(_handler.Client(), new JwtVcIssuerMetadataResolverOptions { TimeProvider = _clock, Cache = _cache });
        _handler.Body = "{\"issuer\":\"" + Issuer + "\",\"jwks\":{\"keys\":[" + _key.PublicJwk.ToJson() + "]}}";

        Assert.True((await resolver.ResolveAsync(Request("key-1"))).IsValid);
        Assert.True((await resolver.ResolveAsync(Request("key-1"))).IsValid);

        Assert.Equal(1, _handler.Requests);
        Assert.Equal(1, _cache.Count);
    }

    private IssuerKeyRequest Request(string kid)
    {
        using var signer = SigningKey.Create(JwsAlgorithm.Es256, kid);
        return new IssuerKeyRequest(Issuer, Jws.ReadCompact(JwsWriter.SignCompact(signer, "{}"u8)).Value);
    }

    private DidDocument Document()
        => DidDocument.Read("{\"id\":\"did:test:issuer\",\"verificationMethod\":[{\"id\":\"#key-1\",\"type\":\"JsonWebKey\",\"controller\":\"did:test:issuer\",\"publicKeyJwk\":"
            + _key.PublicJwk.ToJson() + "}],\"assertionMethod\":[\"#key-1\"]}").Value;
}
