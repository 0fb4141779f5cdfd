using System;
using System.Collections.Generic;
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

    /// <summary>The Client Identifier Prefixes accepted. Default: <c>redirect_uri</c> and <c>decentralized_identifier</c>, the two this library implements.</summary>
    public IReadOnlyList<string> SupportedClientIdPrefixes { get; init; } = [ClientIdPrefixes.RedirectUri, ClientIdPrefixes.DecentralizedIdentifier];

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
