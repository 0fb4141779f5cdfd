using System;
using System.Collections.Generic;
using Credentials.Jose;

namespace Credentials.SdJwt;

/// <summary>Options for <see cref="SdJwtVerifier"/>. The verifier, not the token, chooses algorithms and limits.</summary>
public record SdJwtVerifierOptions
{
    /// <summary>Algorithms accepted for the Issuer-signed JWT. Default: EdDSA, Ed25519, ES256, ES384.</summary>
    public IReadOnlyList<JwsAlgorithm> AllowedAlgorithms { get; init; } = JwsAlgorithm.DefaultAllowed;

    /// <summary>Algorithms accepted for the Key Binding JWT, independent of the issuer's. Default: EdDSA, Ed25519, ES256, ES384.</summary>
    public IReadOnlyList<JwsAlgorithm> AllowedKeyBindingAlgorithms { get; init; } = JwsAlgorithm.DefaultAllowed;

    /// <summary>Hash algorithms accepted in <c>_sd_alg</c>. Default: sha-256, sha-384, sha-512.</summary>
    public IReadOnlyList<SdHashAlgorithm> AllowedHashAlgorithms { get; init; } = [SdHashAlgorithm.Sha256, SdHashAlgorithm.Sha384, SdHashAlgorithm.Sha512];

    /// <summary>When set, the Issuer-signed JWT's <c>typ</c> must be one of these (explicit typing, RFC 8725 section 3.11).</summary>
    public IReadOnlyList<string>? AcceptedTypes { get; init; }

    /// <summary>The clock. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Tolerance for clock differences in <c>exp</c>, <c>nbf</c> and <c>iat</c> checks. Default 60 seconds.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The oldest KB-JWT <c>iat</c> accepted. Default 5 minutes.</summary>
    public TimeSpan KeyBindingMaxAge { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Top-level claim names that must never arrive inside a disclosure (for SD-JWT VC: <c>iss</c>, <c>nbf</c>,
    /// <c>exp</c>, <c>cnf</c>, <c>vct</c>, <c>vct#integrity</c>, <c>status</c>). Empty by default.
    /// </summary>
    public IReadOnlyList<string> NeverDisclosableClaims { get; init; } = [];

    /// <summary>Size, count and depth limits for the presentation.</summary>
    public SdJwtReaderOptions Limits { get; init; } = SdJwtReaderOptions.Default;

    /// <summary>
    /// Whether the processed payload must have <c>exp</c>. A verifier cannot tell which claim an undisclosed digest
    /// hides, so an issuer that made <c>exp</c> selectively disclosable lets the holder withhold it; this switch makes
    /// such a credential fail with <see cref="SdJwtErrors.MissingRequiredClaim"/>. Default <see langword="false"/>.
    /// </summary>
    public bool RequireExpirationTime { get; init; }

    /// <summary>Whether the processed payload must have <c>cnf</c> (a holder key). Default <see langword="false"/>.</summary>
    public bool RequireConfirmationKey { get; init; }

    /// <summary>Whether the processed payload must have <c>status</c> (a status list reference). Default <see langword="false"/>.</summary>
    public bool RequireStatus { get; init; }

    /// <summary>
    /// Whether a General JWS JSON serialization may carry more than one signature (RFC 9901 section 8.1); each one
    /// must then verify with a trusted key. Default <see langword="false"/>: exactly one signature.
    /// </summary>
    public bool AllowMultipleSignatures { get; init; }

    /// <summary>The largest <see cref="ClockSkew"/> a verifier accepts at construction: one day.</summary>
    public static TimeSpan MaxClockSkew { get; } = TimeSpan.FromDays(1);

    /// <summary>The largest <see cref="KeyBindingMaxAge"/> a verifier accepts at construction: one day.</summary>
    public static TimeSpan MaxKeyBindingMaxAge { get; } = TimeSpan.FromDays(1);

    /// <summary>Checks every option; called by the verifiers' constructors so that no option fails later, at verification.</summary>
    /// <param name="paramName">The name of the constructor parameter, for the exception.</param>
    /// <exception cref="ArgumentException">An option is null, empty or out of range.</exception>
    internal void Validate(string paramName)
    {
        if (TimeProvider is null || Limits is null || AllowedAlgorithms is null || AllowedKeyBindingAlgorithms is null
            || AllowedHashAlgorithms is null || NeverDisclosableClaims is null)
        {
            throw new ArgumentException("The options must not have null members.", paramName);
        }

        if (AllowedAlgorithms.Count == 0 || AllowedKeyBindingAlgorithms.Count == 0 || AllowedHashAlgorithms.Count == 0)
        {
            throw new ArgumentException("The verifier must allow at least one algorithm.", paramName);
        }

        foreach (var a in AllowedAlgorithms)
        {
            ArgumentNullException.ThrowIfNull(a, paramName);
        }

        foreach (var a in AllowedKeyBindingAlgorithms)
        {
            ArgumentNullException.ThrowIfNull(a, paramName);
        }

        foreach (var a in AllowedHashAlgorithms)
        {
            ArgumentNullException.ThrowIfNull(a, paramName);
        }

        if (ClockSkew < TimeSpan.Zero || ClockSkew > MaxClockSkew)
        {
            throw new ArgumentException($"ClockSkew must be between zero and {MaxClockSkew}.", paramName);
        }

        if (KeyBindingMaxAge <= TimeSpan.Zero || KeyBindingMaxAge > MaxKeyBindingMaxAge)
        {
            throw new ArgumentException($"KeyBindingMaxAge must be positive and at most {MaxKeyBindingMaxAge}.", paramName);
        }

        Limits.Validate(paramName);
    }
}
