using System;
using System.Collections.Concurrent;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Internal;

namespace Credentials.SdJwtVc.TypeMetadata;

/// <summary>
/// Retrieves Type Metadata with an HTTP <c>GET</c> of the URL in the <c>vct</c> (and in each <c>extends</c>)
/// (draft-ietf-oauth-sd-jwt-vc sections 3, 5.3.1 and 7.1), through an injected <see cref="HttpClient"/>, with a bounded
/// cache. Thread-safe; share one instance.
/// </summary>
/// <remarks>
/// Guards: HTTPS only by default; the host's addresses checked against a policy before connecting (no loopback,
/// private or link-local hosts by default); redirects only within the same origin and at most a few; a response size
/// cap (default 256 KiB) enforced while reading; a timeout; error responses never used as documents. Every failure is
/// an error of kind <see cref="VerificationFailureKind.ResolutionFailed"/>, never an exception.
/// </remarks>
public sealed class HttpTypeMetadataResolver : ITypeMetadataResolver, ITypeMetadataDocumentSource, IRefreshableDocumentSource
{
    private static readonly FetchErrorCodes s_codes = new(
        TypeMetadataErrors.InsecureTransport, TypeMetadataErrors.AddressNotAllowed, TypeMetadataErrors.RedirectNotAllowed,
        TypeMetadataErrors.NotFound, TypeMetadataErrors.FetchFailed, TypeMetadataErrors.TooLarge, TypeMetadataErrors.Timeout);

    private readonly HttpClient _httpClient;
    private readonly HttpTypeMetadataResolverOptions _httpOptions;
    private readonly TypeMetadataResolverOptions _options;
    private readonly ITypeMetadataDocumentSource[] _self;
    private readonly ConcurrentDictionary<string, CacheEntry> _cache = new(StringComparer.Ordinal);

    /// <summary>Creates a resolver.</summary>
    /// <param name="httpClient">The client. Its handler should not follow redirects itself (redirects are checked here); if it does, a response from another origin is refused.</param>
    /// <param name="httpOptions">Guards and cache settings; <see cref="HttpTypeMetadataResolverOptions.Default"/> when omitted.</param>
    /// <param name="options">Resolution settings (depth limit, reader limits); <see cref="TypeMetadataResolverOptions.Default"/> when omitted.</param>
    /// <exception cref="ArgumentException">The options are out of range.</exception>
    public HttpTypeMetadataResolver(HttpClient httpClient, HttpTypeMetadataResolverOptions? httpOptions = null, TypeMetadataResolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        httpOptions ??= HttpTypeMetadataResolverOptions.Default;
        if (httpOptions.AddressPolicy is null || httpOptions.TimeProvider is null)
        {
            throw new ArgumentException("The address policy and time provider are required.", nameof(httpOptions));
        }

        if (httpOptions.MaxResponseBytes <= 0 || httpOptions.Timeout <= TimeSpan.Zero || httpOptions.MaxRedirects < 0
            || httpOptions.CacheDuration < TimeSpan.Zero || httpOptions.MaxCacheEntries < 0)
        {
            throw new ArgumentException("The resolver options are out of range.", nameof(httpOptions));
        }

        _httpClient = httpClient;
        _httpOptions = httpOptions;
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
            return TypeMetadataErrors.Error(TypeMetadataErrors.NotFound, VerificationFailureKind.ResolutionFailed, "The type is not an HTTPS URL, so its metadata cannot be fetched.");
        }

        var now = _httpOptions.TimeProvider.GetUtcNow();
        if (_cache.TryGetValue(vct, out var cached))
        {
            if (now < cached.ExpiresAt)
            {
                return cached.Bytes;
            }

            _cache.TryRemove(new(vct, cached));
        }

        return await FetchAsync(vct, uri, cancellationToken).ConfigureAwait(false);
    }

    async ValueTask<VerificationResult<ReadOnlyMemory<byte>>?> IRefreshableDocumentSource.RefetchIfCachedAsync(string vct, CancellationToken cancellationToken)
    {
        if (!_cache.TryRemove(vct, out _) || !Uri.TryCreate(vct, UriKind.Absolute, out var uri))
        {
            return null;
        }

        return await FetchAsync(vct, uri, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drops every cached document.</summary>
    public void ClearCache() => _cache.Clear();

    private async ValueTask<VerificationResult<ReadOnlyMemory<byte>>> FetchAsync(string vct, Uri uri, CancellationToken cancellationToken)
    {
        var body = await GuardedHttp.GetAsync(
            _httpClient,
            uri,
            ["application/json"],
            new FetchSettings(_httpOptions.RequireHttps, _httpOptions.AddressPolicy, _httpOptions.MaxResponseBytes, _httpOptions.Timeout, _httpOptions.MaxRedirects, _httpOptions.TimeProvider, s_codes),
            cancellationToken).ConfigureAwait(false);
        if (!body.IsValid)
        {
            // A failed retrieval is a resolution failure, whatever the guard that stopped it.
            return TypeMetadataErrors.Error(body.Error.Code, VerificationFailureKind.ResolutionFailed, "The Type Metadata document could not be retrieved: " + body.Error.Message);
        }

        ReadOnlyMemory<byte> bytes = body.Value;
        Store(vct, bytes, _httpOptions.TimeProvider.GetUtcNow());
        return bytes;
    }

    private void Store(string vct, ReadOnlyMemory<byte> bytes, DateTimeOffset now)
    {
        if (_httpOptions.MaxCacheEntries == 0 || _httpOptions.CacheDuration <= TimeSpan.Zero)
        {
            return;
        }

        if (_cache.Count >= _httpOptions.MaxCacheEntries && !_cache.ContainsKey(vct))
        {
            foreach (var entry in _cache)
            {
                if (entry.Value.ExpiresAt <= now)
                {
                    _cache.TryRemove(entry);
                }
            }

            if (_cache.Count >= _httpOptions.MaxCacheEntries)
            {
                _cache.Clear();
            }
        }

        _cache[vct] = new CacheEntry(bytes, now + _httpOptions.CacheDuration);
    }

    private sealed record CacheEntry(ReadOnlyMemory<byte> Bytes, DateTimeOffset ExpiresAt);
}
