using System;
using System.Collections.Generic;
using Credentials.Jose;

namespace Credentials.Status;

/// <summary>What a <see cref="StatusListTokenVerifier"/> accepts. The defaults are meant for production.</summary>
public sealed record StatusListTokenVerifierOptions
{
    /// <summary>The default options.</summary>
    public static StatusListTokenVerifierOptions Default { get; } = new();

    /// <summary>The signature algorithms accepted. Default <see cref="JwsAlgorithm.DefaultAllowed"/> (EdDSA, Ed25519, ES256, ES384).</summary>
    public IReadOnlyList<JwsAlgorithm> AllowedAlgorithms { get; init; } = JwsAlgorithm.DefaultAllowed;

    /// <summary>The clock for <c>exp</c>, <c>iat</c> and <c>nbf</c>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Tolerated clock difference. Default one minute; at most <see cref="MaxClockSkew"/>.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The largest <see cref="ClockSkew"/> a verifier accepts at construction: one day.</summary>
    public static TimeSpan MaxClockSkew { get; } = TimeSpan.FromDays(1);

    /// <summary>Whether a token without <c>exp</c> is refused (the draft only recommends <c>exp</c>). Default <see langword="false"/>.</summary>
    public bool RequireExpiration { get; init; }

    /// <summary>A local freshness policy: the largest accepted age of the token (now − <c>iat</c>); <see langword="null"/> for none (the default).</summary>
    public TimeSpan? MaxAge { get; init; }

    /// <summary>The cap on the inflated Status List, in bytes. Default <see cref="StatusList.DefaultMaxDecompressedBytes"/> (16 MiB).</summary>
    public int MaxDecompressedBytes { get; init; } = StatusList.DefaultMaxDecompressedBytes;

    /// <summary>The longest token accepted, in characters. Default 8 MiB.</summary>
    public int MaxTokenLength { get; init; } = 8 * 1024 * 1024;
}
