using System;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Diagnostics;
using Credentials.Dids;
using Credentials.W3c.BitstringStatus;
using Credentials.W3c.DataIntegrity;
using Credentials.W3c.OpenBadges;
using Credentials.W3c.VcJose;

namespace Credentials.W3c;

/// <summary>
/// Verifies a W3C Verifiable Credential 2.0 whatever secures it, and reports every check: a Data Integrity proof
/// (<c>eddsa-rdfc-2022</c>, <c>eddsa-jcs-2022</c>, <c>ecdsa-rdfc-2019</c>, <c>ecdsa-jcs-2019</c>) or a <c>vc+jwt</c>
/// (VC-JOSE-COSE); then that the key belongs to the issuer and, when configured, that the issuer is trusted; the data
/// model; <c>validFrom</c>/<c>validUntil</c>; and its Bitstring Status List entries. Never throws for bad input.
/// Stateless and thread-safe.
/// </summary>
public sealed class W3cCredentialVerifier : IW3cProofVerifier
{
    private readonly W3cCredentialVerifierOptions _options;
    private readonly DataIntegrityVerifier _dataIntegrity;
    private readonly VcJwtVerifier _vcJwt;
    private readonly OpenBadgeJwtVerifier? _openBadgeJwt;
    private readonly IBitstringStatusListResolver? _statusLists;

    /// <summary>Creates a verifier.</summary>
    /// <param name="didResolver">Resolves issuers' DIDs to their keys (did:key, did:jwk, did:web…).</param>
    /// <param name="options">Trust, status and format policy; <see cref="W3cCredentialVerifierOptions.Default"/> when null.</param>
    /// <param name="statusLists">
    /// Finds verified status list credentials; without it, a credential with <c>credentialStatus</c> fails unless
    /// <see cref="W3cCredentialVerifierOptions.Status"/> is <see cref="StatusCheck.Skip"/>.
    /// </param>
    /// <exception cref="ArgumentException">An option is null or out of range.</exception>
    public W3cCredentialVerifier(DidResolver didResolver, W3cCredentialVerifierOptions? options = null, IBitstringStatusListResolver? statusLists = null)
    {
        ArgumentNullException.ThrowIfNull(didResolver);
        options ??= W3cCredentialVerifierOptions.Default;
        options.Validate(nameof(options));
        _options = options;
        _dataIntegrity = new DataIntegrityVerifier(didResolver, options.DataIntegrity);
        _vcJwt = new VcJwtVerifier(options.IssuerKeys ?? new DidIssuerKeyResolver(didResolver), options.VcJwt, this);
        if (options.OpenBadgeJwt is { } openBadgeJwt)
        {
            // One trust policy and one clock for every form this verifier accepts.
            _openBadgeJwt = new OpenBadgeJwtVerifier(didResolver, openBadgeJwt with
            {
                TrustedIssuers = options.TrustedIssuers ?? openBadgeJwt.TrustedIssuers,
                TimeProvider = options.TimeProvider,
                ClockSkew = options.ClockSkew,
            });
        }

        _statusLists = statusLists;
    }

    /// <summary>
    /// Verifies a secured credential as received: JSON with an embedded Data Integrity proof, a compact JWS of type
    /// <c>vc+jwt</c>, or, when <see cref="W3cCredentialVerifierOptions.OpenBadgeJwt"/> is set, an Open Badges 3.0 JWT
    /// (<c>typ</c> <c>JWT</c>); the form is recognised from the text.
    /// </summary>
    /// <param name="securedCredential">The credential.</param>
    /// <param name="cancellationToken">Cancels key and status resolution.</param>
    /// <returns>The credential and every check, or the first error with every check up to it.</returns>
    public ValueTask<W3cVerificationResult> VerifyAsync(string securedCredential, CancellationToken cancellationToken = default)
        => Telemetry.VerificationObserved ? VerifyObservedAsync(securedCredential, cancellationToken) : VerifyCoreAsync(securedCredential, cancellationToken);

