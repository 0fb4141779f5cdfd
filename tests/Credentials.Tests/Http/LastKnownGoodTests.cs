using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Http;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Status;
using Credentials.Testing;
using Credentials.Trust;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Tests.Http;

/// <summary>
/// Last-known-good copies: served (and marked stale) while the source is unavailable, for a bounded period, never
/// after a 404 or an invalid document, and for status lists never past the token's exp.
/// </summary>
public sealed class LastKnownGoodTests : IDisposable
{
    private const string ListUri = "https://status.example/lists/1";
    private static readonly DateTimeOffset s_start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = TestClock.At(s_start);
    private readonly SigningKey _key = SigningKey.Create(JwsAlgorithm.Es256, "key-1");
    private readonly ResolverTestHandler _handler = new();

    public void Dispose()
    {
        _handler.Dispose();
        _key.Dispose();
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task StatusList_ProviderAnswersErrorAfterTtl_ServesLastTokenMarkedStale(HttpStatusCode status)
    {
        var resolver = StatusResolver();
        _handler.Body = await PublishAsync(revoked: 3, ttl: TimeSpan.FromMinutes(5), lifetime: TimeSpan.FromDays(1));
        var first = await resolver.GetTokenEntryAsync(new StatusReference(ListUri, 3));
        Assert.False(first.Value.IsStaleAt(_clock.GetUtcNow()));

        _clock.Advance(TimeSpan.FromMinutes(6));
        _handler.Status = status;
        var entry = await resolver.GetTokenEntryAsync(new StatusReference(ListUri, 3));
        var statusValue = await resolver.GetStatusAsync(new StatusReference(ListUri, 3));

        Assert.True(entry.IsValid, entry.Error?.ToString());
        Assert.True(entry.Value.IsStaleAt(_clock.GetUtcNow()));
        Assert.Same(first.Value.Value, entry.Value.Value);
        Assert.Equal(StatusValue.Invalid, statusValue.Value);
    }

    [Fact]
    public async Task StatusList_ProviderUnreachableAfterTtl_ServesLastToken()
    {
        var resolver = StatusResolver();
        _handler.Body = await PublishAsync(revoked: 3, ttl: TimeSpan.FromMinutes(5), lifetime: TimeSpan.FromDays(1));
        await resolver.GetTokenAsync(new StatusReference(ListUri, 3));

        _clock.Advance(TimeSpan.FromMinutes(6));
        _handler.Unreachable = true;

        Assert.True((await resolver.GetTokenAsync(new StatusReference(ListUri, 3))).IsValid);
    }

    [Fact]
    public async Task StatusList_ListGoneAfterTtl_FailsAtOnce()
    {
        var resolver = StatusResolver();
        _handler.Body = await PublishAsync(revoked: 3, ttl: TimeSpan.FromMinutes(5), lifetime: TimeSpan.FromDays(1));
        await resolver.GetTokenAsync(new StatusReference(ListUri, 3));

        _clock.Advance(TimeSpan.FromMinutes(6));
        _handler.Status = HttpStatusCode.NotFound;

        Assert.Equal(HttpErrors.NotFound, (await resolver.GetTokenAsync(new StatusReference(ListUri, 3))).Error?.Code);
    }

    [Fact]
    public async Task StatusList_InvalidTokenAfterTtl_FailsAtOnce()
    {
        var resolver = StatusResolver();
        _handler.Body = await PublishAsync(revoked: 3, ttl: TimeSpan.FromMinutes(5), lifetime: TimeSpan.FromDays(1));
        await resolver.GetTokenAsync(new StatusReference(ListUri, 3));

        _clock.Advance(TimeSpan.FromMinutes(6));
        _handler.Body = "not-a-token";

        Assert.Equal(StatusErrors.InvalidListToken, (await resolver.GetTokenAsync(new StatusReference(ListUri, 3))).Error?.Code);
    }

    [Fact]
    public async Task StatusList_ProviderDownPastTheGracePeriod_Fails()
    {
        var resolver = StatusResolver(TimeSpan.FromMinutes(15));
        _handler.Body = await PublishAsync(revoked: 3, ttl: TimeSpan.FromMinutes(5), lifetime: TimeSpan.FromDays(1));
        await resolver.GetTokenAsync(new StatusReference(ListUri, 3));
        _handler.Status = HttpStatusCode.ServiceUnavailable;

        _clock.Advance(TimeSpan.FromMinutes(19));
        Assert.True((await resolver.GetTokenAsync(new StatusReference(ListUri, 3))).IsValid);

        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpErrors.ErrorStatus, (await resolver.GetTokenAsync(new StatusReference(ListUri, 3))).Error?.Code);
    }

