using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Diagnostics;
using Credentials.Internal;
using Credentials.SdJwt;
using Credentials.SdJwtVc.TypeMetadata;
using Credentials.SdJwtVc.TypeMetadata.Resolution;
using Credentials.Status;
using Credentials.Trust;

namespace Credentials.SdJwtVc;

/// <summary>
/// Verifies SD-JWT VCs (draft-ietf-oauth-sd-jwt-vc-25 section 3.4 and 4) on top of the RFC 9901 verifier: explicit
/// type, registered claims never disclosed, issuer trust and authorization for the type, key binding, age, status
/// and type metadata. Reports every check. Never throws for bad input. Thread-safe.
/// </summary>
public sealed class SdJwtVcVerifier
{
    private static readonly CheckKind[] s_order =
    [
        CheckKind.Signature, CheckKind.IssuerTrust, CheckKind.Disclosures, CheckKind.KeyBinding, CheckKind.Time,
        CheckKind.CredentialType, CheckKind.Status, CheckKind.TypeMetadata,
    ];

    private readonly SdJwtVcVerifierOptions _options;
    private readonly SdJwtVerifier _sdJwtVerifier;
    private readonly IStatusListResolver? _statusLists;
    private readonly ITypeMetadataResolver? _typeMetadata;

    /// <summary>Creates a verifier.</summary>
    /// <param name="issuerKeys">Finds trusted issuer keys (for example a <see cref="Trust.TrustList"/> or a DID resolver).</param>
    /// <param name="statusLists">Resolves Token Status Lists; required for policies that check status.</param>
    /// <param name="typeMetadata">Resolves type metadata; required for policies that require it.</param>
    /// <param name="options">Options that hold across requests.</param>
    /// <exception cref="ArgumentException">An option is null or out of range (see <see cref="SdJwtVerifierOptions.MaxClockSkew"/>).</exception>
    public SdJwtVcVerifier(IIssuerKeyResolver issuerKeys, IStatusListResolver? statusLists = null, ITypeMetadataResolver? typeMetadata = null, SdJwtVcVerifierOptions? options = null)
    {
        options ??= new SdJwtVcVerifierOptions();
        ArgumentNullException.ThrowIfNull(issuerKeys);
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options));
        _options = options;
        _statusLists = statusLists;
        _typeMetadata = typeMetadata;
        _sdJwtVerifier = new SdJwtVerifier(
            issuerKeys,
            options with
            {
                // Section 3.2.1: explicit typing; vc+sd-jwt only during the transition, and only when opted in.
                AcceptedTypes = options.AcceptLegacyType ? [SdJwtVcClaimNames.MediaType, SdJwtVcClaimNames.LegacyMediaType] : [SdJwtVcClaimNames.MediaType],
                // Section 3.2.2.2: registered claims must never be selectively disclosed.
                NeverDisclosableClaims = [.. SdJwtVcClaimNames.NeverDisclosable, .. options.NeverDisclosableClaims ?? []],
            });
    }

    /// <summary>Verifies an SD-JWT VC presentation against a policy.</summary>
    /// <param name="presentation">The SD-JWT VC (with a KB-JWT when the policy requires key binding).</param>
    /// <param name="policy">What this verifier accepts.</param>
    /// <param name="cancellationToken">Cancels key, status and metadata resolution.</param>
    /// <exception cref="ArgumentException">The policy needs a status or type metadata resolver this verifier was not given.</exception>
    public ValueTask<SdJwtVcVerificationResult> VerifyAsync(string presentation, SdJwtVcPolicy policy, CancellationToken cancellationToken = default)
        => Telemetry.VerificationObserved ? VerifyObservedAsync(presentation, policy, cancellationToken) : VerifyCoreAsync(presentation, policy, cancellationToken);

    private async ValueTask<SdJwtVcVerificationResult> VerifyObservedAsync(string presentation, SdJwtVcPolicy policy, CancellationToken cancellationToken)
    {
        var scope = VerificationScope.Start(Telemetry.SdJwtVcVerifyActivity, Telemetry.SdJwtVcFormat);
        try
        {
            var result = await VerifyCoreAsync(presentation, policy, cancellationToken).ConfigureAwait(false);
            scope.Complete(result.Error);
            return result;
        }
        catch (Exception ex)
        {
            scope.Fail(ex);
            throw;
        }
    }

    private async ValueTask<SdJwtVcVerificationResult> VerifyCoreAsync(string presentation, SdJwtVcPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(presentation);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(policy.KeyBinding);
        if (policy.MaxCredentialAge < TimeSpan.Zero)
        {
            throw new ArgumentException("MaxCredentialAge must not be negative.", nameof(policy));
        }

        if (policy.Status != StatusCheck.Skip && _statusLists is null)
        {
            throw new ArgumentException("The policy checks status but the verifier has no status list resolver; pass one or use StatusCheck.Skip.", nameof(policy));
        }

        if (policy.TypeMetadata == TypeMetadataCheck.Required && _typeMetadata is null)
        {
            throw new ArgumentException("The policy requires type metadata but the verifier has no type metadata resolver.", nameof(policy));
        }

        var checks = new VerificationCheck?[s_order.Length];
        var verified = await _sdJwtVerifier.VerifyAsync(presentation, policy.KeyBinding, cancellationToken).ConfigureAwait(false);
        if (!verified.IsValid)
        {
            var failed = Classify(verified.Error);
            foreach (var kind in s_order)
            {
                if (kind == failed)
                {
                    break;
                }

                // Resolving the key is part of trust; when it fails, the signature could not be checked.
                if (!(failed == CheckKind.IssuerTrust && kind == CheckKind.Signature))
                {
                    // Without a required KB-JWT we cannot tell whether one was present; report what we know.
                    var outcome = kind == CheckKind.KeyBinding && policy.KeyBinding.Mode != KeyBindingMode.Required ? CheckOutcome.NotChecked : CheckOutcome.Passed;
                    checks[(int)kind] = Check(kind, outcome);
                }
            }

            return Fail(checks, failed, verified.Error);
        }

        var sdJwt = verified.Value;
        var claims = sdJwt.Claims;
        checks[(int)CheckKind.Signature] = Check(CheckKind.Signature, CheckOutcome.Passed);
        checks[(int)CheckKind.Disclosures] = Check(CheckKind.Disclosures, CheckOutcome.Passed);
        checks[(int)CheckKind.KeyBinding] = Check(CheckKind.KeyBinding, sdJwt.KeyBinding is null ? CheckOutcome.NotChecked
            : policy.KeyBinding.ChecksAudienceAndNonce ? CheckOutcome.Passed : CheckOutcome.PassedWithoutAudienceAndNonce);

        // Section 3.2.2.1: vct is required and a string; iss and vct#integrity, when present, are strings.
        if (!claims.TryGetString(SdJwtVcClaimNames.Vct, out var vct))
        {
            return Fail(checks, CheckKind.CredentialType, new VerificationError(SdJwtVcErrors.MissingVct, "The credential has no string 'vct'."));
        }

        if ((claims.TryGetProperty(SdJwtVcClaimNames.Iss, out var iss) && iss.ValueKind != JsonValueKind.String)
            || (claims.TryGetProperty(SdJwtVcClaimNames.VctIntegrity, out var vi) && vi.ValueKind != JsonValueKind.String))
        {
            return Fail(checks, CheckKind.CredentialType, new VerificationError(SdJwtVcErrors.InvalidClaim, "'iss' and 'vct#integrity' must be strings."));
        }

        // The key was trusted; now: may this issuer issue this type?
        if (policy.IssuerAuthorization?.Authorize(sdJwt.Issuer, vct) is { } authorizationError)
        {
            return Fail(checks, CheckKind.IssuerTrust, authorizationError);
        }

        checks[(int)CheckKind.IssuerTrust] = Check(CheckKind.IssuerTrust, CheckOutcome.Passed);

        if (policy.MaxCredentialAge is { } maxAge)
        {
            var now = _options.TimeProvider.GetUtcNow();
            // Saturating: a maximum age of TimeSpan.MaxValue means no limit, never an exception.
            var oldest = SaturatingTime.Subtract(now, SaturatingTime.Add(maxAge, _options.ClockSkew));
            if (!SdJwtVerifier.TryReadTime(claims, SdJwtVcClaimNames.Iat, out var iat) || iat is null || iat.Value < oldest)
            {
                return Fail(checks, CheckKind.Time, new VerificationError(SdJwtVcErrors.TooOld, "The credential is older than this verifier accepts."));
            }
        }

        checks[(int)CheckKind.Time] = Check(CheckKind.Time, CheckOutcome.Passed);

        if (policy.AcceptedVcts is { } accepted && !Contains(accepted, vct))
        {
            return Fail(checks, CheckKind.CredentialType, new VerificationError(SdJwtVcErrors.VctNotAccepted, "This credential type is not accepted here."));
        }

        checks[(int)CheckKind.CredentialType] = Check(CheckKind.CredentialType, CheckOutcome.Passed);

        StatusValue? statusValue = null;
        if (policy.Status == StatusCheck.Skip)
        {
            checks[(int)CheckKind.Status] = Check(CheckKind.Status, CheckOutcome.NotChecked);
        }
        else if (!claims.TryGetProperty(SdJwtVcClaimNames.Status, out var statusClaim))
        {
            if (policy.Status == StatusCheck.Required)
            {
                return Fail(checks, CheckKind.Status, new VerificationError(SdJwtVcErrors.StatusRequired, "The policy requires a status and the credential has none."));
            }

            checks[(int)CheckKind.Status] = Check(CheckKind.Status, CheckOutcome.NotChecked);
        }
        else
        {
            var reference = StatusReference.Read(statusClaim);
            if (!reference.IsValid)
            {
                return Fail(checks, CheckKind.Status, reference.Error);
            }

            var status = await _statusLists!.GetStatusAsync(reference.Value, cancellationToken).ConfigureAwait(false);
            if (!status.IsValid)
            {
                return Fail(checks, CheckKind.Status, status.Error);
            }

            statusValue = status.Value;
            var statusError = StatusErrors.ForStatus(status.Value);
            if (statusError is not null)
            {
                return Fail(checks, CheckKind.Status, statusError);
            }

            checks[(int)CheckKind.Status] = Check(CheckKind.Status, CheckOutcome.Passed);
        }

        ResolvedTypeMetadata? metadata = null;
        if (policy.TypeMetadata == TypeMetadataCheck.Skip || _typeMetadata is null)
        {
            checks[(int)CheckKind.TypeMetadata] = Check(CheckKind.TypeMetadata, CheckOutcome.NotChecked);
        }
        else
        {
            var integrity = claims.TryGetString(SdJwtVcClaimNames.VctIntegrity, out var i) ? i : null;
            var resolved = await _typeMetadata.ResolveAsync(vct, integrity, cancellationToken).ConfigureAwait(false);
            if (!resolved.IsValid)
            {
                // Unreachable metadata is optional by default; a mismatch or an invalid document never is.
                if (resolved.Error.Kind != VerificationFailureKind.ResolutionFailed)
                {
                    return Fail(checks, CheckKind.TypeMetadata, resolved.Error);
                }

                if (policy.TypeMetadata == TypeMetadataCheck.Required)
                {
                    // A failed fetch is never reported as a bad credential; the policy is what fails.
                    return Fail(checks, CheckKind.TypeMetadata, new VerificationError(SdJwtVcErrors.TypeMetadataRequired, "The policy requires type metadata and it could not be obtained.") { Inner = resolved.Error });
                }

                checks[(int)CheckKind.TypeMetadata] = new(CheckKind.TypeMetadata, CheckOutcome.NotChecked, resolved.Error);
            }
            else
            {
                metadata = resolved.Value;
                var metadataError = TypeMetadataValidator.Validate(metadata, claims, sdJwt.DisclosedPaths);
                if (metadataError is not null)
                {
                    return Fail(checks, CheckKind.TypeMetadata, metadataError);
                }

                checks[(int)CheckKind.TypeMetadata] = Check(CheckKind.TypeMetadata, CheckOutcome.Passed);
            }
        }

        return new SdJwtVcVerificationResult(new VerifiedSdJwtVc(vct, sdJwt, statusValue, metadata), null, Ordered(checks));
    }

    // Outcomes without an error are the same every time: share one immutable instance of each.
    private static readonly int s_outcomeCount = Enum.GetValues<CheckOutcome>().Length;
    private static readonly VerificationCheck[] s_plainChecks = BuildPlainChecks();

    private static VerificationCheck[] BuildPlainChecks()
    {
        var outcomes = Enum.GetValues<CheckOutcome>();
        var checks = new VerificationCheck[s_order.Length * s_outcomeCount];
        foreach (var kind in s_order)
        {
            foreach (var outcome in outcomes)
            {
                checks[((int)kind * s_outcomeCount) + (int)outcome] = new VerificationCheck(kind, outcome);
            }
        }

        return checks;
    }

    private static VerificationCheck Check(CheckKind kind, CheckOutcome outcome) => s_plainChecks[((int)kind * s_outcomeCount) + (int)outcome];

    private static CheckKind Classify(VerificationError error)
    {
        if (error.Code.IsInFamily("kb"))
        {
            return CheckKind.KeyBinding;
        }

        return error.Kind switch
        {
            _ when error.Code.IsInFamily("trust") || error.Code.IsInFamily("x509") || error.Code.IsInFamily("did") || error.Code.IsInFamily("http") => CheckKind.IssuerTrust, // only key resolution reports these: never a signature failure
            VerificationFailureKind.UntrustedIssuer or VerificationFailureKind.ResolutionFailed => CheckKind.IssuerTrust,
            VerificationFailureKind.Expired or VerificationFailureKind.NotYetValid => CheckKind.Time,
            VerificationFailureKind.InvalidDisclosure => CheckKind.Disclosures,
            _ when error.Code == SdJwtErrors.InvalidTimeClaim => CheckKind.Time,
            _ when error.Code == SdJwtErrors.MissingRequiredClaim => error.Path is { Length: 1 } path ? path.Components[0].Name switch
            {
                SdJwtVcClaimNames.Exp => CheckKind.Time,
                SdJwtVcClaimNames.Status => CheckKind.Status,
                _ => CheckKind.KeyBinding,
            } : CheckKind.KeyBinding,
            _ when error.Code == SdJwtErrors.UnsupportedHashAlgorithm || error.Code == SdJwtErrors.TooDeep => CheckKind.Disclosures,
            _ => CheckKind.Signature,
        };
    }

    private static SdJwtVcVerificationResult Fail(VerificationCheck?[] checks, CheckKind failed, VerificationError error)
    {
        checks[(int)failed] = new VerificationCheck(failed, CheckOutcome.Failed, error);
        return new SdJwtVcVerificationResult(null, error, Ordered(checks));
    }

    private static ImmutableArray<VerificationCheck> Ordered(VerificationCheck?[] checks)
    {
        var builder = ImmutableArray.CreateBuilder<VerificationCheck>(s_order.Length);
        foreach (var kind in s_order)
        {
            builder.Add(checks[(int)kind] ?? Check(kind, CheckOutcome.NotReached));
        }

        return builder.MoveToImmutable();
    }


    private static bool Contains(IReadOnlyList<string> values, string value)
    {
        foreach (var v in values)
        {
            if (string.Equals(v, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
