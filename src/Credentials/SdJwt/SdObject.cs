using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Credentials.SdJwt;

/// <summary>
/// Describes a JSON object to issue as an SD-JWT payload (or a nested object inside one): which members are always
/// visible and which are selectively disclosable (RFC 9901 section 4.2), with decoy digests. Build it, then give it to
/// an issuer; the builder is not thread-safe, the issued result is immutable.
/// </summary>
public sealed class SdObject
{
    private readonly List<SdEntry> _entries = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    internal IReadOnlyList<SdEntry> Entries => _entries;

    /// <summary>The number of decoy digests to add to this object's <c>_sd</c> (RFC 9901 section 4.2.5).</summary>
    public int DecoyCount { get; private set; }

    /// <summary>Adds an always-visible member.</summary>
    /// <param name="name">The member name.</param>
    /// <param name="value">The value (a string, number, boolean, null, object or array).</param>
    /// <exception cref="ArgumentException">The name is reserved (<c>_sd</c>, <c>...</c>, <c>_sd_alg</c>) or already used.</exception>
    public SdObject Claim(string name, JsonNode? value) => Add(name, false, SdValue.Of(value));

    /// <summary>Adds a selectively disclosable member.</summary>
    /// <param name="name">The member name.</param>
    /// <param name="value">The value.</param>
    /// <exception cref="ArgumentException">The name is reserved or already used.</exception>
    public SdObject Disclosable(string name, JsonNode? value) => Add(name, true, SdValue.Of(value));

    /// <summary>Adds a nested object whose own members may be disclosable (structured, section 6.2).</summary>
    /// <param name="name">The member name.</param>
    /// <param name="build">Describes the nested object.</param>
    /// <param name="disclosable">Whether the object itself is also disclosable (recursive, section 6.3).</param>
    public SdObject Object(string name, Action<SdObject> build, bool disclosable = false)
    {
        ArgumentNullException.ThrowIfNull(build);
        var nested = new SdObject();
        build(nested);
        return Add(name, disclosable, SdValue.Of(nested));
    }

    /// <summary>Adds an array whose elements may be disclosable (section 4.2.2).</summary>
    /// <param name="name">The member name.</param>
    /// <param name="build">Describes the array.</param>
    /// <param name="disclosable">Whether the array itself is also disclosable.</param>
    public SdObject Array(string name, Action<SdArray> build, bool disclosable = false)
    {
        ArgumentNullException.ThrowIfNull(build);
        var nested = new SdArray();
        build(nested);
        return Add(name, disclosable, SdValue.Of(nested));
    }

    /// <summary>Adds decoy digests to this object's <c>_sd</c> so the number of disclosable members is hidden.</summary>
    /// <param name="count">The number of decoys.</param>
    public SdObject Decoys(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        DecoyCount += count;
        return this;
    }

    /// <summary>Whether a member with this name was added.</summary>
    /// <param name="name">The member name.</param>
    public bool Contains(string name) => _names.Contains(name);

    /// <summary>Whether the named top-level member is selectively disclosable.</summary>
    /// <param name="name">The member name.</param>
    public bool IsDisclosable(string name)
    {
        foreach (var e in _entries)
        {
            if (e.Name == name)
            {
                return e.Disclosable;
            }
        }

        return false;
    }

    /// <summary>Appends another description's members and decoys (used by profiles that add registered claims first).</summary>
    internal SdObject AddAll(SdObject other)
    {
        foreach (var entry in other._entries)
        {
            Add(entry.Name!, entry.Disclosable, entry.Value);
        }

        DecoyCount += other.DecoyCount;
        return this;
    }

    private SdObject Add(string name, bool disclosable, SdValue value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name is "_sd" or "..." or "_sd_alg")
        {
            // RFC 9901 section 4.2.1 and 4.1.1: these names are reserved by SD-JWT.
            throw new ArgumentException($"'{name}' is reserved by SD-JWT and cannot be a claim name.", nameof(name));
        }

        if (!_names.Add(name))
        {
            throw new ArgumentException($"The member '{name}' was already added.", nameof(name));
        }

        _entries.Add(new SdEntry(name, disclosable, value));
        return this;
    }
}

/// <summary>Describes a JSON array inside an SD-JWT payload whose elements may be selectively disclosable (RFC 9901 section 4.2.2).</summary>
public sealed class SdArray
{
    private readonly List<SdEntry> _elements = [];

    internal IReadOnlyList<SdEntry> Elements => _elements;

    /// <summary>The number of decoy elements to add at random positions.</summary>
    public int DecoyCount { get; private set; }

    /// <summary>Adds an always-visible element.</summary>
    /// <param name="value">The value.</param>
    public SdArray Element(JsonNode? value) => Add(false, SdValue.Of(value));

    /// <summary>Adds a selectively disclosable element.</summary>
    /// <param name="value">The value.</param>
    public SdArray DisclosableElement(JsonNode? value) => Add(true, SdValue.Of(value));

    /// <summary>Adds an object element whose members may be disclosable.</summary>
    /// <param name="build">Describes the object.</param>
    /// <param name="disclosable">Whether the element itself is disclosable.</param>
    public SdArray Object(Action<SdObject> build, bool disclosable = false)
    {
        ArgumentNullException.ThrowIfNull(build);
        var nested = new SdObject();
        build(nested);
        return Add(disclosable, SdValue.Of(nested));
    }

    /// <summary>Adds an array element whose elements may be disclosable.</summary>
    /// <param name="build">Describes the array.</param>
    /// <param name="disclosable">Whether the element itself is disclosable.</param>
    public SdArray Array(Action<SdArray> build, bool disclosable = false)
    {
        ArgumentNullException.ThrowIfNull(build);
        var nested = new SdArray();
        build(nested);
        return Add(disclosable, SdValue.Of(nested));
    }

    /// <summary>Adds decoy elements (<c>{"...": digest}</c> that match no disclosure).</summary>
    /// <param name="count">The number of decoys.</param>
    public SdArray Decoys(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        DecoyCount += count;
        return this;
    }

    private SdArray Add(bool disclosable, SdValue value)
    {
        _elements.Add(new SdEntry(null, disclosable, value));
        return this;
    }
}

/// <summary>Entry points for describing SD-JWT payloads.</summary>
public static class SdJwtPayload
{
    /// <summary>Starts describing a payload.</summary>
    public static SdObject Create() => new();
}

internal sealed record SdEntry(string? Name, bool Disclosable, SdValue Value);

internal readonly record struct SdValue(JsonNode? Node, SdObject? Object, SdArray? Array)
{
    // Objects and arrays are copied so later changes by the caller cannot alter what is issued; a JsonValue cannot change.
    public static SdValue Of(JsonNode? node) => new(node is JsonValue ? node : node?.DeepClone(), null, null);

    public static SdValue Of(SdObject obj) => new(null, obj, null);

    public static SdValue Of(SdArray array) => new(null, null, array);
}
