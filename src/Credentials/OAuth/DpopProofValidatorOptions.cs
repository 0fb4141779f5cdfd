using System;
using System.Collections.Generic;

namespace Credentials.OAuth;

/// <summary>Options of a <see cref="DpopProofValidator"/>, checked once in its constructor.</summary>
public sealed record DpopProofValidatorOptions
{
    /// <summary>
    /// The algorithms the server accepts (published as <c>dpop_signing_alg_values_supported</c>, RFC 9449 section 5.1).
    /// Default ES256 only, the algorithm HAIP requires; add <see cref="JwsAlgorithm.EdDsa"/> to accept Ed25519 keys.
    /// </summary>
    public IReadOnlyList<JwsAlgorithm> AllowedAlgorithms { get; init; } = [JwsAlgorithm.Es256];

    /// <summary>How old a proof's <c>iat</c> may be (beyond <see cref="ClockSkew"/>). Default 60 seconds.</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The tolerated clock difference, in both directions. Default 30 seconds.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest proof accepted, in characters. Default 8192.</summary>
    public int MaxProofLength { get; init; } = 8192;

    /// <summary>
    /// Whether every proof must carry a nonce this server issued (<see cref="DpopProofValidator.CreateNonceAsync"/>,
    /// RFC 9449 section 8); a proof without one, or with a stale or foreign one, fails with <see cref="DpopErrors.UseNonce"/>.
    /// Default <see langword="false"/>: a nonce in the proof is then not checked.
    /// </summary>
    public bool RequireNonce { get; init; }

    /// <summary>How long a server nonce stays valid (and how often the key that authenticates nonces rotates). Default 5 minutes.</summary>
    public TimeSpan NonceLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The clock. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Checks the options.</summary>
    /// <exception cref="InvalidOperationException">An option is out of range.</exception>
    internal void Validate()
    {
        if (AllowedAlgorithms is null || AllowedAlgorithms.Count == 0)
        {
            throw new InvalidOperationException("DPoP needs at least one allowed algorithm.");
        }

        foreach (var algorithm in AllowedAlgorithms)
        {
            if (algorithm is null)
            {
                throw new InvalidOperationException("The allowed DPoP algorithms must not contain null.");
            }
        }

        if (MaxAge <= TimeSpan.Zero || MaxAge > TimeSpan.FromDays(1) || ClockSkew < TimeSpan.Zero || ClockSkew > TimeSpan.FromHours(1))
        {
            throw new InvalidOperationException("The DPoP MaxAge must be positive and at most one day, and ClockSkew between zero and one hour.");
        }

        if (MaxProofLength is <= 0 or > 65536)
        {
            throw new InvalidOperationException("The DPoP MaxProofLength must be between 1 and 65536 characters.");
        }

        if (NonceLifetime < TimeSpan.FromSeconds(1) || NonceLifetime > TimeSpan.FromDays(1))
        {
            throw new InvalidOperationException("The DPoP NonceLifetime must be between one second and one day.");
        }

        if (TimeProvider is null)
        {
            throw new InvalidOperationException("The DPoP TimeProvider must not be null.");
        }
    }
}
