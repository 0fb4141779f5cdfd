using System;
using System.Collections.Generic;
using Credentials.Jose;

namespace Credentials.OpenId4Vci;

/// <summary>What a <c>jwt</c> key proof must satisfy (OpenID4VCI 1.0 appendix F.1 and F.4).</summary>
public sealed record KeyProofValidationParameters
{
    /// <summary>The Credential Issuer Identifier the proof's <c>aud</c> must equal (ordinal comparison).</summary>
    public required string Audience { get; init; }

    /// <summary>The algorithms accepted (the metadata's <c>proof_signing_alg_values_supported</c>). Default: EdDSA, Ed25519, ES256, ES384.</summary>
    public IReadOnlyList<JwsAlgorithm> AllowedAlgorithms { get; init; } = JwsAlgorithm.DefaultAllowed;

    /// <summary>Whether the proof must carry a <c>nonce</c> (the issuer has a Nonce Endpoint). Default <see langword="true"/>.</summary>
    public bool RequireNonce { get; init; } = true;

    /// <summary>How old <c>iat</c> may be. Default 5 minutes.</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The tolerated clock difference for <c>iat</c> in the future and the age check. Default 60 seconds.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The DID methods (<c>did:key</c>, <c>did:jwk</c>) whose DID URLs a proof may name its key by as <c>kid</c> instead of
    /// a <c>jwk</c> header (appendix F.1), resolved locally; <see langword="null"/> (default) refuses <c>kid</c>.
    /// A <c>kid</c> of another method is refused with <see cref="OpenId4VciErrors.UnsupportedBindingMethod"/>.
    /// </summary>
    public IReadOnlyList<string>? DidMethods { get; init; }

    /// <summary>
    /// The key attestation validator (appendix D): when set, every proof must carry a <c>key_attestation</c> header that
    /// satisfies its policy (with <c>exp</c>, and a <c>nonce</c> when <see cref="RequireNonce"/>), signed with one of
    /// <see cref="AllowedAlgorithms"/>, and the proof's key must be one of the attested keys. <see langword="null"/>
    /// (default) refuses proofs with a <c>key_attestation</c> header.
    /// </summary>
    public Credentials.OAuth.KeyAttestationValidator? KeyAttestation { get; init; }

    /// <summary>The clock. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
