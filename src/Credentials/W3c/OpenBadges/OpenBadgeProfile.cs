using System.Collections.Immutable;
using System.Text.Json;

namespace Credentials.W3c.OpenBadges;

/// <summary>
/// A <c>Profile</c>: the issuer, an endorser, a creator or another organisation or person (Open Badges 3.0 appendix
/// B.1, Profile). An issuer given only as a URL has just an <see cref="Id"/>.
/// </summary>
public sealed class OpenBadgeProfile
{
    internal OpenBadgeProfile(JsonElement json)
    {
        Json = json;
        if (json.ValueKind == JsonValueKind.String)
        {
            Id = json.GetString()!;
            return;
        }

        Id = OpenBadgeJson.String(json, "id") ?? string.Empty;
        Types = OpenBadgeJson.Types(json);
        Name = OpenBadgeJson.String(json, "name");
        Url = OpenBadgeJson.String(json, "url");
        Email = OpenBadgeJson.String(json, "email");
        Phone = OpenBadgeJson.String(json, "phone");
        Description = OpenBadgeJson.String(json, "description");
        Image = OpenBadgeJson.Image(json, "image");
        Official = OpenBadgeJson.String(json, "official");
        if (OpenBadgeJson.Object(json, "parentOrg") is { } parent)
        {
            ParentOrg = new OpenBadgeProfile(parent);
        }
    }

    /// <summary>The profile's URI (a URL or a DID).</summary>
    public string Id { get; }

    /// <summary>The <c>type</c> values (include <c>Profile</c>); empty for a profile given as a URL.</summary>
    public ImmutableArray<string> Types { get; } = [];

    /// <summary>The name, if any.</summary>
    public string? Name { get; }

    /// <summary>The home page, if any.</summary>
    public string? Url { get; }

    /// <summary>The contact email address, if any.</summary>
    public string? Email { get; }

    /// <summary>The phone number, if any.</summary>
    public string? Phone { get; }

    /// <summary>A short description, if any.</summary>
    public string? Description { get; }

    /// <summary>The image (logo), if any.</summary>
    public OpenBadgeImage? Image { get; }

    /// <summary>The name of an authorised official, if any.</summary>
    public string? Official { get; }

    /// <summary>The parent organisation, if given as an object.</summary>
    public OpenBadgeProfile? ParentOrg { get; }

    /// <summary>Whether the profile is an object (rather than only a URL).</summary>
    public bool IsObject => Json.ValueKind == JsonValueKind.Object;

    /// <summary>The value as it appears in the document (a string or an object).</summary>
    public JsonElement Json { get; }

    /// <inheritdoc />
    public override string ToString() => Id;
}
