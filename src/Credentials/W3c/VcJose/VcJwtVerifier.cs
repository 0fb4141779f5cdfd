using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Trust;

namespace Credentials.W3c.VcJose;

/// <summary>
/// Verifies W3C credentials and presentations secured as <c>application/vc+jwt</c> and <c>application/vp+jwt</c>
/// (VC-JOSE-COSE sections 3.1 and 5.1), reporting every check: the JWS (RFC 7515; explicit <c>typ</c>, an algorithm
/// from the verifier's allow-list), the signer's key (from the resolver, and on the signer's own DID), the signature,
/// the JWT claims against the document (no <c>vc</c>/<c>vp</c>; <c>iss</c>, <c>jti</c>, <c>sub</c> consistent), the
/// data model, <c>validFrom</c>/<c>validUntil</c> and the JWT's <c>exp</c>/<c>nbf</c>. Nothing from the payload is
/// trusted before the signature verifies. Never throws for bad input. Stateless and thread-safe.
/// </summary>
/// <remarks>
/// <c>iat</c> is the time of the signature (section 3.1.3) and is not evaluated; <c>credentialStatus</c> is reported as
/// <see cref="CheckOutcome.NotChecked"/>. Unknown header parameters and claims are ignored (section 3.1.3), except
/// <c>crit</c>, <c>b64</c> and <c>zip</c>, which the JWS reader refuses.
/// </remarks>
public sealed partial class VcJwtVerifier
{
    private readonly IIssuerKeyResolver _keys;
    private readonly VcJwtVerifierOptions _options;
    private readonly IW3cProofVerifier? _embeddedProofs;

    /// <summary>Creates a verifier.</summary>
    /// <param name="keys">
    /// Finds trusted keys of issuers (and of holders, for presentations): for example a <see cref="Dids.DidIssuerKeyResolver"/>
    /// over a DID resolver, or a <see cref="StaticIssuerKeyResolver"/>. It receives the issuer's (or holder's) identifier
    /// from the document as <see cref="IssuerKeyRequest.Issuer"/>, and the JWS with its <c>kid</c>.
    /// </param>
    /// <param name="options">Algorithms, clock and limits.</param>
    /// <param name="embeddedProofs">Verifies credentials with embedded proofs carried in presentations (for example Data Integrity); optional.</param>
    /// <exception cref="ArgumentException">An option is null or out of range.</exception>
    public VcJwtVerifier(IIssuerKeyResolver keys, VcJwtVerifierOptions? options = null, IW3cProofVerifier? embeddedProofs = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        options ??= new VcJwtVerifierOptions();
        options.Validate(nameof(options));
        _keys = keys;
        _options = options;
        _embeddedProofs = embeddedProofs;
    }

