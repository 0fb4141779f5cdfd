using System.Collections.Immutable;

namespace Credentials.Dcql.Matching;

/// <summary>A candidate that answers a Credential Query.</summary>
public sealed record DcqlCandidateMatch
{
    /// <summary>The candidate.</summary>
    public required DcqlCandidate Candidate { get; init; }

    /// <summary>The claims it answers with, per <see cref="DcqlMatcherOptions.ClaimSetPreference"/>.</summary>
    public required DcqlClaimSelection Selected { get; init; }

    /// <summary>Every satisfiable alternative in the Verifier's order (one entry when the query has no <c>claim_sets</c>); includes <see cref="Selected"/>.</summary>
    public required ImmutableArray<DcqlClaimSelection> Alternatives { get; init; }

    /// <summary>Whether the presentation must carry a Cryptographic Holder Binding proof (SD-JWT: a KB-JWT).</summary>
    public bool RequireCryptographicHolderBinding { get; init; }

    /// <summary>Whether presenting reveals the whole credential (W3C formats: no selective disclosure).</summary>
    public bool DisclosesWholeCredential => Selected.DisclosesWholeCredential;

    /// <summary>The disclosures of <see cref="Selected"/>.</summary>
    public int DisclosureCount => Selected.DisclosureCount;
}
