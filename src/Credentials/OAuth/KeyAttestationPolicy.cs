using System;
using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;
using Credentials.Jose;
using Credentials.Keys;

namespace Credentials.OAuth;

/// <summary>
/// What a Credential Issuer requires of key attestations (OpenID4VCI 1.0 appendix D and section 12.2.4
/// <c>key_attestations_required</c>): whom it trusts to attest, and which attack potential resistance levels it accepts.
/// </summary>
public sealed record KeyAttestationPolicy
{
    /// <summary>The attesters' public keys (Wallet Providers, key storage components), used when an attestation carries no <c>x5c</c> or no trust anchor is configured. A key with a <c>kid</c> is tried only for attestations naming that <c>kid</c>.</summary>
    public IReadOnlyList<Jwk> TrustedAttesterKeys { get; init; } = [];

    /// <summary>The trust anchors an attestation's <c>x5c</c> chain must build to (offline, never the system store).</summary>
    public IReadOnlyList<X509Certificate2> TrustAnchors { get; init; } = [];

    /// <summary>
    /// The <c>key_storage</c> values accepted (published as <c>key_attestations_required.key_storage</c>); an attestation
    /// must state at least one of them. <see langword="null"/> (default) accepts any. Use
    /// <see cref="KeyAttestation.LevelsAtLeast"/> for "at least" a level.
    /// </summary>
    public IReadOnlyList<string>? KeyStorage { get; init; }

    /// <summary>The <c>user_authentication</c> values accepted, as <see cref="KeyStorage"/>. <see langword="null"/> (default) accepts any.</summary>
    public IReadOnlyList<string>? UserAuthentication { get; init; }

    /// <summary>The algorithms accepted for the attestation's signature. Default ES256, ES384, EdDSA, Ed25519.</summary>
    public IReadOnlyList<JwsAlgorithm> AllowedAlgorithms { get; init; } = [JwsAlgorithm.Es256, JwsAlgorithm.Es384, JwsAlgorithm.EdDsa, JwsAlgorithm.Ed25519];

    /// <summary>The tolerated clock difference for <c>iat</c> and <c>exp</c>. Default 60 seconds.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How old <c>iat</c> may be; <see langword="null"/> (default) checks only <c>exp</c>.</summary>
    public TimeSpan? MaxAge { get; init; }

    /// <summary>The most keys accepted in <c>attested_keys</c>. Default 10.</summary>
    public int MaxAttestedKeys { get; init; } = 10;

    /// <summary>The most certificates accepted in <c>x5c</c>. Default 5.</summary>
    public int MaxChainLength { get; init; } = 5;

    /// <summary>The clock. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
