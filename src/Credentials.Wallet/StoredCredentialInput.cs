using System;
using System.Collections.Generic;

namespace Credentials.Wallet;

/// <summary>
/// A credential to store, already validated by the caller (signature, <c>cnf</c>, type metadata), with the metadata the
/// wallet keeps for listing and search. The store does not parse or verify <see cref="CredentialCopyInput.Raw"/>.
/// </summary>
public sealed record StoredCredentialInput
{
    /// <summary>The credential format identifier, for example <c>dc+sd-jwt</c> (OpenID4VP format identifiers).</summary>
    public required string Format { get; init; }

    /// <summary>
    /// The copies: exactly one for a <see cref="CredentialUse.Reusable"/> credential, one or more for a
    /// <see cref="CredentialUse.SingleUse"/> batch.
    /// </summary>
    public required IReadOnlyList<CredentialCopyInput> Copies { get; init; }

    /// <summary>Whether the copies are reusable or single-use; default <see cref="CredentialUse.Reusable"/>.</summary>
    public CredentialUse Use { get; init; } = CredentialUse.Reusable;

    /// <summary>The credential type (SD-JWT VC <c>vct</c>), if any.</summary>
    public string? Vct { get; init; }

    /// <summary>The W3C credential's <c>type</c> values as written (<c>jwt_vc_json</c>, <c>ldp_vc</c>), if any.</summary>
    public IReadOnlyList<string>? Types { get; init; }

    /// <summary>
    /// The W3C credential's fully expanded types (OpenID4VP 1.0 Appendix B.1.1), which DCQL <c>type_values</c> are matched
    /// against without decrypting the credential; see <see cref="Credentials.Dcql.Matching.DcqlW3cTypes"/>.
    /// </summary>
    public IReadOnlyList<string>? ExpandedTypes { get; init; }

    /// <summary>The ISO mdoc document type (<c>mso_mdoc</c>), if any.</summary>
    public string? DocType { get; init; }

    /// <summary>The issuer identifier (<c>iss</c>), if any.</summary>
    public string? Issuer { get; init; }

    /// <summary>When the credential was issued (<c>iat</c>), if known.</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>When the credential expires (<c>exp</c>), if it does.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>A display name in the holder's default language, if the caller has one.</summary>
    public string? DisplayName { get; init; }

    /// <summary>
    /// Display metadata as JSON text, typically the resolved SD-JWT VC type metadata (<c>display</c> and <c>claims</c>
    /// in several languages), kept opaque and returned with the summary.
    /// </summary>
    public string? DisplayMetadataJson { get; init; }
}
