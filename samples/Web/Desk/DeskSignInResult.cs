namespace Credentials.Samples.Web.Desk;

/// <summary>The outcome of a staff sign-in attempt.</summary>
public enum DeskSignInResult
{
    /// <summary>Signed in.</summary>
    Success,

    /// <summary>The user name or password is wrong.</summary>
    Wrong,

    /// <summary>Too many wrong passwords: the account is locked for a while.</summary>
    LockedOut,
}
