using System;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.W3c.DataIntegrity;
using Credentials.W3c.VcJose;

namespace Credentials.W3c;

/// <summary>
/// Verifies a W3C presentation made for one verifier's request, whatever secures it: a Data Integrity proof with
/// proof purpose <c>authentication</c> and the request's <c>challenge</c> and <c>domain</c>, or a <c>vp+jwt</c> with its
/// <c>aud</c> and <c>nonce</c>; that the key belongs to the <c>holder</c>; then every presented credential through a
/// <see cref="W3cCredentialVerifier"/> (its trust, status and format policy) and, by default, that each credential's
/// subject is the holder. Never throws for bad input. Stateless and thread-safe.
/// </summary>
public sealed class W3cPresentationVerifier
{
    private readonly W3cCredentialVerifier _credentials;
    private readonly W3cPresentationVerifierOptions _options;
    private readonly DataIntegrityVerifier _dataIntegrity;
    private readonly VcJwtVerifier _vcJwt;

    /// <summary>Creates a verifier.</summary>
    /// <param name="didResolver">Resolves holders' DIDs to their keys (did:key, did:jwk, did:web…).</param>
    /// <param name="credentials">Verifies each presented credential, with the caller's trust and status policy.</param>
    /// <param name="options">Options; <see cref="W3cPresentationVerifierOptions.Default"/> when omitted.</param>
    /// <exception cref="ArgumentException">An option is null or out of range.</exception>
    public W3cPresentationVerifier(DidResolver didResolver, W3cCredentialVerifier credentials, W3cPresentationVerifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(didResolver);
        ArgumentNullException.ThrowIfNull(credentials);
        options ??= W3cPresentationVerifierOptions.Default;
        options.Validate(nameof(options));
        _credentials = credentials;
        _options = options;
        _dataIntegrity = new DataIntegrityVerifier(didResolver, options.DataIntegrity);
        _vcJwt = new VcJwtVerifier(new DidIssuerKeyResolver(didResolver), options.VcJwt);
    }

    /// <summary>The loader of the JSON-LD contexts (the Data Integrity options'), for expanding the credentials' types.</summary>
    internal JsonLd.IJsonLdDocumentLoader DocumentLoader => _options.DataIntegrity.DocumentLoader;

