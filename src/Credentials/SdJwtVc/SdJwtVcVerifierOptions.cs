using System;
using System.Collections.Generic;
using Credentials.Jose;
using Credentials.SdJwt;

namespace Credentials.SdJwtVc;

/// <summary>Options for <see cref="SdJwtVcVerifier"/> that hold across requests.</summary>
public sealed record SdJwtVcVerifierOptions
{
    /// <summary>Accept the older <c>typ</c> <c>vc+sd-jwt</c> during the transition. Default: on.</summary>
    public bool AcceptLegacyType { get; init; } = true;

    /// <summary>Algorithms accepted for the issuer's signature.</summary>
    public IReadOnlyList<JwsAlgorithm> AllowedAlgorithms { get; init; } = JwsAlgorithm.DefaultAllowed;

    /// <summary>Algorithms accepted for the Key Binding JWT.</summary>
    public IReadOnlyList<JwsAlgorithm> AllowedKeyBindingAlgorithms { get; init; } = JwsAlgorithm.DefaultAllowed;

    /// <summary>The clock. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Tolerance for clock differences. Default 60 seconds.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The oldest KB-JWT accepted. Default 5 minutes.</summary>
    public TimeSpan KeyBindingMaxAge { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Size, count and depth limits.</summary>
    public SdJwtReaderOptions Limits { get; init; } = SdJwtReaderOptions.Default;
}
