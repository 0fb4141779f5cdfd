using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;
using Credentials.Internal;

namespace Credentials.W3c.OpenBadges;

/// <summary>Writes the small Open Badges objects the builders and <c>Create</c> methods make.</summary>
internal static class OpenBadgeWriter
{
    /// <summary>Writes one object and returns it as a standalone element.</summary>
    public static JsonElement Element(Action<Utf8JsonWriter> members)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, SafeJson.WriterOptions with { MaxDepth = 256 }))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }

        return JsonElement.Parse(buffer.WrittenSpan, new JsonDocumentOptions { MaxDepth = 256 });
    }

    /// <summary>Writes a string member when the value is not null.</summary>
    public static void Optional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>Writes a number member when the value is not null.</summary>
    public static void Optional(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
    }

    /// <summary>Writes <c>type</c> as an array (the 1EdTech schemas want arrays).</summary>
    public static void Types(Utf8JsonWriter writer, IEnumerable<string> types)
    {
        writer.WriteStartArray("type");
        foreach (var type in types)
        {
            writer.WriteStringValue(type);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes an array of strings when it has items.</summary>
    public static void Strings(Utf8JsonWriter writer, string name, IReadOnlyCollection<string>? values)
    {
        if (values is null || values.Count == 0)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var v in values)
        {
            writer.WriteStringValue(v);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes an array of elements when it has items.</summary>
    public static void Elements(Utf8JsonWriter writer, string name, IReadOnlyCollection<JsonElement> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var v in values)
        {
            v.WriteTo(writer);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes an element member when present.</summary>
    public static void Optional(Utf8JsonWriter writer, string name, JsonElement? value)
    {
        if (value is { } v)
        {
            writer.WritePropertyName(name);
            v.WriteTo(writer);
        }
    }
}
