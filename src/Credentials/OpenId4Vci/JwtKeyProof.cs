using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Jose;
using Credentials.Keys;

namespace Credentials.OpenId4Vci;

/// <summary>
/// The <c>jwt</c> key proof of OpenID4VCI 1.0 (appendix F.1): a JWT typed <c>openid4vci-proof+jwt</c>, signed by the
/// key the credential is to be bound to, carried in the header as <c>jwk</c>, with <c>aud</c> = the Credential Issuer
/// Identifier, <c>iat</c>, and the issuer's <c>c_nonce</c> as <c>nonce</c>.
/// </summary>
/// <remarks>
/// Keys named by <c>kid</c> are accepted only as <c>did:key</c>/<c>did:jwk</c> DID URLs and only when
/// <see cref="KeyProofValidationParameters.DidMethods"/> allows them; <c>x5c</c>, <c>key_attestation</c> and
/// <c>trust_chain</c> are not supported yet: such proofs are refused with <see cref="OpenId4VciErrors.InvalidProof"/>.
/// </remarks>
public static class JwtKeyProof
{
    /// <summary>The JOSE <c>typ</c> of a key proof.</summary>
    public const string Type = "openid4vci-proof+jwt";

    /// <summary>Creates a key proof.</summary>
    /// <param name="signer">The holder key's signer.</param>
    /// <param name="publicKey">The holder key's public JWK (must match the signer; written as the <c>jwk</c> header).</param>
    /// <param name="audience">The Credential Issuer Identifier.</param>
    /// <param name="nonce">The <c>c_nonce</c> from the Nonce Endpoint, if the issuer has one.</param>
    /// <param name="issuedAt">The proof's <c>iat</c>.</param>
    /// <param name="clientId">The client id as <c>iss</c>; omit it for anonymous Pre-Authorized Code access (appendix F.1).</param>
    /// <param name="cancellationToken">Cancels remote signing.</param>
    /// <returns>The compact JWT.</returns>
    /// <exception cref="ArgumentException"><paramref name="publicKey"/> contains a private key, or <paramref name="audience"/> is empty.</exception>
    public static async ValueTask<string> CreateAsync(ISigner signer, Jwk publicKey, string audience, string? nonce, DateTimeOffset issuedAt, string? clientId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(publicKey);
        ArgumentException.ThrowIfNullOrEmpty(audience);
        if (publicKey.HasPrivateKey)
        {
            throw new ArgumentException("The proof's jwk header must be a public key.", nameof(publicKey));
        }

        var payload = ProofPayload(audience, nonce, issuedAt, clientId);
        var headers = new Dictionary<string, JsonNode?>(StringComparer.Ordinal) { ["jwk"] = JsonNode.Parse((publicKey with { Kid = null }).ToJson()) };

        // 'kid' MUST NOT be present together with 'jwk' (appendix F.1).
        var withoutKid = signer.WithKeyId(null);
        return await JwsWriter.SignCompactAsync(withoutKid, Encoding.UTF8.GetBytes(payload), Type, headers, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates a key proof that carries a key attestation in its <c>key_attestation</c> header (appendix F.1, appendix D):
    /// signed by <paramref name="signer"/>, whose public key must be one of the attestation's <c>attested_keys</c> and is
    /// also written as the <c>jwk</c> header.
    /// </summary>
    /// <param name="signer">The holder key's signer.</param>
    /// <param name="publicKey">The holder key's public JWK (one of the attested keys).</param>
    /// <param name="keyAttestation">The key attestation JWT (<c>key-attestation+jwt</c>, with <c>exp</c> and, when the issuer has a Nonce Endpoint, its <c>c_nonce</c>).</param>
    /// <param name="audience">The Credential Issuer Identifier.</param>
    /// <param name="nonce">The <c>c_nonce</c> from the Nonce Endpoint, if the issuer has one.</param>
    /// <param name="issuedAt">The proof's <c>iat</c>.</param>
    /// <param name="clientId">The client id as <c>iss</c>; omit it for anonymous Pre-Authorized Code access.</param>
    /// <param name="cancellationToken">Cancels remote signing.</param>
    /// <returns>The compact JWT.</returns>
    /// <exception cref="ArgumentException"><paramref name="publicKey"/> contains a private key, or <paramref name="audience"/> or <paramref name="keyAttestation"/> is empty.</exception>
    public static async ValueTask<string> CreateWithKeyAttestationAsync(ISigner signer, Jwk publicKey, string keyAttestation, string audience, string? nonce, DateTimeOffset issuedAt, string? clientId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(publicKey);
        ArgumentException.ThrowIfNullOrEmpty(keyAttestation);
        ArgumentException.ThrowIfNullOrEmpty(audience);
        if (publicKey.HasPrivateKey)
        {
            throw new ArgumentException("The proof's jwk header must be a public key.", nameof(publicKey));
        }

        var payload = ProofPayload(audience, nonce, issuedAt, clientId);
        var headers = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["jwk"] = JsonNode.Parse((publicKey with { Kid = null }).ToJson()),
            ["key_attestation"] = JsonValue.Create(keyAttestation),
        };
        return await JwsWriter.SignCompactAsync(signer.WithKeyId(null), Encoding.UTF8.GetBytes(payload), Type, headers, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Verifies a key proof (appendix F.4) except for the nonce's freshness, which only the issuer's store can tell. Never
    /// throws for bad input. Checks, in order: JWS syntax, <c>typ</c>, key header (a public <c>jwk</c>, or a
    /// <c>kid</c> that is the DID URL of a <c>did:key</c>/<c>did:jwk</c> key when <see cref="KeyProofValidationParameters.DidMethods"/>
    /// allows its method; never both, no <c>x5c</c>), algorithm allow-list and signature, <c>aud</c>, <c>iat</c> window, <c>nonce</c> presence.
    /// </summary>
    /// <param name="jwt">The compact proof.</param>
    /// <param name="parameters">What to require.</param>
    /// <returns>The proved key (and DID) and claims, or <see cref="OpenId4VciErrors.InvalidProof"/> (the JOSE error as <see cref="VerificationError.Inner"/> when there is one),
    /// or <see cref="OpenId4VciErrors.UnsupportedBindingMethod"/> for a <c>kid</c> of a DID method that is not allowed.</returns>
    public static VerificationResult<VerifiedKeyProof> Verify(string jwt, KeyProofValidationParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(jwt);
        ArgumentNullException.ThrowIfNull(parameters);
        var parsed = Jws.ReadCompact(jwt);
        if (!parsed.IsValid)
        {
            return new VerificationError(OpenId4VciErrors.InvalidProof, "The key proof is not a valid compact JWS.") { Inner = parsed.Error };
        }

        var jws = parsed.Value;
        if (!string.Equals(jws.Type, Type, StringComparison.Ordinal))
        {
            return new VerificationError(OpenId4VciErrors.InvalidProof, "The key proof's typ must be openid4vci-proof+jwt.");
        }

        var header = jws.Header;
        if (header.TryGetProperty("x5c", out _) || header.TryGetProperty("trust_chain", out _)
            || (parameters.KeyAttestation is null && header.TryGetProperty(Credentials.OAuth.KeyAttestation.HeaderName, out _)))
        {
            return new VerificationError(OpenId4VciErrors.InvalidProof, "Key proofs with x5c, trust_chain or (here) key_attestation are not supported.");
        }

        Credentials.OAuth.VerifiedKeyAttestation? attestation = null;
        if (parameters.KeyAttestation is { } attestationValidator)
        {
            var checkedAttestation = VerifyKeyAttestation(header, attestationValidator, parameters);
            if (!checkedAttestation.IsValid)
            {
                return new VerificationError(OpenId4VciErrors.InvalidProof, "The key proof's key attestation is refused.") { Inner = checkedAttestation.Error };
            }

            attestation = checkedAttestation.Value;
        }

        string? did = null;
        Jwk publicKey;

        // With a key attestation, a kid that is no DID URL (appendix F.1's example uses an index) names an attested key.
        var hasKid = header.TryGetProperty("kid", out var kidElement);
        if (hasKid && attestation is not null && !header.TryGetProperty("jwk", out _)
            && !(kidElement.ValueKind == JsonValueKind.String && DidUrl.TryParse(kidElement.GetString(), out _)))
        {
            hasKid = false;
        }

        if (hasKid)
        {
            // Appendix F.1: kid MUST NOT be present together with jwk; a kid names the key by a DID URL.
            if (header.TryGetProperty("jwk", out _) || kidElement.ValueKind != JsonValueKind.String)
            {
                return new VerificationError(OpenId4VciErrors.InvalidProof, "A key proof's kid must be a string and must not come with a jwk header.");
            }

            if (parameters.DidMethods is null)
            {
                return new VerificationError(OpenId4VciErrors.InvalidProof, "Only key proofs with a 'jwk' header are accepted here.");
            }

            var resolved = ResolveDidKeyId(kidElement.GetString()!, parameters.DidMethods);
            if (!resolved.IsValid)
            {
                return resolved.Error;
            }

            (did, publicKey) = resolved.Value;
        }
        else if (attestation is not null && !header.TryGetProperty("jwk", out _))
        {
            // Appendix F.1 lets a proof with a key attestation name no key: the key is the attested key that verifies.
            if (!TryFindAttestedSigner(jws, attestation, parameters.AllowedAlgorithms, out publicKey))
            {
                return new VerificationError(OpenId4VciErrors.InvalidProof, "The key proof is not signed by an attested key.") { Inner = new VerificationError(Credentials.OAuth.KeyAttestationErrors.KeyNotAttested, "No attested key verifies the proof.") };
            }
        }
        else
        {
            if (!header.TryGetProperty("jwk", out var jwkElement))
            {
                return new VerificationError(OpenId4VciErrors.InvalidProof, "The key proof has no 'jwk' header.");
            }

            // OpenID4VCI 1.0 Appendix F.1: the jwk header MUST NOT contain a private key.
            var jwk = Jwk.ReadPublic(jwkElement);
            if (!jwk.IsValid)
            {
                return new VerificationError(OpenId4VciErrors.InvalidProof, (jwk.Error.Code == KeyErrors.PrivateKeyMaterial ? "The key proof's 'jwk' header contains a private key." : "The key proof's 'jwk' header is not a usable key.")) { Inner = jwk.Error };
            }

            publicKey = jwk.Value;
        }

        // Appendix D.1: with the jwt proof type, the proof must be signed by a key contained in the attestation.
        if (attestation is not null && !attestation.Attests(publicKey))
        {
            return new VerificationError(OpenId4VciErrors.InvalidProof, "The key proof's key is not one of the attested keys.") { Inner = new VerificationError(Credentials.OAuth.KeyAttestationErrors.KeyNotAttested, "The proof's key is not attested.") };
        }

        var key = VerificationKey.FromJwk(publicKey);
        if (!key.IsValid)
        {
            return new VerificationError(OpenId4VciErrors.InvalidProof, "The key proof's key is not a usable key.") { Inner = key.Error };
        }

        using (var verificationKey = key.Value)
        {
            var signature = jws.VerifySignature(verificationKey, parameters.AllowedAlgorithms);
            if (signature is not null)
            {
                return new VerificationError(OpenId4VciErrors.InvalidProof, "The key proof's signature does not verify with its 'jwk' under an allowed algorithm.") { Inner = signature };
            }
        }

        var payload = jws.ParsePayload();
        if (!payload.IsValid)
        {
            return new VerificationError(OpenId4VciErrors.InvalidProof, "The key proof's payload is not a JSON object.") { Inner = payload.Error };
        }

        var claims = payload.Value;
        if (!AudienceMatches(claims, parameters.Audience))
        {
            return new VerificationError(OpenId4VciErrors.InvalidProof, "The key proof's aud is not this Credential Issuer.");
        }

        if (!claims.TryGetProperty("iat", out var iatElement) || iatElement.ValueKind != JsonValueKind.Number || !iatElement.TryGetInt64(out var iat)
            || iat is < -62135596800 or > 253402300799)
        {
            return new VerificationError(OpenId4VciErrors.InvalidProof, "The key proof needs a numeric iat.");
        }

        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(iat);
        var now = parameters.TimeProvider.GetUtcNow();
        if (issuedAt > now + parameters.ClockSkew)
        {
            return new VerificationError(OpenId4VciErrors.InvalidProof, "The key proof's iat is in the future.");
        }

        if (issuedAt < now - parameters.MaxAge - parameters.ClockSkew)
        {
            return new VerificationError(OpenId4VciErrors.InvalidProof, "The key proof is too old.");
        }

        if (!OpenId4VciJson.TryOptionalString(claims, "nonce", out var nonce) || !OpenId4VciJson.TryOptionalString(claims, "iss", out var iss))
        {
            return new VerificationError(OpenId4VciErrors.InvalidProof, "The key proof's nonce and iss must be strings.");
        }

        if (parameters.RequireNonce && string.IsNullOrEmpty(nonce))
        {
            return new VerificationError(OpenId4VciErrors.InvalidProof, "The key proof carries no c_nonce.");
        }

        return new VerifiedKeyProof { Key = publicKey, Did = did, Nonce = nonce, IssuedAt = issuedAt, ClientId = iss, Algorithm = jws.AlgorithmName, KeyAttestation = attestation };
    }

    /// <summary>Creates a key proof that names the holder key by a DID URL (<c>kid</c>), for credentials bound to a DID (appendix F.1).</summary>
    /// <param name="signer">The holder key's signer.</param>
    /// <param name="keyId">The DID URL of the key, for example <c>did:key:z…#z…</c> or <c>did:jwk:…#0</c>.</param>
    /// <param name="audience">The Credential Issuer Identifier.</param>
    /// <param name="nonce">The <c>c_nonce</c> from the Nonce Endpoint, if the issuer has one.</param>
    /// <param name="issuedAt">The proof's <c>iat</c>.</param>
    /// <param name="clientId">The client id as <c>iss</c>; omit it for anonymous Pre-Authorized Code access.</param>
    /// <param name="cancellationToken">Cancels remote signing.</param>
    /// <returns>The compact JWT.</returns>
    /// <exception cref="ArgumentException"><paramref name="keyId"/> is not a DID URL, or <paramref name="audience"/> is empty.</exception>
    public static async ValueTask<string> CreateWithKeyIdAsync(ISigner signer, string keyId, string audience, string? nonce, DateTimeOffset issuedAt, string? clientId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentException.ThrowIfNullOrEmpty(audience);
        if (!DidUrl.TryParse(keyId, out _))
        {
            throw new ArgumentException("The key id must be a DID URL.", nameof(keyId));
        }

        var payload = ProofPayload(audience, nonce, issuedAt, clientId);
        return await JwsWriter.SignCompactAsync(signer.WithKeyId(keyId), Encoding.UTF8.GetBytes(payload), Type, null, cancellationToken).ConfigureAwait(false);
    }

    // Section F.1: iss (when a client id is known), aud, iat, and the c_nonce when the issuer gave one.
    private static string ProofPayload(string audience, string? nonce, DateTimeOffset issuedAt, string? clientId) => OpenId4VciJson.Write(w =>
    {
        w.WriteStartObject();
        if (clientId is not null)
        {
            w.WriteString("iss", clientId);
        }

        w.WriteString("aud", audience);
        w.WriteNumber("iat", issuedAt.ToUnixTimeSeconds());
        if (nonce is not null)
        {
            w.WriteString("nonce", nonce);
        }

        w.WriteEndObject();
    });

    private static VerificationResult<(string Did, Jwk Key)> ResolveDidKeyId(string kid, IReadOnlyList<string> methods)
    {
        if (!DidUrl.TryParse(kid, out var url) || url.Fragment is null || url.Query is not null || url.Path.Length != 0)
        {
            return new VerificationError(OpenId4VciErrors.UnsupportedBindingMethod, "The key proof's kid is not a DID URL with a fragment.");
        }

        var did = url.Did;
        var method = "did:" + did.Method;
        var allowed = false;
        foreach (var m in methods)
        {
            allowed |= string.Equals(m, method, StringComparison.Ordinal);
        }

        if (!allowed || (did.Method != DidMethodNames.Key && did.Method != DidMethodNames.Jwk))
        {
            return new VerificationError(OpenId4VciErrors.UnsupportedBindingMethod, "The key proof's kid is a DID of a method the Credential Configuration does not allow.");
        }

        var isKey = did.Method == DidMethodNames.Key;
        var key = isKey ? DidKey.GetPublicKey(did) : DidJwk.GetPublicKey(did);
        if (!key.IsValid)
        {
            return new VerificationError(OpenId4VciErrors.InvalidProof, "The key proof's kid names no usable key.") { Inner = key.Error };
        }

        // The kid must be the DID's own verification method (did:key v0.9 section 3.1.2; did:jwk: '#0').
        var expected = isKey ? DidKey.GetKeyId(did) : DidJwk.GetKeyId(did);
        if (expected != url)
        {
            return new VerificationError(OpenId4VciErrors.InvalidProof, "The key proof's kid is not the DID's verification method.");
        }

        return (did.Value, key.Value);
    }

    private static VerificationResult<Credentials.OAuth.VerifiedKeyAttestation> VerifyKeyAttestation(JsonElement header, Credentials.OAuth.KeyAttestationValidator validator, KeyProofValidationParameters parameters)
    {
        if (!header.TryGetProperty(Credentials.OAuth.KeyAttestation.HeaderName, out var element))
        {
            return new VerificationError(Credentials.OAuth.KeyAttestationErrors.Missing, "The key proof carries no key_attestation header.");
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return new VerificationError(Credentials.OAuth.KeyAttestationErrors.Malformed, "The key_attestation header must be a JWT string.");
        }

        // Appendix D.1: exp is required with the jwt proof type; appendix F.1: the nonce is a c_nonce when the issuer gives one.
        var verified = validator.Validate(element.GetString()!, requireExpiry: true, requireNonce: parameters.RequireNonce);
        if (!verified.IsValid)
        {
            return verified.Error;
        }

        // Appendix F.1: the key attestation's alg must be one of proof_signing_alg_values_supported.
        foreach (var allowed in parameters.AllowedAlgorithms)
        {
            if (string.Equals(allowed.Name, verified.Value.Algorithm, StringComparison.Ordinal))
            {
                return verified;
            }
        }

        return new VerificationError(Credentials.OAuth.KeyAttestationErrors.AlgorithmNotAllowed, "The key attestation's algorithm is not among proof_signing_alg_values_supported.");
    }

    private static bool TryFindAttestedSigner(Jws jws, Credentials.OAuth.VerifiedKeyAttestation attestation, IReadOnlyList<JwsAlgorithm> algorithms, out Jwk key)
    {
        foreach (var candidate in attestation.AttestedKeys)
        {
            var imported = VerificationKey.FromJwk(candidate);
            if (!imported.IsValid)
            {
                continue;
            }

            using var verificationKey = imported.Value;
            if (jws.VerifySignature(verificationKey, algorithms) is null)
            {
                key = candidate;
                return true;
            }
        }

        key = null!;
        return false;
    }

    private static bool AudienceMatches(JsonElement claims, string audience)
    {
        if (!claims.TryGetProperty("aud", out var aud))
        {
            return false;
        }

        if (aud.ValueKind == JsonValueKind.String)
        {
            return string.Equals(aud.GetString(), audience, StringComparison.Ordinal);
        }

        // RFC 7519 allows an array; the proof is for exactly one issuer, so only a single-element array is accepted.
        return aud.ValueKind == JsonValueKind.Array && aud.GetArrayLength() == 1 && aud[0].ValueKind == JsonValueKind.String
            && string.Equals(aud[0].GetString(), audience, StringComparison.Ordinal);
    }
}
