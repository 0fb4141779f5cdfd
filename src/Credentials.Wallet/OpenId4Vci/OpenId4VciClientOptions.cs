using System;
using System.Collections.Generic;
using Credentials.Jose;

namespace Credentials.Wallet.OpenId4Vci;

/// <summary>Options of an <see cref="OpenId4VciClient"/>, validated once in its constructor.</summary>
public sealed record OpenId4VciClientOptions
{
    /// <summary>Allows <c>http</c> offers, metadata and endpoints. Only for tests on loopback; OpenID4VCI requires TLS.</summary>
    public bool AllowHttp { get; init; }

    /// <summary>The timeout of each HTTP request. Default 15 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The largest response body read (metadata, offers, tokens, credentials). Default 1 MiB.</summary>
    public int MaxResponseBytes { get; init; } = 1024 * 1024;

    /// <summary>The holder key algorithms the wallet may create, in order of preference; the first the issuer accepts is used. Default ES256, EdDSA.</summary>
    public IReadOnlyList<JwsAlgorithm> HolderKeyAlgorithms { get; init; } = [JwsAlgorithm.Es256, JwsAlgorithm.EdDsa];

    /// <summary>The client id, sent at the token endpoint and as the key proofs' <c>iss</c>; <see langword="null"/> for anonymous access (the default).</summary>
    public string? ClientId { get; init; }

    /// <summary>The clock for key proofs' <c>iat</c>. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        if (Timeout <= TimeSpan.Zero || MaxResponseBytes <= 0 || HolderKeyAlgorithms is null || HolderKeyAlgorithms.Count == 0 || TimeProvider is null)
        {
            throw new InvalidOperationException("OpenId4VciClientOptions needs a positive Timeout and MaxResponseBytes, at least one HolderKeyAlgorithm and a TimeProvider.");
        }
    }
}
