namespace Credentials.OpenId4Vci;

/// <summary>The <c>event</c> of a Notification Request (OpenID4VCI 1.0 section 11.1).</summary>
public enum CredentialNotificationEvent
{
    /// <summary><c>credential_accepted</c>: the Credentials were stored in the Wallet.</summary>
    CredentialAccepted,

    /// <summary><c>credential_failure</c>: the issuance failed for a reason other than the user's action (a partial batch failure included).</summary>
    CredentialFailure,

    /// <summary><c>credential_deleted</c>: the issuance was unsuccessful because of the user's action (for example the user declined or deleted the credential).</summary>
    CredentialDeleted,
}
