using System;
using Credentials.Dids;

namespace Credentials.SdJwtVc.TypeMetadata;

/// <summary>Guards and cache settings for <see cref="HttpTypeMetadataResolver"/>. The defaults are meant for production.</summary>
public sealed record HttpTypeMetadataResolverOptions
{
    /// <summary>The default options.</summary>
    public static HttpTypeMetadataResolverOptions Default { get; } = new();

    /// <summary>Whether documents must be fetched over HTTPS (draft-ietf-oauth-sd-jwt-vc section 3). Default <see langword="true"/>; tests against a loopback server set <see langword="false"/>.</summary>
    public bool RequireHttps { get; init; } = true;

    /// <summary>Which addresses may be connected to (section 7.1). Default <see cref="DidWebAddressPolicy.PublicOnly"/> (no loopback, private or link-local hosts).</summary>
    public IDidWebAddressPolicy AddressPolicy { get; init; } = DidWebAddressPolicy.PublicOnly;

    /// <summary>The largest response accepted, in bytes, enforced while reading. Default 256 KiB.</summary>
    public int MaxResponseBytes { get; init; } = 256 * 1024;

    /// <summary>How long one fetch (including redirects) may take. Default 10 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many redirects within the same origin are followed. Default 3; redirects to another origin are always refused.</summary>
    public int MaxRedirects { get; init; } = 3;

    /// <summary>The clock for the cache and the fetch timeout.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How long a fetched document is reused. Default one hour; <see cref="TimeSpan.Zero"/> disables caching.</summary>
    /// <remarks>
    /// HTTP caching headers are not consulted: the cache duration is a local bound. A credential's <c>vct#integrity</c>
    /// is still checked against the cached bytes, and a cached document that no longer matches is fetched afresh once.
    /// </remarks>
    public TimeSpan CacheDuration { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The most documents kept in the cache. Default 256.</summary>
    public int MaxCacheEntries { get; init; } = 256;
}
