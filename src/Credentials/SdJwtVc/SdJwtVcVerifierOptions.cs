using System;
using System.Collections.Generic;
using Credentials.Jose;
using Credentials.SdJwt;

namespace Credentials.SdJwtVc;

/// <summary>Options for <see cref="SdJwtVcVerifier"/> that hold across requests.</summary>
public sealed record SdJwtVcVerifierOptions
{
    /// <summary>
    /// Accept the older <c>typ</c> <c>vc+sd-jwt</c> during the transition (draft-ietf-oauth-sd-jwt-vc-25 section 3.2.1).
    /// Default: off; only <c>dc+sd-jwt</c> is accepted unless a deployment opts in.
    /// </summary>
    public bool AcceptLegacyType { get; init; }

    /// <summary>
    /// Whether the presented credential must have <c>exp</c>. A verifier cannot tell which claim an undisclosed digest
    /// hides, so a credential whose issuer made <c>exp</c> disclosable could have it withheld. Default: on.
    /// </summary>
    public bool RequireExpirationTime { get; init; } = true;

    /// <summary>Whether the presented credential must have <c>cnf</c> (a holder key). Default: on.</summary>
    public bool RequireConfirmationKey { get; init; } = true;

    /// <summary>
    /// Whether the presented credential must have <c>status</c>, whatever the policy's <see cref="SdJwtVcPolicy.Status"/>
    /// (which says whether the referenced status is fetched). Default: off, because <c>status</c> is optional in SD-JWT VC
    /// and many credentials have none; turn it on wherever the issuers you trust publish status, so that a <c>status</c>
    /// made selectively disclosable and then withheld cannot hide a revocation (the sample verifier turns it on).
    /// </summary>
    public bool RequireStatus { get; init; }

    /// <summary>Whether a General JWS JSON serialization may carry more than one signature, each of which must verify. Default: off.</summary>
    public bool AllowMultipleSignatures { get; init; }

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
