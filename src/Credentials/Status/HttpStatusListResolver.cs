using System;
using System.Collections.Concurrent;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Internal;

namespace Credentials.Status;

/// <summary>
/// Resolves statuses by fetching Status List Tokens over HTTP (draft-ietf-oauth-status-list section 8.1) with
/// <c>Accept: application/statuslist+jwt</c>, verifying them with a <see cref="StatusListTokenVerifier"/>, and caching
/// each list per URI for its <c>ttl</c> (bounded, and never past its <c>exp</c>). Thread-safe; share one instance.
/// </summary>
/// <remarks>
/// Guards: HTTPS only by default, the host's addresses checked against a policy before connecting, redirects only
/// within the same origin, a response size cap enforced while reading, a timeout, and capped inflation. The token's
/// <c>exp</c> and <c>ttl</c> take precedence over HTTP caching headers (section 8.2), which are ignored.
/// </remarks>
public sealed class HttpStatusListResolver : IStatusListResolver
{
    private static readonly FetchErrorCodes s_codes = new(
        StatusErrors.InsecureTransport, StatusErrors.AddressNotAllowed, StatusErrors.RedirectNotAllowed,
        StatusErrors.ListUnavailable, StatusErrors.ListUnavailable, StatusErrors.TooLarge, StatusErrors.ListUnavailable);

    private readonly HttpClient _httpClient;
    private readonly StatusListTokenVerifier _verifier;
    private readonly HttpStatusListResolverOptions _options;
    private readonly ConcurrentDictionary<string, CacheEntry> _cache = new(StringComparer.Ordinal);

    /// <summary>Creates a resolver.</summary>
    /// <param name="httpClient">The client (its handler should not follow redirects automatically; redirects are checked here).</param>
    /// <param name="verifier">Verifies the fetched tokens with the Status Issuer's configured keys.</param>
    /// <param name="options">Guards and cache settings; <see cref="HttpStatusListResolverOptions.Default"/> when omitted.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public HttpStatusListResolver(HttpClient httpClient, StatusListTokenVerifier verifier, HttpStatusListResolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(verifier);
        options ??= HttpStatusListResolverOptions.Default;
        ArgumentNullException.ThrowIfNull(options.AddressPolicy, nameof(options));
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options));
        if (options.MaxResponseBytes <= 0 || options.Timeout <= TimeSpan.Zero || options.MaxRedirects < 0 || options.MaxCacheEntries < 0
            || options.MinTimeToLive < TimeSpan.Zero || options.MaxTimeToLive < options.MinTimeToLive || options.DefaultTimeToLive < TimeSpan.Zero)
        {
            throw new ArgumentException("The resolver options are out of range.", nameof(options));
        }

        _httpClient = httpClient;
        _verifier = verifier;
        _options = options;
    }

    /// <inheritdoc />
    public async ValueTask<VerificationResult<StatusValue>> GetStatusAsync(StatusReference reference, CancellationToken cancellationToken = default)
    {
        var token = await GetTokenAsync(reference, cancellationToken).ConfigureAwait(false);
        return token.IsValid ? token.Value.StatusList.GetStatus(reference.Index) : token.Error;
    }

    /// <summary>
    /// Returns the verified Status List Token for the reference's URI, from the cache while its <c>ttl</c> lasts, otherwise fetched afresh.
    /// </summary>
    /// <param name="reference">The credential's status reference.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    public async ValueTask<VerificationResult<StatusListToken>> GetTokenAsync(StatusReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var now = _options.TimeProvider.GetUtcNow();
        if (_cache.TryGetValue(reference.Uri, out var cached))
        {
            if (now < cached.RefreshAt && _verifier.CheckTime(cached.Token) is null)
            {
                return cached.Token;
            }

            _cache.TryRemove(new(reference.Uri, cached));
        }

        if (!Uri.TryCreate(reference.Uri, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return StatusErrors.Error(StatusErrors.ListUnavailable, VerificationFailureKind.ResolutionFailed, "The Status List URI is not an HTTP(S) URL.");
        }

        var body = await GuardedHttp.GetAsync(
            _httpClient,
            uri,
            [StatusListTokenIssuer.MediaType],
            new FetchSettings(_options.RequireHttps, _options.AddressPolicy, _options.MaxResponseBytes, _options.Timeout, _options.MaxRedirects, _options.TimeProvider, s_codes),
            cancellationToken).ConfigureAwait(false);
        if (!body.IsValid)
        {
            return StatusErrors.Error(body.Error.Code, body.Error.Kind, "The Status List Token could not be fetched.", body.Error);
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(body.Value).Trim();
        }
        catch (DecoderFallbackException)
        {
            return StatusErrors.Invalid("The Status List response is not text.");
        }

        var verified = await _verifier.VerifyAsync(text, reference.Uri, cancellationToken).ConfigureAwait(false);
        if (!verified.IsValid)
        {
            return verified.Error;
        }

        Store(reference.Uri, verified.Value, _options.TimeProvider.GetUtcNow());
        return verified.Value;
    }

    /// <summary>Drops the cached token for a URI, so the next check fetches afresh.</summary>
    /// <param name="uri">The Status List URI.</param>
    public void Invalidate(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        _cache.TryRemove(uri, out _);
    }

    private void Store(string uri, StatusListToken token, DateTimeOffset fetchedAt)
    {
        if (_options.MaxCacheEntries == 0)
        {
            return;
        }

        // Section 11.5: ttl is bounded by local limits; section 12.8: never cached past exp.
        var ttl = token.TimeToLive ?? _options.DefaultTimeToLive;
        ttl = ttl < _options.MinTimeToLive ? _options.MinTimeToLive : ttl > _options.MaxTimeToLive ? _options.MaxTimeToLive : ttl;
        var refreshAt = fetchedAt + ttl;
        if (token.ExpiresAt is { } exp && exp < refreshAt)
        {
            refreshAt = exp;
        }

        if (_cache.Count >= _options.MaxCacheEntries && !_cache.ContainsKey(uri))
        {
            // Evict expired entries first; if none, evict everything (simple and bounded).
            foreach (var entry in _cache)
            {
                if (entry.Value.RefreshAt <= fetchedAt)
                {
                    _cache.TryRemove(entry);
                }
            }

            if (_cache.Count >= _options.MaxCacheEntries)
            {
                _cache.Clear();
            }
        }

        _cache[uri] = new CacheEntry(token, refreshAt);
    }

    private sealed record CacheEntry(StatusListToken Token, DateTimeOffset RefreshAt);
}
