using System.Collections.Immutable;

namespace Credentials.Wallet.Holder;

/// <summary>Another way the same credential answers its query (another <c>claim_sets</c> option), for a "share this instead" choice.</summary>
public sealed record PlannedAlternative
{
    /// <summary>The index of the <c>claim_sets</c> option.</summary>
    public required int ClaimSetIndex { get; init; }

    /// <summary>The claims it would send.</summary>
    public required ImmutableArray<PlannedClaim> Claims { get; init; }

    /// <summary>The number of selective disclosures it needs.</summary>
    public required int DisclosureCount { get; init; }
}
