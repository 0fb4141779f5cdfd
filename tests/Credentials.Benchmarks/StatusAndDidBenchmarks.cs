using System;
using System.IO.Compression;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Http;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Status;
using Credentials.Trust;

namespace Credentials.Benchmarks;

/// <summary>
/// Token Status List (draft-ietf-oauth-status-list): a status check against a cached, verified list of 1,000,000
/// entries, a raw lookup in it, and building and compressing such a list. The floor is one Ed25519 verification.
/// </summary>
[MemoryDiagnoser]
public class StatusListBenchmarks
{
    private const int Entries = 1_000_000;
    private const string Uri = "https://issuer.example.jp/status/1";
    private readonly byte[] _message = new byte[600];
    private SigningKey _key = null!;
    private VerificationKey _publicKey = null!;
    private byte[] _signature = null!;
    private StatusList _list = null!;
    private OfflineStatusListResolver _resolver = null!;
    private StatusReference _reference = null!;
    private long _index;
    private HttpStatusListResolver _httpResolver = null!;
    private StatusReference _httpReference = null!;
    private SdJwtVcVerifier _verifier = null!;
    private string _credential = null!;
    private static readonly SdJwtVcPolicy s_withStatus = new() { KeyBinding = KeyBindingRequirement.Forbidden, Status = StatusCheck.Required, TypeMetadata = TypeMetadataCheck.Skip };
    private static readonly SdJwtVcPolicy s_withoutStatus = s_withStatus with { Status = StatusCheck.Skip };

    /// <summary>A list with 1% of its entries revoked at random places, signed into a token and verified once into the resolver's cache.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        _key = SigningKey.Create(JwsAlgorithm.EdDsa);
        _publicKey = _key.GetVerificationKey();
        Random.Shared.NextBytes(_message);
        _signature = _key.Sign(_message);
        var builder = Build();
        _list = builder.ToStatusList();
        var token = await new StatusListTokenIssuer(_key).IssueAsync(Uri, builder);
        _resolver = new OfflineStatusListResolver(new StatusListTokenVerifier(new StaticIssuerKeyResolver(_key.PublicJwk)));
        _resolver.Add(Uri, token);
        _index = 123_457;
        while (_list.Get(_index) != StatusValue.Valid)
        {
            _index++;
        }

        _reference = new StatusReference(Uri, _index);
        var first = await _resolver.GetStatusAsync(_reference);
        if (!first.IsValid || first.Value != StatusValue.Valid)
        {
            throw new InvalidOperationException("The benchmark status check must succeed.");
        }

        // The HTTP resolver, fetching once from an in-memory handler and answering from its cache afterwards.
        const string HttpUri = "http://127.0.0.1/status/1";
        var httpToken = await new StatusListTokenIssuer(_key).IssueAsync(HttpUri, builder);
        var options = new HttpStatusListResolverOptions { Http = new() { RequireHttps = false, AddressPolicy = HttpAddressPolicy.AllowAll } };
        _httpResolver = new HttpStatusListResolver(new HttpClient(new TokenHandler(httpToken)), new StatusListTokenVerifier(new StaticIssuerKeyResolver(_key.PublicJwk)), options);
        _httpReference = new StatusReference(HttpUri, _index);
        var fetched = await _httpResolver.GetStatusAsync(_httpReference);
        if (!fetched.IsValid || fetched.Value != StatusValue.Valid)
        {
            throw new InvalidOperationException($"The benchmark HTTP status check must succeed: {fetched.Error?.Code}.");
        }

        // A credential whose status entry is in the cached list, verified with and without its status check.
        var issuer = new SdJwtVcIssuer(_key, options: new SdJwtVcIssuerOptions { Issuer = "https://issuer.example.jp", DefaultValidity = TimeSpan.FromDays(365) });
        _credential = (await issuer.IssueAsync(new SdJwtVcIssuance
        {
            Vct = "https://credentials.example.jp/vct/age/v1",
            Status = _reference,
            Claims = SdJwtPayload.Create().Disclosable("age_over_20", true),
        })).Serialize();
        var trust = new TrustList([new TrustedIssuer { Issuer = "https://issuer.example.jp", Keys = [_key.PublicJwk], CredentialTypes = ["*"] }]);
        _verifier = new SdJwtVcVerifier(trust, _resolver, options: new SdJwtVcVerifierOptions());
        var verified = await _verifier.VerifyAsync(_credential, s_withStatus);
        if (!verified.IsValid)
        {
            throw new InvalidOperationException($"The benchmark credential must verify: {verified.Error!.Code}.");
        }
    }

    /// <summary>The floor: one raw Ed25519 verification.</summary>
    [Benchmark(Baseline = true, Description = "floor: 1 verification")]
    public bool Floor() => _publicKey.Verify(JwsAlgorithm.EdDsa, _message, _signature);

    /// <summary>A credential's status through the resolver, against the cached verified list.</summary>
    [Benchmark(Description = "status check, cached 1,000,000-entry list")]
    public ValueTask<VerificationResult<StatusValue>> CheckCached() => _resolver.GetStatusAsync(_reference);

    /// <summary>A credential's status through the HTTP resolver, whose cache holds the verified list (within its <c>ttl</c>).</summary>
    [Benchmark(Description = "status check, HTTP resolver, cached list")]
    public ValueTask<VerificationResult<StatusValue>> CheckHttpCached() => _httpResolver.GetStatusAsync(_httpReference);

    /// <summary>An SD-JWT VC verified (one Ed25519 verification) without its status check: the reference for the next.</summary>
    [Benchmark(Description = "verify SD-JWT VC, status skipped")]
    public ValueTask<SdJwtVcVerificationResult> VerifyWithoutStatus() => _verifier.VerifyAsync(_credential, s_withoutStatus);

    /// <summary>The same SD-JWT VC verified with its status checked against the cached list.</summary>
    [Benchmark(Description = "verify SD-JWT VC + status, cached list")]
    public ValueTask<SdJwtVcVerificationResult> VerifyWithStatus() => _verifier.VerifyAsync(_credential, s_withStatus);

    /// <summary>A raw lookup in the decoded list.</summary>
    [Benchmark(Description = "lookup in decoded list")]
    public StatusValue Lookup() => _list.Get(_index);

    /// <summary>Builds a 1,000,000-entry 1-bit list and compresses it (zlib, smallest size) into its <c>lst</c> form.</summary>
    [Benchmark(Description = "build + compress 1,000,000 x 1 bit")]
    public string BuildAndCompress() => Build().Encode(CompressionLevel.SmallestSize);

    /// <summary>Decodes a compressed 1,000,000-entry list (what a verifier does once per fetch).</summary>
    [Benchmark(Description = "decode 1,000,000 x 1 bit")]
    public VerificationResult<StatusList> Decode() => StatusList.Decode(_encoded ??= _list.Encode(), 1);

    private string? _encoded;

    /// <summary>Releases the key.</summary>
    [GlobalCleanup]
    public void Cleanup() => _key.Dispose();

    private static StatusListBuilder Build()
    {
        // Random places (fixed seed) compress worse than a regular pattern: the realistic case for an issuer.
        var random = new Random(20261123);
        var builder = new StatusListBuilder(1, Entries);
        for (var i = 0; i < Entries / 100; i++)
        {
            builder.Set(random.NextInt64(Entries), StatusValue.Invalid);
        }

        return builder;
    }

    /// <summary>Answers every request with the Status List Token, as an issuer's status endpoint would.</summary>
    private sealed class TokenHandler(string token) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new StringContent(token, Encoding.UTF8);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(StatusListTokenIssuer.MediaType);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }
}

