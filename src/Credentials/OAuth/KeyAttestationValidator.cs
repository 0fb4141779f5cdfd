using System;
using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Credentials.Internal;
using Credentials.Jose;
using Credentials.Keys;

namespace Credentials.OAuth;

/// <summary>
/// Validates key attestations (OpenID4VCI 1.0 appendix D) against a <see cref="KeyAttestationPolicy"/>. Never throws
/// for bad input; no I/O (trust comes from configured keys and anchors). Stateless and thread-safe.
/// </summary>
/// <remarks>
/// Checks, in order: JWS syntax, <c>typ</c>, algorithm allow-list, the attester's key (<c>x5c</c> chain to a trust
/// anchor, or a trusted key) and signature; <c>iat</c>, <c>exp</c>; <c>attested_keys</c> (public, usable, distinct,
/// within the limit); <c>key_storage</c> and <c>user_authentication</c> against the policy; <c>nonce</c> when asked.
/// The attestation's <c>status</c> is not checked.
/// </remarks>
public sealed class KeyAttestationValidator
{
    private readonly KeyAttestationPolicy _policy;
    private readonly X509Certificate2Collection _anchors;
    private static readonly JwsReaderOptions s_reader = new() { MaxTokenLength = 64 * 1024, MaxJsonDepth = 16 };

    /// <summary>Creates the validator.</summary>
    /// <param name="policy">Trust and requirements.</param>
    /// <exception cref="InvalidOperationException">The policy is invalid: no trusted key or anchor, an empty level or algorithm list, or a non-positive limit.</exception>
    public KeyAttestationValidator(KeyAttestationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.TrustedAttesterKeys is null || policy.TrustAnchors is null || policy.TrustedAttesterKeys.Count + policy.TrustAnchors.Count == 0
            || policy.AllowedAlgorithms is not { Count: > 0 } || policy.KeyStorage is { Count: 0 } || policy.UserAuthentication is { Count: 0 }
            || policy.ClockSkew < TimeSpan.Zero || policy.MaxAge <= TimeSpan.Zero || policy.MaxAttestedKeys < 1 || policy.MaxChainLength < 1 || policy.TimeProvider is null)
        {
            throw new InvalidOperationException("KeyAttestationPolicy needs at least one trusted attester key or trust anchor, non-empty algorithm and level lists (or null levels), and positive limits.");
        }

        foreach (var key in policy.TrustedAttesterKeys)
        {
            if (key is null || key.HasPrivateKey)
            {
                throw new InvalidOperationException("KeyAttestationPolicy.TrustedAttesterKeys must be public keys.");
            }
        }

