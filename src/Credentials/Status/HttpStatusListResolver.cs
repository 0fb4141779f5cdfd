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
/// <para>
/// Guards: those of <see cref="HttpFetcher"/> (HTTPS only by default, the address policy, redirects only within the
/// origin, a response size cap enforced while reading, a timeout; failures are <see cref="HttpErrors"/> codes), and
/// capped inflation. Give it a client from <see cref="GuardedHttpHandler.CreateClient"/>. The token's <c>exp</c> and
/// <c>ttl</c> take precedence over HTTP caching headers (section 8.2), which are ignored.
/// </para>
/// <para>
/// Caching: in <see cref="HttpStatusListResolverOptions.Cache"/> (by default in process, bounded), one fetch per URI
/// however many verifications wait for it. Last-known-good: when the refetch after the <c>ttl</c> fails because the
/// Status Provider is unavailable (a network failure, a timeout, HTTP 5xx, 408 or 429), the last verified token is
/// used for at most <see cref="HttpStatusListResolverOptions.LastKnownGoodPeriod"/> (default 15 minutes) more, and
/// never past its <c>exp</c> (sections 5.1 and 12.8: an expired Status List Token is not used). A 404, a token that
/// does not verify or any refused fetch fails at once. <see cref="GetTokenEntryAsync"/> tells whether the token served
/// is such a stale copy (<see cref="ResolverCacheEntry{T}.IsStaleAt"/>); set the period to zero to never use one.
/// <see cref="InvalidateAsync"/> drops a list's cached token (after a revocation the application knows of, for example).
/// </para>
/// </remarks>
public sealed class HttpStatusListResolver : IStatusListResolver
{
    private readonly HttpFetcher _fetcher;
    private readonly StatusListTokenVerifier _verifier;
    private readonly HttpStatusListResolverOptions _options;
    private readonly IResolverCache _cache;
    private readonly string _partition = ResolverCaching.NewPartition("status-list");

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
        if (options.MaxCacheEntries < 0 || options.MinTimeToLive < TimeSpan.Zero || options.MaxTimeToLive < options.MinTimeToLive || options.DefaultTimeToLive < TimeSpan.Zero
            || options.LastKnownGoodPeriod < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The cache settings are out of range.");
        }

        _fetcher = new HttpFetcher(httpClient, options.Http, options.TimeProvider);
        _verifier = verifier;
        _options = options;
        _cache = ResolverCaching.CreateOrUse(options.Cache, options.MaxCacheEntries, options.TimeProvider);
    }

    /// <inheritdoc />
    public async ValueTask<VerificationResult<StatusValue>> GetStatusAsync(StatusReference reference, CancellationToken cancellationToken = default)
    {
        var token = await GetTokenAsync(reference, cancellationToken).ConfigureAwait(false);
        return token.IsValid ? token.Value.StatusList.GetStatus(reference.Index) : token.Error;
    }

    /// <summary>
    /// Returns the verified Status List Token for the reference's URI, from the cache while its <c>ttl</c> lasts, otherwise fetched afresh
    /// (or, while the Status Provider is unavailable, the last-known-good copy: see the remarks of <see cref="HttpStatusListResolver"/>).
    /// </summary>
    /// <param name="reference">The credential's status reference.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    public async ValueTask<VerificationResult<StatusListToken>> GetTokenAsync(StatusReference reference, CancellationToken cancellationToken = default)
    {
        var entry = await GetTokenEntryAsync(reference, cancellationToken).ConfigureAwait(false);
        return entry.IsValid ? entry.Value.Value : entry.Error;
    }

    /// <summary>
    /// Like <see cref="GetTokenAsync"/>, with when the token was fetched and until when it is fresh: a token past
    /// <see cref="ResolverCacheEntry{T}.FreshUntil"/> (<see cref="ResolverCacheEntry{T}.IsStaleAt"/>) is a
    /// last-known-good copy served while the Status Provider is unavailable, which a verifier may refuse.
    /// </summary>
    /// <param name="reference">The credential's status reference.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    public async ValueTask<VerificationResult<ResolverCacheEntry<StatusListToken>>> GetTokenEntryAsync(StatusReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (!Uri.TryCreate(reference.Uri, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return new VerificationError(StatusErrors.ListUnavailable, "The Status List URI is not an HTTP(S) URL.");
        }

        var listUri = reference.Uri;
        var entry = await ResolverCaching.GetAsync(_cache, _partition + listUri, ct => FetchAsync(listUri, uri, ct), _options.TimeProvider, cancellationToken).ConfigureAwait(false);
        if (!entry.IsValid)
        {
            return entry;
        }

        // Section 5.1 rule 3 and 12.8: whatever the cache kept, an expired token is never used.
        return _verifier.CheckTime(entry.Value.Value) is { } expired ? expired : entry;
    }

    /// <summary>
    /// Starts dropping the cached token for a URI, without waiting: with an in-process cache it is gone when this
    /// returns; with a cache whose removal completes later (a custom <see cref="IResolverCache"/>), a check made before
    /// it completes may still use the token. Prefer <see cref="InvalidateAsync"/>, which waits for the removal.
    /// </summary>
    /// <param name="uri">The Status List URI.</param>
    /// <remarks>A removal that fails later is ignored (the entry then expires by itself); one that fails at once throws.</remarks>
    public void Invalidate(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var removal = _cache.RemoveAsync(_partition + uri);
        if (removal.IsCompleted)
        {
            removal.GetAwaiter().GetResult();
            return;
        }

        // Never block a thread on the removal; observe its outcome so a failure is not left unobserved.
        _ = removal.AsTask().ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Drops the cached token for a URI, so the next check fetches afresh.</summary>
    /// <param name="uri">The Status List URI.</param>
    /// <param name="cancellationToken">Cancels the removal.</param>
    /// <returns>Completes when the token is no longer in the cache.</returns>
    public ValueTask InvalidateAsync(string uri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return _cache.RemoveAsync(_partition + uri, cancellationToken);
    }

    private async Task<ResolverCacheEntry<StatusListToken>> FetchAsync(string listUri, Uri uri, CancellationToken cancellationToken)
    {
        var body = await _fetcher.GetAsync(uri, [StatusListTokenIssuer.MediaType], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!body.IsValid)
        {
            throw ResolverCaching.Failure(body.Error);
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(body.Value.Body.Span).Trim();
        }
        catch (DecoderFallbackException)
        {
            throw ResolverCaching.Failure(new VerificationError(StatusErrors.InvalidListToken, "The Status List response is not text."));
        }

        var verified = await _verifier.VerifyAsync(text, listUri, cancellationToken).ConfigureAwait(false);
        if (!verified.IsValid)
        {
            throw ResolverCaching.Failure(verified.Error);
        }

        // Section 13.5: ttl is bounded by local limits; sections 5.1 and 12.8: never used past exp, the
        // last-known-good copy included.
        var token = verified.Value;
        var ttl = token.TimeToLive ?? _options.DefaultTimeToLive;
        ttl = ttl < _options.MinTimeToLive ? _options.MinTimeToLive : ttl > _options.MaxTimeToLive ? _options.MaxTimeToLive : ttl;
        return ResolverCaching.Entry(token, _options.TimeProvider.GetUtcNow(), ttl, _options.LastKnownGoodPeriod, token.ExpiresAt);
    }
}
