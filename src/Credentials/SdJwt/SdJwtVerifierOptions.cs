using System;
using System.Collections.Generic;
using Credentials.Jose;

namespace Credentials.SdJwt;

/// <summary>Options for <see cref="SdJwtVerifier"/>. The verifier, not the token, chooses algorithms and limits.</summary>
public sealed record SdJwtVerifierOptions
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
}
