using System.Collections.Immutable;
using Credentials.SdJwt;

namespace Credentials.Dcql.Matching;

/// <summary>One way a candidate answers a Credential Query: which claims it presents and what that discloses.</summary>
public sealed record DcqlClaimSelection
{
    /// <summary>The index of the <c>claim_sets</c> option, or <see langword="null"/> when the query has no <c>claim_sets</c>.</summary>
    public int? ClaimSetIndex { get; init; }

    /// <summary>The ids of the Claims Queries answered (those of the option; all ids present when there are no <c>claim_sets</c>).</summary>
    public ImmutableArray<string> ClaimIds { get; init; } = [];

    /// <summary>
    /// The concrete claims to present, in query order without duplicates: <see langword="null"/> wildcards expanded to the
    /// array elements present, and for queries with <c>values</c> only the elements whose value matches. Pass these to
    /// <see cref="SdJwtHolder.Select"/>. Empty when the query asks for no claims (only mandatory ones are presented).
    /// </summary>
    public ImmutableArray<ClaimPath> Paths { get; init; } = [];

    /// <summary>
    /// The selectively disclosable claims this reveals: those on the way to each path and everything beneath it (the
    /// disclosures <see cref="SdJwtHolder.Select"/> will include). For <c>mso_mdoc</c>, the data elements.
    /// </summary>
    public ImmutableArray<ClaimPath> Disclosures { get; init; } = [];

    /// <summary>
    /// Whether presenting reveals the whole credential, whatever <see cref="Paths"/> names: the W3C formats
    /// (<c>jwt_vc_json</c>, <c>ldp_vc</c>) have no selective disclosure. <see cref="Disclosures"/> then lists every
    /// top-level member of the credential (each with everything beneath it).
    /// </summary>
    public bool DisclosesWholeCredential { get; init; }

    /// <summary>The number of <see cref="Disclosures"/>: the cost to compare alternatives by.</summary>
    public int DisclosureCount => Disclosures.Length;
}
