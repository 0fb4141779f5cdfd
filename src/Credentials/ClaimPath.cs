using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using Credentials.Internal;

namespace Credentials;

/// <summary>
/// A path to a claim, as in SD-JWT VC (draft-ietf-oauth-sd-jwt-vc section 8.1) and DCQL (OpenID4VP 1.0 section 7):
/// a non-empty sequence of object member names (strings), array indices (non-negative integers) and
/// <see langword="null"/> meaning every element of an array. Text form: the JSON array, for example
/// <c>["address","street_address"]</c>.
/// </summary>
public sealed class ClaimPath : IEquatable<ClaimPath>, IParsable<ClaimPath>
{
    private ClaimPath(ImmutableArray<ClaimPathComponent> components) => Components = components;

    /// <summary>The components.</summary>
    public ImmutableArray<ClaimPathComponent> Components { get; }

    /// <summary>The number of components.</summary>
    public int Length => Components.Length;

    /// <summary>Creates a path from components: strings are member names, integers are indices, <see langword="null"/> selects all elements.</summary>
    /// <param name="components">The components.</param>
    /// <exception cref="ArgumentException">A component is not a string, a non-negative integer or null, or the path is empty.</exception>
    public static ClaimPath Create(params object?[] components)
    {
        ArgumentNullException.ThrowIfNull(components);
        if (components.Length == 0)
        {
            throw new ArgumentException("A claim path must not be empty.", nameof(components));
        }

        var builder = ImmutableArray.CreateBuilder<ClaimPathComponent>(components.Length);
        foreach (var c in components)
        {
            builder.Add(c switch
            {
                null => ClaimPathComponent.AllElements,
                string s => ClaimPathComponent.Member(s),
                int i when i >= 0 => ClaimPathComponent.Index(i),
                _ => throw new ArgumentException("Claim path components are strings, non-negative integers or null.", nameof(components)),
            });
        }

        return new ClaimPath(builder.MoveToImmutable());
    }

    /// <summary>A path of member names, for example <c>ClaimPath.Of("address", "country")</c>.</summary>
    /// <param name="names">The member names.</param>
    public static ClaimPath Of(params string[] names) => Create(names);

    internal static ClaimPath FromComponents(IEnumerable<ClaimPathComponent> components) => new([.. components]);

    /// <summary>Reads a path from a JSON array element; never throws.</summary>
    /// <param name="element">The JSON array.</param>
    /// <param name="path">The path.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool TryRead(JsonElement element, [NotNullWhen(true)] out ClaimPath? path)
    {
        path = null;
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
        {
            return false;
        }

        var builder = ImmutableArray.CreateBuilder<ClaimPathComponent>(element.GetArrayLength());
        foreach (var item in element.EnumerateArray())
        {
            switch (item.ValueKind)
            {
                case JsonValueKind.String:
                    builder.Add(ClaimPathComponent.Member(item.GetString()!));
                    break;
                case JsonValueKind.Number when item.TryGetInt32(out var index) && index >= 0:
                    builder.Add(ClaimPathComponent.Index(index));
                    break;
                case JsonValueKind.Null:
                    builder.Add(ClaimPathComponent.AllElements);
                    break;
                default:
                    return false;
            }
        }

        path = new ClaimPath(builder.MoveToImmutable());
        return true;
    }

    /// <inheritdoc />
    public static ClaimPath Parse(string s, IFormatProvider? provider = null)
        => TryParse(s, provider, out var path) ? path : throw new FormatException("A claim path is a non-empty JSON array of strings, non-negative integers and nulls.");

