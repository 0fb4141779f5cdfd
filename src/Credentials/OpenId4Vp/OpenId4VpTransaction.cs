using System;

namespace Credentials.OpenId4Vp;

/// <summary>
/// A request the verifier created (OpenID4VP 1.0 section 13.3 reference design): the secret transaction id the app
/// keeps in its session, and the ways to hand the request to a wallet.
/// </summary>
public sealed record OpenId4VpTransaction
{
    /// <summary>The transaction id: a secret for the app (never sent to the wallet); results are fetched with it.</summary>
    public required string TransactionId { get; init; }

    /// <summary>The request.</summary>
    public required AuthorizationRequest Request { get; init; }

    /// <summary>When the request stops being answerable.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The request by value: plain parameters for <c>redirect_uri</c> clients, a signed <c>request</c> otherwise.</summary>
    public required string ByValueLink { get; init; }

    /// <summary>The request by reference (<c>client_id</c> + <c>request_uri</c>), or <see langword="null"/> when not configured or unsigned.</summary>
    public string? ByReferenceLink { get; init; }

    /// <summary>The <c>request_uri</c>, or <see langword="null"/>.</summary>
    public string? RequestUri { get; init; }
}
