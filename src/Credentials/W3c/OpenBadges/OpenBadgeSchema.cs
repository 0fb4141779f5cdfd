namespace Credentials.W3c.OpenBadges;

/// <summary>The embedded 1EdTech Open Badges 3.0 JSON Schemas (draft 2019-09).</summary>
public enum OpenBadgeSchema
{
    /// <summary><c>AchievementCredential</c> / <c>OpenBadgeCredential</c> (<c>ob_v3p0_achievementcredential</c>).</summary>
    AchievementCredential,

    /// <summary><c>EndorsementCredential</c> (<c>ob_v3p0_endorsementcredential</c>).</summary>
    EndorsementCredential,

    /// <summary>A <c>Profile</c> document (<c>ob_v3p0_profile</c>).</summary>
    Profile,
}