    /// <summary>Verifies a credential secured as <c>application/vc+jwt</c>.</summary>
    /// <param name="token">The compact JWS.</param>
    /// <param name="cancellationToken">Cancels key resolution.</param>
    /// <returns>The credential and every check, or the first error with every check up to it.</returns>
    public async ValueTask<W3cVerificationResult> VerifyCredentialAsync(string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        var checks = W3cChecks.ForCredential();

        // Section 5.1: validate the JWT (RFC 7519 section 7.2): a JWS, of the expected type, with an allowed algorithm.
        var jwsResult = ReadJws(token, VcJoseMediaTypes.VcJwt);
        if (!jwsResult.IsValid)
        {
            return checks.Failure(W3cCheckKind.Proof, jwsResult.Error);
        }

        var jws = jwsResult.Value;
        var payloadResult = jws.ParsePayload(_options.Jws);
        if (!payloadResult.IsValid)
        {
            return checks.Failure(W3cCheckKind.Proof, payloadResult.Error);
        }

        var payload = payloadResult.Value;

        // The issuer named by the (still unverified) document selects the key; the signature then proves it.
        var issuerId = VcJwtClaims.SignerId(payload, "issuer");
        var keyError = await ResolveAndVerifyAsync(checks, jws, payload, issuerId, VcJoseErrors.IssuerMismatch, cancellationToken).ConfigureAwait(false);
        if (keyError is { } failure)
        {
            return checks.Failure(failure.Check, failure.Error);
        }

        checks.Pass(W3cCheckKind.IssuerTrust);

        // Section 5.4: the verified document must be a conforming document.
        var forbidden = VcJwtClaims.CheckForbiddenClaims(payload);
        if (forbidden is not null)
        {
            return checks.Failure(W3cCheckKind.DataModel, forbidden);
        }

        var credential = W3cCredential.ReadElement(payload);
        if (!credential.IsValid)
        {
            return checks.Failure(W3cCheckKind.DataModel, credential.Error);
        }

        var subjectIds = new string?[credential.Value.CredentialSubjects.Length];
        for (var i = 0; i < subjectIds.Length; i++)
        {
            subjectIds[i] = credential.Value.CredentialSubjects[i].Id;
        }

        var conflict = VcJwtClaims.CheckConflicts(payload, credential.Value.Id, subjectIds, isCredential: true);
        if (conflict is not null)
        {
            return checks.Failure(W3cCheckKind.DataModel, conflict);
        }

        checks.Pass(W3cCheckKind.DataModel);

        var now = _options.TimeProvider.GetUtcNow();
        var timeError = VcJwtClaims.CheckTimes(payload, now, _options.ClockSkew) ?? credential.Value.CheckValidityPeriod(now, _options.ClockSkew);
        if (timeError is not null)
        {
            return checks.Failure(W3cCheckKind.ValidityPeriod, timeError);
        }

        checks.Pass(W3cCheckKind.ValidityPeriod);
        checks.NotChecked(W3cCheckKind.Status);
        return checks.Success(new VerifiedW3cCredential(credential.Value, W3cSecuringMechanisms.VcJwt, jws.KeyId, jws.AlgorithmName));
    }

    private VerificationResult<Jws> ReadJws(string token, string expectedType)
    {
        var jws = Jws.ReadCompact(token, _options.Jws);
        if (!jws.IsValid)
        {
            return jws;
        }

        // Sections 3.1.1 and 3.1.2: typ names the media type; explicit typing keeps other JWTs out (RFC 8725 section 3.11).
        var typ = jws.Value.Type;
        if ((typ is null && _options.RequireTypeHeader) || (typ is not null && !VcJoseMediaTypes.Matches(typ, expectedType)))
        {
            return new VerificationError(JoseErrors.InvalidType, $"The JWS 'typ' must be {expectedType}.");
        }

        // The allow-list is checked before any key is looked up: the token never chooses the algorithm.
        foreach (var allowed in _options.AllowedAlgorithms)
        {
            if (string.Equals(allowed.Name, jws.Value.AlgorithmName, StringComparison.Ordinal))
            {
                return jws;
            }
        }

        return new VerificationError(JoseErrors.AlgorithmNotAllowed, $"The algorithm '{jws.Value.AlgorithmName}' is not allowed by this verifier.");
    }

    /// <summary>
    /// The signer's key: the <c>kid</c> must fit the signer (sections 4.1.1, 4.3), the resolver must trust a key for it,
    /// the signature must verify with it, and <c>iss</c>, when present, must be the signer (section 4.1.2).
    /// </summary>
    private async ValueTask<(W3cCheckKind Check, VerificationError Error)?> ResolveAndVerifyAsync(W3cChecks checks, Jws jws, JsonElement payload, string? signerId, ErrorCode issMismatch, CancellationToken cancellationToken)
    {
        var trust = issMismatch == VcJoseErrors.IssuerMismatch ? W3cCheckKind.IssuerTrust : W3cCheckKind.HolderTrust;
        var hasIss = payload.TryGetProperty("iss", out _);
        var keyIdError = VcJwtClaims.CheckKeyId(jws.KeyId, signerId, hasIss);
        if (keyIdError is not null)
        {
            return (trust, keyIdError);
        }

        var key = await _keys.ResolveAsync(new IssuerKeyRequest(signerId, jws), cancellationToken).ConfigureAwait(false);
        if (!key.IsValid)
        {
            return (trust, key.Error);
        }

        var signatureError = jws.VerifySignature(key.Value, _options.AllowedAlgorithms);
        if (signatureError is not null)
        {
            return (W3cCheckKind.Proof, signatureError);
        }

        checks.Pass(W3cCheckKind.Proof);
        var issError = VcJwtClaims.CheckIss(payload, signerId, issMismatch);
        return issError is null ? null : (trust, issError);
    }
}
