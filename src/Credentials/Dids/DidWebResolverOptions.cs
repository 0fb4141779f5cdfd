using System;

namespace Credentials.Dids;

/// <summary>Guards for did:web resolution. The defaults are meant for production.</summary>
public sealed record DidWebResolverOptions
{
    /// <summary>The default options.</summary>
    public static DidWebResolverOptions Default { get; } = new();

    /// <summary>
    /// Whether documents must be fetched over HTTPS, as did:web requires. Default <see langword="true"/>; set
    /// <see langword="false"/> only for tests against a local server (the document is then fetched over plain HTTP).
    /// </summary>
    public bool RequireHttps { get; init; } = true;

    /// <summary>Which addresses may be connected to. Default <see cref="DidWebAddressPolicy.PublicOnly"/>.</summary>
    public IDidWebAddressPolicy AddressPolicy { get; init; } = DidWebAddressPolicy.PublicOnly;

    /// <summary>The largest response body accepted, in bytes. Default 256 KiB.</summary>
    public int MaxResponseBytes { get; init; } = 256 * 1024;

    /// <summary>How long one resolution (including redirects) may take. Default 10 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many redirects to the same host are followed. Default 3; redirects to other hosts are always refused.</summary>
    public int MaxRedirects { get; init; } = 3;

    /// <summary>The clock for the timeout.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
