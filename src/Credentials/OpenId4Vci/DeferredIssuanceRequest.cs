namespace Credentials.OpenId4Vci;

/// <summary>What the app knows when it decides whether to defer a Credential Request (<see cref="DeferredIssuanceOptions.Defer"/>).</summary>
public sealed record DeferredIssuanceRequest
{
    /// <summary>
    /// The <c>transaction_id</c> the Wallet receives if the request is deferred: keep it to call
    /// <see cref="OpenId4VciIssuer.ApproveDeferredAsync"/> or <see cref="OpenId4VciIssuer.RejectDeferredAsync"/> later.
    /// A secret of the Wallet's: store it as such.
    /// </summary>
    public required string TransactionId { get; init; }

    /// <summary>The request as <see cref="OpenId4VciIssuerOptions.ResolveDataset"/> would see it (configuration, subject, proved holder keys).</summary>
    public required CredentialIssuanceContext Issuance { get; init; }
}
