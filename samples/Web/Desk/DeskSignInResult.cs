namespace Credentials.Samples.Web.Desk;

/// <summary>The outcome of a staff sign-in attempt.</summary>
public enum DeskSignInResult
{
    /// <summary>Signed in.</summary>
    Success,

    /// <summary>The user name or password is wrong.</summary>
    Wrong,

    /// <summary>Too many wrong attempts from this client (for this user name, or for any): it must wait before the next.</summary>
    LockedOut,
}
