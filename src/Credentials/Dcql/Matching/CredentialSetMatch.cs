using System.Collections.Immutable;

namespace Credentials.Dcql.Matching;

/// <summary>A Credential Set Query, evaluated against the wallet.</summary>
public sealed record CredentialSetMatch
{
    /// <summary>The Credential Set Query.</summary>
    public required CredentialSetQuery Query { get; init; }

    /// <summary>The index in <see cref="DcqlQuery.CredentialSets"/>.</summary>
    public required int Index { get; init; }

    /// <summary>Whether the set must be satisfied.</summary>
    public bool Required => Query.Required;

    /// <summary>Every option in the Verifier's order.</summary>
    public required ImmutableArray<CredentialSetOptionMatch> Options { get; init; }

    /// <summary>The preferred satisfiable option (per <see cref="DcqlMatcherOptions.CredentialSetPreference"/>), or <see langword="null"/>.</summary>
    public CredentialSetOptionMatch? Preferred { get; init; }

    /// <summary>Whether some option is satisfiable.</summary>
    public bool IsSatisfied => Preferred is not null;
}
