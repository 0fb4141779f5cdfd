using System;
using System.Linq;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Testing;
using Credentials.Trust;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Tests.Http;

/// <summary>
/// Key rotation: a token naming a kid the kept key set lacks makes the resolver refetch the issuer's keys, at most once
/// per interval per issuer, so tokens with made-up kids cannot make it fetch once per token.
/// </summary>
public sealed class KeyRotationTests : IDisposable
{
    private const string Issuer = "https://issuer.example";
    private static readonly DateTimeOffset s_start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = TestClock.At(s_start);
    private readonly SigningKey _old = SigningKey.Create(JwsAlgorithm.Es256, "key-1");
    private readonly SigningKey _new = SigningKey.Create(JwsAlgorithm.Es256, "key-2");
    private readonly ResolverTestHandler _handler = new();

    public void Dispose()
    {
        _handler.Dispose();
        _old.Dispose();
        _new.Dispose();
    }

    [Fact]
    public async Task IssuerMetadata_TokenNamesARotatedInKey_RefetchesOnceAndFindsIt()
    {
        var resolver = MetadataResolver();
        Publish(_old);
        Assert.True((await resolver.ResolveAsync(Request("key-1"))).IsValid);

        Publish(_old, _new);
        _clock.Advance(TimeSpan.FromSeconds(31));
        var result = await resolver.ResolveAsync(Request("key-2"));

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(_new.PublicJwk.ComputeThumbprint(), result.Value.Jwk.ComputeThumbprint());
        Assert.Equal(2, _handler.Requests);
        Assert.True((await resolver.ResolveAsync(Request("key-2"))).IsValid);
        Assert.Equal(2, _handler.Requests);
    }

    [Fact]
    public async Task IssuerMetadata_UnknownKidRightAfterTheFetch_DoesNotRefetch()
    {
        var resolver = MetadataResolver();
        Publish(_old);
        await resolver.ResolveAsync(Request("key-1"));

        _clock.Advance(TimeSpan.FromSeconds(10));
        var result = await resolver.ResolveAsync(Request("key-2"));

        Assert.Equal(TrustErrors.KeyNotFound, result.Error?.Code);
        Assert.Equal(1, _handler.Requests);
    }

    [Fact]
    public async Task IssuerMetadata_FloodOfMadeUpKids_AtMostOneFetchPerInterval()
    {
        var resolver = MetadataResolver();
        Publish(_old);
        await resolver.ResolveAsync(Request("key-1"));
        _clock.Advance(TimeSpan.FromSeconds(31));

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => resolver.ResolveAsync(Request("made-up-" + i)).AsTask()));
        Assert.All(results, r => Assert.Equal(TrustErrors.KeyNotFound, r.Error?.Code));
        Assert.Equal(2, _handler.Requests);

        _clock.Advance(TimeSpan.FromSeconds(20));
        await resolver.ResolveAsync(Request("made-up-again"));
        Assert.Equal(2, _handler.Requests);

        _clock.Advance(TimeSpan.FromSeconds(11));
        await resolver.ResolveAsync(Request("made-up-later"));
        Assert.Equal(3, _handler.Requests);
    }

    [Fact]
    public async Task IssuerMetadata_RefetchIntervalOption_IsHonoured()
    {
        var resolver = MetadataResolver(TimeSpan.FromMinutes(5));
        Publish(_old);
        await resolver.ResolveAsync(Request("key-1"));
        Publish(_old, _new);

        _clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(TrustErrors.KeyNotFound, (await resolver.ResolveAsync(Request("key-2"))).Error?.Code);
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await resolver.ResolveAsync(Request("key-2"))).IsValid);
        Assert.Equal(2, _handler.Requests);
    }

    [Fact]
    public async Task Did_KidOfAMethodAddedSince_ResolvesTheDidOnceMore()
    {
        var method = new ScriptedDidMethod(Document(_old));
        var resolver = new DidResolver([method], new DidResolverOptions { TimeProvider = _clock });
        Assert.True((await resolver.ResolveAssertionMethodAsync("did:test:issuer", "did:test:issuer#key-1")).IsValid);

        method.Next = Document(_old, _new);
        _clock.Advance(TimeSpan.FromSeconds(31));
        var result = await resolver.ResolveAssertionMethodAsync("did:test:issuer", "did:test:issuer#key-2");

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(2, method.Calls);
    }

    [Fact]
    public async Task Did_FloodOfMadeUpKids_AtMostOneResolutionPerInterval()
    {
        var method = new ScriptedDidMethod(Document(_old));
        var resolver = new DidResolver([method], new DidResolverOptions { TimeProvider = _clock });
        await resolver.ResolveAssertionMethodAsync("did:test:issuer", "#key-1");
        _clock.Advance(TimeSpan.FromSeconds(31));

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(DidErrors.KeyNotFound, (await resolver.ResolveAssertionMethodAsync("did:test:issuer", "#made-up-" + i)).Error?.Code);
        }

        Assert.Equal(2, method.Calls);
        _clock.Advance(TimeSpan.FromSeconds(31));
        await resolver.ResolveAssertionMethodAsync("did:test:issuer", "#made-up-later");
        Assert.Equal(3, method.Calls);
    }

    private JwtVcIssuerMetadataResolver MetadataResolver(TimeSpan? interval = null)
        => new(_handler.Client(), new JwtVcIssuerMetadataResolverOptions { TimeProvider = _clock, KeyRefetchInterval = interval ?? TimeSpan.FromSeconds(30) });

    private void Publish(params SigningKey[] keys)
        => _handler.Body = "{\"issuer\":\"" + Issuer + "\",\"jwks\":{\"keys\":[" + string.Join(",", keys.Select(k => k.PublicJwk.ToJson())) + "]}}";

    private static IssuerKeyRequest Request(string kid)
    {
        using var signer = SigningKey.Create(JwsAlgorithm.Es256, kid);
        return new IssuerKeyRequest(Issuer, Jws.ReadCompact(JwsWriter.SignCompact(signer, "{}"u8)).Value);
    }

    private static DidDocument Document(params SigningKey[] keys)
    {
        var methods = string.Join(",", keys.Select(k => "{\"id\":\"#" + k.PublicJwk.Kid + "\",\"type\":\"JsonWebKey\",\"controller\":\"did:test:issuer\",\"publicKeyJwk\":" + k.PublicJwk.ToJson() + "}"));
        var refs = string.Join(",", keys.Select(k => "\"#" + k.PublicJwk.Kid + "\""));
        return DidDocument.Read("{\"id\":\"did:test:issuer\",\"verificationMethod\":[" + methods + "],\"assertionMethod\":[" + refs + "]}").Value;
    }
}
