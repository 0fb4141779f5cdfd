using System.Collections.Immutable;

namespace Credentials.Dcql.Matching;

/// <summary>How the wallet's candidates fare against one Credential Query.</summary>
public sealed record CredentialQueryMatch
{
    /// <summary>The Credential Query.</summary>
    public required CredentialQuery Query { get; init; }

    /// <summary>The Credential Query id.</summary>
    public string Id => Query.Id;

    /// <summary>The candidates that answer it, fewest disclosures first (ties keep the order the candidates were given in).</summary>
    public required ImmutableArray<DcqlCandidateMatch> Matches { get; init; }

    /// <summary>The candidates that do not, with the reason, in the order they were given.</summary>
    public required ImmutableArray<DcqlCandidateMismatch> Mismatches { get; init; }

    /// <summary>Whether at least one candidate answers the query.</summary>
    public bool IsSatisfied => !Matches.IsDefaultOrEmpty;
}
