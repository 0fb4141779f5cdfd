using System;
using Credentials.Http;

namespace Credentials.Trust;

/// <summary>Fetch guards and cache settings for <see cref="JwtVcIssuerMetadataResolver"/>. The defaults are meant for production.</summary>
public sealed record JwtVcIssuerMetadataResolverOptions
{
    /// <summary>The default options.</summary>
    public static JwtVcIssuerMetadataResolverOptions Default { get; } = new();

    /// <summary>The fetch guards for the metadata and its <c>jwks_uri</c>: <see cref="HttpFetchOptions.Default"/> (HTTPS only, public addresses only, 256 KiB, 10 seconds, 3 same-origin redirects).</summary>
    public HttpFetchOptions Http { get; init; } = HttpFetchOptions.Default;

    /// <summary>The clock for the cache and the fetch timeout.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How long resolved keys are reused. Default 10 minutes; <see cref="TimeSpan.Zero"/> disables caching.</summary>
    public TimeSpan CacheDuration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The most issuers kept in the cache (the least recently used is dropped first). Default 1,000.</summary>
    public int MaxCacheEntries { get; init; } = 1000;
}
