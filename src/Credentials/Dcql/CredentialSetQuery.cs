using System.Collections.Immutable;

namespace Credentials.Dcql;

/// <summary>
/// A Credential Set Query (OpenID4VP 1.0 section 6.2): alternative sets of Credential Query ids, any one of which
/// satisfies a use case.
/// </summary>
/// <remarks>The final 1.0 text has no <c>purpose</c> member (earlier drafts had one); it is ignored like any unknown member.</remarks>
public sealed record CredentialSetQuery
{
    /// <summary>The options: each a non-empty list of Credential Query ids.</summary>
    public required ImmutableArray<ImmutableArray<string>> Options { get; init; }

    /// <summary>Whether this set must be satisfied. Default <see langword="true"/>.</summary>
    public bool Required { get; init; } = true;
}
