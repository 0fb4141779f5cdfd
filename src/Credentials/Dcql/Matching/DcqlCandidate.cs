using System.Collections.Immutable;
using System.Text.Json;
using Credentials.SdJwt;

namespace Credentials.Dcql.Matching;

/// <summary>
/// A credential the wallet holds, described for DCQL matching without tying the matcher to any storage. The matcher
/// reads only these members; it never parses, decrypts or derives anything else.
/// </summary>
/// <remarks>
/// Build candidates lazily: pre-filter with <see cref="DcqlMatcher.IsCandidateType(DcqlQuery, string, string?, System.Collections.Immutable.ImmutableArray{string})"/> on the
/// clear metadata (format, vct or doctype) before decrypting a credential's claims.
/// </remarks>
public sealed record DcqlCandidate
{
    /// <summary>The wallet's identifier for the credential; reported back in match results.</summary>
    public required string Id { get; init; }

    /// <summary>The Credential Format Identifier, for example <see cref="DcqlFormats.SdJwtVc"/>.</summary>
    public required string Format { get; init; }

    /// <summary>The SD-JWT VC type (<c>vct</c>), for <c>dc+sd-jwt</c>.</summary>
    public string? Vct { get; init; }

    /// <summary>
    /// The types <see cref="Vct"/> extends, as the wallet resolved them from type metadata (SD-JWT VC <c>extends</c>);
    /// Appendix B.3.5 lets the wallet return credentials that inherit from a requested type. Empty by default.
    /// </summary>
    public ImmutableArray<string> ExtendedVcts { get; init; } = [];

    /// <summary>
    /// The fully expanded types of a W3C credential (<c>jwt_vc_json</c>, <c>ldp_vc</c>): each <c>type</c> value after its
    /// <c>@context</c> is applied, a type no context defines staying as written (OpenID4VP 1.0 Appendix B.1.1). Compute them
    /// once with <see cref="DcqlW3cTypes.ExpandAsync"/>. Empty by default.
    /// </summary>
    public ImmutableArray<string> W3cTypes { get; init; } = [];

    /// <summary>The mdoc doctype, for <c>mso_mdoc</c>.</summary>
    public string? Doctype { get; init; }

    /// <summary>
    /// Every claim as the holder sees it, all disclosures applied (for SD-JWT VC, the processed payload; for mdoc,
    /// <c>{namespace: {data element: value}}</c> with CBOR converted to JSON as RFC 8949 section 6.1 advises; for the W3C
    /// formats, the credential object itself, for a JWT the credential inside it).
    /// </summary>
    public required JsonElement Claims { get; init; }

    /// <summary>
    /// The concrete paths of the selectively disclosable claims (for SD-JWT, the paths of <see cref="DisclosableClaim"/>).
    /// Claims not listed are always disclosed and cost nothing. Ignored for <c>mso_mdoc</c>, where every data element
    /// is disclosed on its own.
    /// </summary>
    public ImmutableArray<ClaimPath> SelectivelyDisclosable { get; init; } = [];

    /// <summary>
    /// Whether the credential supports Cryptographic Holder Binding (SD-JWT: has <c>cnf</c>; mdoc: a device key; W3C: the
    /// credential subject's <c>id</c> is a DID the holder controls, proven by the presentation's proof).
    /// </summary>
    public bool SupportsCryptographicHolderBinding { get; init; }

    /// <summary>The trust facts known for the issuer, matched against <see cref="CredentialQuery.TrustedAuthorities"/>.</summary>
    public ImmutableArray<DcqlTrustedAuthority> TrustedAuthorities { get; init; } = [];
}
