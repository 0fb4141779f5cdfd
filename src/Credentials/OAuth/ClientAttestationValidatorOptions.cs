using System;
using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;
using Credentials.Jose;
using Credentials.Keys;

namespace Credentials.OAuth;

/// <summary>What a <see cref="ClientAttestationValidator"/> trusts and requires; validated once in its constructor.</summary>
public sealed record ClientAttestationValidatorOptions
{
    /// <summary>
    /// This server's issuer identifier (RFC 8414), which the PoP's <c>aud</c> must equal (section 6.2). Required by the
    /// validator; an <c>OpenId4VciIssuer</c> sets it to its Credential Issuer Identifier when left <see langword="null"/>.
    /// </summary>
    public string? Audience { get; init; }

    /// <summary>
    /// The Wallet Providers' public keys trusted to sign attestations, used when an attestation carries no <c>x5c</c>
    /// (or no trust anchor is configured). A key with a <c>kid</c> is tried only for attestations whose header names that <c>kid</c>.
    /// </summary>
    public IReadOnlyList<Jwk> TrustedProviderKeys { get; init; } = [];

    /// <summary>
    /// The trust anchors (root or intermediate CA certificates) an attestation's <c>x5c</c> chain must build to
    /// (HAIP 1.0 section 4.4.1), offline and at the validator's time; never the system store.
    /// </summary>
    public IReadOnlyList<X509Certificate2> TrustAnchors { get; init; } = [];

    /// <summary>The algorithms accepted for the attestation (<c>client_attestation_signing_alg_values_supported</c>). Default ES256, ES384, EdDSA, Ed25519.</summary>
    public IReadOnlyList<JwsAlgorithm> AllowedAlgorithms { get; init; } = [JwsAlgorithm.Es256, JwsAlgorithm.Es384, JwsAlgorithm.EdDsa, JwsAlgorithm.Ed25519];

    /// <summary>The algorithms accepted for the PoP (<c>client_attestation_pop_signing_alg_values_supported</c>). Default ES256, ES384, EdDSA, Ed25519.</summary>
    public IReadOnlyList<JwsAlgorithm> AllowedPopAlgorithms { get; init; } = [JwsAlgorithm.Es256, JwsAlgorithm.Es384, JwsAlgorithm.EdDsa, JwsAlgorithm.Ed25519];

    /// <summary>The tolerated clock difference for <c>exp</c>, <c>iat</c> and <c>nbf</c>. Default 60 seconds.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How old a PoP's <c>iat</c> may be; its <c>jti</c> is remembered this long (plus the skew). Default 5 minutes.</summary>
    public TimeSpan PopMaxAge { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How old an attestation's <c>iat</c> may be, on top of <c>exp</c>; <see langword="null"/> (default) checks only <c>exp</c>.</summary>
    public TimeSpan? MaxAttestationAge { get; init; }

    /// <summary>The most certificates accepted in <c>x5c</c>. Default 5.</summary>
    public int MaxChainLength { get; init; } = 5;

    /// <summary>The longest attestation or PoP accepted, in characters. Default 16 KiB.</summary>
    public int MaxTokenLength { get; init; } = 16 * 1024;

    /// <summary>The clock. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
