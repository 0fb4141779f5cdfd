using System;
using Credentials.Dids;

namespace Credentials.Trust;

/// <summary>Guards for fetching JWT VC Issuer Metadata; the same defaults as did:web resolution.</summary>
public sealed record JwtVcIssuerMetadataResolverOptions
{
    /// <summary>Fetch over HTTPS only. Default <see langword="true"/>; turn off only for tests against a local server.</summary>
    public bool RequireHttps { get; init; } = true;

    /// <summary>Which addresses may be connected to. Default: public addresses only.</summary>
    public IDidWebAddressPolicy AddressPolicy { get; init; } = DidWebAddressPolicy.PublicOnly;

    /// <summary>The largest metadata or JWKS document accepted. Default 256 KiB.</summary>
    public int MaxResponseBytes { get; init; } = 256 * 1024;

    /// <summary>How long one fetch may take. Default 10 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long resolved keys are cached. Default 10 minutes.</summary>
    public TimeSpan CacheLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The most issuers kept in the cache. Default 1,000.</summary>
    public int MaxCacheEntries { get; init; } = 1000;

    /// <summary>The clock for the cache.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
