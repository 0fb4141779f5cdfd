using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Internal;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Protocols;

namespace Credentials.OAuth;

/// <summary>
/// The Authorization Server's side of Attestation-Based Client Authentication
/// (draft-ietf-oauth-attestation-based-client-auth section 6): checks a Client Attestation against the configured
/// Wallet Provider trust and its PoP against the attestation's key, this server's audience and the replay store.
/// Never throws for bad input. Stateless and thread-safe; the <c>jti</c> values live in the <see cref="IProtocolStateStore"/>,
/// so several server instances sharing a store refuse each other's replays.
/// </summary>
/// <remarks>
/// Checks, in order: one attestation header; JWS syntax, <c>typ</c>, algorithm allow-list, the Wallet Provider's key
/// (<c>x5c</c> chain to a trust anchor, or a trusted key) and signature; <c>sub</c>, <c>exp</c> (and <c>iat</c>,
/// <c>nbf</c>), <c>cnf.jwk</c>; the request's <c>client_id</c> against <c>sub</c>; then one PoP header; its syntax,
/// <c>typ</c>, algorithm and signature by <c>cnf.jwk</c>; <c>iss</c> (when present) against <c>sub</c>; <c>aud</c>;
/// <c>iat</c> window; <c>challenge</c>; and last the <c>jti</c>, recorded atomically so a replay is refused.
/// The DPoP combined mode (section 5.2) is not supported: a request without a PoP header is refused.
/// </remarks>
public sealed class ClientAttestationValidator
{
    /// <summary>The store kind of seen PoP <c>jti</c> values.</summary>
    public const string PopJtiKind = "oauth.client_attestation_pop_jti";

    private const int MaxJtiLength = 256;
    private readonly IProtocolStateStore _store;
    private readonly ClientAttestationValidatorOptions _options;
    private readonly X509Certificate2Collection _anchors;
    private readonly JwsReaderOptions _reader;

