using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Internal;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.W3c.VcJose;

namespace Credentials.W3c.OpenBadges;

/// <summary>
/// Verifies Open Badges 3.0 credentials secured with the JSON Web Token proof format (section 8.2): a compact JWS whose
/// header has <c>alg</c>, <c>typ</c> <c>JWT</c> (or none) and the key as <c>jwk</c> or <c>kid</c>, and whose payload is
/// the credential with the registered claims <c>iss</c>, <c>jti</c>, <c>sub</c>, <c>nbf</c> and <c>exp</c>. It reports
/// every check: the JWS and its signature (<c>RS256</c>, which the format requires, and the elliptic-curve algorithms
/// the options allow), the key's binding to the issuer, the data model and the claims against it, and the validity
/// period. Never throws for bad input. Stateless and thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// A token that carries its own key in <c>jwk</c> proves only that the holder of that key signed it.
/// <see cref="W3cCheckKind.Proof"/> passes with that key; <see cref="W3cCheckKind.IssuerTrust"/> passes only when the
/// key is bound to the issuer (a key configured in <see cref="OpenBadgeJwtVerifierOptions.IssuerKeys"/>, or a
/// <c>kid</c> that is a DID URL of the issuer's DID resolving to the same key) and is otherwise
/// <see cref="CheckOutcome.NotChecked"/> (with <see cref="OpenBadgeJwtErrors.KeyNotBound"/> as the reason) or, when
/// trust is configured, failed.
/// </para>
/// <para>
/// Credential status is reported as <see cref="CheckOutcome.NotChecked"/>; <see cref="W3cCredentialVerifier"/> checks
/// it when given these options through <see cref="W3cCredentialVerifierOptions.OpenBadgeJwt"/>.
/// </para>
/// </remarks>
public sealed class OpenBadgeJwtVerifier
{
    /// <summary>The name of this securing mechanism in <see cref="VerifiedW3cCredential.SecuringMechanism"/>.</summary>
    public const string SecuringMechanism = "openbadges-jwt";

    private static readonly string[] s_allowedHeaderNames = ["alg", "typ", "kid", "jwk"];

    private readonly IDidResolver _didResolver;
    private readonly OpenBadgeJwtVerifierOptions _options;
    private readonly JwsAlgorithm[] _ecAlgorithms;

    // The configured keys of each issuer with their RFC 7638 thumbprints, computed once.
    private readonly FrozenDictionary<string, (Jwk Key, string Thumbprint)[]>? _issuerKeys;

    /// <summary>Creates a verifier.</summary>
    /// <param name="didResolver">Resolves a <c>kid</c> that is a DID URL of the issuer's DID.</param>
    /// <param name="options">Algorithms, keys, clock and limits; <see cref="OpenBadgeJwtVerifierOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">An option is null or out of range.</exception>
    public OpenBadgeJwtVerifier(IDidResolver didResolver, OpenBadgeJwtVerifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(didResolver);
        options ??= OpenBadgeJwtVerifierOptions.Default;
        options.Validate(nameof(options));
        _didResolver = didResolver;
        _options = options;
        var ec = new List<JwsAlgorithm>();
        foreach (var name in options.AllowedAlgorithms)
        {
            if (JwsAlgorithm.TryGet(name, out var algorithm))
            {
                ec.Add(algorithm);
            }
        }

        _ecAlgorithms = [.. ec];
        if (options.IssuerKeys is { } configured)
        {
            var keys = new Dictionary<string, (Jwk, string)[]>(StringComparer.Ordinal);
            foreach (var (issuer, list) in configured)
            {
                var entries = new (Jwk, string)[list.Count];
                for (var i = 0; i < entries.Length; i++)
                {
                    entries[i] = (list[i], list[i].ComputeThumbprint());
                }

                keys[issuer] = entries;
            }

            _issuerKeys = keys.ToFrozenDictionary(StringComparer.Ordinal);
        }
    }

    private enum KeyBinding
    {
        None,
        Configured,
        Did,
    }

