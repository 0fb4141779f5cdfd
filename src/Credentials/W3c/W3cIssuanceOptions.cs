using System;
using System.Collections.Generic;

namespace Credentials.W3c;

/// <summary>
/// What an issuer (or a holder signing a presentation) accepts in the documents it secures, beyond the data model's
/// own rules, which always apply.
/// </summary>
/// <remarks>
/// Without JSON-LD processing an issuer cannot see which terms the other contexts of a document define, so it asks
/// to be told: a top-level member that the base context does not define must be declared in
/// <see cref="ExtensionMembers"/>, or the document must end its <c>@context</c> with
/// <see cref="W3cContexts.UndefinedTermsV2"/> (VCDM 2.0 section 5.2). Otherwise issuance fails with
/// <see cref="VcErrors.UndefinedMember"/>: a typo such as <c>validUntill</c> would otherwise be signed as an
/// undefined term and the credential would never expire.
/// </remarks>
public sealed record W3cIssuanceOptions
{
    /// <summary>The default options: no extension members.</summary>
    public static W3cIssuanceOptions Default { get; } = new();

    /// <summary>
    /// Top-level member names that other contexts of the documents define (for example Open Badges'
    /// <c>awardedDate</c>, <c>image</c>, <c>endorsement</c>). Empty by default.
    /// </summary>
    public IReadOnlyCollection<string> ExtensionMembers { get; init; } = [];

    /// <summary>Checks the options.</summary>
    /// <param name="paramName">The parameter name for the exception.</param>
    /// <exception cref="ArgumentException">The set is null or holds a null or empty name.</exception>
    internal void Validate(string paramName)
    {
        if (ExtensionMembers is null)
        {
            throw new ArgumentException("ExtensionMembers must not be null.", paramName);
        }

        foreach (var name in ExtensionMembers)
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException("ExtensionMembers must not hold null or empty names.", paramName);
            }
        }
    }
}
