namespace Credentials.OpenId4Vci;

/// <summary>
/// The <c>authorization_code</c> grant of a Credential Offer (OpenID4VCI 1.0 section 4.1.1), created by
/// <see cref="OpenId4VciIssuer.CreateOfferAsync"/> with <see cref="CredentialOfferRequest.OfferAuthorizationCode"/>.
/// </summary>
public sealed record AuthorizationCodeGrant
{
    /// <summary>Opaque issuer state to send back in the Authorization Request.</summary>
    public string? IssuerState { get; init; }

    /// <summary>The Authorization Server to use when the issuer metadata lists several.</summary>
    public string? AuthorizationServer { get; init; }
}
