using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Credentials.W3c.Jcs;

/// <summary>
/// A change to one member of an object while it is canonicalized: removed, or replaced by another value or by an array
/// of values (added when absent). Lets Data Integrity hash "the document without its proof" or "the proof without its
/// value" straight from the parsed input, without building a copy.
/// </summary>
internal readonly struct JcsOverride
{
    private JcsOverride(string name, JsonElement? value, IReadOnlyList<JsonElement>? items)
    {
        Name = name;
        Value = value;
        Items = items;
    }

    /// <summary>The member name.</summary>
    public string Name { get; }

    /// <summary>The replacement value, or <see langword="null"/>.</summary>
    public JsonElement? Value { get; }

    /// <summary>The replacement array items, or <see langword="null"/>.</summary>
    public IReadOnlyList<JsonElement>? Items { get; }

    /// <summary>Whether the member is left out.</summary>
    public bool IsRemoval => Value is null && Items is null;

    /// <summary>Leaves the member out.</summary>
    public static JcsOverride Remove(string name) => new(name ?? throw new ArgumentNullException(nameof(name)), null, null);

    /// <summary>Sets the member to a value.</summary>
    public static JcsOverride Replace(string name, JsonElement value) => new(name ?? throw new ArgumentNullException(nameof(name)), value, null);

    /// <summary>Sets the member to an array of the given values.</summary>
    public static JcsOverride ReplaceWithArray(string name, IReadOnlyList<JsonElement> items)
        => new(name ?? throw new ArgumentNullException(nameof(name)), null, items ?? throw new ArgumentNullException(nameof(items)));
}
