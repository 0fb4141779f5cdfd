using System;
using System.Collections.Immutable;
using System.Linq;

namespace Credentials.OpenId4Vp;

/// <summary>The typed outcome of a verifier transaction, stored for the app and retrievable by transaction id.</summary>
public sealed record OpenId4VpTransactionResult
{
    /// <summary>The transaction id.</summary>
    public required string TransactionId { get; init; }

    /// <summary>Where the transaction stands.</summary>
    public required OpenId4VpTransactionStatus Status { get; init; }

    /// <summary>The verifier's Client Identifier (the audience of the presentations).</summary>
    public required string ClientId { get; init; }

    /// <summary>When the response arrived, or <see langword="null"/> while pending.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>Why the response was rejected, or the <c>openid4vp.wallet_error</c> marker; <see langword="null"/> when accepted or pending.</summary>
    public VerificationError? Error { get; init; }

    /// <summary>The wallet's OAuth error (for example <c>access_denied</c>) for <see cref="OpenId4VpTransactionStatus.WalletError"/>.</summary>
    public string? WalletError { get; init; }

    /// <summary>The wallet's <c>error_description</c>, if any.</summary>
    public string? WalletErrorDescription { get; init; }

    /// <summary>Every presentation received, valid or discarded.</summary>
    public ImmutableArray<VerifiedPresentation> Presentations { get; init; } = [];

    /// <summary>Whether the response was accepted.</summary>
    public bool IsAccepted => Status == OpenId4VpTransactionStatus.Accepted;

    /// <summary>The valid presentations for a Credential Query id.</summary>
    /// <param name="queryId">The id.</param>
    public ImmutableArray<VerifiedPresentation> ValidPresentationsFor(string queryId)
        => [.. Presentations.Where(p => p.IsValid && string.Equals(p.QueryId, queryId, StringComparison.Ordinal))];
}
