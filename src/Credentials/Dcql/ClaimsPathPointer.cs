using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text.Json;
using Credentials.SdJwt;
using Credentials.Dcql.Matching;

namespace Credentials.Dcql;

/// <summary>Processes a claims path pointer against a JSON-based credential (OpenID4VP 1.0 section 7.1.1).</summary>
public static class ClaimsPathPointer
{
    /// <summary>
    /// Applies a claims path pointer to a credential's claims, exactly as section 7.1.1 processes it: a member name on a
    /// non-object, or an index or <see langword="null"/> on a non-array, is an error; missing members and indices drop
    /// the element from the selection; an empty selection is an error. Never throws for any JSON.
    /// </summary>
    /// <param name="credential">The credential's claims: the top-level JSON object (for mdoc, <c>{namespace: {element: value}}</c>).</param>
    /// <param name="pointer">The claims path pointer.</param>
    /// <param name="selected">The selected claims with their concrete paths, in document order.</param>
    /// <returns><see langword="false"/> when processing returns an error (including an empty selection).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pointer"/> is null.</exception>
    public static bool TrySelect(JsonElement credential, ClaimPath pointer, out ImmutableArray<SelectedClaim> selected)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        selected = [];
        if (credential.ValueKind != JsonValueKind.Object || pointer.Length == 0)
        {
            return false;
        }

        if (IsConcrete(pointer))
        {
            // No wildcard: at most one element is selected, and its path is the pointer itself.
            var element = credential;
            foreach (var component in pointer.Components)
            {
                if (component.Name is { } memberName)
                {
                    if (element.ValueKind != JsonValueKind.Object)
                    {
                        return false;
                    }

                    if (!element.TryGetProperty(memberName, out element))
                    {
                        return false; // a missing member empties the selection, which is an error
                    }
                }
                else
                {
                    if (element.ValueKind != JsonValueKind.Array || component.ArrayIndex >= element.GetArrayLength())
                    {
                        return false;
                    }

                    element = element[component.ArrayIndex];
                }
            }

            selected = [new SelectedClaim(pointer, element)];
            return true;
        }

        var current = new List<SelectedClaim> { new(ClaimPath.Root, credential) };
        var next = new List<SelectedClaim>();
        foreach (var component in pointer.Components)
        {
            next.Clear();
            foreach (var (path, element) in current)
            {
                if (component.Name is { } name)
                {
                    if (element.ValueKind != JsonValueKind.Object)
                    {
                        return false;
                    }

                    if (element.TryGetProperty(name, out var member))
                    {
                        next.Add(new(path.AppendInternal(name), member));
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
                        var i = 0;
                        foreach (var item in element.EnumerateArray())
                        {
                            next.Add(new(path.AppendInternal(i++), item));
                        }
                    }
                    else if (component.ArrayIndex < element.GetArrayLength())
                    {
                        next.Add(new(path.AppendInternal(component.ArrayIndex), element[component.ArrayIndex]));
                    }
                }
            }

            (current, next) = (next, current);
        }

        if (current.Count == 0)
        {
            return false;
        }

        selected = [.. current];
        return true;
    }

    private static bool IsConcrete(ClaimPath pointer)
    {
        foreach (var component in pointer.Components)
        {
            if (component.IsAllElements)
            {
                return false;
            }
        }

        return true;
    }
}
