using System.Collections.Immutable;

namespace Credentials.Dcql.Matching;

/// <summary>A candidate that cannot answer a Credential Query, and why.</summary>
public sealed record DcqlCandidateMismatch
{
    /// <summary>The candidate.</summary>
    public required DcqlCandidate Candidate { get; init; }

    /// <summary>The first check that failed.</summary>
    public required DcqlMismatchReason Reason { get; init; }

    /// <summary>
    /// For <see cref="DcqlMismatchReason.ClaimMissing"/>, <see cref="DcqlMismatchReason.ValueMismatch"/> and
    /// <see cref="DcqlMismatchReason.NoClaimSetSatisfied"/>: every requested Claims Query the candidate does not satisfy,
    /// in query order (for <c>claim_sets</c>, those named by some option). Empty otherwise.
    /// </summary>
    public ImmutableArray<DcqlClaimFailure> ClaimFailures { get; init; } = [];
}
