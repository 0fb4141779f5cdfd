using System;
using System.Collections.Generic;
using Credentials.Http;
using Credentials.Jose;
using Credentials.Keys;

namespace Credentials.Wallet.OpenId4Vci;

/// <summary>Options of an <see cref="OpenId4VciClient"/>, validated once in its constructor.</summary>
public sealed record OpenId4VciClientOptions
{
    /// <summary>The default options.</summary>
    public static OpenId4VciClientOptions Default { get; } = new();

    /// <summary>
    /// The guards of every request (offer, metadata, token, nonce, credential): HTTPS only, public addresses only, a
    /// 1 MiB response cap, a 15 second timeout, no redirects. <see cref="HttpFetchOptions.RequireHttps"/>
    /// <see langword="false"/> with <see cref="HttpAddressPolicy.PublicAndLoopback"/> only for tests on loopback:
    /// OpenID4VCI requires TLS.
    /// </summary>
    public HttpFetchOptions Http { get; init; } = HttpFetchOptions.Default with { MaxResponseBytes = 1024 * 1024, Timeout = TimeSpan.FromSeconds(15), MaxRedirects = 0 };

    /// <summary>The holder key algorithms the wallet may create, in order of preference; the first the issuer accepts is used. Default ES256, EdDSA.</summary>
    public IReadOnlyList<JwsAlgorithm> HolderKeyAlgorithms { get; init; } = [JwsAlgorithm.Es256, JwsAlgorithm.EdDsa];

    /// <summary>The client id, sent at the token endpoint and as the key proofs' <c>iss</c>; <see langword="null"/> for anonymous access (the default).</summary>
    public string? ClientId { get; init; }

    /// <summary>
    /// Whether the Authorization Code Flow proves possession of a per-session DPoP key (RFC 9449; HAIP 1.0 requires
    /// it) at the token and credential endpoints, and binds the code to it with <c>dpop_jkt</c>; and whether the
    /// Pre-Authorized Code Flow does so with a per-receive key when the Authorization Server lists
    /// <see cref="DpopAlgorithm"/> in <c>dpop_signing_alg_values_supported</c>. Default <see langword="true"/>.
    /// </summary>
    public bool UseDpop { get; init; } = true;

    /// <summary>The algorithm of the DPoP keys. Default ES256 (P-256), as HAIP 1.0 requires.</summary>
    public JwsAlgorithm DpopAlgorithm { get; init; } = JwsAlgorithm.Es256;

    /// <summary>
    /// The wallet attestation (a Client Attestation JWT its wallet provider issued for this instance, whose
    /// <c>sub</c> is <see cref="ClientId"/>), sent as <c>OAuth-Client-Attestation</c> with a fresh
    /// <c>OAuth-Client-Attestation-PoP</c> to the pushed authorization and token endpoints
    /// (draft-ietf-oauth-attestation-based-client-auth; OpenID4VCI 1.0 appendix E). Requires <see cref="ClientAttestationSigner"/>.
    /// </summary>
    public string? ClientAttestation { get; init; }

    /// <summary>The wallet instance key (the private half of the attestation's <c>cnf.jwk</c>) that signs each PoP.</summary>
    public ISigner? ClientAttestationSigner { get; init; }

    /// <summary>
    /// Whether to ask for encrypted Credential Responses (OpenID4VCI 1.0 section 8.2) when the issuer supports them; they
    /// are always asked for when the issuer requires them. Each request gets a fresh P-256 key, and a plain answer to it is
    /// refused. Default <see langword="false"/>.
    /// </summary>
    public bool PreferEncryptedResponses { get; init; }

    /// <summary>The clock for key proofs' <c>iat</c> and request timeouts. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        if (Http is null || HolderKeyAlgorithms is null || HolderKeyAlgorithms.Count == 0 || TimeProvider is null)
        {
            throw new InvalidOperationException("OpenId4VciClientOptions needs Http options, at least one HolderKeyAlgorithm and a TimeProvider.");
        }

        if ((ClientAttestation is null) != (ClientAttestationSigner is null) || ClientAttestation is { Length: 0 } || DpopAlgorithm is null)
        {
            throw new InvalidOperationException("OpenId4VciClientOptions: set ClientAttestation and ClientAttestationSigner together, and a DpopAlgorithm.");
        }
    }
}
