using System;
using System.Collections.Immutable;
using Credentials.SdJwt;

namespace Credentials.Wallet.Holder;

/// <summary>
/// The user's answer to a <see cref="PresentationPlan"/>: deny, approve, or approve with optional items dropped or
/// another <c>claim_sets</c> option chosen. Immutable; build it with the static members and the <c>With…</c> methods.
/// </summary>
public sealed record PresentationConsent
{
    private PresentationConsent(bool approved) => IsApproved = approved;

    /// <summary>Denies the request: nothing is disclosed, no Key Binding JWT is created, nothing is logged.</summary>
    public static PresentationConsent Deny { get; } = new(false);

    /// <summary>Approves the plan as shown.</summary>
    public static PresentationConsent Approve { get; } = new(true);

    /// <summary>Whether the user approved.</summary>
    public bool IsApproved { get; }

    /// <summary>The optional Credential Queries the user dropped.</summary>
    public ImmutableArray<string> DroppedQueries { get; init; } = [];

    /// <summary>The optional claims the user dropped, per Credential Query id.</summary>
    public ImmutableArray<(string QueryId, ClaimPath Path)> DroppedClaims { get; init; } = [];

    /// <summary>The <c>claim_sets</c> options the user chose instead of the planned ones, per Credential Query id.</summary>
    public ImmutableArray<(string QueryId, int ClaimSetIndex)> ChosenAlternatives { get; init; } = [];

    /// <summary>Drops an optional presentation (<see cref="PlannedPresentation.IsOptional"/>).</summary>
    /// <param name="queryId">Its Credential Query id.</param>
    /// <exception cref="InvalidOperationException">This consent is a denial.</exception>
    public PresentationConsent WithoutQuery(string queryId)
    {
        ArgumentException.ThrowIfNullOrEmpty(queryId);
        EnsureApproved();
        return this with { DroppedQueries = DroppedQueries.Add(queryId) };
    }

    /// <summary>Drops an optional claim (<see cref="PlannedClaim.IsOptional"/>): the wallet answers with a <c>claim_sets</c> option without it.</summary>
    /// <param name="queryId">The Credential Query id.</param>
    /// <param name="path">The requested claim's path.</param>
    /// <exception cref="InvalidOperationException">This consent is a denial.</exception>
    public PresentationConsent WithoutClaim(string queryId, ClaimPath path)
    {
        ArgumentException.ThrowIfNullOrEmpty(queryId);
        ArgumentNullException.ThrowIfNull(path);
        EnsureApproved();
        return this with { DroppedClaims = DroppedClaims.Add((queryId, path)) };
    }

    /// <summary>Answers a query with another <c>claim_sets</c> option (<see cref="PlannedPresentation.Alternatives"/>).</summary>
    /// <param name="queryId">The Credential Query id.</param>
    /// <param name="claimSetIndex">The option's index.</param>
    /// <exception cref="InvalidOperationException">This consent is a denial.</exception>
    public PresentationConsent WithAlternative(string queryId, int claimSetIndex)
    {
        ArgumentException.ThrowIfNullOrEmpty(queryId);
        ArgumentOutOfRangeException.ThrowIfNegative(claimSetIndex);
        EnsureApproved();
        return this with { ChosenAlternatives = ChosenAlternatives.Add((queryId, claimSetIndex)) };
    }

    private void EnsureApproved()
    {
        if (!IsApproved)
        {
            throw new InvalidOperationException("A denial cannot drop or choose items.");
        }
    }
}
