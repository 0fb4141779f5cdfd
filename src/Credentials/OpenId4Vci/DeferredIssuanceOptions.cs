using System;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.OpenId4Vci;

/// <summary>
/// Deferred issuance of <c>dc+sd-jwt</c> credentials (OpenID4VCI 1.0 section 9): the app defers a Credential Request
/// that needs offline work (a manual review, data not ready), the Wallet receives HTTP 202 with a <c>transaction_id</c>
/// and polls the Deferred Credential Endpoint, and the app later calls <see cref="OpenId4VciIssuer.ApproveDeferredAsync"/>
/// with the dataset (the credentials are signed then, bound to the keys proved in the original request) or
/// <see cref="OpenId4VciIssuer.RejectDeferredAsync"/>.
/// </summary>
public sealed record DeferredIssuanceOptions
{
    /// <summary>
    /// Decides, after every check of a Credential Request passed and before <see cref="OpenId4VciIssuerOptions.ResolveDataset"/>,
    /// whether to defer it: <see langword="true"/> defers (<see cref="OpenId4VciIssuerOptions.ResolveDataset"/> is then not
    /// called for this request), <see langword="false"/> issues now as usual.
    /// </summary>
    public required Func<DeferredIssuanceRequest, CancellationToken, ValueTask<bool>> Defer { get; init; }

    /// <summary>The <c>interval</c> the Wallet is asked to wait between polls (whole seconds, at least 1). Default 5 minutes.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a transaction lives, pending or approved but not yet delivered; the access token of the original request
    /// stays valid at the Deferred Credential Endpoint for this transaction for as long. Default 7 days.
    /// </summary>
    public TimeSpan TransactionLifetime { get; init; } = TimeSpan.FromDays(7);
}
