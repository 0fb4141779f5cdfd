using System.Collections.Immutable;
using System.Text.Json;

namespace Credentials.W3c.OpenBadges;

/// <summary>
/// An achievement to be treated as the same for most purposes, typically another language edition or an earlier
/// version (Open Badges 3.0 appendix B.1, Related). This library also reads (and writes) the <c>name</c> and
/// <c>description</c> of a language edition here; see <see cref="Achievement.Name"/>.
/// </summary>
public sealed class RelatedAchievement
{
    internal RelatedAchievement(JsonElement json)
    {
        Json = json;
        Id = OpenBadgeJson.String(json, "id");
        Types = OpenBadgeJson.Types(json);
        InLanguage = OpenBadgeJson.String(json, "inLanguage");
        Version = OpenBadgeJson.String(json, "version");
        Name = OpenBadgeJson.String(json, "name");
        Description = OpenBadgeJson.String(json, "description");
    }

    /// <summary>The related achievement's URI (required by the schema).</summary>
    public string? Id { get; }

    /// <summary>The <c>type</c> values (include <c>Related</c>).</summary>
    public ImmutableArray<string> Types { get; }

    /// <summary>The related achievement's language (BCP 47), if given.</summary>
    public string? InLanguage { get; }

    /// <summary>The related achievement's version, if given.</summary>
    public string? Version { get; }

    /// <summary>The related achievement's name, if given (schema.org <c>name</c>, defined by the Open Badges context).</summary>
    public string? Name { get; }

    /// <summary>The related achievement's description, if given.</summary>
    public string? Description { get; }

    /// <summary>The object as it appears in the document.</summary>
    public JsonElement Json { get; }
}
