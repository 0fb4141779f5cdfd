using System;
using Credentials.Http;
using Credentials.OpenId4Vp;

namespace Credentials.Wallet.OpenId4Vp;

/// <summary>Options for <see cref="OpenId4VpWalletClient"/>: the HTTP guards and how requests are read.</summary>
public sealed record OpenId4VpWalletClientOptions
{
    /// <summary>The default options.</summary>
    public static OpenId4VpWalletClientOptions Default { get; } = new();

    /// <summary>How requests are read and verified (DID resolution, algorithms, supported prefixes).</summary>
    public OpenId4VpRequestReaderOptions RequestReader { get; init; } = OpenId4VpRequestReaderOptions.Default;

    /// <summary>
    /// The guards of the exchanges with a verifier (fetching <c>request_uri</c>, posting to <c>response_uri</c>): HTTPS
    /// only, public addresses only, a 64 KiB response cap (the Request Object and the Response URI's answer), a
    /// 10 second timeout, no redirects. <see cref="HttpFetchOptions.RequireHttps"/> <see langword="false"/> (tests on
    /// loopback only) also allows <c>http</c> response and redirect URIs.
    /// </summary>
    public HttpFetchOptions Http { get; init; } = HttpFetchOptions.Default with { MaxResponseBytes = 64 * 1024, MaxRedirects = 0 };

    /// <summary>Whether to POST a fresh <c>wallet_nonce</c> when the request says <c>request_uri_method=post</c> (section 5.10). Default: <see langword="true"/>.</summary>
    public bool UseRequestUriPost { get; init; } = true;

    /// <summary>The clock for timeouts.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
