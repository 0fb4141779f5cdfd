using System;
using System.Collections.Immutable;
using System.Text.Json;

namespace Credentials.W3c.OpenBadges;

/// <summary>
/// The recipient of an achievement and what they achieved: the <c>credentialSubject</c> of an Open Badges credential
/// (Open Badges 3.0 appendix B.1, AchievementSubject). It is identified by <see cref="Id"/> and/or <see cref="Identifiers"/>.
/// </summary>
public sealed class AchievementSubject
{
    internal AchievementSubject(JsonElement json, Achievement achievement, ImmutableArray<IdentityObject> identifiers)
    {
        Json = json;
        Achievement = achievement;
        Identifiers = identifiers;
        Id = OpenBadgeJson.String(json, "id");
        Types = OpenBadgeJson.Types(json);
        Results = OpenBadgeJson.Objects(json, "result", e => new OpenBadgeResult(e));
        ActivityStartDate = OpenBadgeJson.Date(json, "activityStartDate");
        ActivityEndDate = OpenBadgeJson.Date(json, "activityEndDate");
        CreditsEarned = OpenBadgeJson.Number(json, "creditsEarned");
        LicenseNumber = OpenBadgeJson.String(json, "licenseNumber");
        Role = OpenBadgeJson.String(json, "role");
        Term = OpenBadgeJson.String(json, "term");
        Narrative = OpenBadgeJson.String(json, "narrative");
        Image = OpenBadgeJson.Image(json, "image");
        if (OpenBadgeJson.Object(json, "source") is { } source)
        {
            Source = new OpenBadgeProfile(source);
        }
    }

    /// <summary>The recipient's URI (for example a DID), if given.</summary>
    public string? Id { get; }

    /// <summary>The <c>type</c> values (include <c>AchievementSubject</c>).</summary>
    public ImmutableArray<string> Types { get; }

    /// <summary>The achievement.</summary>
    public Achievement Achievement { get; }

    /// <summary>Other identifiers of the recipient (<c>identifier</c>), for example a hashed email address.</summary>
    public ImmutableArray<IdentityObject> Identifiers { get; }

    /// <summary>The results achieved, if any.</summary>
    public ImmutableArray<OpenBadgeResult> Results { get; }

    /// <summary>When the recipient's activity started, if given.</summary>
    public DateTimeOffset? ActivityStartDate { get; }

    /// <summary>When the recipient's activity ended, if given.</summary>
    public DateTimeOffset? ActivityEndDate { get; }

    /// <summary>The credit units earned, if given.</summary>
    public double? CreditsEarned { get; }

    /// <summary>The license number, if the achievement is a license.</summary>
    public string? LicenseNumber { get; }

    /// <summary>The role of the recipient (for example "Team Lead"), if given.</summary>
    public string? Role { get; }

    /// <summary>The academic term, if given.</summary>
    public string? Term { get; }

    /// <summary>A narrative (Markdown) of how the recipient earned it, if given.</summary>
    public string? Narrative { get; }

    /// <summary>An image of the recipient's achievement, if given.</summary>
    public OpenBadgeImage? Image { get; }

    /// <summary>The organisation that assessed the recipient, when different from the issuer.</summary>
    public OpenBadgeProfile? Source { get; }

    /// <summary>The object as it appears in the document.</summary>
    public JsonElement Json { get; }

    /// <summary>
    /// Whether the recipient is the one known to the verifier by an identifier (section 9.3): some entry of
    /// <see cref="Identifiers"/> of that type matches.
    /// </summary>
    /// <param name="identityType">The known identifier's type, for example <see cref="IdentityObject.EmailAddress"/>.</param>
    /// <param name="knownIdentifier">The plain known identifier.</param>
    public bool MatchesIdentifier(string identityType, string knownIdentifier)
    {
        ArgumentNullException.ThrowIfNull(identityType);
        ArgumentNullException.ThrowIfNull(knownIdentifier);
        var found = false;
        foreach (var identifier in Identifiers)
        {
            // Compare with every entry so the time taken does not reveal which one matched.
            found |= identifier.Matches(identityType, knownIdentifier);
        }

        return found;
    }
}
