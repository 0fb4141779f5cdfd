using System;
using System.Collections.Immutable;
using System.Text.Json;

namespace Credentials.W3c.OpenBadges;

/// <summary>
/// An alignment between an achievement (or a result) and a node of an educational or skills framework, for example a
/// DSS role (Open Badges 3.0 appendix B.1, Alignment). <c>targetType</c> is an extensible vocabulary: extension values
/// start with <c>ext:</c>.
/// </summary>
public sealed class Alignment
{
    internal Alignment(JsonElement json)
    {
        Json = json;
        Types = OpenBadgeJson.Types(json);
        TargetName = OpenBadgeJson.String(json, "targetName");
        TargetUrl = OpenBadgeJson.String(json, "targetUrl");
        TargetCode = OpenBadgeJson.String(json, "targetCode");
        TargetDescription = OpenBadgeJson.String(json, "targetDescription");
        TargetFramework = OpenBadgeJson.String(json, "targetFramework");
        TargetType = OpenBadgeJson.String(json, "targetType");
    }

    /// <summary>The <c>type</c> values (should include <c>Alignment</c>).</summary>
    public ImmutableArray<string> Types { get; }

    /// <summary>The name of the framework node (<c>targetName</c>, required by the schema).</summary>
    public string? TargetName { get; }

    /// <summary>The URL of the framework node (<c>targetUrl</c>, required by the schema).</summary>
    public string? TargetUrl { get; }

    /// <summary>The node's code in its framework (<c>targetCode</c>), if any.</summary>
    public string? TargetCode { get; }

    /// <summary>A description of the node (<c>targetDescription</c>), if any.</summary>
    public string? TargetDescription { get; }

    /// <summary>The framework's name (<c>targetFramework</c>), if any.</summary>
    public string? TargetFramework { get; }

    /// <summary>The node's type (<c>targetType</c>), for example <c>CFItem</c> or <c>ext:DSSRole</c>, if any.</summary>
    public string? TargetType { get; }

    /// <summary>The object as it appears in the document.</summary>
    public JsonElement Json { get; }

    /// <summary>Creates an alignment.</summary>
    /// <param name="targetName">The name of the framework node.</param>
    /// <param name="targetUrl">The URL of the framework node.</param>
    /// <param name="targetCode">The node's code in its framework, or <see langword="null"/>.</param>
    /// <param name="targetFramework">The framework's name, or <see langword="null"/>.</param>
    /// <param name="targetType">The node's type (a vocabulary value or <c>ext:…</c>), or <see langword="null"/>.</param>
    /// <param name="targetDescription">A description of the node, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="targetName"/> or <paramref name="targetUrl"/> is null or empty.</exception>
    public static Alignment Create(
        string targetName,
        string targetUrl,
        string? targetCode = null,
        string? targetFramework = null,
        string? targetType = null,
        string? targetDescription = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetName);
        ArgumentException.ThrowIfNullOrEmpty(targetUrl);
        return new Alignment(OpenBadgeWriter.Element(w =>
        {
            OpenBadgeWriter.Types(w, ["Alignment"]);
            w.WriteString("targetName", targetName);
            w.WriteString("targetUrl", targetUrl);
            OpenBadgeWriter.Optional(w, "targetCode", targetCode);
            OpenBadgeWriter.Optional(w, "targetFramework", targetFramework);
            OpenBadgeWriter.Optional(w, "targetType", targetType);
            OpenBadgeWriter.Optional(w, "targetDescription", targetDescription);
        }));
    }
}