    private async ValueTask<W3cVerificationResult> VerifyObservedAsync(string securedCredential, CancellationToken cancellationToken)
    {
        // The form as the text shows it: an embedded proof (JSON) or a JWT.
        var format = securedCredential is not null && securedCredential.AsSpan().TrimStart().StartsWith("{", StringComparison.Ordinal) ? Telemetry.LdpVcFormat : Telemetry.JwtVcJsonFormat;
        var scope = VerificationScope.Start(Telemetry.W3cVerifyActivity, format);
        try
        {
            var result = await VerifyCoreAsync(securedCredential!, cancellationToken).ConfigureAwait(false);
            scope.Complete(result.Error);
            return result;
        }
        catch (Exception ex)
        {
            scope.Fail(ex);
            throw;
        }
    }

    private async ValueTask<W3cVerificationResult> VerifyCoreAsync(string securedCredential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(securedCredential);
        var text = securedCredential.AsSpan().Trim();
        if (text.Length > 0 && text[0] == '{')
        {
            var read = W3cCredential.Read(securedCredential, _options.DataModel);
            if (!read.IsValid)
            {
                return W3cChecks.ForCredential().Failure(W3cCheckKind.DataModel, read.Error);
            }

            return await VerifyEmbeddedAsync(read.Value, cancellationToken).ConfigureAwait(false);
        }

        if (text.Length > 0 && text.Count('.') == 2 && !text.Contains('~'))
        {
            if (_openBadgeJwt is not null && OpenBadgeJwtVerifier.IsOpenBadgeJwt(text, _options.VcJwt.RequireTypeHeader))
            {
                var badge = await _openBadgeJwt.VerifyAsync(text.ToString(), cancellationToken).ConfigureAwait(false);
                if (!badge.IsValid)
                {
                    return badge;
                }

                // The Open Badges verifier decided issuer trust with this verifier's policy (the key in a jwk header
                // proves nothing about the issuer unless configured keys or its DID bind it).
                return await CompleteAsync(W3cChecks.ForCredential(badge.Checks), badge.Value, cancellationToken, issuerTrustDecided: true).ConfigureAwait(false);
            }

            var jose = await _vcJwt.VerifyCredentialAsync(text.ToString(), cancellationToken).ConfigureAwait(false);
            if (!jose.IsValid)
            {
                return jose;
            }

            var checks = W3cChecks.ForCredential(jose.Checks);
            return await CompleteAsync(checks, jose.Value, cancellationToken).ConfigureAwait(false);
        }

        return W3cChecks.ForCredential().Failure(W3cCheckKind.Proof,
            new VerificationError(VcErrors.UnrecognizedFormat, "The credential is neither JSON with an embedded proof nor a compact JWS (vc+jwt)."));
    }

    /// <summary>Verifies a credential secured with an embedded Data Integrity proof (one proof, a proof set or a chain).</summary>
    /// <param name="credential">A credential read with <see cref="W3cCredential.Read(string)"/>.</param>
    /// <param name="cancellationToken">Cancels key and status resolution.</param>
    /// <returns>The credential and every check, or the first error with every check up to it.</returns>
    ValueTask<W3cVerificationResult> IW3cProofVerifier.VerifyAsync(W3cCredential credential, CancellationToken cancellationToken)
        => VerifyEmbeddedAsync(credential, cancellationToken);

