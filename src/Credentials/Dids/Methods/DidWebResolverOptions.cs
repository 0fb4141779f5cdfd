using System;
using Credentials.Http;

namespace Credentials.Dids.Methods;

/// <summary>Options for did:web resolution. The defaults are meant for production.</summary>
public sealed record DidWebResolverOptions
{
    /// <summary>The default options.</summary>
    public static DidWebResolverOptions Default { get; } = new();

    /// <summary>
    /// The fetch guards (HTTPS only, public addresses only, 256 KiB, 10 seconds, 3 same-origin redirects by default).
    /// <see cref="HttpFetchOptions.RequireHttps"/> <see langword="false"/> (tests against a local server only) makes the
    /// resolver fetch the document over plain HTTP. <see cref="HttpFetchOptions.MaxResponseBytes"/> also bounds the parsed document.
    /// </summary>
    public HttpFetchOptions Http { get; init; } = HttpFetchOptions.Default;

    /// <summary>The clock of the fetch timeout.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
