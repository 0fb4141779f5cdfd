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
/// Guards: those of <see cref="HttpFetcher"/> (HTTPS only by default; the address policy, no loopback, private or
/// link-local hosts by default; redirects only within the origin and at most a few; a response size cap, default
/// 256 KiB, enforced while reading; a timeout; error responses never used as documents). Give it a client from
/// <see cref="GuardedHttpHandler.CreateClient"/>. A failed fetch is its <see cref="HttpErrors"/> code with the kind
/// <see cref="VerificationFailureKind.ResolutionFailed"/>, never an exception.
/// </remarks>
public sealed class HttpTypeMetadataResolver : ITypeMetadataResolver, ITypeMetadataDocumentSource, IRefreshableDocumentSource
{
    private readonly HttpFetcher _fetcher;
    private readonly HttpTypeMetadataResolverOptions _httpOptions;
    private readonly TypeMetadataResolverOptions _options;
    private readonly ITypeMetadataDocumentSource[] _self;
    private readonly BoundedCache<ReadOnlyMemory<byte>> _cache;

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
        if (httpOptions.CacheDuration < TimeSpan.Zero || httpOptions.MaxCacheEntries < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(httpOptions), "The cache settings are out of range.");
        }

        _fetcher = new HttpFetcher(httpClient, httpOptions.Http, httpOptions.TimeProvider);
        _httpOptions = httpOptions;
        _cache = new BoundedCache<ReadOnlyMemory<byte>>(httpOptions.CacheDuration == TimeSpan.Zero ? 0 : httpOptions.MaxCacheEntries, httpOptions.TimeProvider);
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

        if (_cache.TryGet(vct, out var cached))
        {
            return cached;
        }

        return await FetchAsync(vct, uri, cancellationToken).ConfigureAwait(false);
    }

    async ValueTask<VerificationResult<ReadOnlyMemory<byte>>?> IRefreshableDocumentSource.RefetchIfCachedAsync(string vct, CancellationToken cancellationToken)
    {
        if (!_cache.Remove(vct) || !Uri.TryCreate(vct, UriKind.Absolute, out var uri))
        {
            return null;
        }

        return await FetchAsync(vct, uri, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drops every cached document.</summary>
    public void ClearCache() => _cache.Clear();

    private async ValueTask<VerificationResult<ReadOnlyMemory<byte>>> FetchAsync(string vct, Uri uri, CancellationToken cancellationToken)
    {
        var response = await _fetcher.GetAsync(uri, ["application/json"], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.IsValid)
        {
            // A failed retrieval is a resolution failure, whatever the guard that stopped it.
            return new VerificationError(response.Error.Code, "The Type Metadata document could not be retrieved: " + response.Error.Message);
        }

        var bytes = response.Value.Body;
        _cache.Set(vct, bytes, _httpOptions.CacheDuration);
        return bytes;
    }
}
