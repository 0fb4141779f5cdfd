using System;
using Credentials.Keys;

namespace Credentials.W3c.OpenBadges;

/// <summary>Options for <see cref="OpenBadgeJwtIssuer"/>. Immutable.</summary>
public sealed record OpenBadgeJwtIssuerOptions
{
    /// <summary>The default options: the header names the key by the signer's <c>kid</c>.</summary>
    public static OpenBadgeJwtIssuerOptions Default { get; } = new();

    /// <summary>
    /// When set, the header carries this public key as <c>jwk</c> (section 8.2.3), so that a verifier can check the
    /// signature without dereferencing a <c>kid</c>; it must be the signer's public key (checked on every signature)
    /// and never holds private members. When <see langword="null"/> (the default), the signer's
    /// <see cref="ISigner.KeyId"/>, a URI that dereferences to the key, is the <c>kid</c>. Both are written when both
    /// are present.
    /// </summary>
    public Jwk? PublicKey { get; init; }

    /// <summary>
    /// The extension members the credentials may have at the top level (see <see cref="W3cIssuanceOptions"/>). Default:
    /// the top-level terms of the Open Badges 3.0 context (<c>awardedDate</c>, <c>endorsement</c>, <c>endorsementJwt</c>,
    /// <c>image</c>).
    /// </summary>
    public W3cIssuanceOptions Issuance { get; init; } = new() { ExtensionMembers = ["awardedDate", "endorsement", "endorsementJwt", "image"] };

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">An option is null, or the public key holds private material.</exception>
    internal void Validate(string paramName)
    {
        if (Issuance is null)
        {
            throw new ArgumentException("Issuance must not be null.", paramName);
        }

        if (PublicKey is { HasPrivateKey: true })
        {
            // Section 8.2.3: the JWK MUST never contain "d".
            throw new ArgumentException("The header key must be a public key.", paramName);
        }

        Issuance.Validate(paramName);
    }
}
