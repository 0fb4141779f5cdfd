using System.Collections.Generic;
using Credentials.Wallet.Holder;

namespace Credentials.Wallet.OpenId4Vci;

/// <summary>A credential received over OpenID4VCI and stored in the wallet.</summary>
public sealed record ReceivedCredential
{
    /// <summary>The requested configuration id.</summary>
    public required string CredentialConfigurationId { get; init; }

    /// <summary>What the holder service stored.</summary>
    public required ImportedCredential Imported { get; init; }

    /// <summary>The ids of the holder keys created for the copies.</summary>
    public required IReadOnlyList<string> HolderKeyIds { get; init; }

    /// <summary>
    /// Where to notify the issuer later (for example <c>credential_deleted</c> when the user removes the credential it
    /// just received), when the issuer returned a <c>notification_id</c>; <c>credential_accepted</c> was already sent.
    /// </summary>
    public CredentialNotificationTarget? Notification { get; init; }
}
