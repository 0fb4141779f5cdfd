using System;
using System.Collections.Generic;
using Credentials.Jose;

namespace Credentials.W3c.VcJose;

/// <summary>Options for <see cref="VcJwtVerifier"/>. The verifier, not the token, chooses algorithms and limits.</summary>
public sealed record VcJwtVerifierOptions
{
    /// <summary>The largest <see cref="ClockSkew"/> a verifier accepts at construction: one day.</summary>
    public static TimeSpan MaxClockSkew { get; } = TimeSpan.FromDays(1);

    /// <summary>Algorithms accepted. Default: EdDSA, Ed25519, ES256, ES384.</summary>
    public IReadOnlyList<JwsAlgorithm> AllowedAlgorithms { get; init; } = JwsAlgorithm.DefaultAllowed;

    /// <summary>The clock, for <c>validFrom</c>, <c>validUntil</c>, <c>exp</c> and <c>nbf</c>. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Tolerance for clock differences. Default 60 seconds; at most <see cref="MaxClockSkew"/>.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Whether the JWS must say its type (<c>typ</c> <c>vc+jwt</c> or <c>vp+jwt</c>; explicit typing, RFC 8725 section
    /// 3.11). VC-JOSE-COSE says <c>typ</c> SHOULD be present; a wrong <c>typ</c> is refused either way. Default
    /// <see langword="true"/>; turn it off to accept tokens without <c>typ</c>, such as the examples of VCDM 2.0.
    /// </summary>
    public bool RequireTypeHeader { get; init; } = true;

    /// <summary>Limits for the JWS (length, JSON depth). Default <see cref="JwsReaderOptions.Default"/>.</summary>
    public JwsReaderOptions Jws { get; init; } = JwsReaderOptions.Default;

    /// <summary>Limits for the secured document. Default <see cref="W3cReaderOptions.Default"/>.</summary>
    public W3cReaderOptions DataModel { get; init; } = W3cReaderOptions.Default;

    /// <summary>Checks every option, so that none can fail later.</summary>
    /// <param name="paramName">The parameter name for the exception.</param>
    /// <exception cref="ArgumentException">An option is null, empty or out of range.</exception>
    internal void Validate(string paramName)
    {
        if (AllowedAlgorithms is null || TimeProvider is null || Jws is null || DataModel is null)
        {
            throw new ArgumentException("The options must not have null members.", paramName);
        }

        if (AllowedAlgorithms.Count == 0)
        {
            throw new ArgumentException("The verifier must allow at least one algorithm.", paramName);
        }

        foreach (var algorithm in AllowedAlgorithms)
        {
            ArgumentNullException.ThrowIfNull(algorithm, paramName);
        }

        if (ClockSkew < TimeSpan.Zero || ClockSkew > MaxClockSkew)
        {
            throw new ArgumentException($"ClockSkew must be between zero and {MaxClockSkew}.", paramName);
        }

        Jws.Validate(paramName);
        DataModel.Validate(paramName);
    }
}
