using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Http;
using Credentials.Internal;
using Credentials.Keys;
using Credentials.SdJwt;

namespace Credentials.Trust;

/// <summary>
/// Resolves issuer keys from JWT VC Issuer Metadata (draft-ietf-oauth-sd-jwt-vc-25 section 5): the document at
/// <c>/.well-known/jwt-vc-issuer</c> inserted between the host and path of <c>iss</c>, whose <c>issuer</c> must equal
/// <c>iss</c>, with keys inline (<c>jwks</c>) or by reference (<c>jwks_uri</c>). Only HTTPS issuers; fetched with
/// the guards of <see cref="HttpFetcher"/> (failures are <see cref="HttpErrors"/> codes); results cached for a bounded time. Combine with a trust decision: this proves the key
/// belongs to the <c>iss</c> domain, not that the domain is trustworthy.
/// </summary>
/// <remarks>
/// <para>
/// Caching: each issuer's key set is kept in <see cref="JwtVcIssuerMetadataResolverOptions.Cache"/> (by default in
/// process, bounded) for <see cref="JwtVcIssuerMetadataResolverOptions.CacheDuration"/>, one fetch per issuer however
/// many verifications wait for it. A cache duration of zero turns caching off: every call fetches (concurrent calls
/// for one issuer share the fetch), <see cref="JwtVcIssuerMetadataResolverOptions.Cache"/> is not used and no
/// last-known-good key set is ever served.
/// </para>
/// <para>
/// Key rotation: a JWT whose <c>kid</c> is not in the kept key set makes the resolver fetch the issuer's keys again,
/// at most once per <see cref="JwtVcIssuerMetadataResolverOptions.KeyRefetchInterval"/> (default 30 seconds) per
/// issuer, counting the fetch that produced the kept set, so tokens naming made-up key ids cannot make it fetch once per token.
/// </para>
/// <para>
/// Last-known-good: when the refetch after the cache duration fails because the issuer is unavailable (a network
/// failure, a timeout, HTTP 5xx, 408 or 429), the last key set is used for at most
/// <see cref="JwtVcIssuerMetadataResolverOptions.LastKnownGoodPeriod"/> (default one hour) more. A 404, a metadata
/// document that is invalid or names another issuer, or a refused fetch fails at once and is never bridged.
/// <see cref="GetKeysAsync"/> tells whether the keys served are such a stale copy.
/// </para>
/// </remarks>
public sealed class JwtVcIssuerMetadataResolver : IIssuerKeyResolver
{
    /// <summary><c>trust.metadata_invalid</c>: the issuer metadata or its JWKS is malformed.</summary>
    public static readonly ErrorCode MetadataInvalid = new("trust.metadata_invalid", VerificationFailureKind.UntrustedIssuer);

    /// <summary><c>trust.metadata_issuer_mismatch</c>: the metadata's <c>issuer</c> is not the credential's <c>iss</c>.</summary>
    public static readonly ErrorCode MetadataIssuerMismatch = new("trust.metadata_issuer_mismatch", VerificationFailureKind.UntrustedIssuer);

    private readonly HttpFetcher _fetcher;
    private readonly JwtVcIssuerMetadataResolverOptions _options;
    private readonly IResolverCache _cache;
    private readonly RefetchLimiter _refetches;
    private readonly string _partition = ResolverCaching.NewPartition("issuer-keys");