/// <summary>Resolving did:key and did:jwk (no network, no cache) for Ed25519 and P-256 keys, next to one Ed25519 verification.</summary>
[MemoryDiagnoser]
public class DidBenchmarks
{
    private readonly byte[] _message = new byte[600];
    private SigningKey _key = null!;
    private VerificationKey _publicKey = null!;
    private byte[] _signature = null!;
    private string _didKeyEd25519 = null!;
    private string _didKeyP256 = null!;
    private string _didJwkEd25519 = null!;
    private string _didJwkP256 = null!;
    private DidResolver _resolver = null!;

    /// <summary>Creates the DIDs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _key = SigningKey.Create(JwsAlgorithm.EdDsa);
        _publicKey = _key.GetVerificationKey();
        Random.Shared.NextBytes(_message);
        _signature = _key.Sign(_message);
        using var p256 = SigningKey.Create(JwsAlgorithm.Es256);
        _didKeyEd25519 = DidKey.Create(_key).ToString();
        _didKeyP256 = DidKey.Create(p256).ToString();
        _didJwkEd25519 = DidJwk.Create(_key).ToString();
        _didJwkP256 = DidJwk.Create(p256).ToString();
        _resolver = DidResolver.CreateDefault();
        foreach (var did in new[] { _didKeyEd25519, _didKeyP256, _didJwkEd25519, _didJwkP256 })
        {
            if (!Resolve(did).IsValid)
            {
                throw new InvalidOperationException($"The benchmark DID must resolve: {did}.");
            }
        }
    }

    /// <summary>The floor: one raw Ed25519 verification.</summary>
    [Benchmark(Baseline = true, Description = "floor: 1 verification")]
    public bool Floor() => _publicKey.Verify(JwsAlgorithm.EdDsa, _message, _signature);

    /// <summary>Parses and resolves a did:key for an Ed25519 key (with its derived X25519 key).</summary>
    [Benchmark(Description = "resolve did:key Ed25519")]
    public VerificationResult<DidDocument> DidKeyEd25519() => Resolve(_didKeyEd25519);

    /// <summary>The same through the default resolver, whose cache answers (what a verifier sees for a known issuer).</summary>
    [Benchmark(Description = "resolve did:key Ed25519, cached resolver")]
    public ValueTask<VerificationResult<DidDocument>> DidKeyEd25519Cached() => _resolver.ResolveAsync(_didKeyEd25519);

    /// <summary>Parses and resolves a did:key for a P-256 key (a compressed point to decompress).</summary>
    [Benchmark(Description = "resolve did:key P-256")]
    public VerificationResult<DidDocument> DidKeyP256() => Resolve(_didKeyP256);

    /// <summary>Parses and resolves a did:jwk for an Ed25519 key.</summary>
    [Benchmark(Description = "resolve did:jwk Ed25519")]
    public VerificationResult<DidDocument> DidJwkEd25519() => Resolve(_didJwkEd25519);

    /// <summary>Parses and resolves a did:jwk for a P-256 key.</summary>
    [Benchmark(Description = "resolve did:jwk P-256")]
    public VerificationResult<DidDocument> DidJwkP256() => Resolve(_didJwkP256);

    /// <summary>Releases the key.</summary>
    [GlobalCleanup]
    public void Cleanup() => _key.Dispose();

    private static VerificationResult<DidDocument> Resolve(string text)
    {
        var did = Did.Parse(text);
        return did.Method == DidMethodNames.Key ? DidKey.Resolve(did) : DidJwk.Resolve(did);
    }
}
