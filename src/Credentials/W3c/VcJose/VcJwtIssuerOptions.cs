using System;

namespace Credentials.W3c.VcJose;

/// <summary>
/// Options for <see cref="VcJwtIssuer"/> and <see cref="VcJwtHolder"/>. By default the JWS payload is exactly the
/// document; the JWT claims below are added only when asked for, and become members of the secured document.
/// </summary>
public sealed record VcJwtIssuerOptions
{
    /// <summary>The clock, for <c>iat</c> and <c>exp</c>. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Whether to add <c>iat</c>: when the signature was made (section 3.1.3). Default <see langword="false"/>.</summary>
    public bool IncludeIssuedAt { get; init; }

    /// <summary>
    /// When set, add <c>exp</c> this long after now: when the signature expires (section 3.1.3), distinct from the
    /// document's <c>validUntil</c>. Default: none.
    /// </summary>
    public TimeSpan? SignatureLifetime { get; init; }

    /// <summary>
    /// Whether to add <c>iss</c> equal to the issuer (or holder) identifier (section 4.1.2). Without it, the signer's
    /// key id must be an absolute URL (section 4.3). Default <see langword="false"/>.
    /// </summary>
    public bool IncludeIssuerClaim { get; init; }

    /// <summary>Whether to add the <c>cty</c> header (<c>vc</c> or <c>vp</c>; sections 3.1.1 and 3.1.2 say it is optional). Default <see langword="false"/>.</summary>
    public bool IncludeContentType { get; init; }

    /// <summary>The extension members the secured documents may have (see <see cref="W3cIssuanceOptions"/>).</summary>
    public W3cIssuanceOptions Issuance { get; init; } = W3cIssuanceOptions.Default;

    /// <summary>Checks the options.</summary>
    /// <param name="paramName">The parameter name for the exception.</param>
    /// <exception cref="ArgumentException">An option is null or the lifetime is not positive.</exception>
    internal void Validate(string paramName)
    {
        if (TimeProvider is null || Issuance is null)
        {
            throw new ArgumentException("TimeProvider and Issuance must not be null.", paramName);
        }

        if (SignatureLifetime is { } lifetime && lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentException("SignatureLifetime must be positive.", paramName);
        }

        Issuance.Validate(paramName);
    }
}