    /// <summary>Verifies a credential secured as an Open Badges JWT (section 8.2.6).</summary>
    /// <param name="token">The compact JWS.</param>
    /// <param name="cancellationToken">Cancels DID resolution.</param>
    /// <returns>The credential and every check, or the first error with every check up to it.</returns>
    public async ValueTask<W3cVerificationResult> VerifyAsync(string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        var checks = W3cChecks.ForCredential();

        // Section 8.2.6 step 1: the JOSE header, with only the parameters section 8.2.3 allows.
        var read = Jws.ReadCompact(token, _options.Jws, OpenBadgeJwtRsa.Rs256);
        if (!read.IsValid)
        {
            return checks.Failure(W3cCheckKind.Proof, read.Error);
        }

        var jws = read.Value;
        var headerError = CheckHeader(jws);
        if (headerError is not null)
        {
            return checks.Failure(W3cCheckKind.Proof, headerError);
        }

        Jwk? headerKey = null;
        if (jws.Header.TryGetProperty("jwk", out var jwkElement))
        {
            // Section 8.2.3: the jwk never holds a private key ("d" or any other private member).
            var jwk = jwkElement.ValueKind == JsonValueKind.Object
                ? Jwk.ReadPublic(jwkElement)
                : new VerificationError(OpenBadgeJwtErrors.InvalidHeader, "The 'jwk' header must be a JSON object.");
            if (!jwk.IsValid)
            {
                return checks.Failure(W3cCheckKind.Proof, jwk.Error);
            }

            headerKey = jwk.Value;
        }

        var payloadResult = jws.ParsePayload(_options.Jws);
        if (!payloadResult.IsValid)
        {
            return checks.Failure(W3cCheckKind.Proof, payloadResult.Error);
        }

        var payload = payloadResult.Value;
        var issuerId = VcJwtClaims.SignerId(payload, "issuer");

        // Section 8.2.6 steps 2 and 3: the key from jwk, or by dereferencing kid.
        Jwk key;
        var binding = KeyBinding.None;
        if (headerKey is not null)
        {
            key = headerKey;
        }
        else
        {
            var resolved = await ResolveKeyIdAsync(jws.KeyId!, issuerId, cancellationToken).ConfigureAwait(false);
            if (!resolved.IsValid)
            {
                return checks.Failure(W3cCheckKind.IssuerTrust, resolved.Error);
            }

            (key, binding) = resolved.Value;
        }

        // Step 4: the signature (RFC 7515 section 5.2).
        var signatureError = VerifySignature(jws, key);
        if (signatureError is not null)
        {
            return checks.Failure(W3cCheckKind.Proof, signatureError);
        }

        checks.Pass(W3cCheckKind.Proof);

        // Steps 5 and 6: the payload is the credential (not wrapped in 'vc'), and section 8.2.6.1 on its claims.
        if (payload.TryGetProperty("vc", out _))
        {
            return checks.Failure(W3cCheckKind.DataModel, new VerificationError(OpenBadgeJwtErrors.LegacyPayload, "The payload wraps the credential in a 'vc' claim (VC Data Model 1.1).") { Path = ClaimPath.Of("vc") });
        }

        var credentialResult = W3cCredential.ReadElement(payload);
        if (!credentialResult.IsValid)
        {
            return checks.Failure(W3cCheckKind.DataModel, credentialResult.Error);
        }

        var credential = credentialResult.Value;
        var claimError = CheckClaims(payload, credential, _options.RequireTimeClaims, out var exp);
        if (claimError is not null)
        {
            return checks.Failure(claimError.Code == OpenBadgeJwtErrors.IssuerMismatch ? W3cCheckKind.IssuerTrust : W3cCheckKind.DataModel, claimError);
        }

        checks.Pass(W3cCheckKind.DataModel);

        if (headerKey is not null)
        {
            var bound = await BindHeaderKeyAsync(headerKey, jws.KeyId, credential.Issuer.Id, cancellationToken).ConfigureAwait(false);
            if (!bound.IsValid)
            {
                return checks.Failure(W3cCheckKind.IssuerTrust, bound.Error);
            }

            binding = bound.Value;
        }

        var trustError = DecideTrust(checks, binding, credential.Issuer.Id);
        if (trustError is not null)
        {
            return checks.Failure(W3cCheckKind.IssuerTrust, trustError);
        }

        // Section 8.2.6.1 and section 9: validFrom (= nbf) reached, validUntil (= exp, which sets it when absent) not passed.
        var now = _options.TimeProvider.GetUtcNow();
        var timeError = credential.CheckValidityPeriod(now, _options.ClockSkew);
        if (timeError is null && credential.ValidUntil is null && exp is { } expiry && expiry < SaturatingTime.Subtract(now, _options.ClockSkew))
        {
            timeError = new VerificationError(VcErrors.Expired, "The credential is no longer valid (exp).") { Path = ClaimPath.Of("exp") };
        }

        if (timeError is not null)
        {
            return checks.Failure(W3cCheckKind.ValidityPeriod, timeError);
        }

        checks.Pass(W3cCheckKind.ValidityPeriod);
        checks.NotChecked(W3cCheckKind.Status);
        return checks.Success(new VerifiedW3cCredential(credential, SecuringMechanism, jws.KeyId, jws.AlgorithmName));
    }

