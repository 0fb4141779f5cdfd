using System;
using System.Collections.Generic;
using Credentials.Trust;
using Credentials.W3c.BitstringStatus;
using Credentials.W3c.DataIntegrity;
using Credentials.W3c.OpenBadges;
using Credentials.W3c.VcJose;

namespace Credentials.W3c;

/// <summary>Policy of a <see cref="W3cCredentialVerifier"/>. Immutable.</summary>
public sealed record W3cCredentialVerifierOptions
{
    /// <summary>The defaults: any issuer whose key its DID proves (issuer trust reported as not checked), status checked when present.</summary>
    public static W3cCredentialVerifierOptions Default { get; } = new();

    /// <summary>
    /// The issuers to trust (their <c>issuer</c> ids, exactly). When set, a credential from any other issuer fails with
    /// <see cref="VcErrors.UntrustedIssuer"/>. When <see langword="null"/> (the default), a credential verifies when its
    /// key belongs to its issuer, and <see cref="W3cCheckKind.IssuerTrust"/> is reported as
    /// <see cref="CheckOutcome.NotChecked"/>: the application decides whom it trusts from <see cref="VerifiedW3cCredential.Issuer"/>.
    /// </summary>
    public IReadOnlySet<string>? TrustedIssuers { get; init; }

    /// <summary>Keys for <c>vc+jwt</c> credentials; by default the issuer's DID (<see cref="Dids.DidIssuerKeyResolver"/>).</summary>
    public IIssuerKeyResolver? IssuerKeys { get; init; }

    /// <summary>Whether <c>credentialStatus</c> is checked (Bitstring Status List entries). Default: whenever present.</summary>
    public StatusCheck Status { get; init; } = StatusCheck.IfPresent;

    /// <summary>
    /// The fewest entries a status list may hold (section 3.2, <c>minimumNumberOfEntries</c>): 131,072 unless an
    /// ecosystem sets a lower bound.
    /// </summary>
    public long MinimumStatusListEntries { get; init; } = BitstringStatusList.MinimumEntries;

    /// <summary>Reading the data model: sizes and depth.</summary>
    public W3cReaderOptions DataModel { get; init; } = W3cReaderOptions.Default;

    /// <summary>Data Integrity: cryptosuites, clock, contexts (the pinned loader by default), limits.</summary>
    public DataIntegrityVerifierOptions DataIntegrity { get; init; } = DataIntegrityVerifierOptions.Default;

    /// <summary>VC-JOSE: algorithms, clock and limits for <c>vc+jwt</c>.</summary>
    public VcJwtVerifierOptions VcJwt { get; init; } = new();

    /// <summary>
    /// When set, <see cref="W3cCredentialVerifier.VerifyAsync(string, System.Threading.CancellationToken)"/> also accepts
    /// the Open Badges 3.0 JSON Web Token proof format (section 8.2), with these algorithms and keys: a compact JWS whose
    /// <c>typ</c> is <c>JWT</c> (or, when <see cref="VcJwtVerifierOptions.RequireTypeHeader"/> is on, absent) is read as
    /// one; <c>vc+jwt</c> stays VC-JOSE-COSE. This verifier's <see cref="TrustedIssuers"/>, <see cref="TimeProvider"/>
    /// and <see cref="ClockSkew"/> apply. Default <see langword="null"/>: only <c>vc+jwt</c> is accepted.
    /// </summary>
    public OpenBadgeJwtVerifierOptions? OpenBadgeJwt { get; init; }

    /// <summary>The clock for <c>validFrom</c>/<c>validUntil</c>; the system clock by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Tolerance for clocks that disagree, applied to <c>validFrom</c> and <c>validUntil</c>. Default 60 seconds.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(60);

    internal void Validate(string parameterName)
    {
        ArgumentNullException.ThrowIfNull(DataModel, parameterName);
        ArgumentNullException.ThrowIfNull(DataIntegrity, parameterName);
        ArgumentNullException.ThrowIfNull(VcJwt, parameterName);
        ArgumentNullException.ThrowIfNull(TimeProvider, parameterName);
        OpenBadgeJwt?.Validate(parameterName);
        if (ClockSkew < TimeSpan.Zero || MinimumStatusListEntries < 0)
        {
            throw new ArgumentException("ClockSkew and MinimumStatusListEntries must not be negative.", parameterName);
        }
    }
}