    /// <summary>Creates the validator.</summary>
    /// <param name="store">Where PoP <c>jti</c> values are remembered for replay detection (shared by every instance of the server).</param>
    /// <param name="options">Trust and limits.</param>
    /// <exception cref="InvalidOperationException">The options are invalid: no audience, no trusted key or anchor, an empty algorithm list, or a non-positive limit.</exception>
    public ClientAttestationValidator(IProtocolStateStore store, ClientAttestationValidatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.Audience) || options.TrustedProviderKeys is null || options.TrustAnchors is null
            || options.TrustedProviderKeys.Count + options.TrustAnchors.Count == 0
            || options.AllowedAlgorithms is not { Count: > 0 } || options.AllowedPopAlgorithms is not { Count: > 0 }
            || options.ClockSkew < TimeSpan.Zero || options.PopMaxAge <= TimeSpan.Zero || options.MaxAttestationAge <= TimeSpan.Zero
            || options.MaxChainLength < 1 || options.MaxTokenLength < 256 || options.TimeProvider is null)
        {
            throw new InvalidOperationException("ClientAttestationValidatorOptions needs an Audience, at least one trusted provider key or trust anchor, non-empty algorithm lists, a non-negative ClockSkew and positive limits.");
        }

        foreach (var key in options.TrustedProviderKeys)
        {
            if (key is null || key.HasPrivateKey)
            {
                throw new InvalidOperationException("ClientAttestationValidatorOptions.TrustedProviderKeys must be public keys.");
            }
        }

        _store = store;
        _options = options;
        _anchors = [.. options.TrustAnchors];
        _reader = new JwsReaderOptions { MaxTokenLength = options.MaxTokenLength, MaxJsonDepth = 16 };
    }

    /// <summary>The validator's options.</summary>
    public ClientAttestationValidatorOptions Options => _options;

    /// <summary>
    /// Validates the <c>OAuth-Client-Attestation</c> and <c>OAuth-Client-Attestation-PoP</c> headers of a request
    /// (each must be present exactly once; names compared case-insensitively, RFC 9110).
    /// </summary>
    /// <param name="headers">The request's header fields.</param>
    /// <param name="clientId">The request's <c>client_id</c> parameter, if any; it must equal the attestation's <c>sub</c> (section 6.3).</param>
    /// <param name="expectedChallenge">The challenge this server gave the client, if any.</param>
    /// <param name="cancellationToken">Cancels the store.</param>
    /// <returns>The authenticated client, or a <see cref="ClientAttestationErrors"/> code.</returns>
    public ValueTask<VerificationResult<VerifiedClientAttestation>> ValidateHeadersAsync(IReadOnlyDictionary<string, IReadOnlyList<string>> headers, string? clientId = null, string? expectedChallenge = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var attestation = SingleHeader(headers, ClientAttestation.HeaderName, out var attestationCount);
        var pop = SingleHeader(headers, ClientAttestation.PopHeaderName, out var popCount);

        // Section 6.1 and 6.2: precisely one header field each.
        if (attestationCount > 1)
        {
            return ValueTask.FromResult<VerificationResult<VerifiedClientAttestation>>(new VerificationError(ClientAttestationErrors.Malformed, "The OAuth-Client-Attestation header is repeated."));
        }

        if (popCount > 1)
        {
            return ValueTask.FromResult<VerificationResult<VerifiedClientAttestation>>(new VerificationError(ClientAttestationErrors.PopMalformed, "The OAuth-Client-Attestation-PoP header is repeated."));
        }

        return ValidateAsync(attestation, pop, clientId, expectedChallenge, cancellationToken);
    }

    /// <summary>Validates a Client Attestation JWT and its PoP JWT.</summary>
    /// <param name="attestation">The <c>OAuth-Client-Attestation</c> value, or <see langword="null"/> when absent.</param>
    /// <param name="pop">The <c>OAuth-Client-Attestation-PoP</c> value, or <see langword="null"/> when absent.</param>
    /// <param name="clientId">The request's <c>client_id</c> parameter, if any; it must equal the attestation's <c>sub</c>.</param>
    /// <param name="expectedChallenge">The challenge this server gave the client, if any; the PoP's <c>challenge</c> must equal it.</param>
    /// <param name="cancellationToken">Cancels the store.</param>
    /// <returns>The authenticated client, or a <see cref="ClientAttestationErrors"/> code.</returns>
    public async ValueTask<VerificationResult<VerifiedClientAttestation>> ValidateAsync(string? attestation, string? pop, string? clientId = null, string? expectedChallenge = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(attestation))
        {
            return new VerificationError(ClientAttestationErrors.Missing, "The request carries no OAuth-Client-Attestation.");
        }

        var now = _options.TimeProvider.GetUtcNow();
        var checkedAttestation = CheckAttestation(attestation.Trim(), now);
        if (!checkedAttestation.IsValid)
        {
            return checkedAttestation.Error;
        }

        var verified = checkedAttestation.Value;

        // Section 6.3: a client_id in the request must be the attestation's sub.
        if (clientId is not null && !string.Equals(clientId, verified.ClientId, StringComparison.Ordinal))
        {
            return new VerificationError(ClientAttestationErrors.ClientIdMismatch, "The request's client_id is not the attestation's sub.");
        }

        if (string.IsNullOrEmpty(pop))
        {
            return new VerificationError(ClientAttestationErrors.PopMissing, "The request carries no OAuth-Client-Attestation-PoP.");
        }

        var checkedPop = CheckPop(pop.Trim(), verified, expectedChallenge, now);
        if (!checkedPop.IsValid)
        {
            return checkedPop.Error;
        }

        var (jti, popIssuedAt, challenge) = checkedPop.Value;

        // Section 12.1 (replay): the jti is remembered for the whole window in which the PoP would be accepted, per instance key.
        var key = ReplayKey(verified.InstanceKey, jti);
        var until = popIssuedAt + _options.PopMaxAge + _options.ClockSkew + _options.ClockSkew;
        if (until <= now)
        {
            until = now + _options.ClockSkew + TimeSpan.FromSeconds(1);
        }

        if (!await _store.TryAddAsync(PopJtiKind, key, "1", until, cancellationToken).ConfigureAwait(false))
        {
            return new VerificationError(ClientAttestationErrors.PopReplayed, "This Client Attestation PoP was already used.");
        }

        return verified with { Challenge = challenge };
    }

    private VerificationResult<VerifiedClientAttestation> CheckAttestation(string token, DateTimeOffset now)
    {
        var parsed = Jws.ReadCompact(token, _reader);
        if (!parsed.IsValid)
        {
            return new VerificationError(ClientAttestationErrors.Malformed, "The Client Attestation is not a compact JWS.") { Inner = parsed.Error };
        }

        var jws = parsed.Value;
        if (!string.Equals(jws.Type, ClientAttestation.Type, StringComparison.Ordinal))
        {
            return new VerificationError(ClientAttestationErrors.InvalidType, "The Client Attestation's typ must be oauth-client-attestation+jwt.");
        }

        // Section 6.1: the alg is acceptable and the signature verifies with a trusted Client Attester's key.
        var provider = AttestationJwt.VerifyAttester(
            jws,
            _options.TrustedProviderKeys,
            _anchors,
            _options.AllowedAlgorithms,
            now,
            _options.MaxChainLength,
            (ClientAttestationErrors.AlgorithmNotAllowed, ClientAttestationErrors.UntrustedProvider, ClientAttestationErrors.InvalidSignature));
        if (!provider.IsValid)
        {
            return provider.Error;
        }

        var payload = jws.ParsePayload(_reader);
        if (!payload.IsValid)
        {
            return new VerificationError(ClientAttestationErrors.Malformed, "The Client Attestation's payload is not a JSON object.") { Inner = payload.Error };
        }

        var claims = payload.Value;
        if (!claims.TryGetString("sub", out var sub) || sub.Length == 0
            || !AttestationJwt.TryReadDate(claims, "exp", out var exp) || exp is null
            || !AttestationJwt.TryReadDate(claims, "iat", out var iat) || !AttestationJwt.TryReadDate(claims, "nbf", out var nbf)
            || !AttestationJwt.TryReadString(claims, "iss", out var iss)
            || !AttestationJwt.TryReadString(claims, "wallet_name", out var walletName) || !AttestationJwt.TryReadString(claims, "wallet_link", out var walletLink))
        {
            return new VerificationError(ClientAttestationErrors.Malformed, "The Client Attestation needs a string sub and a numeric exp; iat, nbf, iss, wallet_name and wallet_link must be well typed.");
        }

        // Section 4: reject an attestation whose exp has passed, subject to the clock skew.
        if (exp.Value < now - _options.ClockSkew)
        {
            return new VerificationError(ClientAttestationErrors.Expired, "The Client Attestation has expired.");
        }

        if ((iat is { } issued && issued > now + _options.ClockSkew) || (nbf is { } notBefore && notBefore > now + _options.ClockSkew))
        {
            return new VerificationError(ClientAttestationErrors.NotYetValid, "The Client Attestation's iat or nbf is in the future.");
        }

        // Section 6.1: fresh enough per local policy.
        if (_options.MaxAttestationAge is { } maxAge && (iat is null || iat.Value < now - maxAge - _options.ClockSkew))
        {
            return new VerificationError(ClientAttestationErrors.Expired, "The Client Attestation is older than this server accepts.");
        }

        // Section 6.1: cnf holds the instance key as a jwk, and it is not a private key.
        if (!claims.TryGetProperty("cnf", out var cnf) || cnf.ValueKind != JsonValueKind.Object || !cnf.TryGetProperty("jwk", out var jwkElement))
        {
            return new VerificationError(ClientAttestationErrors.InvalidKey, "The Client Attestation has no cnf.jwk.");
        }

        var instanceKey = Jwk.ReadPublic(jwkElement);
        if (!instanceKey.IsValid)
        {
            return new VerificationError(ClientAttestationErrors.InvalidKey, "cnf.jwk is a private key or not a usable public key.") { Inner = instanceKey.Error };
        }

        return new VerifiedClientAttestation
        {
            ClientId = sub,
            Issuer = iss,
            ProviderKey = provider.Value,
            InstanceKey = instanceKey.Value,
            ExpiresAt = exp.Value,
            IssuedAt = iat,
            WalletName = walletName,
            WalletLink = walletLink,
        };
    }

    private VerificationResult<(string Jti, DateTimeOffset IssuedAt, string? Challenge)> CheckPop(string token, VerifiedClientAttestation attestation, string? expectedChallenge, DateTimeOffset now)
    {
        var parsed = Jws.ReadCompact(token, _reader);
        if (!parsed.IsValid)
        {
            return new VerificationError(ClientAttestationErrors.PopMalformed, "The Client Attestation PoP is not a compact JWS.") { Inner = parsed.Error };
        }

        var jws = parsed.Value;
        if (!string.Equals(jws.Type, ClientAttestation.PopType, StringComparison.Ordinal))
        {
            return new VerificationError(ClientAttestationErrors.PopMalformed, "The PoP's typ must be oauth-client-attestation-pop+jwt.");
        }

        if (!AttestationJwt.IsAllowed(jws.AlgorithmName, _options.AllowedPopAlgorithms))
        {
            return new VerificationError(ClientAttestationErrors.AlgorithmNotAllowed, "The PoP's algorithm is not allowed.");
        }

        // Section 5.1 rule 3: the PoP verifies with the key in the attestation's cnf claim.
        var imported = VerificationKey.FromJwk(attestation.InstanceKey);
        if (!imported.IsValid)
        {
            return new VerificationError(ClientAttestationErrors.InvalidKey, "cnf.jwk is not a usable key.") { Inner = imported.Error };
        }

        using (var key = imported.Value)
        {
            var signature = jws.VerifySignature(key, _options.AllowedPopAlgorithms);
            if (signature is not null)
            {
                return new VerificationError(ClientAttestationErrors.PopInvalidSignature, "The PoP is not signed by the attestation's cnf.jwk.") { Inner = signature };
            }
        }

        var payload = jws.ParsePayload(_reader);
        if (!payload.IsValid)
        {
            return new VerificationError(ClientAttestationErrors.PopMalformed, "The PoP's payload is not a JSON object.") { Inner = payload.Error };
        }

        var claims = payload.Value;
        if (!claims.TryGetString("jti", out var jti) || jti.Length is 0 or > MaxJtiLength
            || !AttestationJwt.TryReadDate(claims, "iat", out var iat) || iat is null
            || !AttestationJwt.TryReadString(claims, "iss", out var iss) || !AttestationJwt.TryReadString(claims, "challenge", out var challenge))
        {
            return new VerificationError(ClientAttestationErrors.PopMalformed, "The PoP needs a jti (at most 256 characters) and a numeric iat; iss and challenge must be strings.");
        }

        // Drafts before -08 carried the client_id as iss; when present it must name the attested client.
        if (iss is not null && !string.Equals(iss, attestation.ClientId, StringComparison.Ordinal))
        {
            return new VerificationError(ClientAttestationErrors.ClientIdMismatch, "The PoP's iss is not the attestation's sub.");
        }

        // Section 6.2: aud is this server's issuer identifier.
        if (!AttestationJwt.AudienceMatches(claims, _options.Audience!))
        {
            return new VerificationError(ClientAttestationErrors.PopAudienceMismatch, "The PoP's aud is not this server.");
        }

        // Section 6.2 and 12.1: iat within the accepted window, checked before the jti is looked up.
        if (iat.Value > now + _options.ClockSkew || iat.Value < now - _options.PopMaxAge - _options.ClockSkew)
        {
            return new VerificationError(ClientAttestationErrors.PopStale, "The PoP's iat is outside the accepted window.");
        }

        // Section 6.2: a server-provided challenge must come back.
        if (expectedChallenge is not null && !FixedTimeEquals(challenge, expectedChallenge))
        {
            return new VerificationError(ClientAttestationErrors.ChallengeMismatch, "The PoP does not carry the expected challenge.");
        }

        return (jti, iat.Value, challenge);
    }

    private static string? SingleHeader(IReadOnlyDictionary<string, IReadOnlyList<string>> headers, string name, out int count)
    {
        count = 0;
        string? value = null;
        foreach (var (key, values) in headers)
        {
            if (!string.Equals(key, name, StringComparison.OrdinalIgnoreCase) || values is null)
            {
                continue;
            }

            foreach (var v in values)
            {
                count++;
                value = v;
            }
        }

        return value;
    }

    private static string ReplayKey(Jwk instanceKey, string jti)
    {
        var input = Encoding.UTF8.GetBytes(instanceKey.ComputeThumbprint() + "\n" + jti);
        return StrictBase64Url.Encode(SHA256.HashData(input));
    }

    private static bool FixedTimeEquals(string? actual, string expected)
        => actual is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(actual), Encoding.UTF8.GetBytes(expected));
}