    /// <summary>
    /// Verifies a presentation secured with an embedded Data Integrity proof (VC Data Integrity section 4.3, proof
    /// purpose <c>authentication</c>), bound to a request by its <c>challenge</c> and <c>domain</c>.
    /// </summary>
    /// <param name="presentation">The presentation JSON.</param>
    /// <param name="challenge">The challenge the proof must carry (OpenID4VP: the request's <c>nonce</c>).</param>
    /// <param name="domain">The domain the proof must carry (OpenID4VP: the <c>client_id</c>).</param>
    /// <param name="cancellationToken">Cancels key and status resolution.</param>
    /// <returns>
    /// The presentation, its checks and each credential's result; a wrong <c>challenge</c> or <c>domain</c> fails the
    /// <see cref="W3cCheckKind.HolderTrust"/> check (<c>di.challenge_mismatch</c>, <c>di.domain_mismatch</c>).
    /// </returns>
    /// <exception cref="ArgumentException">The challenge or domain is empty.</exception>
    public async ValueTask<W3cPresentationVerificationResult> VerifyDataIntegrityAsync(string presentation, string challenge, string domain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(presentation);
        ArgumentException.ThrowIfNullOrEmpty(challenge);
        ArgumentException.ThrowIfNullOrEmpty(domain);
        var checks = W3cChecks.ForPresentation();
        var read = W3cPresentation.Read(presentation, _options.DataModel);
        if (!read.IsValid)
        {
            return Fail(checks, W3cCheckKind.DataModel, read.Error);
        }

        var vp = read.Value;
        if (vp.Proof is null)
        {
            return Fail(checks, W3cCheckKind.Proof, new VerificationError(DataIntegrityErrors.MissingProof, "The presentation has no proof."));
        }

        // VC Data Integrity section 4.3 with the verifier's expected purpose, challenge and domain (sections 2.1, 4.3 step 9).
        var proofs = await _dataIntegrity.VerifyAsync(vp.Json, ProofRequirement.Authentication(challenge, domain), cancellationToken).ConfigureAwait(false);
        if (!proofs.IsValid)
        {
            var kind = proofs.Error.Code == DataIntegrityErrors.ChallengeMismatch || proofs.Error.Code == DataIntegrityErrors.DomainMismatch
                ? W3cCheckKind.HolderTrust
                : W3cCheckKind.Proof;
            return Fail(checks, kind, proofs.Error);
        }

        checks.Pass(W3cCheckKind.Proof);
        if (vp.Holder?.Id is not { } holder)
        {
            return Fail(checks, W3cCheckKind.HolderTrust, new VerificationError(W3cPresentationErrors.HolderMissing, "The presentation names no holder."));
        }

        // The proof must be by the holder: every verification method belongs to the holder's DID.
        foreach (var proof in proofs.Value.Proofs)
        {
            if (!string.Equals(proof.Controller, holder, StringComparison.Ordinal))
            {
                return Fail(checks, W3cCheckKind.HolderTrust, new VerificationError(W3cPresentationErrors.HolderKeyMismatch, "A proof's verification method does not belong to the presentation's holder."));
            }
        }

        checks.Pass(W3cCheckKind.HolderTrust);
        checks.Pass(W3cCheckKind.DataModel);
        checks.Pass(W3cCheckKind.ValidityPeriod);
        var first = proofs.Value.Proofs[0];
        return await VerifyCredentialsAsync(checks, vp, holder, W3cSecuringMechanisms.DataIntegrity(first.Cryptosuite.Name), first.Proof.VerificationMethod, first.Cryptosuite.Name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Verifies a presentation secured as <c>application/vp+jwt</c> (VC-JOSE-COSE section 3.1.2), bound to a request by
    /// its <c>aud</c> and <c>nonce</c>.
    /// </summary>
    /// <param name="token">The compact JWS.</param>
    /// <param name="audience">The <c>aud</c> it must name (OpenID4VP: the <c>client_id</c>).</param>
    /// <param name="nonce">The <c>nonce</c> it must carry (OpenID4VP: the request's <c>nonce</c>).</param>
    /// <param name="cancellationToken">Cancels key and status resolution.</param>
    /// <returns>The presentation, its checks and each credential's result; a wrong <c>aud</c> or <c>nonce</c> fails the <see cref="W3cCheckKind.HolderTrust"/> check.</returns>
    /// <exception cref="ArgumentException">The audience or nonce is empty.</exception>
    public async ValueTask<W3cPresentationVerificationResult> VerifyVpJwtAsync(string token, string audience, string nonce, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentException.ThrowIfNullOrEmpty(audience);
        ArgumentException.ThrowIfNullOrEmpty(nonce);
        var result = await _vcJwt.VerifyPresentationAsync(
            token,
            new VcJwtPresentationPolicy { Audience = audience, Nonce = nonce, Credentials = PresentedCredentialVerification.LeaveToCaller },
            cancellationToken).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return result;
        }

        var checks = W3cChecks.ForPresentation();
        foreach (var check in result.Checks)
        {
            if (check.Outcome == CheckOutcome.Passed)
            {
                checks.Pass(check.Check);
            }
        }

        var vp = result.Value.Presentation;
        if (vp.Holder?.Id is not { } holder)
        {
            return Fail(checks, W3cCheckKind.HolderTrust, new VerificationError(W3cPresentationErrors.HolderMissing, "The presentation names no holder."));
        }

        return await VerifyCredentialsAsync(checks, vp, holder, W3cSecuringMechanisms.VpJwt, result.Value.VerificationMethod, result.Value.Algorithm, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<W3cPresentationVerificationResult> VerifyCredentialsAsync(W3cChecks checks, W3cPresentation vp, string holder, string mechanism, string? verificationMethod, string? algorithm, CancellationToken cancellationToken)
    {
        var presented = vp.VerifiableCredentials;
        var results = ImmutableArray.CreateBuilder<W3cVerificationResult>(presented.Length);
        var verified = ImmutableArray.CreateBuilder<VerifiedW3cCredential>(presented.Length);
        for (var i = 0; i < presented.Length; i++)
        {
            var item = presented[i];
            W3cVerificationResult result;
            if (item.Enveloped is { } enveloped)
            {
                result = enveloped.MediaType == VcJoseMediaTypes.ApplicationVcJwt && !enveloped.IsBase64
                    ? await _credentials.VerifyAsync(enveloped.Data, cancellationToken).ConfigureAwait(false)
                    : W3cChecks.ForCredential().Failure(W3cCheckKind.Proof, new VerificationError(VcJoseErrors.UnsupportedEnvelope, "This verifier cannot verify an enveloped credential of this media type."));
            }
            else
            {
                // A credential inside a presentation is verified as it stands, with its own proof (never the presentation's).
                result = await _credentials.VerifyAsync(item.Json.GetRawText(), cancellationToken).ConfigureAwait(false);
            }

            results.Add(result);
            var error = result.IsValid ? SubjectError(result.Value.Credential, holder) : result.Error;
            if (error is not null)
            {
                var wrapped = checks.Fail(W3cCheckKind.Credentials, new VerificationError(error.Code, error.Message) { Path = ClaimPath.Create("verifiableCredential", i), Inner = error });
                return new W3cPresentationVerificationResult(null, wrapped, checks.Build(), results.ToImmutable());
            }

            verified.Add(result.Value!);
        }

        checks.Pass(W3cCheckKind.Credentials);
        return new W3cPresentationVerificationResult(
            new VerifiedW3cPresentation(vp, mechanism, verificationMethod, algorithm, verified.MoveToImmutable()), null, checks.Build(), results.MoveToImmutable());
    }

    private VerificationError? SubjectError(W3cCredential credential, string holder)
    {
        if (!_options.RequireHolderIsSubject)
        {
            return null;
        }

        foreach (var subject in credential.CredentialSubjects)
        {
            if (!string.Equals(subject.Id, holder, StringComparison.Ordinal))
            {
                return new VerificationError(W3cPresentationErrors.HolderNotSubject, "A presented credential's subject is not the presentation's holder.");
            }
        }

        return credential.CredentialSubjects.IsDefaultOrEmpty
            ? new VerificationError(W3cPresentationErrors.HolderNotSubject, "A presented credential has no subject.")
            : null;
    }

    private static W3cPresentationVerificationResult Fail(W3cChecks checks, W3cCheckKind kind, VerificationError error)
    {
        checks.Fail(kind, error);
        return new W3cPresentationVerificationResult(null, error, checks.Build(), []);
    }
}
