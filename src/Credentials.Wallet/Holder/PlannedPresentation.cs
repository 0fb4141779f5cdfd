using System.Collections.Immutable;
using Credentials.Dcql;
using Credentials.Dcql.Matching;
using Credentials.SdJwt;
using Credentials.Wallet.Holder.Internal;

namespace Credentials.Wallet.Holder;

/// <summary>
/// One presentation the wallet would send for one Credential Query: which credential, exactly what it discloses, and
/// what SD-JWT makes visible anyway. Everything a consent screen needs to be honest.
/// </summary>
public sealed record PlannedPresentation
{
    /// <summary>The Credential Query id; the key in the <c>vp_token</c>.</summary>
    public required string QueryId { get; init; }

    /// <summary>Whether it answers only an optional Credential Set Query, so the user may drop it.</summary>
    public bool IsOptional { get; init; }

    /// <summary>The wallet's id of the credential that would be presented.</summary>
    public required string CredentialId { get; init; }

    /// <summary>The credential format, for example <c>dc+sd-jwt</c>, <c>ldp_vc</c> or <c>jwt_vc_json</c>.</summary>
    public string Format { get; init; } = DcqlFormats.SdJwtVc;

    /// <summary>The credential type (SD-JWT VC <c>vct</c>).</summary>
    public string? Vct { get; init; }

    /// <summary>For a W3C credential, its <c>type</c> values as written; empty otherwise.</summary>
    public ImmutableArray<string> Types { get; init; } = [];

    /// <summary>The ISO mdoc document type (<c>mso_mdoc</c>), if any.</summary>
    public string? DocType { get; init; }

    /// <summary>
    /// Whether the verifier will see the whole credential, not only <see cref="RequestedClaims"/>: W3C credentials
    /// (<c>ldp_vc</c>, <c>jwt_vc_json</c>) have no selective disclosure, so every claim, listed in
    /// <see cref="AlwaysVisibleClaims"/>, is sent. A consent screen must say so.
    /// </summary>
    public bool DisclosesWholeCredential { get; init; }

    /// <summary>The credential's name in the user's language.</summary>
    public required string CredentialName { get; init; }

    /// <summary>The claims the query asks for, exactly, with labels and values.</summary>
    public required ImmutableArray<PlannedClaim> RequestedClaims { get; init; }

    /// <summary>
    /// Claims that are not requested but that the selected disclosures reveal anyway (for example plaintext members
    /// of a disclosed object). Empty in the common case.
    /// </summary>
    public required ImmutableArray<PlannedClaim> AlsoRevealedClaims { get; init; }

    /// <summary>
    /// Claims in plaintext in the Issuer-signed JWT, which every presentation of this credential shows (issuer, type,
    /// dates, holder key, and any claim the issuer did not make selectively disclosable). For a W3C credential, every
    /// claim of the credential.
    /// </summary>
    public required ImmutableArray<PlannedClaim> AlwaysVisibleClaims { get; init; }

    /// <summary>The paths of the selective disclosures that would be included.</summary>
    public required ImmutableArray<ClaimPath> Disclosures { get; init; }

    /// <summary>Other <c>claim_sets</c> options this credential could answer with instead.</summary>
    public ImmutableArray<PlannedAlternative> Alternatives { get; init; } = [];

    /// <summary>The ids of other credentials that could answer this query (more disclosures or later in the wallet's order).</summary>
    public ImmutableArray<string> OtherCandidateIds { get; init; } = [];

    /// <summary>Whether the credential is a batch of single-use copies (one is used up by this presentation).</summary>
    public CredentialUse Use { get; init; }

    /// <summary>For a batch, the unused copies before this presentation.</summary>
    public int? RemainingCopies { get; init; }

    /// <summary>For a batch, whether it will be running low after this presentation.</summary>
    public bool WillBeRunningLow { get; init; }

    internal CredentialQuery Query { get; init; } = null!;

    internal DcqlCandidateMatch Match { get; init; } = null!;

    internal DcqlClaimSelection Selection { get; init; } = null!;

    internal CandidateInfo Info { get; init; } = null!;

    /// <inheritdoc />
    public override string ToString() => $"PlannedPresentation({QueryId} → {CredentialId}, {RequestedClaims.Length} claims)";
}
