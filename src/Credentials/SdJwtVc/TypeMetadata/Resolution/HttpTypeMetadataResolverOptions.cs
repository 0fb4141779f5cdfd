using System;
using Credentials.Http;

namespace Credentials.SdJwtVc.TypeMetadata.Resolution;

/// <summary>Fetch guards and cache settings for <see cref="HttpTypeMetadataResolver"/>. The defaults are meant for production.</summary>
public sealed record HttpTypeMetadataResolverOptions
{
    /// <summary>The default options.</summary>
    public static HttpTypeMetadataResolverOptions Default { get; } = new();

    /// <summary>
    /// The fetch guards (draft-ietf-oauth-sd-jwt-vc sections 3 and 7.1): <see cref="HttpFetchOptions.Default"/>, that is
    /// HTTPS only, public addresses only, 256 KiB, 10 seconds, 3 same-origin redirects.
    /// </summary>
    public HttpFetchOptions Http { get; init; } = HttpFetchOptions.Default;

    /// <summary>The clock for the cache and the fetch timeout.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How long a fetched document is reused. Default one hour; <see cref="TimeSpan.Zero"/> disables caching.</summary>
    /// <remarks>
    /// HTTP caching headers are not consulted: the cache duration is a local bound. A credential's <c>vct#integrity</c>
    /// is still checked against the cached bytes, and a cached document that no longer matches is fetched afresh once.
    /// </remarks>
    public TimeSpan CacheDuration { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The most documents kept in the cache (the least recently used is dropped first). Default 256.</summary>
    public int MaxCacheEntries { get; init; } = 256;
}
