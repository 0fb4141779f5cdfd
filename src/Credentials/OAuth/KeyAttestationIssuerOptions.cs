using System;
using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;

namespace Credentials.OAuth;

/// <summary>Options of a <see cref="KeyAttestationIssuer"/> (the Wallet Provider or the key storage component).</summary>
public sealed record KeyAttestationIssuerOptions
{
    /// <summary>The attester's identifier, written as <c>iss</c>. Default none.</summary>
    public string? Issuer { get; init; }

    /// <summary>The signer's certificate first, then any intermediates, written as the <c>x5c</c> header. Default none.</summary>
    public IReadOnlyList<X509Certificate2>? CertificateChain { get; init; }

    /// <summary>How long an attestation is valid when the request sets no expiry. Default 24 hours.</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The clock for <c>iat</c> and <c>exp</c>. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
