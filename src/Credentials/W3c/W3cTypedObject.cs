using System;
using System.Collections.Immutable;
using System.Text.Json;

namespace Credentials.W3c;

/// <summary>
/// An object of an extension point that must say its <c>type</c>: <c>credentialStatus</c>, <c>credentialSchema</c>,
/// <c>evidence</c>, <c>termsOfUse</c>, <c>refreshService</c> (VCDM 2.0 sections 4.10, 4.11, 5.4 to 5.6). Its content
/// is defined by its type; every property is in <see cref="Json"/>.
/// </summary>
public sealed class W3cTypedObject
{
    internal W3cTypedObject(string? id, ImmutableArray<string> types, JsonElement json)
    {
        Id = id;
        Types = types;
        Json = json;
    }

    /// <summary>The object's <c>id</c> URL, if any (required for <c>credentialSchema</c>).</summary>
    public string? Id { get; }

    /// <summary>The object's <c>type</c> values (never empty).</summary>
    public ImmutableArray<string> Types { get; }

    /// <summary>The object as it appears in the document.</summary>
    public JsonElement Json { get; }

    /// <summary>Whether the object has the given type.</summary>
    /// <param name="type">The type, for example <c>BitstringStatusListEntry</c>.</param>
    public bool HasType(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Types.Contains(type, StringComparer.Ordinal);
    }
}
