using System.Collections.Generic;

namespace Credentials.OpenId4Vci;

/// <summary>
/// An Authorization Request (pushed with PAR, RFC 9126) that reached the authorization endpoint and now waits for the
/// issuer app to authenticate the End-User: the app keeps <see cref="Id"/> in its login page and then calls
/// <see cref="OpenId4VciIssuer.CompleteAuthorizationAsync"/> or <see cref="OpenId4VciIssuer.DenyAuthorizationAsync"/>.
/// </summary>
public sealed record PendingAuthorization
{
    /// <summary>The opaque id of this pending authorization (a secret; single use; short-lived).</summary>
    public required string Id { get; init; }

    /// <summary>The Wallet's <c>client_id</c>, to show the End-User which application asks.</summary>
    public required string ClientId { get; init; }

    /// <summary>The <c>redirect_uri</c> the authorization response will go to.</summary>
    public required string RedirectUri { get; init; }

    /// <summary>The Credential Configurations requested (from <c>authorization_details</c> and <c>scope</c>).</summary>
    public required IReadOnlyList<string> CredentialConfigurationIds { get; init; }

    /// <summary>
    /// The subject of the Credential Offer whose <c>issuer_state</c> the request carried (OpenID4VCI 1.0 section 5.1.3),
    /// or <see langword="null"/> when the Wallet started without an offer. The app decides whether the authenticated
    /// End-User must be this subject.
    /// </summary>
    public string? OfferSubjectId { get; init; }
}
