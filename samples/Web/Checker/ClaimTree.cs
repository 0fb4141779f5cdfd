using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Credentials.Samples.Common;
using Credentials.SdJwtVc.TypeMetadata;

namespace Credentials.Samples.Web.Checker;

/// <summary>
/// Turns claim values into <see cref="ClaimLine"/>s for the page: an object's members and an array's items become
/// nested, labelled lines (labels from type metadata where they exist, else the member name or the item's index),
/// within bounds, so that a hostile credential (a claim nested thousands deep, an array of thousands of items) makes a
/// page of bounded size. One instance per credential: the line budget is shared by all its claims. Not thread-safe.
/// </summary>
/// <param name="metadata">The credential type's metadata (labels), if any.</param>
/// <param name="isDisclosed">Whether the holder disclosed the claim at a path (SD-JWT VC), if that applies.</param>
public sealed class ClaimTree(ResolvedTypeMetadata? metadata, Func<ClaimPath, bool>? isDisclosed = null)
{
    /// <summary>The nested lists shown at most for one top-level claim (its own included); members deeper down are counted as not shown.</summary>
    public const int MaxDepth = 4;

    /// <summary>The members of one object or the items of one array shown at most; the others are counted as not shown.</summary>
    public const int MaxItems = 50;

    /// <summary>The lines shown at most for one credential, at every depth together.</summary>
    public const int MaxLines = 500;

    private int _budget = MaxLines;

    /// <summary>Whether another line may still be shown.</summary>
    public bool HasRoom => _budget > 0;

    /// <summary>
    /// The line of a top-level claim (and its members or items, nested), or <see langword="null"/> when the line budget
    /// is spent (count it as not shown).
    /// </summary>
    /// <param name="path">The claim's path (its label is looked up in type metadata under it).</param>
    /// <param name="name">The name shown when type metadata has no label.</param>
    /// <param name="value">The claim's value.</param>
    public ClaimLine? Line(ClaimPath path, string name, JsonElement value) => Line(path, name, value, depth: 0);

    private ClaimLine? Line(ClaimPath path, string name, JsonElement value, int depth)
    {
        if (_budget <= 0)
        {
            return null;
        }

        _budget--;
        var written = ClaimPathSyntax.Format(path);
        var japanese = metadata?.GetClaimLabel(path, "ja-JP") ?? name;
        var english = metadata?.GetClaimLabel(path, "en-US") ?? name;
        var disclosed = isDisclosed?.Invoke(path) ?? false;
        if (value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            return new ClaimLine(written, japanese, english, ClaimValues.Display(value, UiLanguage.Japanese), ClaimValues.Display(value, UiLanguage.English), disclosed);
        }

        var count = value.ValueKind == JsonValueKind.Object ? CountMembers(value) : value.GetArrayLength();
        var line = new ClaimLine(written, japanese, english, string.Empty, string.Empty, disclosed) { IsStructured = true };
        if (depth >= MaxDepth - 1)
        {
            return line with { NotShown = count };
        }

        var children = ImmutableArray.CreateBuilder<ClaimLine>();
        if (value.ValueKind == JsonValueKind.Object)
        {
            foreach (var member in value.EnumerateObject())
            {
                if (children.Count >= MaxItems || Line(path.Append(member.Name), member.Name, member.Value, depth + 1) is not { } child)
                {
                    break;
                }

                children.Add(child);
            }
        }
        else
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                if (children.Count >= MaxItems || Line(path.Append(index), "[" + index.ToString(CultureInfo.InvariantCulture) + "]", item, depth + 1) is not { } child)
                {
                    break;
                }

                children.Add(child);
                index++;
            }
        }

        return line with { Children = children.ToImmutable(), NotShown = count - children.Count };
    }

    private static int CountMembers(JsonElement value)
    {
        var count = 0;
        foreach (var _ in value.EnumerateObject())
        {
            count++;
        }

        return count;
    }
}
