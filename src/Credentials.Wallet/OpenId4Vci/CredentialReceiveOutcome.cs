namespace Credentials.Wallet.OpenId4Vci;

/// <summary>What <see cref="OpenId4VciClient.ReceiveOrDeferAsync"/> and <see cref="OpenId4VciClient.CompleteDeferredAsync"/> end with: the stored credential, or a pending issuance to ask for later.</summary>
public sealed record CredentialReceiveOutcome
{
    /// <summary>The stored credential, when issued.</summary>
    public ReceivedCredential? Received { get; init; }

    /// <summary>The deferred issuance, when the issuer needs more time (persist it and call <see cref="OpenId4VciClient.CompleteDeferredAsync"/> after <see cref="PendingCredential.RetryAfter"/>).</summary>
    public PendingCredential? Pending { get; init; }

    /// <summary>Whether the issuance is still pending.</summary>
    public bool IsPending => Pending is not null;
}
