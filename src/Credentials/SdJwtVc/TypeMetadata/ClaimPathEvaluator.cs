using System.Collections.Generic;
using System.Text.Json;
using Credentials.SdJwt;

namespace Credentials.SdJwtVc.TypeMetadata;

/// <summary>
/// Processes a claim metadata <c>path</c> against a payload as draft-ietf-oauth-sd-jwt-vc section 5.6.1.2 defines: a
/// string selects a member of each selected object (an element that is not an object is an error, a missing key drops
/// the element), <see langword="null"/> all elements of each selected array, an integer one element (an element that is
/// not an array is an error).
/// </summary>
internal static class ClaimPathEvaluator
{
    public static bool TryEvaluate(JsonElement root, ClaimPath path, int length, out List<(ClaimPath Path, JsonElement Value)> selection)
    {
        selection = [(ClaimPath.Root, root)];
        for (var i = 0; i < length; i++)
        {
            var component = path.Components[i];
            var next = new List<(ClaimPath, JsonElement)>();
            foreach (var (at, element) in selection)
            {
                if (component.Name is { } name)
                {
                    if (element.ValueKind != JsonValueKind.Object)
                    {
                        return false;
                    }

                    if (element.TryGetProperty(name, out var value))
                    {
                        next.Add((at.AppendInternal(name), value));
                    }
                }
                else
                {
                    if (element.ValueKind != JsonValueKind.Array)
                    {
                        return false;
                    }

                    if (component.IsAllElements)
                    {
                        var index = 0;
                        foreach (var item in element.EnumerateArray())
                        {
                            next.Add((at.AppendInternal(index++), item));
                        }
                    }
                    else if (component.ArrayIndex < element.GetArrayLength())
                    {
                        next.Add((at.AppendInternal(component.ArrayIndex), element[component.ArrayIndex]));
                    }
                }
            }

            selection = next;
        }

        return true;
    }

    /// <summary>Every path in a payload: each member and array element, at every depth.</summary>
    public static void CollectPaths(JsonElement element, ClaimPath at, List<ClaimPath> paths)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    var child = at.AppendInternal(member.Name);
                    paths.Add(child);
                    CollectPaths(member.Value, child, paths);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    var child = at.AppendInternal(index++);
                    paths.Add(child);
                    CollectPaths(item, child, paths);
                }

                break;
        }
    }
}
