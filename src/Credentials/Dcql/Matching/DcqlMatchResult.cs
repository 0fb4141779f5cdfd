using System;
using System.Collections.Immutable;

namespace Credentials.Dcql.Matching;

/// <summary>
/// The outcome of matching a DCQL query against the wallet (OpenID4VP 1.0 section 6.4): per Credential Query which
/// candidates answer it and with which claims, per Credential Set Query which options are satisfiable, whether the
/// request can be answered at all, and a suggested minimal answer.
/// </summary>
public sealed record DcqlMatchResult
{
    /// <summary>The query.</summary>
    public required DcqlQuery Query { get; init; }

    /// <summary>One entry per Credential Query, in query order.</summary>
    public required ImmutableArray<CredentialQueryMatch> Credentials { get; init; }

    /// <summary>One entry per Credential Set Query, or <see langword="null"/> when the query has none.</summary>
    public ImmutableArray<CredentialSetMatch>? CredentialSets { get; init; }

    /// <summary>
    /// Whether the request can be answered: every Credential Query is answered (no <c>credential_sets</c>), or every
    /// required Credential Set Query has a satisfiable option. When <see langword="false"/>, section 6.4.2 says the Wallet
    /// MUST NOT return any credential.
    /// </summary>
    public bool IsSatisfied { get; init; }

    /// <summary>
    /// The suggested answer when <see cref="IsSatisfied"/> (empty otherwise): for each Credential Query to answer, the
    /// candidate with the fewest disclosures. Required sets use their preferred option; optional sets with a satisfiable
    /// option add theirs, marked <see cref="DcqlSelectedCredential.IsOptional"/>. One credential per query, even when
    /// <see cref="CredentialQuery.Multiple"/> allows more (see <see cref="CredentialQueryMatch.Matches"/> for the others).
    /// </summary>
    public ImmutableArray<DcqlSelectedCredential> Selection { get; init; } = [];

    /// <summary>The match for a Credential Query id.</summary>
    /// <param name="id">The Credential Query id.</param>
    /// <exception cref="ArgumentException">No Credential Query has this id.</exception>
    public CredentialQueryMatch GetCredential(string id)
    {
        foreach (var credential in Credentials)
        {
            if (string.Equals(credential.Id, id, StringComparison.Ordinal))
            {
                return credential;
            }
        }

        throw new ArgumentException("No Credential Query has this id.", nameof(id));
    }
}
