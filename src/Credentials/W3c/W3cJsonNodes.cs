using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Credentials.W3c;

/// <summary>Small JSON node helpers shared by the builders.</summary>
internal static class W3cJsonNodes
{
    /// <summary>A node that can be added to a new parent: the value itself, or a copy when it already has a parent.</summary>
    public static JsonNode? Detach(JsonNode? value) => value?.Parent is null ? value : value.DeepClone();

    /// <summary>A plain string, or a language value object (section 11.1).</summary>
    public static JsonNode Text(LanguageValue value)
    {
        if (value.IsPlain)
        {
            return JsonValue.Create(value.Value);
        }

        var obj = new JsonObject { ["@value"] = value.Value };
        if (value.Language is not null)
        {
            obj["@language"] = value.Language;
        }

        if (value.Direction is { } direction)
        {
            obj["@direction"] = direction == BaseDirection.RightToLeft ? "rtl" : "ltr";
        }

        return obj;
    }

    /// <summary>One type as a string, several as an array.</summary>
    public static JsonNode Types(IReadOnlyList<string> types)
    {
        if (types.Count == 1)
        {
            return JsonValue.Create(types[0]);
        }

        var array = new JsonArray();
        foreach (var t in types)
        {
            array.Add((JsonNode)JsonValue.Create(t));
        }

        return array;
    }

    /// <summary>One node as itself, several as an array (copies).</summary>
    public static JsonNode OneOrMany(IReadOnlyList<JsonNode> nodes)
    {
        if (nodes.Count == 1)
        {
            return nodes[0].DeepClone();
        }

        var array = new JsonArray();
        foreach (var n in nodes)
        {
            array.Add(n.DeepClone());
        }

        return array;
    }

    /// <summary>Writes a node with the library's writer settings.</summary>
    public static void Write(Utf8JsonWriter writer, string name, JsonNode? node)
    {
        writer.WritePropertyName(name);
        if (node is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            node.WriteTo(writer);
        }
    }
}
