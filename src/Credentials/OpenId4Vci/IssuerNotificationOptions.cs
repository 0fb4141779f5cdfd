using System;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.OpenId4Vci;

/// <summary>
/// The Notification Endpoint of an <see cref="OpenId4VciIssuer"/> (OpenID4VCI 1.0 section 11): when set, every
/// Credential Response with credentials carries a <c>notification_id</c>, the metadata names <c>notification_endpoint</c>,
/// and the Wallet's notifications reach <see cref="OnNotification"/>.
/// </summary>
public sealed record IssuerNotificationOptions
{
    /// <summary>
    /// Receives each accepted notification. Notifications are idempotent (section 11): a repeat of the event last
    /// recorded for a <c>notification_id</c> is answered 204 without calling this again; a different event is delivered.
    /// Called before the event is recorded, so a notification whose call throws is delivered again when the Wallet
    /// retries (at least once; two identical concurrent requests may both be delivered).
    /// </summary>
    public required Func<CredentialNotification, CancellationToken, ValueTask> OnNotification { get; init; }

    /// <summary>How long a <c>notification_id</c> is accepted after the Credentials were delivered. Default 7 days.</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromDays(7);
}
