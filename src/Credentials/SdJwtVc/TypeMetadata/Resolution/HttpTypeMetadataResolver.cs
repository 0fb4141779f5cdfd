using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Http;

namespace Credentials.SdJwtVc.TypeMetadata.Resolution;

/// <summary>
/// Retrieves Type Metadata with an HTTP <c>GET</c> of the URL in the <c>vct</c> (and in each <c>extends</c>)
/// (draft-ietf-oauth-sd-jwt-vc sections 3, 5.3.1 and 7.1), through an injected <see cref="HttpClient"/>, with a bounded
/// cache. Thread-safe; share one instance.
/// </summary>
/// <remarks>
/// <para>
/// Guards: those of <see cref="HttpFetcher"/> (HTTPS only by default; the address policy, no loopback, private or
/// link-local hosts by default; redirects only within the origin and at most a few; a response size cap, default
/// 256 KiB, enforced while reading; a timeout; error responses never used as documents). Give it a client from
/// <see cref="GuardedHttpHandler.CreateClient"/>. A failed fetch is its <see cref="HttpErrors"/> code with the kind
/// <see cref="VerificationFailureKind.ResolutionFailed"/>, never an exception.
/// </para>
/// <para>
/// Caching: documents are kept in <see cref="HttpTypeMetadataResolverOptions.Cache"/> (by default in process,
/// bounded) for <see cref="HttpTypeMetadataResolverOptions.CacheDuration"/>, one fetch per URL however many
/// verifications wait for it. A kept document that fails a credential's <c>vct#integrity</c> is fetched afresh, at most
/// once per <see cref="HttpTypeMetadataResolverOptions.RefetchInterval"/> per URL (the fetch that made it counts), so
/// credentials with made-up integrity values cannot make the resolver fetch once per credential. A cache duration of
/// zero turns caching off: every call fetches (concurrent calls for one URL share the fetch),
/// <see cref="HttpTypeMetadataResolverOptions.Cache"/> is not used and no last-known-good document is ever served.
/// </para>
/// <para>
/// Last-known-good: when the refetch after the cache duration fails because the server is unavailable (a network
/// failure, a timeout, HTTP 5xx, 408 or 429), the last document is used for at most
/// <see cref="HttpTypeMetadataResolverOptions.LastKnownGoodPeriod"/> (default one day) more; its integrity is still
/// checked against each credential's <c>vct#integrity</c>. A 404 or a refused fetch fails at once.
/// </para>
/// </remarks>
public sealed class HttpTypeMetadataResolver : ITypeMetadataResolver, ITypeMetadataDocumentSource, IRefreshableDocumentSource
{
    private readonly HttpFetcher _fetcher;
    private readonly HttpTypeMetadataResolverOptions _httpOptions;
    private readonly TypeMetadataResolverOptions _options;
    private readonly ITypeMetadataDocumentSource[] _self;
    private readonly IResolverCache _cache;
    private readonly RefetchLimiter _refetches;
    private readonly string _partition = ResolverCaching.NewPartition("type-metadata");

    /// <summary>Creates a resolver.</summary>
    /// <param name="httpClient">The client, best from <see cref="GuardedHttpHandler.CreateClient"/>. Its handler should not follow redirects itself (redirects are checked here); if it does, a response from another origin is refused.</param>
    /// <param name="httpOptions">Guards and cache settings; <see cref="HttpTypeMetadataResolverOptions.Default"/> when omitted.</param>
    /// <param name="options">Resolution settings (depth limit, reader limits); <see cref="TypeMetadataResolverOptions.Default"/> when omitted.</param>
    /// <exception cref="ArgumentException">The options are out of range.</exception>
    public HttpTypeMetadataResolver(HttpClient httpClient, HttpTypeMetadataResolverOptions? httpOptions = null, TypeMetadataResolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        httpOptions ??= HttpTypeMetadataResolverOptions.Default;
        ArgumentNullException.ThrowIfNull(httpOptions.Http, nameof(httpOptions));
        ArgumentNullException.ThrowIfNull(httpOptions.TimeProvider, nameof(httpOptions));
        if (httpOptions.CacheDuration < TimeSpan.Zero || httpOptions.MaxCacheEntries < 0 || httpOptions.LastKnownGoodPeriod < TimeSpan.Zero || httpOptions.RefetchInterval < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(httpOptions), "The cache settings are out of range.");
        }

