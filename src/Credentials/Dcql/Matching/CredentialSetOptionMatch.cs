using System.Collections.Immutable;

namespace Credentials.Dcql.Matching;

/// <summary>One option of a Credential Set Query, evaluated.</summary>
public sealed record CredentialSetOptionMatch
{
    /// <summary>The index of the option in <see cref="CredentialSetQuery.Options"/>.</summary>
    public required int Index { get; init; }

    /// <summary>The Credential Query ids of the option.</summary>
    public required ImmutableArray<string> CredentialQueryIds { get; init; }

    /// <summary>The ids of the option's Credential Queries that no candidate answers.</summary>
    public required ImmutableArray<string> UnsatisfiedQueryIds { get; init; }

    /// <summary>Whether every Credential Query of the option is answered.</summary>
    public bool IsSatisfiable => UnsatisfiedQueryIds.IsDefaultOrEmpty;

    /// <summary>The sum over the option's queries of the best candidate's disclosures; 0 when not satisfiable.</summary>
    public int DisclosureCount { get; init; }
}
