namespace Credentials.Samples.Web.Desk;

/// <summary>Where one person's certificate stands.</summary>
public enum DeskRowState
{
    /// <summary>Offered: the wallet has not redeemed the offer yet.</summary>
    Offered,

    /// <summary>Redeemed: the credential was issued to the person's wallet.</summary>
    Redeemed,

    /// <summary>Revoked (status list INVALID); final.</summary>
    Revoked,

    /// <summary>Suspended (status list SUSPENDED); can be lifted.</summary>
    Suspended,
}
