using System;
using Credentials.Dids;

namespace Credentials.Status;

/// <summary>Guards and cache settings for <see cref="HttpStatusListResolver"/>. The defaults are meant for production.</summary>
public sealed record HttpStatusListResolverOptions
{
    /// <summary>The default options.</summary>
    public static HttpStatusListResolverOptions Default { get; } = new();

    /// <summary>Whether Status Lists must be fetched over HTTPS. Default <see langword="true"/>; tests against a loopback server set <see langword="false"/>.</summary>
    public bool RequireHttps { get; init; } = true;

    /// <summary>Which addresses may be connected to. Default <see cref="DidWebAddressPolicy.PublicOnly"/> (no loopback, private or link-local hosts).</summary>
    public IDidWebAddressPolicy AddressPolicy { get; init; } = DidWebAddressPolicy.PublicOnly;

    /// <summary>The largest response body accepted, in bytes. Default 8 MiB.</summary>
    public int MaxResponseBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>How long one fetch (including redirects) may take. Default 10 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many redirects within the same origin are followed. Default 3; redirects to another origin are always refused.</summary>
    public int MaxRedirects { get; init; } = 3;

    /// <summary>The clock for the cache (and the fetch timeout).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How long a token without <c>ttl</c> is cached (never past its <c>exp</c>). Default 5 minutes.</summary>
    public TimeSpan DefaultTimeToLive { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The lower bound applied to a token's <c>ttl</c>, so a Status Issuer cannot make clients refetch constantly (section 11.5). Default 10 seconds.</summary>
    public TimeSpan MinTimeToLive { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The upper bound applied to a token's <c>ttl</c>. Default one day.</summary>
    public TimeSpan MaxTimeToLive { get; init; } = TimeSpan.FromDays(1);

    /// <summary>The largest number of lists kept in the cache. Default 1,000; <c>0</c> disables caching.</summary>
    public int MaxCacheEntries { get; init; } = 1000;
}
