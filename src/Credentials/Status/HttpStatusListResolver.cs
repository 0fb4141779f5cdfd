using System;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Http;

namespace Credentials.Status;

/// <summary>
/// Resolves statuses by fetching Status List Tokens over HTTP (draft-ietf-oauth-status-list section 8.1) with
/// <c>Accept: application/statuslist+jwt</c>, verifying them with a <see cref="StatusListTokenVerifier"/>, and caching
/// each list per URI for its <c>ttl</c> (bounded, and never past its <c>exp</c>). Thread-safe; share one instance.
/// </summary>
/// <remarks>
/// Guards: those of <see cref="HttpFetcher"/> (HTTPS only by default, the address policy, redirects only within the
/// origin, a response size cap enforced while reading, a timeout; failures are <see cref="HttpErrors"/> codes), and
/// capped inflation. Give it a client from <see cref="GuardedHttpHandler.CreateClient"/>. The token's <c>exp</c> and
/// <c>ttl</c> take precedence over HTTP caching headers (section 8.2), which are ignored.
/// </remarks>
public sealed class HttpStatusListResolver : IStatusListResolver
{
    private readonly HttpFetcher _fetcher;
    private readonly StatusListTokenVerifier _verifier;
    private readonly HttpStatusListResolverOptions _options;
    private readonly BoundedCache<StatusListToken> _cache;

    /// <summary>Creates a resolver.</summary>
    /// <param name="httpClient">The client, best from <see cref="GuardedHttpHandler.CreateClient"/> (redirects are checked here, so its handler should not follow them).</param>
    /// <param name="verifier">Verifies the fetched tokens with the Status Issuer's configured keys.</param>
    /// <param name="options">Guards and cache settings; <see cref="HttpStatusListResolverOptions.Default"/> when omitted.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public HttpStatusListResolver(HttpClient httpClient, StatusListTokenVerifier verifier, HttpStatusListResolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(verifier);
        options ??= HttpStatusListResolverOptions.Default;
        ArgumentNullException.ThrowIfNull(options.Http, nameof(options));
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options));
        if (options.MaxCacheEntries < 0 || options.MinTimeToLive < TimeSpan.Zero || options.MaxTimeToLive < options.MinTimeToLive || options.DefaultTimeToLive < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The cache settings are out of range.");
        }

        _fetcher = new HttpFetcher(httpClient, options.Http, options.TimeProvider);
        _verifier = verifier;
        _options = options;
        _cache = new BoundedCache<StatusListToken>(options.MaxCacheEntries, options.TimeProvider);
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
        if (_cache.TryGet(reference.Uri, out var cached))
        {
            if (_verifier.CheckTime(cached) is null)
            {
                return cached;
            }

            _cache.Remove(reference.Uri);
        }

        if (!Uri.TryCreate(reference.Uri, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return new VerificationError(StatusErrors.ListUnavailable, "The Status List URI is not an HTTP(S) URL.");
        }

        var body = await _fetcher.GetAsync(uri, [StatusListTokenIssuer.MediaType], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!body.IsValid)
        {
            return body.Error;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(body.Value.Body.Span).Trim();
        }
        catch (DecoderFallbackException)
        {
            return new VerificationError(StatusErrors.InvalidListToken, "The Status List response is not text.");
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
        _cache.Remove(uri);
    }

    private void Store(string uri, StatusListToken token, DateTimeOffset fetchedAt)
    {
        // Section 11.5: ttl is bounded by local limits; section 12.8: never cached past exp.
        var ttl = token.TimeToLive ?? _options.DefaultTimeToLive;
        ttl = ttl < _options.MinTimeToLive ? _options.MinTimeToLive : ttl > _options.MaxTimeToLive ? _options.MaxTimeToLive : ttl;
        var refreshAt = fetchedAt + ttl;
        if (token.ExpiresAt is { } exp && exp < refreshAt)
        {
            refreshAt = exp;
        }

        _cache.Set(uri, token, refreshAt);
    }
}
