using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Http;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.Trust;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Tests.Dids;

public class DidResolverTests
{
    /// <summary>A did:web stand-in that serves fixed documents and counts calls.</summary>
    private sealed class StubWebResolver(Func<Did, VerificationResult<DidDocument>> resolve) : IDidMethodResolver
    {
        public int Calls;

        public string Method => DidMethodNames.Web;

        public ValueTask<VerificationResult<DidDocument>> ResolveAsync(Did did, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Calls);
            return ValueTask.FromResult(resolve(did));
        }
    }

    private static readonly Did Web = Did.Parse("did:web:issuer.example");

    private static StubWebResolver Serving(DidDocument document) => new(did => did == Web ? document : new VerificationError(HttpErrors.NotFound, "none"));

    [Fact]
    public async Task ResolveAsync_UnknownMethod_FailsWithMethodNotSupported()
    {
        var result = await DidResolver.CreateDefault().ResolveAsync("did:example:123");

        Assert.Equal(DidErrors.MethodNotSupported, result.Error!.Code);
        Assert.Equal(DidErrors.MethodNotSupported, (await DidResolver.CreateDefault().ResolveAsync("did:web:example.com")).Error!.Code);
    }

    [Fact]
    public async Task ResolveAsync_NotADid_FailsWithInvalidDid()
    {
        Assert.Equal(DidErrors.InvalidDid, (await DidResolver.CreateDefault().ResolveAsync("https://example.com")).Error!.Code);
    }

    [Fact]
    public async Task ResolveAsync_WithinCacheDuration_ResolvesOnceThenAgainAfterExpiry()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        var stub = Serving(DidWeb.CreateDocument(Web, [key.PublicJwk]));
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var resolver = new DidResolver([stub], new DidResolverOptions { TimeProvider = clock, CacheDuration = TimeSpan.FromMinutes(5) });

        await resolver.ResolveAsync(Web);
        clock.Advance(TimeSpan.FromMinutes(4));
        await resolver.ResolveAsync(Web);
        Assert.Equal(1, stub.Calls);

        clock.Advance(TimeSpan.FromMinutes(2));
        await resolver.ResolveAsync(Web);
        Assert.Equal(2, stub.Calls);
    }

    [Fact]
    public async Task ResolveAsync_Failure_NotCached()
    {
        var stub = new StubWebResolver(_ => new VerificationError(HttpErrors.Failed, "down"));
        var resolver = new DidResolver([stub]);

        await resolver.ResolveAsync(Web);
        await resolver.ResolveAsync(Web);

        Assert.Equal(2, stub.Calls);
    }

    [Fact]
    public async Task ResolveAsync_MoreDidsThanCacheSize_CacheStaysBounded()
    {
        var resolver = new DidResolver([DidKeyResolver.Instance], new DidResolverOptions { MaxCacheEntries = 3 });

        for (var i = 0; i < 10; i++)
        {
            using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
            Assert.True((await resolver.ResolveAsync(DidKey.Create(key))).IsValid);
        }

        Assert.Equal(3, resolver.CacheCount);
    }

    [Fact]
    public void Constructor_NegativeCacheDuration_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DidResolver([], new DidResolverOptions { CacheDuration = TimeSpan.FromSeconds(-1) }));
    }

    [Theory]
    [InlineData("EdDSA")]
    [InlineData("ES256")]
    [InlineData("ES384")]
    [InlineData("ES256K")]
    public async Task ResolveAssertionKeyAsync_DidKeyKidOrIssuerOnly_ReturnsKey(string algorithm)
    {
        Assert.True(JwsAlgorithm.TryGet(algorithm, out var alg));
        using var key = SigningKey.Create(alg);
        var did = DidKey.Create(key);
        var resolver = DidResolver.CreateDefault();

        var byKid = await resolver.ResolveAssertionKeyAsync(did.Value, DidKey.GetKeyId(did).Value);
        var byIssuer = await resolver.ResolveAssertionKeyAsync(did.Value, null);
        var byKidOnly = await resolver.ResolveAssertionKeyAsync(null, DidKey.GetKeyId(did).Value);
        var byRelativeKid = await resolver.ResolveAssertionKeyAsync(did.Value, "#" + did.MethodSpecificId);

        Assert.Equal(key.PublicJwk with { Kid = null }, byKid.Value);
        Assert.Equal(byKid.Value, byIssuer.Value);
        Assert.Equal(byKid.Value, byKidOnly.Value);
        Assert.Equal(byKid.Value, byRelativeKid.Value);
    }

    [Fact]
    public async Task ResolveAssertionKeyAsync_KeyAgreementKid_FailsWithKeyNotAuthorized()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var did = DidKey.Create(key);
        var x25519Id = Assert.Single(DidKey.Resolve(did).Value.KeyAgreement).Id;

        var result = await DidResolver.CreateDefault().ResolveAssertionKeyAsync(did.Value, x25519Id);

        Assert.Equal(DidErrors.KeyNotAuthorized, result.Error!.Code);
        Assert.Equal(VerificationFailureKind.UntrustedIssuer, result.Error.Kind);
    }

    [Fact]
    public async Task ResolveAssertionKeyAsync_X25519DidJwkWithoutUse_FailsWithKeyNotAuthorized()
    {
        using var key = KeyAgreementKey.Create();
        var did = DidJwk.Create(key.PublicJwk);

        var result = await DidResolver.CreateDefault().ResolveAssertionKeyAsync(did.Value, null);

        Assert.Equal(DidErrors.KeyNotAuthorized, result.Error!.Code);
    }

    [Fact]
    public async Task ResolveAssertionKeyAsync_KidOfAnotherDid_FailsWithIssuerMismatch()
    {
        using var issuer = SigningKey.Create(JwsAlgorithm.EdDsa);
        using var attacker = SigningKey.Create(JwsAlgorithm.EdDsa);
        var attackerDid = DidKey.Create(attacker);

        var result = await DidResolver.CreateDefault().ResolveAssertionKeyAsync(DidKey.Create(issuer).Value, DidKey.GetKeyId(attackerDid).Value);

        Assert.Equal(DidErrors.IssuerMismatch, result.Error!.Code);
    }

    [Fact]
    public async Task ResolveAssertionKeyAsync_TwoAssertionKeysNoKid_FailsWithAmbiguousKey()
    {
        using var a = SigningKey.Create(JwsAlgorithm.EdDsa);
        using var b = SigningKey.Create(JwsAlgorithm.Es256);
        var resolver = new DidResolver([Serving(DidWeb.CreateDocument(Web, [a.PublicJwk, b.PublicJwk]))]);

        var ambiguous = await resolver.ResolveAssertionKeyAsync(Web.Value, null);
        var second = await resolver.ResolveAssertionKeyAsync(Web.Value, "did:web:issuer.example#key-2");
        var missing = await resolver.ResolveAssertionKeyAsync(Web.Value, "#key-3");

        Assert.Equal(DidErrors.AmbiguousKey, ambiguous.Error!.Code);
        Assert.Equal(JwkCurves.P256, second.Value.Crv);
        Assert.Equal(DidErrors.KeyNotFound, missing.Error!.Code);
    }

    [Theory]
    [InlineData("https://issuer.example", null, "did.invalid_did")]
    [InlineData(null, null, "did.invalid_did")]
    [InlineData("did:web:issuer.example", "key 1", "did.invalid_did_url")]
    [InlineData(null, "#key-1", "did.invalid_did_url")]
    [InlineData("did:example:1", null, "did.method_not_supported")]
    [InlineData("did:web:other.example", null, "http.not_found")]
    public async Task ResolveAssertionKeyAsync_BadInput_FailsWithTypedError(string? issuer, string? kid, string code)
    {
        using var a = SigningKey.Create(JwsAlgorithm.EdDsa);
        var resolver = new DidResolver([Serving(DidWeb.CreateDocument(Web, [a.PublicJwk])), DidKeyResolver.Instance]);

        var result = await resolver.ResolveAssertionKeyAsync(issuer, kid);

        Assert.Equal(code, result.Error!.Code.Value);
    }

    [Fact]
    public async Task DereferenceAsync_InvalidKeyInDocument_FailsWithInvalidPublicKey()
    {
        var document = new DidDocument
        {
            Id = Web.Value,
            VerificationMethod = [new VerificationMethod { Id = "#k", Type = VerificationMethodTypes.Multikey, Controller = Web.Value, PublicKeyMultibase = "z" + SimpleBase.Base58.Bitcoin.Encode(new byte[] { 0xed, 0x01, 1, 2, 3 }) }],
            AssertionMethod = [VerificationMethodReference.To("#k")],
        };
        var resolver = new DidResolver([Serving(document)]);

        var result = await resolver.DereferenceAsync(DidUrl.Parse(Web.Value + "#k"), VerificationRelationship.AssertionMethod);

        Assert.Equal(DidErrors.InvalidPublicKey, result.Error!.Code);
    }

    [Theory]
    [InlineData("EdDSA", "key")]
    [InlineData("ES256", "key")]
    [InlineData("ES384", "jwk")]
    [InlineData("ES256K", "jwk")]
    public async Task DidIssuerKeyResolver_JwsSignedWithDidKid_VerifiesWithResolvedKey(string algorithm, string method)
    {
        Assert.True(JwsAlgorithm.TryGet(algorithm, out var alg));
        using var generated = SigningKey.Create(alg);
        var did = method == "key" ? DidKey.Create(generated) : DidJwk.Create(generated);
        var kid = method == "key" ? DidKey.GetKeyId(did) : DidJwk.GetKeyId(did);
        using var signer = SigningKey.FromJwk(generated.ExportPrivateJwk() with { Kid = kid.Value });
        var jws = Jws.ReadCompact(JwsWriter.SignCompact(signer, Encoding.UTF8.GetBytes("{\"iss\":\"" + did.Value + "\"}"))).Value;
        var resolver = new DidIssuerKeyResolver(DidResolver.CreateDefault());

        var key = await resolver.ResolveAsync(new IssuerKeyRequest(did.Value, jws));
        var again = await resolver.ResolveAsync(new IssuerKeyRequest(did.Value, jws));

        Assert.True(key.IsValid, key.Error?.ToString());
        Assert.Null(jws.VerifySignature(key.Value, [alg]));
        Assert.Same(key.Value, again.Value);
    }

    [Fact]
    public async Task DidIssuerKeyResolver_KidNotUnderAssertionMethod_FailsWithKeyNotAuthorized()
    {
        using var generated = SigningKey.Create(JwsAlgorithm.EdDsa);
        var did = DidKey.Create(generated);
        var x25519Id = Assert.Single(DidKey.Resolve(did).Value.KeyAgreement).Id;
        using var signer = SigningKey.FromJwk(generated.ExportPrivateJwk() with { Kid = x25519Id });
        var jws = Jws.ReadCompact(JwsWriter.SignCompact(signer, "{}"u8)).Value;

        var key = await new DidIssuerKeyResolver(DidResolver.CreateDefault()).ResolveAsync(new IssuerKeyRequest(did.Value, jws));

        Assert.Equal(DidErrors.KeyNotAuthorized, key.Error!.Code);
    }
}