    [Fact]
    public async Task StatusList_ProviderDownPastExp_FailsThoughWithinTheGracePeriod()
    {
        // draft-ietf-oauth-status-list sections 5.1 and 12.8: an expired Status List Token is never used.
        var resolver = StatusResolver(TimeSpan.FromHours(1));
        _handler.Body = await PublishAsync(revoked: 3, ttl: TimeSpan.FromMinutes(5), lifetime: TimeSpan.FromMinutes(8));
        await resolver.GetTokenAsync(new StatusReference(ListUri, 3));
        _handler.Status = HttpStatusCode.ServiceUnavailable;

        _clock.Advance(TimeSpan.FromMinutes(7));
        Assert.True((await resolver.GetTokenAsync(new StatusReference(ListUri, 3))).IsValid);

        _clock.Advance(TimeSpan.FromMinutes(2));
        var result = await resolver.GetTokenAsync(new StatusReference(ListUri, 3));

        Assert.False(result.IsValid);
        Assert.Equal(HttpErrors.ErrorStatus, result.Error?.Code);
    }

    [Fact]
    public async Task StatusList_ZeroGracePeriod_NeverServesAStaleToken()
    {
        var resolver = StatusResolver(TimeSpan.Zero);
        _handler.Body = await PublishAsync(revoked: 3, ttl: TimeSpan.FromMinutes(5), lifetime: TimeSpan.FromDays(1));
        await resolver.GetTokenAsync(new StatusReference(ListUri, 3));

        _clock.Advance(TimeSpan.FromMinutes(6));
        _handler.Status = HttpStatusCode.ServiceUnavailable;

        Assert.Equal(HttpErrors.ErrorStatus, (await resolver.GetTokenAsync(new StatusReference(ListUri, 3))).Error?.Code);
    }

    [Fact]
    public async Task StatusList_ProviderBackAfterOutage_FreshTokenReplacesTheStaleOne()
    {
        var resolver = StatusResolver();
        _handler.Body = await PublishAsync(revoked: 3, ttl: TimeSpan.FromMinutes(5), lifetime: TimeSpan.FromDays(1));
        await resolver.GetTokenAsync(new StatusReference(ListUri, 3));
        _clock.Advance(TimeSpan.FromMinutes(6));
        _handler.Status = HttpStatusCode.ServiceUnavailable;
        await resolver.GetTokenAsync(new StatusReference(ListUri, 3));

        _handler.Status = HttpStatusCode.OK;
        _handler.Body = await PublishAsync(revoked: 4, ttl: TimeSpan.FromMinutes(5), lifetime: TimeSpan.FromDays(1));
        var entry = await resolver.GetTokenEntryAsync(new StatusReference(ListUri, 4));

        Assert.False(entry.Value.IsStaleAt(_clock.GetUtcNow()));
        Assert.Equal(StatusValue.Invalid, entry.Value.Value.StatusList.GetStatus(4).Value);
    }

