using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Credentials.W3c;

/// <summary>
/// Describes a JSON object inside a credential or presentation: a credential subject, an issuer or holder object,
/// a status entry, evidence, or any nested object. Not thread-safe; the credential it becomes is immutable.
/// </summary>
public sealed class W3cObjectBuilder
{
    private readonly JsonObject _object = [];
    private readonly List<string> _types = [];
    private readonly List<JsonNode> _names = [];

    /// <summary>Sets the object's <c>id</c> (a URL, for example a DID or <c>urn:uuid:…</c>).</summary>
    /// <param name="id">The identifier.</param>
    /// <exception cref="ArgumentException">An <c>id</c> was already set.</exception>
    public W3cObjectBuilder Id(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Add("id", id);
    }

    /// <summary>Adds <c>type</c> values.</summary>
    /// <param name="types">The types, for example <c>AchievementSubject</c>.</param>
    public W3cObjectBuilder Type(params string[] types)
    {
        ArgumentNullException.ThrowIfNull(types);
        foreach (var type in types)
        {
            ArgumentException.ThrowIfNullOrEmpty(type, nameof(types));
            _types.Add(type);
        }

        return this;
    }

    /// <summary>Adds a <c>name</c> in a language; several calls make an array of language values.</summary>
    /// <param name="value">The text.</param>
    /// <param name="language">A BCP 47 tag such as <c>ja</c>, or <see langword="null"/> for a plain string.</param>
    /// <param name="direction">The base direction, if any.</param>
    /// <exception cref="ArgumentException">A <c>name</c> was already added with <see cref="Claim(string, JsonNode?)"/>.</exception>
    public W3cObjectBuilder Name(string value, string? language = null, BaseDirection? direction = null)
    {
        if (_object.ContainsKey("name"))
        {
            throw new ArgumentException("The member 'name' was already added.", nameof(value));
        }

        _names.Add(W3cJsonNodes.Text(new LanguageValue(value, language, direction)));
        return this;
    }

    /// <summary>Adds a claim (member).</summary>
    /// <param name="name">The member name.</param>
    /// <param name="value">The value: a string, number, boolean, null, object or array.</param>
    /// <exception cref="ArgumentException">The name is <c>id</c> or <c>type</c> (use their methods), or already used (a <c>name</c> also by <see cref="Name"/>).</exception>
    public W3cObjectBuilder Claim(string name, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name is "id" or "type")
        {
            throw new ArgumentException($"Use the {name} method for '{name}'.", nameof(name));
        }

        if (name == "name" && _names.Count > 0)
        {
            throw new ArgumentException("The member 'name' was already added.", nameof(name));
        }

        return Add(name, W3cJsonNodes.Detach(value));
    }

    /// <summary>Adds a date and time claim, written as an XML Schema <c>dateTimeStamp</c> with its offset (for example <c>2025-04-01T09:00:00+09:00</c>).</summary>
    /// <param name="name">The member name.</param>
    /// <param name="value">The moment.</param>
    public W3cObjectBuilder Claim(string name, DateTimeOffset value) => Claim(name, JsonValue.Create(W3cSyntax.FormatDateTimeStamp(value)));

    /// <summary>Adds a natural-language claim: one language value, or several as an array (section 11.1).</summary>
    /// <param name="name">The member name.</param>
    /// <param name="values">The texts with their languages.</param>
    public W3cObjectBuilder Text(string name, params LanguageValue[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0)
        {
            throw new ArgumentException("At least one value is needed.", nameof(values));
        }

        if (values.Length == 1)
        {
            return Claim(name, W3cJsonNodes.Text(values[0]));
        }

        var array = new JsonArray();
        foreach (var v in values)
        {
            array.Add(W3cJsonNodes.Text(v));
        }

        return Claim(name, array);
    }

    /// <summary>Adds a nested object.</summary>
    /// <param name="name">The member name.</param>
    /// <param name="build">Describes the object.</param>
    public W3cObjectBuilder Object(string name, Action<W3cObjectBuilder> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var nested = new W3cObjectBuilder();
        build(nested);
        return Claim(name, nested.ToJsonObject());
    }

    /// <summary>The object described so far, as a new JSON object.</summary>
    internal JsonObject ToJsonObject()
    {
        var result = new JsonObject();
        if (_object.TryGetPropertyValue("id", out var id))
        {
            result["id"] = id!.DeepClone();
        }

        if (_types.Count > 0)
        {
            result["type"] = W3cJsonNodes.Types(_types);
        }

        if (_names.Count > 0)
        {
            result["name"] = W3cJsonNodes.OneOrMany(_names);
        }
        else if (_object.TryGetPropertyValue("name", out var name))
        {
            result["name"] = name?.DeepClone();
        }

        foreach (var (name, value) in _object)
        {
            if (name is not "id" and not "name")
            {
                result[name] = value?.DeepClone();
            }
        }

        return result;
    }

    private W3cObjectBuilder Add(string name, JsonNode? value)
    {
        if (_object.ContainsKey(name))
        {
            throw new ArgumentException($"The member '{name}' was already added.", nameof(name));
        }

        _object[name] = value;
        return this;
    }
}