    /// <inheritdoc />
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out ClaimPath result)
    {
        result = null;
        if (s is null)
        {
            return false;
        }

        using var doc = SafeJson.TryParse(s);
        return doc is not null && TryRead(doc.RootElement, out result);
    }

    /// <summary>Tries to parse the JSON array text form.</summary>
    /// <param name="s">The text.</param>
    /// <param name="result">The path.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, [MaybeNullWhen(false)] out ClaimPath result) => TryParse(s, null, out result);

    /// <summary>The empty path, used internally as the root of a payload.</summary>
    internal static ClaimPath Root { get; } = new([]);

    internal ClaimPath AppendInternal(string name) => new(Components.Add(ClaimPathComponent.Member(name)));

    internal ClaimPath AppendInternal(int index) => new(Components.Add(ClaimPathComponent.Index(index)));

    /// <summary>Appends a member name.</summary>
    /// <param name="name">The member name.</param>
    public ClaimPath Append(string name) => new(Components.Add(ClaimPathComponent.Member(name)));

    /// <summary>Appends an array index.</summary>
    /// <param name="index">The index.</param>
    public ClaimPath Append(int index) => new(Components.Add(ClaimPathComponent.Index(index)));

    /// <summary>
    /// Whether this path (possibly with <see langword="null"/> wildcards) selects <paramref name="concrete"/> or one of
    /// its ancestors' subtrees: every component of this path matches the corresponding component of the other path
    /// over the shorter length.
    /// </summary>
    /// <param name="concrete">A path without wildcards.</param>
    /// <param name="thisIsPrefix">Whether this path is the shorter one (an ancestor of, or equal to, the other).</param>
    internal bool MatchesPrefixOf(ClaimPath concrete, out bool thisIsPrefix)
    {
        var n = Math.Min(Length, concrete.Length);
        for (var i = 0; i < n; i++)
        {
            if (!Components[i].Matches(concrete.Components[i]))
            {
                thisIsPrefix = false;
                return false;
            }
        }

        thisIsPrefix = Length <= concrete.Length;
        return true;
    }

    /// <summary>Whether this path (with wildcards) matches the concrete path exactly.</summary>
    /// <param name="concrete">A path without wildcards.</param>
    public bool Matches(ClaimPath concrete)
    {
        ArgumentNullException.ThrowIfNull(concrete);
        return Length == concrete.Length && MatchesPrefixOf(concrete, out _);
    }

    /// <summary>
    /// Whether <paramref name="prefix"/> is this path or an ancestor of it: its components equal this path's first
    /// components (a wildcard equals only a wildcard).
    /// </summary>
    /// <param name="prefix">The possible ancestor.</param>
    public bool StartsWith(ClaimPath prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return prefix.Length <= Length && Components.AsSpan(0, prefix.Length).SequenceEqual(prefix.Components.AsSpan());
    }

    /// <summary>
    /// Selects the values this path points to in a JSON document, as OpenID4VP 1.0 section 7.1 and SD-JWT VC section 8.1
    /// process claims path pointers: a string selects that member of each selected object (a missing member selects
    /// nothing), <see langword="null"/> every element of each selected array, an integer that element of each selected
    /// array (an index past the end selects nothing). Never throws.
    /// </summary>
    /// <param name="document">The claims.</param>
    /// <param name="selection">The selected values with their concrete paths, in document order.</param>
    /// <returns><see langword="false"/> when a component meets a value of the wrong type (a member of a non-object, an element of a non-array): the path does not apply to this document.</returns>
    public bool TrySelect(JsonElement document, out IReadOnlyList<ClaimValue> selection) => TrySelect(document, Length, out selection);

    internal bool TrySelect(JsonElement document, int length, out IReadOnlyList<ClaimValue> selection)
    {
        if (length == Length && !Components.Any(c => c.IsAllElements))
        {
            return TrySelectConcrete(document, out selection);
        }

        var current = new List<ClaimValue> { new(Root, document) };
        selection = current;
        for (var i = 0; i < length; i++)
        {
            var component = Components[i];
            var next = new List<ClaimValue>();
            foreach (var (at, element) in current)
            {
                if (component.Name is { } name)
                {
                    if (element.ValueKind != JsonValueKind.Object)
                    {
                        return false;
                    }

                    if (element.TryGetProperty(name, out var value))
                    {
                        next.Add(new(at.AppendInternal(name), value));
                    }
                }
                else if (element.ValueKind != JsonValueKind.Array)
                {
                    return false;
                }
                else if (component.IsAllElements)
                {
                    var index = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        next.Add(new(at.AppendInternal(index++), item));
                    }
                }
                else if (component.ArrayIndex < element.GetArrayLength())
                {
                    next.Add(new(at.AppendInternal(component.ArrayIndex), element[component.ArrayIndex]));
                }
            }

            current = next;
        }

        selection = current;
        return true;
    }

    // Without a wildcard at most one value is selected, and its concrete path is this path itself.
    private bool TrySelectConcrete(JsonElement document, out IReadOnlyList<ClaimValue> selection)
    {
        selection = [];
        var element = document;
        foreach (var component in Components)
        {
            if (component.Name is { } name)
            {
                if (element.ValueKind != JsonValueKind.Object)
                {
                    return false;
                }

                if (!element.TryGetProperty(name, out element))
                {
                    return true;
                }
            }
            else if (element.ValueKind != JsonValueKind.Array)
            {
                return false;
            }
            else if (component.ArrayIndex >= element.GetArrayLength())
            {
                return true;
            }
            else
            {
                element = element[component.ArrayIndex];
            }
        }

        selection = [new ClaimValue(this, element)];
        return true;
    }

    /// <summary>Every concrete path in a JSON document: each object member and array element, at every depth, parents before children.</summary>
    /// <param name="document">The claims.</param>
    public static IReadOnlyList<ClaimPath> EnumerateAll(JsonElement document)
    {
        var paths = new List<ClaimPath>();
        Collect(document, Root, paths);
        return paths;

        static void Collect(JsonElement element, ClaimPath at, List<ClaimPath> paths)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var member in element.EnumerateObject())
                    {
                        var child = at.AppendInternal(member.Name);
                        paths.Add(child);
                        Collect(member.Value, child, paths);
                    }

                    break;
                case JsonValueKind.Array:
                    var index = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        var child = at.AppendInternal(index++);
                        paths.Add(child);
                        Collect(item, child, paths);
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// The path for people: member names joined by dots, indices in brackets and all elements as <c>[*]</c>, for example
    /// <c>address.street_address</c>, <c>nationalities[0]</c>, <c>degrees[*].type</c>. Not parseable; use
    /// <see cref="ToString"/> for the exact form.
    /// </summary>
    public string ToDisplayString()
    {
        var sb = new StringBuilder();
        foreach (var component in Components)
        {
            if (component.Name is { } name)
            {
                if (sb.Length > 0)
                {
                    sb.Append('.');
                }

                sb.Append(name);
            }
            else if (component.IsAllElements)
            {
                sb.Append("[*]");
            }
            else
            {
                sb.Append('[').Append(component.ArrayIndex.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
        }

        return sb.ToString();
    }

    /// <summary>The JSON array text form.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("[");
        for (var i = 0; i < Components.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append(Components[i].ToString());
        }

        return sb.Append(']').ToString();
    }

    /// <inheritdoc />
    public bool Equals(ClaimPath? other) => other is not null && Components.AsSpan().SequenceEqual(other.Components.AsSpan());

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ClaimPath);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var c in Components)
        {
            hash.Add(c);
        }

        return hash.ToHashCode();
    }
}

