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
public sealed class JwtVcIssuerMetadataResolver : IIssuerKeyResolver
{
    /// <summary><c>trust.metadata_invalid</c>: the issuer metadata or its JWKS is malformed.</summary>
    public static readonly ErrorCode MetadataInvalid = new("trust.metadata_invalid", VerificationFailureKind.UntrustedIssuer);

    /// <summary><c>trust.metadata_issuer_mismatch</c>: the metadata's <c>issuer</c> is not the credential's <c>iss</c>.</summary>
    public static readonly ErrorCode MetadataIssuerMismatch = new("trust.metadata_issuer_mismatch", VerificationFailureKind.UntrustedIssuer);

    private readonly HttpFetcher _fetcher;
    private readonly JwtVcIssuerMetadataResolverOptions _options;
    private readonly BoundedCache<ImmutableArray<VerificationKey>> _cache;

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
        if (options.CacheDuration < TimeSpan.Zero || options.MaxCacheEntries < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The cache settings are out of range.");
        }

        _fetcher = new HttpFetcher(httpClient, options.Http, options.TimeProvider);
        _options = options;
        _cache = new BoundedCache<ImmutableArray<VerificationKey>>(options.CacheDuration == TimeSpan.Zero ? 0 : options.MaxCacheEntries, options.TimeProvider);
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
        if (request.Issuer is null || GetMetadataUri(request.Issuer) is not { } metadataUri)
        {
            return new VerificationError(TrustErrors.UntrustedIssuer, "The issuer is not an HTTPS URL, so it has no JWT VC Issuer Metadata.");
        }

        if (!_cache.TryGet(request.Issuer, out var published))
        {
            var keys = await FetchKeysAsync(request.Issuer, metadataUri, cancellationToken).ConfigureAwait(false);
            if (!keys.IsValid)
            {
                return keys.Error;
            }

            published = keys.Value;
            _cache.Set(request.Issuer, published, _options.CacheDuration);
        }

        var kid = request.Jwt.KeyId;
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
