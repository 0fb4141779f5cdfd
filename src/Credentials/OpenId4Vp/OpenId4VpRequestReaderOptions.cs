using System;
using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;
using Credentials.Dcql;
using Credentials.Dids;
using Credentials.Jose;

namespace Credentials.OpenId4Vp;

/// <summary>Options for <see cref="OpenId4VpRequestReader"/> (the wallet's side of the request).</summary>
public sealed record OpenId4VpRequestReaderOptions
{
    /// <summary>The defaults.</summary>
    public static OpenId4VpRequestReaderOptions Default { get; } = new();

    /// <summary>Resolves the DIDs of <c>decentralized_identifier</c> clients. Default: did:key and did:jwk (no network).</summary>
    public DidResolver DidResolver { get; init; } = DidResolver.CreateDefault();

    /// <summary>Algorithms accepted for Request Object signatures.</summary>
    public IReadOnlyList<JwsAlgorithm> AllowedAlgorithms { get; init; } = JwsAlgorithm.DefaultAllowed;

    /// <summary>
    /// The Client Identifier Prefixes accepted. Default: the four this library implements, <c>redirect_uri</c>,
    /// <c>decentralized_identifier</c>, <c>x509_san_dns</c> and <c>x509_hash</c> (the last two need
    /// <see cref="TrustAnchors"/> or <see cref="PinnedClientCertificates"/> to accept anyone).
    /// </summary>
    public IReadOnlyList<string> SupportedClientIdPrefixes { get; init; } =
        [ClientIdPrefixes.RedirectUri, ClientIdPrefixes.DecentralizedIdentifier, ClientIdPrefixes.X509SanDns, ClientIdPrefixes.X509Hash];

    /// <summary>
    /// The roots the <c>x5c</c> chains of <c>x509_san_dns</c> and <c>x509_hash</c> requests must build to (section
    /// 5.9.3), checked offline at the <see cref="TimeProvider"/>'s time, never against the system store. Default: none.
    /// </summary>
    public IReadOnlyList<X509Certificate2> TrustAnchors { get; init; } = [];

    /// <summary>
    /// Leaf certificates trusted as they are (compared byte for byte), for example a verifier's self-signed
    /// certificate; a self-signed leaf that is not pinned is refused. Their validity period is still checked.
    /// </summary>
    public IReadOnlyList<X509Certificate2> PinnedClientCertificates { get; init; } = [];

    /// <summary>The most certificates accepted in a Request Object's <c>x5c</c>. Default 5.</summary>
    public int MaxClientCertificateChainLength { get; init; } = 5;

    /// <summary>
    /// Enforces the OpenID4VC High Assurance Interoperability Profile 1.0 on redirect requests: signed requests only,
    /// Client Identifier Prefix <c>x509_hash</c> or <c>x509_san_dns</c>, Response Mode <c>direct_post.jwt</c> (or
    /// <c>dc_api.jwt</c>), and no trust anchor inside <c>x5c</c>; breaking one is <c>openid4vp.haip_violation</c>.
    /// Default: <see langword="false"/>.
    /// </summary>
    public bool RequireHaip { get; init; }

    /// <summary>Whether a Response URI may be plain <c>http</c> (tests on loopback only). Default: <see langword="false"/>.</summary>
    public bool AllowHttpResponseUri { get; init; }

    /// <summary>The Credential Formats the wallet can present. Default: <c>dc+sd-jwt</c>.</summary>
    public IReadOnlyList<string> SupportedFormats { get; init; } = [DcqlFormats.SdJwtVc];

    /// <summary>The clock for a Request Object's <c>exp</c>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Tolerance for clock differences. Default 60 seconds.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Limits for the Request Object JWS.</summary>
    public JwsReaderOptions Jws { get; init; } = JwsReaderOptions.Default with { MaxTokenLength = 64 * 1024 };

    /// <summary>Limits for the DCQL query.</summary>
    public DcqlReaderOptions? Dcql { get; init; }

    /// <summary>The JWE <c>enc</c> values the wallet can encrypt responses with, in order of preference among the verifier's. Default <c>A128GCM</c>, <c>A256GCM</c>.</summary>
    public IReadOnlyList<string> EncryptionMethods { get; init; } = ["A128GCM", "A256GCM"];
}
