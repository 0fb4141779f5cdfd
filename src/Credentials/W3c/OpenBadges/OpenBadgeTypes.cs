namespace Credentials.W3c.OpenBadges;

/// <summary>The <c>type</c> values Open Badges 3.0 defines for credentials and subjects.</summary>
public static class OpenBadgeTypes
{
    /// <summary>The credential type (alias of <see cref="AchievementCredential"/>) this library writes.</summary>
    public const string OpenBadgeCredential = "OpenBadgeCredential";

    /// <summary>The credential type of an awarded achievement.</summary>
    public const string AchievementCredential = "AchievementCredential";

    /// <summary>The credential type of an endorsement.</summary>
    public const string EndorsementCredential = "EndorsementCredential";

    /// <summary>The type of an achievement credential's subject.</summary>
    public const string AchievementSubject = "AchievementSubject";

    /// <summary>The type of an endorsement credential's subject.</summary>
    public const string EndorsementSubject = "EndorsementSubject";

    /// <summary>The type of an achievement.</summary>
    public const string Achievement = "Achievement";

    /// <summary>The type of an issuer or other profile.</summary>
    public const string Profile = "Profile";
}
