using System;

namespace Credentials.W3c.VcJose;

/// <summary>
/// Options for <see cref="VcJwtHolder"/>. By default the JWS payload is exactly the presentation; the JWT claims below
/// are added only when asked for, and become members of the secured presentation.
/// </summary>
public sealed record VcJwtHolderOptions
{
    /// <summary>The clock, for <c>iat</c> and <c>exp</c>. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Whether to add <c>iat</c>: when the presentation was signed. Default <see langword="false"/>.</summary>
    public bool IncludeIssuedAt { get; init; }

    /// <summary>
    /// When set, add <c>exp</c> this long after now. Presentations should be short-lived (VCDM 2.0 section 4.13).
    /// Default: none.
    /// </summary>
    public TimeSpan? SignatureLifetime { get; init; }

    /// <summary>
    /// Whether to add <c>iss</c> equal to the holder's identifier (VC-JOSE-COSE section 4.1.2). Without it, the
    /// signer's key id must be an absolute URL when the holder is stated (section 4.3). Default <see langword="false"/>.
    /// </summary>
    public bool IncludeIssuerClaim { get; init; }

    /// <summary>Whether to add the <c>cty</c> header <c>vp</c> (section 3.1.2 says it is optional). Default <see langword="false"/>.</summary>
    public bool IncludeContentType { get; init; }

    /// <summary>The extension members the presentations may have (see <see cref="W3cIssuanceOptions"/>).</summary>
    public W3cIssuanceOptions Issuance { get; init; } = W3cIssuanceOptions.Default;

    /// <summary>The same settings for the signing code the holder shares with the issuer.</summary>
    internal VcJwtIssuerOptions ToSigningOptions() => new()
    {
        TimeProvider = TimeProvider,
        IncludeIssuedAt = IncludeIssuedAt,
        SignatureLifetime = SignatureLifetime,
        IncludeIssuerClaim = IncludeIssuerClaim,
        IncludeContentType = IncludeContentType,
        Issuance = Issuance,
    };
}
