namespace Credentials.OpenId4Vci;

/// <summary>A Notification Request the issuer accepted (<see cref="IssuerNotificationOptions.OnNotification"/>), with what the issuer knows of the flow.</summary>
public sealed record CredentialNotification
{
    /// <summary>The <c>notification_id</c> the issuer returned with the Credentials.</summary>
    public required string NotificationId { get; init; }

    /// <summary>The event.</summary>
    public required CredentialNotificationEvent Event { get; init; }

    /// <summary>The Wallet's <c>event_description</c> (untrusted ASCII text), if any.</summary>
    public string? EventDescription { get; init; }

    /// <summary>The configuration of the issued Credentials.</summary>
    public required string CredentialConfigurationId { get; init; }

    /// <summary>The subject id the offer was created with, if any.</summary>
    public string? SubjectId { get; init; }

    /// <summary>The deferred transaction the Credentials were delivered through, if any (the one of <see cref="DeferredIssuanceRequest.TransactionId"/>).</summary>
    public string? TransactionId { get; init; }
}
