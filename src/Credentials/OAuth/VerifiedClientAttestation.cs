using System;
using Credentials.Keys;

namespace Credentials.OAuth;

/// <summary>A Client Attestation and its PoP that passed every check of a <see cref="ClientAttestationValidator"/>.</summary>
public sealed record VerifiedClientAttestation
{
    /// <summary>The authenticated <c>client_id</c> (the attestation's <c>sub</c>).</summary>
    public required string ClientId { get; init; }

    /// <summary>The attestation's <c>iss</c> (the Wallet Provider), when it has one.</summary>
    public string? Issuer { get; init; }

    /// <summary>The Wallet Provider's key that signed the attestation (a trusted key, or the leaf of its <c>x5c</c> chain).</summary>
    public required Jwk ProviderKey { get; init; }

    /// <summary>The Wallet instance key (<c>cnf.jwk</c>) that signed the PoP.</summary>
    public required Jwk InstanceKey { get; init; }

    /// <summary>The attestation's <c>exp</c>.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The attestation's <c>iat</c>, if any.</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>The attestation's <c>wallet_name</c> (OpenID4VCI 1.0 appendix E), if any.</summary>
    public string? WalletName { get; init; }

    /// <summary>The attestation's <c>wallet_link</c>, if any.</summary>
    public string? WalletLink { get; init; }

    /// <summary>The PoP's <c>challenge</c>, if any.</summary>
    public string? Challenge { get; init; }
}
