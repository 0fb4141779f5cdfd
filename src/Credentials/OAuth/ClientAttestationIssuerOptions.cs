using System;
using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;

namespace Credentials.OAuth;

/// <summary>Options of a <see cref="ClientAttestationIssuer"/> (the Wallet Provider's backend).</summary>
public sealed record ClientAttestationIssuerOptions
{
    /// <summary>
    /// The Wallet Provider's identifier, written as <c>iss</c> (OpenID4VCI 1.0 appendix E shows it; the attestation
    /// draft no longer requires it, and validators ignore it unless they compare it). Default none.
    /// </summary>
    public string? Issuer { get; init; }

    /// <summary>
    /// The signer's certificate first, then any intermediates, written as the <c>x5c</c> header (HAIP 1.0 section 4.4.1
    /// requires it). Default none: the validator must then know the signer's public key.
    /// </summary>
    public IReadOnlyList<X509Certificate2>? CertificateChain { get; init; }

    /// <summary>How long an attestation is valid (<c>exp</c> − <c>iat</c>). Default 1 hour.</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The human-readable Wallet name (<c>wallet_name</c>, OpenID4VCI 1.0 appendix E). Default none.</summary>
    public string? WalletName { get; init; }

    /// <summary>A URL with information about the Wallet (<c>wallet_link</c>, OpenID4VCI 1.0 appendix E). Default none.</summary>
    public string? WalletLink { get; init; }

    /// <summary>The clock for <c>iat</c> and <c>exp</c>. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
