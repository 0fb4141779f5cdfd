using System.Collections.Immutable;
using System.Text.Json;

namespace Credentials.W3c.OpenBadges;

/// <summary>What an endorsement is about and what the endorser says (Open Badges 3.0 appendix B.1, EndorsementSubject).</summary>
public sealed class EndorsementSubject
{
    internal EndorsementSubject(JsonElement json)
    {
        Json = json;
        Id = OpenBadgeJson.String(json, "id") ?? string.Empty;
        Types = OpenBadgeJson.Types(json);
        EndorsementComment = OpenBadgeJson.String(json, "endorsementComment");
    }

    /// <summary>The URI of the endorsed entity (an achievement, a profile or a credential).</summary>
    public string Id { get; }

    /// <summary>The <c>type</c> values (include <c>EndorsementSubject</c>).</summary>
    public ImmutableArray<string> Types { get; }

    /// <summary>The endorser's comment (Markdown), if any.</summary>
    public string? EndorsementComment { get; }

    /// <summary>The object as it appears in the document.</summary>
    public JsonElement Json { get; }
}
