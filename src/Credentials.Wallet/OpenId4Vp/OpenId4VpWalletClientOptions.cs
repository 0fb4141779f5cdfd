using System;
using Credentials.Dids;
using Credentials.OpenId4Vp;

namespace Credentials.Wallet.OpenId4Vp;

/// <summary>Options for <see cref="OpenId4VpWalletClient"/>: the HTTP guards and how requests are read.</summary>
public sealed record OpenId4VpWalletClientOptions
{
    /// <summary>How requests are read and verified (DID resolution, algorithms, supported prefixes).</summary>
    public OpenId4VpRequestReaderOptions RequestReader { get; init; } = OpenId4VpRequestReaderOptions.Default;

    /// <summary>Whether plain <c>http</c> request and response URIs are allowed (tests on loopback only). Default: <see langword="false"/>.</summary>
    public bool AllowHttp { get; init; }

    /// <summary>Which addresses a verifier host may resolve to. Default: public addresses only.</summary>
    public IDidWebAddressPolicy AddressPolicy { get; init; } = DidWebAddressPolicy.PublicOnly;

    /// <summary>The timeout of each HTTP exchange. Default 10 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest Request Object fetched from a <c>request_uri</c>. Default 64 KiB.</summary>
    public int MaxRequestObjectBytes { get; init; } = 64 * 1024;

    /// <summary>The largest answer read from the Response URI. Default 16 KiB.</summary>
    public int MaxResponseBytes { get; init; } = 16 * 1024;

    /// <summary>Whether to POST a fresh <c>wallet_nonce</c> when the request says <c>request_uri_method=post</c> (section 5.10). Default: <see langword="true"/>.</summary>
    public bool UseRequestUriPost { get; init; } = true;

    /// <summary>The clock for timeouts.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