/// <summary>One component of a <see cref="ClaimPath"/>: a member name, an array index, or all array elements.</summary>
public readonly record struct ClaimPathComponent
{
    private ClaimPathComponent(string? name, int index)
    {
        Name = name;
        ArrayIndex = index;
    }

    /// <summary>The component that selects every element of an array (JSON <c>null</c>).</summary>
    public static ClaimPathComponent AllElements { get; } = new(null, -1);

    /// <summary>The member name, or <see langword="null"/> for an index or the wildcard.</summary>
    public string? Name { get; }

    /// <summary>The array index, or -1 for a member name or the wildcard.</summary>
    public int ArrayIndex { get; }

    /// <summary>Whether this is the all-elements wildcard.</summary>
    public bool IsAllElements => Name is null && ArrayIndex < 0;

    /// <summary>A member name component.</summary>
    /// <param name="name">The name.</param>
    public static ClaimPathComponent Member(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new(name, -1);
    }

    /// <summary>An array index component.</summary>
    /// <param name="index">The non-negative index.</param>
    public static ClaimPathComponent Index(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new(null, index);
    }

    internal bool Matches(ClaimPathComponent concrete)
        => IsAllElements ? concrete.Name is null : this == concrete;

    /// <inheritdoc />
    public override string ToString()
        => Name is not null ? JsonText.Quote(Name) : IsAllElements ? "null" : ArrayIndex.ToString(CultureInfo.InvariantCulture);
}
