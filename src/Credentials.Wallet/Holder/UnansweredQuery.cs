using System.Collections.Immutable;
using Credentials.SdJwt;

namespace Credentials.Wallet.Holder;

/// <summary>A Credential Query the wallet cannot answer, and why, for the consent screen or the app's next step.</summary>
public sealed record UnansweredQuery
{
    /// <summary>The Credential Query id.</summary>
    public required string QueryId { get; init; }

    /// <summary>
    /// Whether this makes the whole request unanswerable (a query needed by every option of a required credential set,
    /// or any query when the request has no <c>credential_sets</c>); <see langword="false"/> for optional items.
    /// </summary>
    public required bool IsBlocking { get; init; }

    /// <summary>The reason, from the candidate that came closest.</summary>
    public required UnansweredReason Reason { get; init; }

    /// <summary>The requested claim paths the closest credential lacks (or whose values do not match).</summary>
    public ImmutableArray<ClaimPath> MissingClaims { get; init; } = [];

    /// <summary>For <see cref="UnansweredReason.CannotAnswerWithoutDisclosingMore"/>: the related claims the wallet holds and will not disclose in their place (for example <c>birthdate</c>).</summary>
    public ImmutableArray<ClaimPath> HeldInstead { get; init; } = [];

    /// <summary>The ids of the credentials of the requested type that came closest, if any.</summary>
    public ImmutableArray<string> ClosestCredentialIds { get; init; } = [];
}