    /// <summary>Whether a compact JWS is meant as an Open Badges JWT rather than a <c>vc+jwt</c>: its <c>typ</c> is <c>JWT</c>, or absent.</summary>
    internal static bool IsOpenBadgeJwt(ReadOnlySpan<char> token, bool whenUntyped)
    {
        var dot = token.IndexOf('.');
        if (dot <= 0 || dot > 8192)
        {
            return false;
        }

        var header = StrictBase64Url.TryDecode(token[..dot]);
        if (header is null || !SafeJson.TryParseElement(header, out var element, 8) || element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (!element.TryGetProperty("typ", out var typ))
        {
            return whenUntyped;
        }

        return typ.ValueKind == JsonValueKind.String && string.Equals(typ.GetString(), "JWT", StringComparison.OrdinalIgnoreCase);
    }

    private VerificationError? CheckHeader(Jws jws)
    {
        foreach (var member in jws.Header.EnumerateObject())
        {
            if (Array.IndexOf(s_allowedHeaderNames, member.Name) < 0)
            {
                return new VerificationError(OpenBadgeJwtErrors.InvalidHeader, $"The JOSE header parameter '{(member.Name.Length <= 32 ? member.Name : member.Name[..32])}' is not allowed (section 8.2.3).");
            }
        }

        // Section 8.2.3: typ, if present, MUST be "JWT" (media type names compare case-insensitively, RFC 7515 section 4.1.9).
        if (jws.Type is { } typ && !string.Equals(typ, "JWT", StringComparison.OrdinalIgnoreCase))
        {
            return new VerificationError(OpenBadgeJwtErrors.InvalidType, "The JOSE header 'typ' must be JWT.");
        }

        // The verifier's allow-list, checked before any key is looked at.
        var allowed = false;
        foreach (var name in _options.AllowedAlgorithms)
        {
            allowed |= string.Equals(name, jws.AlgorithmName, StringComparison.Ordinal);
        }

        if (!allowed)
        {
            return new VerificationError(JoseErrors.AlgorithmNotAllowed, $"The algorithm '{jws.AlgorithmName}' is not allowed by this verifier.");
        }

        // Section 8.2.3: without kid, the header MUST carry the key as jwk.
        if (jws.KeyId is null && !jws.Header.TryGetProperty("jwk", out _))
        {
            return new VerificationError(OpenBadgeJwtErrors.InvalidHeader, "The JOSE header names no key: it needs 'kid' or 'jwk'.");
        }

        return null;
    }

    private VerificationError? VerifySignature(Jws jws, Jwk key)
    {
        if (string.Equals(jws.AlgorithmName, OpenBadgeJwtRsa.Rs256, StringComparison.Ordinal))
        {
            return OpenBadgeJwtRsa.Verify(jws, key, _options.MinimumRsaKeySize);
        }

        if (string.Equals(key.Kty, JwkKeyTypes.Rsa, StringComparison.Ordinal))
        {
            return new VerificationError(JoseErrors.KeyAlgorithmMismatch, $"An RSA key cannot verify '{jws.AlgorithmName}'.");
        }

        var imported = VerificationKey.FromJwk(key);
        if (!imported.IsValid)
        {
            return imported.Error;
        }

        using var verificationKey = imported.Value;
        return jws.VerifySignature(verificationKey, _ecAlgorithms);
    }

    // Section 8.5: a kid is dereferenced to a public key: a key configured for the issuer with that kid, or a DID URL
    // of the issuer's DID listed under assertionMethod.
    private async ValueTask<VerificationResult<(Jwk Key, KeyBinding Binding)>> ResolveKeyIdAsync(string kid, string? issuerId, CancellationToken cancellationToken)
    {
        if (issuerId is not null && _issuerKeys is { } configured && configured.TryGetValue(issuerId, out var keys))
        {
            foreach (var (candidate, _) in keys)
            {
                if (string.Equals(candidate.Kid, kid, StringComparison.Ordinal))
                {
                    return (candidate, KeyBinding.Configured);
                }
            }
        }

        if (kid.StartsWith("did:", StringComparison.Ordinal))
        {
            var resolved = await ResolveDidKeyAsync(kid, issuerId, cancellationToken).ConfigureAwait(false);
            return resolved.IsValid ? (resolved.Value, KeyBinding.Did) : resolved.Error;
        }

        return new VerificationError(OpenBadgeJwtErrors.KeyUnresolved, "The 'kid' is neither a key configured for the issuer nor a DID URL of the issuer's DID.");
    }

    private async ValueTask<VerificationResult<Jwk>> ResolveDidKeyAsync(string kid, string? issuerId, CancellationToken cancellationToken)
    {
        if (!DidUrl.TryParse(kid, out var url) || !Did.TryParse(issuerId, out var issuerDid) || url.Did != issuerDid)
        {
            return new VerificationError(VcErrors.IssuerKeyMismatch, "The 'kid' is not a DID URL of the issuer's DID.");
        }

        var document = await _didResolver.ResolveAsync(url.Did, cancellationToken).ConfigureAwait(false);
        if (!document.IsValid)
        {
            return new VerificationError(OpenBadgeJwtErrors.KeyUnresolved, "The issuer's DID does not resolve.") { Inner = document.Error };
        }

        var method = document.Value.FindVerificationMethod(url);
        if (!method.IsValid)
        {
            return new VerificationError(OpenBadgeJwtErrors.KeyUnresolved, "The issuer's DID document has no such verification method.") { Inner = method.Error };
        }

        if (!document.Value.IsAuthorized(url, VerificationRelationship.AssertionMethod))
        {
            return new VerificationError(VcErrors.IssuerKeyMismatch, "The 'kid' is not an assertionMethod of the issuer's DID.");
        }

        var key = method.Value.GetPublicKey();
        return key.IsValid ? key : new VerificationError(OpenBadgeJwtErrors.KeyUnresolved, "The verification method's key is not usable.") { Inner = key.Error };
    }

    // Whether the key in the jwk header is the issuer's: among its configured keys, or the key its DID kid names.
    private async ValueTask<VerificationResult<KeyBinding>> BindHeaderKeyAsync(Jwk headerKey, string? kid, string issuerId, CancellationToken cancellationToken)
    {
        var thumbprint = headerKey.ComputeThumbprint();
        if (_issuerKeys is { } configured && configured.TryGetValue(issuerId, out var keys))
        {
            foreach (var (_, candidate) in keys)
            {
                if (string.Equals(candidate, thumbprint, StringComparison.Ordinal))
                {
                    return KeyBinding.Configured;
                }
            }

            return new VerificationError(VcErrors.IssuerKeyMismatch, "The token's key is not one of the keys configured for its issuer.");
        }

        if (kid is not null && kid.StartsWith("did:", StringComparison.Ordinal))
        {
            var resolved = await ResolveDidKeyAsync(kid, issuerId, cancellationToken).ConfigureAwait(false);
            if (!resolved.IsValid)
            {
                return resolved.Error;
            }

            return string.Equals(resolved.Value.ComputeThumbprint(), thumbprint, StringComparison.Ordinal)
                ? KeyBinding.Did
                : new VerificationError(VcErrors.IssuerKeyMismatch, "The 'jwk' header is not the key its DID 'kid' names.");
        }

        return KeyBinding.None;
    }

    private VerificationError? DecideTrust(W3cChecks checks, KeyBinding binding, string issuerId)
    {
        var trusted = _options.TrustedIssuers;
        if (trusted is not null && !trusted.Contains(issuerId))
        {
            return new VerificationError(VcErrors.UntrustedIssuer, "The credential's issuer is not a trusted issuer.");
        }

        switch (binding)
        {
            case KeyBinding.Configured:
                checks.Pass(W3cCheckKind.IssuerTrust);
                return null;

            case KeyBinding.Did:
                if (trusted is not null)
                {
                    checks.Pass(W3cCheckKind.IssuerTrust);
                }
                else
                {
                    checks.NotChecked(W3cCheckKind.IssuerTrust);
                }

                return null;

            default:
                if (trusted is not null)
                {
                    return new VerificationError(VcErrors.IssuerKeyMismatch, "Nothing binds the token's own key to its trusted issuer.");
                }

                if (_options.IssuerKeys is not null)
                {
                    return new VerificationError(VcErrors.UntrustedIssuer, "No key is configured for the credential's issuer.");
                }

                checks.NotChecked(W3cCheckKind.IssuerTrust, new VerificationError(OpenBadgeJwtErrors.KeyNotBound, "The token verifies with its own 'jwk' and nothing binds that key to the issuer."));
                return null;
        }
    }

    /// <summary>Section 8.2.6.1: the registered claims against the members they stand for.</summary>
    internal static VerificationError? CheckClaims(JsonElement payload, W3cCredential credential, bool requireTimeClaims, out DateTimeOffset? exp)
    {
        exp = null;
        if (!payload.TryGetProperty("iss", out var iss))
        {
            return Missing("iss");
        }

        if (iss.ValueKind != JsonValueKind.String)
        {
            return Invalid("iss");
        }

        if (!iss.ValueEquals(credential.Issuer.Id))
        {
            return new VerificationError(OpenBadgeJwtErrors.IssuerMismatch, "'iss' is not the credential's issuer.id.") { Path = ClaimPath.Of("iss") };
        }

        var error = CheckString(payload, "jti", credential.Id is null ? [] : [credential.Id]);
        if (error is not null)
        {
            return error;
        }

        var subjectIds = new List<string>();
        foreach (var subject in credential.CredentialSubjects)
        {
            if (subject.Id is { } id)
            {
                subjectIds.Add(id);
            }
        }

        error = CheckString(payload, "sub", subjectIds);
        if (error is not null)
        {
            return error;
        }

        error = CheckTime(payload, "nbf", credential.ValidFrom, requireTimeClaims, out _);
        return error ?? CheckTime(payload, "exp", credential.ValidUntil, requireTimeClaims && credential.ValidUntil is not null, out exp);
    }

    // A string claim that stands for one of the given values: required when there is one, refused when there is none.
    private static VerificationError? CheckString(JsonElement payload, string name, List<string> values)
    {
        if (!payload.TryGetProperty(name, out var claim))
        {
            return values.Count > 0 ? Missing(name) : null;
        }

        if (claim.ValueKind != JsonValueKind.String)
        {
            return Invalid(name);
        }

        foreach (var value in values)
        {
            if (claim.ValueEquals(value))
            {
                return null;
            }
        }

        return new VerificationError(OpenBadgeJwtErrors.ClaimMismatch, $"'{name}' does not match the member it stands for.") { Path = ClaimPath.Of(name) };
    }

    // A NumericDate claim equal, to the second, to the date it stands for (or, for exp without validUntil, the date itself).
    private static VerificationError? CheckTime(JsonElement payload, string name, DateTimeOffset? member, bool required, out DateTimeOffset? value)
    {
        value = null;
        if (!payload.TryGetProperty(name, out var claim))
        {
            return required ? Missing(name) : null;
        }

        if (claim.ValueKind != JsonValueKind.Number || !claim.TryGetDouble(out var seconds) || !double.IsFinite(seconds)
            || seconds < -62135596800d || seconds >= 253402300800d)
        {
            return Invalid(name);
        }

        var whole = (long)Math.Floor(seconds);
        value = DateTimeOffset.FromUnixTimeSeconds(whole);
        if (member is { } date && date.ToUnixTimeSeconds() != whole)
        {
            return new VerificationError(OpenBadgeJwtErrors.ClaimMismatch, $"'{name}' does not match the date it stands for.") { Path = ClaimPath.Of(name) };
        }

        if (member is null && name == "nbf")
        {
            return new VerificationError(OpenBadgeJwtErrors.ClaimMismatch, "'nbf' stands for validFrom, which the credential lacks.") { Path = ClaimPath.Of(name) };
        }

        return null;
    }

    private static VerificationError Missing(string name)
        => new(OpenBadgeJwtErrors.MissingClaim, $"The JWT has no '{name}' claim (section 8.2.4.1).") { Path = ClaimPath.Of(name) };

    private static VerificationError Invalid(string name)
        => new(OpenBadgeJwtErrors.InvalidClaim, $"The JWT claim '{name}' has the wrong type.") { Path = ClaimPath.Of(name) };
}