    /// <summary>Creates a resolver.</summary>
    /// <param name="httpClient">The HTTP client, best from <see cref="GuardedHttpHandler.CreateClient"/> (or <c>IHttpClientFactory</c> on <see cref="GuardedHttpHandler.Create"/>).</param>
    /// <param name="options">Guards and cache; <see cref="JwtVcIssuerMetadataResolverOptions.Default"/> when omitted.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public JwtVcIssuerMetadataResolver(HttpClient httpClient, JwtVcIssuerMetadataResolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        options ??= JwtVcIssuerMetadataResolverOptions.Default;
        ArgumentNullException.ThrowIfNull(options.Http, nameof(options));
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options));
        if (options.CacheDuration < TimeSpan.Zero || options.MaxCacheEntries < 0 || options.LastKnownGoodPeriod < TimeSpan.Zero || options.KeyRefetchInterval < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The cache settings are out of range.");
        }

        _fetcher = new HttpFetcher(httpClient, options.Http, options.TimeProvider);
        _options = options;
        _cache = ResolverCaching.CreateOrUse(options.Cache, options.CacheDuration, options.MaxCacheEntries, options.TimeProvider);
        _refetches = new RefetchLimiter(options.KeyRefetchInterval, options.MaxCacheEntries, options.TimeProvider);
    }

    /// <summary>The metadata URL for an issuer identifier (section 5.1), or <see langword="null"/> when it is not an HTTP(S) URL.</summary>
    /// <param name="issuer">The <c>iss</c> value.</param>
    public static Uri? GetMetadataUri(string issuer)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return null;
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        return new UriBuilder(uri.Scheme, uri.Host, uri.Port, "/.well-known/jwt-vc-issuer" + path).Uri;
    }

    /// <inheritdoc />
    public async ValueTask<VerificationResult<VerificationKey>> ResolveAsync(IssuerKeyRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Issuer is null)
        {
            return new VerificationError(TrustErrors.UntrustedIssuer, "The issuer is not an HTTPS URL, so it has no JWT VC Issuer Metadata.");
        }

        var issuer = request.Issuer;
        var published = await GetKeysAsync(issuer, cancellationToken).ConfigureAwait(false);
        if (!published.IsValid)
        {
            return published.Error;
        }

        var kid = request.Jwt.KeyId;
        var key = FindKey(published.Value.Value, kid);
        if (key.IsValid || kid is null)
        {
            return key;
        }

        // Key rotation: an unknown kid may be a key published since the set was fetched. Fetch once more, at most once
        // per interval per issuer (the fetch that made the kept set counts), so made-up kids cannot force a fetch per token.
        var now = _options.TimeProvider.GetUtcNow();
        if (now - published.Value.FetchedAt < _options.KeyRefetchInterval || !_refetches.TryAcquire(issuer) || GetMetadataUri(issuer) is not { } metadataUri)
        {
            return key;
        }

        var refreshed = await ResolverCaching.RefreshAsync(_cache, _partition + issuer, ct => FetchEntryAsync(issuer, metadataUri, ct), cancellationToken).ConfigureAwait(false);
        return refreshed.IsValid ? FindKey(refreshed.Value.Value, kid) : key;
    }

    /// <summary>
    /// The issuer's published keys, from the cache while fresh, otherwise fetched afresh (or, while the issuer is
    /// unavailable, the last-known-good set: past <see cref="ResolverCacheEntry{T}.FreshUntil"/>, which
    /// <see cref="ResolverCacheEntry{T}.IsStaleAt"/> tells, so a verifier may refuse it).
    /// </summary>
    /// <param name="issuer">The <c>iss</c> value.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    public async ValueTask<VerificationResult<ResolverCacheEntry<ImmutableArray<VerificationKey>>>> GetKeysAsync(string issuer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        if (GetMetadataUri(issuer) is not { } metadataUri)
        {
            return new VerificationError(TrustErrors.UntrustedIssuer, "The issuer is not an HTTPS URL, so it has no JWT VC Issuer Metadata.");
        }

        return await ResolverCaching.GetAsync(_cache, _partition + issuer, ct => FetchEntryAsync(issuer, metadataUri, ct), _options.TimeProvider, _options.CacheDuration > TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
    }

    private static VerificationResult<VerificationKey> FindKey(ImmutableArray<VerificationKey> published, string? kid)
    {
        if (kid is null && published.Length != 1)
        {
            return new VerificationError(TrustErrors.KeyNotFound, "The issuer publishes several keys and the JWT has no 'kid'.");
        }

        foreach (var key in published)
        {
            if (kid is null || string.Equals(key.Jwk.Kid, kid, StringComparison.Ordinal))
            {
                return key;
            }
        }

        return new VerificationError(TrustErrors.KeyNotFound, "No published key of the issuer matches the JWT's 'kid'.");
    }

    private async Task<ResolverCacheEntry<ImmutableArray<VerificationKey>>> FetchEntryAsync(string issuer, Uri metadataUri, CancellationToken cancellationToken)
    {
        var keys = await FetchKeysAsync(issuer, metadataUri, cancellationToken).ConfigureAwait(false);
        if (!keys.IsValid)
        {
            throw ResolverCaching.Failure(keys.Error);
        }

        return ResolverCaching.Entry(keys.Value, _options.TimeProvider.GetUtcNow(), _options.CacheDuration, _options.LastKnownGoodPeriod);
    }

    private async Task<VerificationResult<ImmutableArray<VerificationKey>>> FetchKeysAsync(string issuer, Uri metadataUri, CancellationToken cancellationToken)
    {
        var bytes = await _fetcher.GetAsync(metadataUri, ["application/json"], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!bytes.IsValid)
        {
            return bytes.Error;
        }

        using var doc = SafeJson.TryParse(bytes.Value.Body, 16);
        if (doc is null || doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            return new VerificationError(MetadataInvalid, "The issuer metadata is not a JSON object.");
        }

        var root = doc.RootElement;
        if (!root.TryGetString("issuer", out var declared))
        {
            return new VerificationError(MetadataInvalid, "The issuer metadata has no 'issuer'.");
        }

        // Section 5.3: the issuer in the metadata must be identical to the iss of the credential.
        if (!string.Equals(declared, issuer, StringComparison.Ordinal))
        {
            return new VerificationError(MetadataIssuerMismatch, "The metadata's 'issuer' differs from the credential's 'iss'.");
        }

        var hasJwks = root.TryGetProperty("jwks", out var jwks);
        var hasJwksUri = root.TryGetString("jwks_uri", out var jwksUri);
        if (hasJwks == hasJwksUri)
        {
            return new VerificationError(MetadataInvalid, "The issuer metadata must have exactly one of 'jwks' and 'jwks_uri'.");
        }

        if (hasJwks)
        {
            return ReadJwks(jwks);
        }

        if (!Uri.TryCreate(jwksUri, UriKind.Absolute, out var keysUri))
        {
            return new VerificationError(MetadataInvalid, "'jwks_uri' is not an absolute URI.");
        }

        var keyBytes = await _fetcher.GetAsync(keysUri, ["application/jwk-set+json"], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!keyBytes.IsValid)
        {
            return keyBytes.Error;
        }

        using var keyDoc = SafeJson.TryParse(keyBytes.Value.Body, 16);
        return keyDoc is null ? new VerificationError(MetadataInvalid, "The JWKS is not valid JSON.") : ReadJwks(keyDoc.RootElement);
    }

    private static VerificationResult<ImmutableArray<VerificationKey>> ReadJwks(JsonElement jwks)
    {
        if (jwks.ValueKind != JsonValueKind.Object || !jwks.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            return new VerificationError(MetadataInvalid, "The JWKS needs a 'keys' array.");
        }

        var result = new List<VerificationKey>();
        foreach (var item in keys.EnumerateArray())
        {
            var jwk = Jwk.ReadPublic(item);
            if (!jwk.IsValid)
            {
                if (jwk.Error.Code == KeyErrors.PrivateKeyMaterial)
                {
                    // A published key set holding a secret is broken, not merely partly unusable: refuse the document.
                    return new VerificationError(MetadataInvalid, "The JWKS holds private or symmetric key material.") with { Inner = jwk.Error };
                }

                continue; // RFC 7517 section 5: ignore keys that cannot be used.
            }

            var key = VerificationKey.FromJwk(jwk.Value);
            if (key.IsValid)
            {
                result.Add(key.Value);
            }
        }

        return result.Count == 0 ? new VerificationError(MetadataInvalid, "The JWKS has no usable key.") : result.ToImmutableArray();
    }


}