        _policy = policy;
        _anchors = [.. policy.TrustAnchors];
    }

    /// <summary>The policy.</summary>
    public KeyAttestationPolicy Policy => _policy;

    /// <summary>Validates a key attestation JWT.</summary>
    /// <param name="jwt">The compact key attestation.</param>
    /// <param name="requireExpiry">Whether <c>exp</c> must be present (appendix D.1: with the <c>jwt</c> proof type).</param>
    /// <param name="requireNonce">Whether <c>nonce</c> must be present (the issuer has a Nonce Endpoint, appendix F.1 and F.3).</param>
    /// <returns>The attested keys and their levels, or a <see cref="KeyAttestationErrors"/> code.</returns>
    public VerificationResult<VerifiedKeyAttestation> Validate(string jwt, bool requireExpiry = false, bool requireNonce = false)
    {
        ArgumentNullException.ThrowIfNull(jwt);
        var parsed = Jws.ReadCompact(jwt, s_reader);
        if (!parsed.IsValid)
        {
            return new VerificationError(KeyAttestationErrors.Malformed, "The key attestation is not a compact JWS.") { Inner = parsed.Error };
        }

        var jws = parsed.Value;
        if (!string.Equals(jws.Type, KeyAttestation.Type, StringComparison.Ordinal))
        {
            return new VerificationError(KeyAttestationErrors.InvalidType, "The key attestation's typ must be key-attestation+jwt.");
        }

        var now = _policy.TimeProvider.GetUtcNow();
        var attester = AttestationJwt.VerifyAttester(
            jws,
            _policy.TrustedAttesterKeys,
            _anchors,
            _policy.AllowedAlgorithms,
            now,
            _policy.MaxChainLength,
            (KeyAttestationErrors.AlgorithmNotAllowed, KeyAttestationErrors.UntrustedAttester, KeyAttestationErrors.InvalidSignature));
        if (!attester.IsValid)
        {
            return attester.Error;
        }

        var payload = jws.ParsePayload(s_reader);
        if (!payload.IsValid)
        {
            return new VerificationError(KeyAttestationErrors.Malformed, "The key attestation's payload is not a JSON object.") { Inner = payload.Error };
        }

        var claims = payload.Value;
        if (!AttestationJwt.TryReadDate(claims, "iat", out var iat) || iat is null || !AttestationJwt.TryReadDate(claims, "exp", out var exp)
            || !AttestationJwt.TryReadString(claims, "iss", out var iss) || !AttestationJwt.TryReadString(claims, "nonce", out var nonce)
            || !AttestationJwt.TryReadString(claims, "certification", out var certification)
            || !TryReadLevels(claims, "key_storage", out var keyStorage) || !TryReadLevels(claims, "user_authentication", out var userAuthentication))
        {
            return new VerificationError(KeyAttestationErrors.Malformed, "The key attestation needs a numeric iat; exp, iss, nonce, certification, key_storage and user_authentication must be well typed.");
        }

        if (requireExpiry && exp is null)
        {
            return new VerificationError(KeyAttestationErrors.Malformed, "A key attestation in a jwt proof must carry exp (appendix D.1).");
        }

        if (iat.Value > now + _policy.ClockSkew)
        {
            return new VerificationError(KeyAttestationErrors.NotYetValid, "The key attestation's iat is in the future.");
        }

        if ((exp is { } expiry && expiry < now - _policy.ClockSkew) || (_policy.MaxAge is { } maxAge && iat.Value < now - maxAge - _policy.ClockSkew))
        {
            return new VerificationError(KeyAttestationErrors.Expired, "The key attestation has expired or is older than the policy accepts.");
        }

        var keys = ReadAttestedKeys(claims);
        if (!keys.IsValid)
        {
            return keys.Error;
        }

        // Section 12.2.4: the issuer accepts the levels it published in key_attestations_required.
        if (_policy.KeyStorage is { } acceptedStorage && !Intersects(keyStorage, acceptedStorage))
        {
            return new VerificationError(KeyAttestationErrors.KeyStorageInsufficient, "The key storage's attack potential resistance is not one the issuer accepts.");
        }

        if (_policy.UserAuthentication is { } acceptedAuthentication && !Intersects(userAuthentication, acceptedAuthentication))
        {
            return new VerificationError(KeyAttestationErrors.UserAuthenticationInsufficient, "The user authentication's attack potential resistance is not one the issuer accepts.");
        }

        if (requireNonce && string.IsNullOrEmpty(nonce))
        {
            return new VerificationError(KeyAttestationErrors.NonceMissing, "The key attestation carries no c_nonce.");
        }

        return new VerifiedKeyAttestation
        {
            AttestedKeys = keys.Value,
            KeyStorage = keyStorage,
            UserAuthentication = userAuthentication,
            AttesterKey = attester.Value,
            Issuer = iss,
            IssuedAt = iat.Value,
            ExpiresAt = exp,
            Nonce = nonce,
            Certification = certification,
            Algorithm = jws.AlgorithmName,
        };
    }

    private VerificationResult<IReadOnlyList<Jwk>> ReadAttestedKeys(JsonElement claims)
    {
        // Appendix D.1: attested_keys is a non-empty array of JWKs.
        if (!claims.TryGetProperty("attested_keys", out var array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            return new VerificationError(KeyAttestationErrors.InvalidAttestedKeys, "attested_keys must be a non-empty array.");
        }

        if (array.GetArrayLength() > _policy.MaxAttestedKeys)
        {
            return new VerificationError(KeyAttestationErrors.InvalidAttestedKeys, $"attested_keys holds more than {_policy.MaxAttestedKeys} keys.");
        }

        var keys = new List<Jwk>(array.GetArrayLength());
        var thumbprints = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in array.EnumerateArray())
        {
            var key = Jwk.ReadPublic(item);
            if (!key.IsValid)
            {
                return new VerificationError(KeyAttestationErrors.InvalidAttestedKeys, "An attested key is a private key or not a usable public key.") { Inner = key.Error };
            }

            if (!thumbprints.Add(key.Value.ComputeThumbprint()))
            {
                return new VerificationError(KeyAttestationErrors.InvalidAttestedKeys, "attested_keys repeats a key.");
            }

            keys.Add(key.Value);
        }

        return keys;
    }

    private static bool TryReadLevels(JsonElement claims, string name, out IReadOnlyList<string> levels)
    {
        levels = [];
        if (!claims.TryGetProperty(name, out var array))
        {
            return true;
        }

        // Appendix D.1: a non-empty array of case-sensitive strings.
        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() is 0 or > 16)
        {
            return false;
        }

        var list = new List<string>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            list.Add(item.GetString()!);
        }

        levels = list;
        return true;
    }

    private static bool Intersects(IReadOnlyList<string> stated, IReadOnlyList<string> accepted)
    {
        foreach (var s in stated)
        {
            foreach (var a in accepted)
            {
                if (string.Equals(s, a, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