    private async ValueTask<W3cVerificationResult> VerifyEmbeddedAsync(W3cCredential credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var checks = W3cChecks.ForCredential();
        if (credential.Proof is null)
        {
            return checks.Failure(W3cCheckKind.Proof, new VerificationError(DataIntegrityErrors.MissingProof, "The credential has no proof."));
        }

        // VC Data Integrity section 4.3 (Verify Proof), with the purpose an issuer's credential is made for.
        var proofs = await _dataIntegrity.VerifyAsync(credential.Json, ProofRequirement.AssertionMethod, cancellationToken).ConfigureAwait(false);
        if (!proofs.IsValid)
        {
            return checks.Failure(W3cCheckKind.Proof, proofs.Error);
        }

        checks.Pass(W3cCheckKind.Proof);

        // VCDM 2.0 section 4.7 and VC Data Integrity section 2.1: the proof must be by the issuer, so every verification
        // method must be controlled by the issuer: the DID named as issuer, or the controller a configured resolver names.
        foreach (var proof in proofs.Value.Proofs)
        {
            if (!string.Equals(proof.Controller, credential.Issuer.Id, StringComparison.Ordinal))
            {
                return checks.Failure(W3cCheckKind.IssuerTrust,
                    new VerificationError(VcErrors.IssuerKeyMismatch, "A proof's verification method does not belong to the credential's issuer."));
            }
        }

        var first = proofs.Value.Proofs[0];
        var suite = first.Cryptosuite.Name;
        var verified = new VerifiedW3cCredential(credential, W3cSecuringMechanisms.DataIntegrity(suite), first.Proof.VerificationMethod, suite);
        return await CompleteAsync(checks, verified, cancellationToken).ConfigureAwait(false);
    }

    // The checks after the proof: issuer trust, the data model (already read), the validity period and the status.
    private async ValueTask<W3cVerificationResult> CompleteAsync(W3cChecks checks, VerifiedW3cCredential verified, CancellationToken cancellationToken, bool issuerTrustDecided = false)
    {
        // Unless the securing mechanism's verifier already recorded it.
        if (!issuerTrustDecided)
        {
            if (_options.TrustedIssuers is { } trusted)
            {
                if (!trusted.Contains(verified.Issuer))
                {
                    return checks.Failure(W3cCheckKind.IssuerTrust, new VerificationError(VcErrors.UntrustedIssuer, "The credential's issuer is not a trusted issuer."));
                }

                checks.Pass(W3cCheckKind.IssuerTrust);
            }
            else
            {
                checks.NotChecked(W3cCheckKind.IssuerTrust);
            }
        }

        checks.Pass(W3cCheckKind.DataModel);

        // VCDM 2.0 section 4.9: validFrom and validUntil.
        if (verified.Credential.CheckValidityPeriod(_options.TimeProvider.GetUtcNow(), _options.ClockSkew) is { } expired)
        {
            return checks.Failure(W3cCheckKind.ValidityPeriod, expired);
        }

        checks.Pass(W3cCheckKind.ValidityPeriod);

        var status = await CheckStatusAsync(verified.Credential, cancellationToken).ConfigureAwait(false);
        if (status.Error is { } error)
        {
            return checks.Failure(W3cCheckKind.Status, error);
        }

        if (status.Checked)
        {
            checks.Pass(W3cCheckKind.Status);
        }
        else
        {
            checks.NotChecked(W3cCheckKind.Status);
        }

        return checks.Success(verified);
    }

    private async ValueTask<(bool Checked, VerificationError? Error)> CheckStatusAsync(W3cCredential credential, CancellationToken cancellationToken)
    {
        if (_options.Status == StatusCheck.Skip)
        {
            return (false, null);
        }

        if (credential.CredentialStatus.IsDefaultOrEmpty)
        {
            return _options.Status == StatusCheck.Required
                ? (false, new VerificationError(Status.StatusErrors.InvalidReference, "The policy requires a status, and the credential has no credentialStatus."))
                : (false, null);
        }

        var checkedAny = false;
        foreach (var entry in credential.CredentialStatus)
        {
            if (!entry.HasType(BitstringStatusListEntry.TypeName))
            {
                if (_options.Status == StatusCheck.Required)
                {
                    return (false, new VerificationError(Status.StatusErrors.UnsupportedMechanism, "A credentialStatus entry uses a status mechanism this verifier does not support."));
                }

                continue;
            }

            var error = await BitstringStatusCheck.CheckAsync(entry.Json, _statusLists, _options.MinimumStatusListEntries, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                return (true, error);
            }

            checkedAny = true;
        }

        return (checkedAny, null);
    }
}