        _fetcher = new HttpFetcher(httpClient, httpOptions.Http, httpOptions.TimeProvider);
        _httpOptions = httpOptions;
        _cache = ResolverCaching.CreateOrUse(httpOptions.Cache, httpOptions.CacheDuration, httpOptions.MaxCacheEntries, httpOptions.TimeProvider);
        _refetches = new RefetchLimiter(httpOptions.RefetchInterval, httpOptions.MaxCacheEntries, httpOptions.TimeProvider);
        _options = TypeMetadataOptionsGuard.Validate(options);
        _self = [this];
    }

    /// <inheritdoc />
    public ValueTask<VerificationResult<ResolvedTypeMetadata>> ResolveAsync(string vct, string? integrity, CancellationToken cancellationToken = default)
        => TypeMetadataChainResolver.ResolveAsync(_self, vct, integrity, _options, cancellationToken);

    /// <inheritdoc />
    /// <remarks>A <c>vct</c> that is not an absolute HTTPS URL (or HTTP, when HTTPS is not required) is <see cref="TypeMetadataErrors.NotFound"/>.</remarks>
    public async ValueTask<VerificationResult<ReadOnlyMemory<byte>>> GetDocumentAsync(string vct, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vct);
        if (!Uri.TryCreate(vct, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return new VerificationError(TypeMetadataErrors.NotFound, "The type is not an HTTPS URL, so its metadata cannot be fetched.");
        }

        var entry = await ResolverCaching.GetAsync(_cache, _partition + vct, ct => FetchAsync(uri, ct), _httpOptions.TimeProvider, _httpOptions.CacheDuration > TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        return entry.IsValid ? entry.Value.Value : Retrieval(entry.Error);
    }

    async ValueTask<VerificationResult<ReadOnlyMemory<byte>>?> IRefreshableDocumentSource.RefetchIfCachedAsync(string vct, CancellationToken cancellationToken)
    {
        if (_httpOptions.CacheDuration == TimeSpan.Zero || !Uri.TryCreate(vct, UriKind.Absolute, out var uri))
        {
            return null;
        }

        // Only a copy fetched at least RefetchInterval ago, and once per interval per URL: a credential's integrity
        // value is untrusted input and must not be able to force a fetch.
        var entry = await ResolverCaching.GetAsync(_cache, _partition + vct, ct => FetchAsync(uri, ct), _httpOptions.TimeProvider, cancellationToken).ConfigureAwait(false);
        if (!entry.IsValid || _httpOptions.TimeProvider.GetUtcNow() - entry.Value.FetchedAt < _httpOptions.RefetchInterval || !_refetches.TryAcquire(vct))
        {
            return null;
        }

        var fresh = await ResolverCaching.RefreshAsync(_cache, _partition + vct, ct => FetchAsync(uri, ct), cancellationToken).ConfigureAwait(false);
        return fresh.IsValid ? fresh.Value.Value : Retrieval(fresh.Error);
    }

    /// <summary>Drops every cached document (those kept by this resolver's own in-process cache; a shared cache is left as is, and its entries expire by themselves).</summary>
    public void ClearCache()
    {
        if (_cache is BoundedResolverCache own)
        {
            own.Clear();
        }
    }

    // A failed retrieval is a resolution failure, whatever the guard that stopped it.
    private static VerificationError Retrieval(VerificationError error)
        => new(error.Code, "The Type Metadata document could not be retrieved: " + error.Message);

    private async Task<ResolverCacheEntry<ReadOnlyMemory<byte>>> FetchAsync(Uri uri, CancellationToken cancellationToken)
    {
        var response = await _fetcher.GetAsync(uri, ["application/json"], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.IsValid)
        {
            throw ResolverCaching.Failure(response.Error);
        }

        return ResolverCaching.Entry(response.Value.Body, _httpOptions.TimeProvider.GetUtcNow(), _httpOptions.CacheDuration, _httpOptions.LastKnownGoodPeriod);
    }
}
