namespace Credentials.Wallet.OpenId4Vci;

/// <summary>Where and how to notify the Credential Issuer about received credentials (OpenID4VCI 1.0 section 11), for <see cref="OpenId4VciClient.NotifyAsync"/>.</summary>
public sealed record CredentialNotificationTarget
{
    /// <summary>The issuer's <c>notification_endpoint</c>.</summary>
    public required string NotificationEndpoint { get; init; }

    /// <summary>The access token the credentials were issued with (a secret).</summary>
    public required string AccessToken { get; init; }

    /// <summary>
    /// The private DPoP key the access token is bound to (RFC 9449), as a JWK, or <see langword="null"/> for a Bearer
    /// token. A secret: <see cref="OpenId4VciClient.NotifyAsync"/> signs the request's DPoP proof with it.
    /// </summary>
    public Credentials.Keys.Jwk? DpopKey { get; init; }

    /// <summary>The <c>notification_id</c> of the (Deferred) Credential Response.</summary>
    public required string NotificationId { get; init; }

    /// <inheritdoc />
    public override string ToString() => "CredentialNotificationTarget";
}
