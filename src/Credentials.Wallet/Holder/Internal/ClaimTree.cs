using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Credentials.SdJwt;

namespace Credentials.Wallet.Holder.Internal;

/// <summary>Walks the holder's view of a credential to work out what a presentation makes visible.</summary>
internal static class ClaimTree
{
    /// <summary>Registered claims shown as one item (their inner structure is technical).</summary>
    private static readonly HashSet<string> s_wholeClaims = new(StringComparer.Ordinal) { "cnf", "status" };

    public static bool TryGet(JsonElement root, ClaimPath path, out JsonElement value)
    {
        // One value at a concrete path; a wildcard path is not one value.
        value = default;
        if (!path.TrySelect(root, out var selected) || selected.Count != 1 || !selected[0].Path.Equals(path))
        {
            return false;
        }

        value = selected[0].Value;
        return true;
    }

    /// <summary>Whether <paramref name="path"/> (which may select every element of an array) selects at least one value.</summary>
    public static bool SelectsAny(JsonElement root, ClaimPath path) => path.TrySelect(root, out var selected) && selected.Count > 0;

    /// <summary>The claims that are in plaintext in the Issuer-signed JWT: visible in every presentation.</summary>
    public static List<(ClaimPath Path, JsonElement Value)> AlwaysVisible(JsonElement root, IReadOnlySet<ClaimPath> sd)
    {
        var result = new List<(ClaimPath, JsonElement)>();
        foreach (var member in root.EnumerateObject())
        {
            var path = ClaimPath.Of(member.Name);
            if (sd.Contains(path))
            {
                continue;
            }

            if (s_wholeClaims.Contains(member.Name))
            {
                result.Add((path, member.Value));
                continue;
            }

            VisitPlain(path, member.Value, sd, result);
        }

        return result;
    }

    /// <summary>
    /// The claims a set of disclosures reveals beyond the requested paths: plaintext members inside a disclosed object,
    /// and anything else that comes with a disclosure the requested claims depend on.
    /// </summary>
    public static List<(ClaimPath Path, JsonElement Value)> AlsoRevealed(JsonElement root, IReadOnlySet<ClaimPath> sd, IReadOnlySet<ClaimPath> disclosed, IReadOnlyList<ClaimPath> requested)
    {
        var result = new List<(ClaimPath, JsonElement)>();
        foreach (var member in root.EnumerateObject())
        {
            VisitRevealed(ClaimPath.Of(member.Name), member.Value, sd, disclosed, requested, underDisclosure: false, result);
        }

        return result;
    }

    /// <summary>The path in a readable form (<c>address.street_address</c>, <c>nationalities[0]</c>) for claims without a label.</summary>
    public static string Readable(ClaimPath path) => path.ToDisplayString();

    private static void VisitPlain(ClaimPath path, JsonElement value, IReadOnlySet<ClaimPath> sd, List<(ClaimPath, JsonElement)> result)
    {
        if (!HasChildren(value))
        {
            // An empty plaintext container carries no value of its own (its members are all selectively disclosable).
            if (value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
            {
                result.Add((path, value));
            }

            return;
        }

        foreach (var (childPath, child) in Children(path, value))
        {
            if (!sd.Contains(childPath))
            {
                VisitPlain(childPath, child, sd, result);
            }
        }
    }

    private static void VisitRevealed(ClaimPath path, JsonElement value, IReadOnlySet<ClaimPath> sd, IReadOnlySet<ClaimPath> disclosed, IReadOnlyList<ClaimPath> requested, bool underDisclosure, List<(ClaimPath, JsonElement)> result)
    {
        var isSd = sd.Contains(path);
        if (isSd && !disclosed.Contains(path))
        {
            return;
        }

        foreach (var r in requested)
        {
            if (path.StartsWith(r))
            {
                return;
            }
        }

        underDisclosure |= isSd;
        if (!HasChildren(value) || (path.Length == 1 && s_wholeClaims.Contains(path.Components[0].Name ?? string.Empty)))
        {
            if (underDisclosure)
            {
                result.Add((path, value));
            }

            return;
        }

        foreach (var (childPath, child) in Children(path, value))
        {
            VisitRevealed(childPath, child, sd, disclosed, requested, underDisclosure, result);
        }
    }

    private static bool HasChildren(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => value.EnumerateObject().MoveNext(),
        JsonValueKind.Array => value.GetArrayLength() > 0,
        _ => false,
    };

    private static IEnumerable<(ClaimPath Path, JsonElement Value)> Children(ClaimPath path, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            foreach (var member in value.EnumerateObject())
            {
                yield return (path.Append(member.Name), member.Value);
            }
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                yield return (path.Append(index++), item);
            }
        }
    }
}
