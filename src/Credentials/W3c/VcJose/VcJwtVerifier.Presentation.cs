using System;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.W3c.VcJose;

public sealed partial class VcJwtVerifier
{
    /// <summary>
    /// Verifies a presentation secured as <c>application/vp+jwt</c> (VC-JOSE-COSE section 3.1.2): its JWS, the holder's
    /// key, its data model (every presented credential an object, secured or self-asserted), its <c>exp</c>/<c>nbf</c>,
    /// and, unless the caller says otherwise, every credential it carries.
    /// </summary>
    /// <param name="token">The compact JWS.</param>
    /// <param name="credentials">What to do with the presented credentials. Default: verify them all.</param>
    /// <param name="cancellationToken">Cancels key resolution.</param>
    /// <returns>The presentation, its checks and the result of each presented credential.</returns>
    public async ValueTask<W3cPresentationVerificationResult> VerifyPresentationAsync(
        string token,
        PresentedCredentialVerification credentials = PresentedCredentialVerification.VerifyAll,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        var checks = W3cChecks.ForPresentation();
        var jwsResult = ReadJws(token, VcJoseMediaTypes.VpJwt);
        if (!jwsResult.IsValid)
        {
            return Fail(checks, W3cCheckKind.Proof, jwsResult.Error);
        }

        var jws = jwsResult.Value;
        var payloadResult = jws.ParsePayload(_options.Jws);
        if (!payloadResult.IsValid)
        {
            return Fail(checks, W3cCheckKind.Proof, payloadResult.Error);
        }

        var payload = payloadResult.Value;
        // Without a holder, iss (section 4.1.2) is what identifies the signer to the key resolver.
        var holderId = VcJwtClaims.SignerId(payload, "holder") ?? (payload.TryGetProperty("iss", out var iss) && iss.ValueKind == System.Text.Json.JsonValueKind.String ? iss.GetString() : null);
        var keyError = await ResolveAndVerifyAsync(checks, jws, payload, holderId, VcJoseErrors.HolderMismatch, cancellationToken).ConfigureAwait(false);
        if (keyError is { } failure)
        {
            return Fail(checks, failure.Check, failure.Error);
        }

        checks.Pass(W3cCheckKind.HolderTrust);

        var error = VcJwtClaims.CheckForbiddenClaims(payload);
        if (error is not null)
        {
            return Fail(checks, W3cCheckKind.DataModel, error);
        }

        var presentation = W3cPresentation.ReadElement(payload, _options.DataModel);
        if (!presentation.IsValid)
        {
            return Fail(checks, W3cCheckKind.DataModel, presentation.Error);
        }

        error = VcJwtClaims.CheckConflicts(payload, presentation.Value.Id, [], isCredential: false);
        if (error is not null)
        {
            return Fail(checks, W3cCheckKind.DataModel, error);
        }

        checks.Pass(W3cCheckKind.DataModel);

        var now = _options.TimeProvider.GetUtcNow();
        error = VcJwtClaims.CheckTimes(payload, now, _options.ClockSkew);
        if (error is not null)
        {
            return Fail(checks, W3cCheckKind.ValidityPeriod, error);
        }

        checks.Pass(W3cCheckKind.ValidityPeriod);

        if (credentials == PresentedCredentialVerification.LeaveToCaller)
        {
            checks.NotChecked(W3cCheckKind.Credentials);
            return new W3cPresentationVerificationResult(
                new VerifiedW3cPresentation(presentation.Value, W3cSecuringMechanisms.VpJwt, jws.KeyId, jws.AlgorithmName, []), null, checks.Build(), []);
        }

        var presented = presentation.Value.VerifiableCredentials;
        var results = ImmutableArray.CreateBuilder<W3cVerificationResult>(presented.Length);
        var verified = ImmutableArray.CreateBuilder<VerifiedW3cCredential>(presented.Length);
        for (var i = 0; i < presented.Length; i++)
        {
            var result = await VerifyPresentedAsync(presented[i], jws, now, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            if (!result.IsValid)
            {
                // The error keeps its code and kind (an expired credential is Expired); the path says which credential.
                var inner = result.Error;
                var wrapped = checks.Fail(W3cCheckKind.Credentials, new VerificationError(inner.Code, inner.Message) { Path = ClaimPath.Create("verifiableCredential", i), Inner = inner });
                return new W3cPresentationVerificationResult(null, wrapped, checks.Build(), results.ToImmutable());
            }

            verified.Add(result.Value);
        }

        checks.Pass(W3cCheckKind.Credentials);
        return new W3cPresentationVerificationResult(
            new VerifiedW3cPresentation(presentation.Value, W3cSecuringMechanisms.VpJwt, jws.KeyId, jws.AlgorithmName, verified.MoveToImmutable()),
            null, checks.Build(), results.MoveToImmutable());
    }

    private async ValueTask<W3cVerificationResult> VerifyPresentedAsync(PresentedCredential presented, Jose.Jws presentationJws, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (presented.Enveloped is { } enveloped)
        {
            if (enveloped.MediaType == VcJoseMediaTypes.ApplicationVcJwt && !enveloped.IsBase64)
            {
                return await VerifyCredentialAsync(enveloped.Data, cancellationToken).ConfigureAwait(false);
            }

            return W3cChecks.ForCredential().Failure(W3cCheckKind.Proof, new VerificationError(VcJoseErrors.UnsupportedEnvelope, "This verifier cannot verify an enveloped credential of this media type."));
        }

        var credential = presented.Embedded!;
        if (credential.Proof is not null)
        {
            return _embeddedProofs is null
                ? W3cChecks.ForCredential().Failure(W3cCheckKind.Proof, new VerificationError(VcJoseErrors.UnsupportedEnvelope, "The credential has an embedded proof and this verifier was given no embedded-proof verifier."))
                : await _embeddedProofs.VerifyAsync(credential, cancellationToken).ConfigureAwait(false);
        }

        // Self-asserted (the data model made sure its issuer is the holder): the presentation's signature secures it.
        var checks = W3cChecks.ForCredential();
        checks.Pass(W3cCheckKind.Proof);
        checks.Pass(W3cCheckKind.IssuerTrust);
        checks.Pass(W3cCheckKind.DataModel);
        var timeError = credential.CheckValidityPeriod(now, _options.ClockSkew);
        if (timeError is not null)
        {
            return checks.Failure(W3cCheckKind.ValidityPeriod, timeError);
        }

        checks.Pass(W3cCheckKind.ValidityPeriod);
        checks.NotChecked(W3cCheckKind.Status);
        return checks.Success(new VerifiedW3cCredential(credential, W3cSecuringMechanisms.SelfAsserted, presentationJws.KeyId, presentationJws.AlgorithmName));
    }

    private static W3cPresentationVerificationResult Fail(W3cChecks checks, W3cCheckKind kind, VerificationError error)
    {
        checks.Fail(kind, error);
        return new W3cPresentationVerificationResult(null, error, checks.Build(), []);
    }
}