    [Fact]
    public async Task IssuerMetadata_IssuerUnavailableAfterCacheDuration_ServesLastKeysMarkedStale()
    {
        var resolver = MetadataResolver(TimeSpan.FromHours(1));
        _handler.Body = "{\"issuer\":\"https://issuer.example\",\"jwks\":{\"keys\":[" + _key.PublicJwk.ToJson() + "]}}";
        Assert.True((await resolver.ResolveAsync(Request("key-1"))).IsValid);

        _clock.Advance(TimeSpan.FromMinutes(11));
        _handler.Unreachable = true;
        var keys = await resolver.GetKeysAsync("https://issuer.example");
        var key = await resolver.ResolveAsync(Request("key-1"));

        Assert.True(keys.Value.IsStaleAt(_clock.GetUtcNow()));
        Assert.True(key.IsValid, key.Error?.ToString());
        Assert.Equal(3, _handler.Requests);

        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpErrors.Failed, (await resolver.ResolveAsync(Request("key-1"))).Error?.Code);
    }

    [Fact]
    public async Task IssuerMetadata_MetadataNowNamesAnotherIssuer_FailsAtOnce()
    {
        var resolver = MetadataResolver(TimeSpan.FromHours(1));
        _handler.Body = "{\"issuer\":\"https://issuer.example\",\"jwks\":{\"keys\":[" + _key.PublicJwk.ToJson() + "]}}";
        await resolver.ResolveAsync(Request("key-1"));

        _clock.Advance(TimeSpan.FromMinutes(11));
        _handler.Body = "{\"issuer\":\"https://other.example\",\"jwks\":{\"keys\":[" + _key.PublicJwk.ToJson() + "]}}";

        Assert.Equal(JwtVcIssuerMetadataResolver.MetadataIssuerMismatch, (await resolver.ResolveAsync(Request("key-1"))).Error?.Code);
    }

    [Fact]
    public async Task Did_SourceUnavailableAfterCacheDuration_ServesLastDocumentMarkedStale()
    {
        var method = new ScriptedDidMethod(Document());
        var resolver = new DidResolver([method], new DidResolverOptions { TimeProvider = _clock, CacheDuration = TimeSpan.FromMinutes(5), LastKnownGoodPeriod = TimeSpan.FromHours(1) });
        var did = Did.Parse("did:test:issuer");
        await resolver.ResolveAsync(did);

        _clock.Advance(TimeSpan.FromMinutes(6));
        method.Next = new VerificationError(HttpErrors.Timeout, "down");
        var entry = await resolver.ResolveEntryAsync(did);

        Assert.True(entry.IsValid);
        Assert.True(entry.Value.IsStaleAt(_clock.GetUtcNow()));
        Assert.Equal(2, method.Calls);

        method.Next = new VerificationError(DidErrors.InvalidDocument, "bad");
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(DidErrors.InvalidDocument, (await resolver.ResolveAsync(did)).Error?.Code);
    }

    private HttpStatusListResolver StatusResolver(TimeSpan? lastKnownGood = null)
        => new(_handler.Client(), new StatusListTokenVerifier(new StaticIssuerKeyResolver(_key.PublicJwk), new StatusListTokenVerifierOptions { TimeProvider = _clock }),
            new HttpStatusListResolverOptions { TimeProvider = _clock, LastKnownGoodPeriod = lastKnownGood ?? TimeSpan.FromMinutes(15) });

    private JwtVcIssuerMetadataResolver MetadataResolver(TimeSpan lastKnownGood)
        => new(_handler.Client(), new JwtVcIssuerMetadataResolverOptions { TimeProvider = _clock, CacheDuration = TimeSpan.FromMinutes(10), LastKnownGoodPeriod = lastKnownGood });

    private async Task<string> PublishAsync(long revoked, TimeSpan ttl, TimeSpan lifetime)
    {
        var issuer = new StatusListTokenIssuer(_key, new StatusListTokenIssuerOptions { TimeProvider = _clock, Lifetime = lifetime, TimeToLive = ttl });
        return await issuer.IssueAsync(ListUri, new StatusListBuilder(1, 16).Set(revoked, StatusValue.Invalid));
    }

    private IssuerKeyRequest Request(string kid)
    {
        using var signer = SigningKey.Create(JwsAlgorithm.Es256, kid);
        return new IssuerKeyRequest("https://issuer.example", Jws.ReadCompact(JwsWriter.SignCompact(signer, "{}"u8)).Value);
    }

    private DidDocument Document()
        => DidDocument.Read("{\"id\":\"did:test:issuer\",\"verificationMethod\":[{\"id\":\"#key-1\",\"type\":\"JsonWebKey\",\"controller\":\"did:test:issuer\",\"publicKeyJwk\":"
            + _key.PublicJwk.ToJson() + "}],\"assertionMethod\":[\"#key-1\"]}").Value;
}

/// <summary>A DID method whose next answer the test sets, counting its calls.</summary>
internal sealed class ScriptedDidMethod(DidDocument document) : IDidMethodResolver
{
    private int _calls;

    public string Method => "test";

    public VerificationResult<DidDocument> Next { get; set; } = document;

    public int Calls => Volatile.Read(ref _calls);

    public ValueTask<VerificationResult<DidDocument>> ResolveAsync(Did did, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        return ValueTask.FromResult(Next);
    }
}
