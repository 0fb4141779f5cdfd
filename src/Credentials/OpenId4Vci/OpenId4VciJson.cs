using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Credentials.Internal;

namespace Credentials.OpenId4Vci;

/// <summary>Reading and writing helpers shared by the OpenID4VCI messages: strict types, duplicate members rejected.</summary>
internal static class OpenId4VciJson
{
    public const int MaxDepth = 16;

    /// <summary>Parses an untrusted JSON object (duplicates rejected); <see langword="null"/> when it is not one.</summary>
    public static JsonElement? ParseObject(ReadOnlyMemory<byte> utf8)
        => SafeJson.TryParseElement(utf8, out var element, MaxDepth) && element.ValueKind == JsonValueKind.Object ? element : null;

    /// <summary>Parses an untrusted JSON object from text.</summary>
    public static JsonElement? ParseObject(string text) => ParseObject(Encoding.UTF8.GetBytes(text));

    /// <summary>A member that must be a string when present. False when present with another type.</summary>
    public static bool TryOptionalString(JsonElement obj, string name, out string? value)
    {
        value = null;
        if (!obj.TryGetProperty(name, out var element))
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = element.GetString();
        return true;
    }

    /// <summary>A member that must be a non-empty string.</summary>
    public static bool TryRequiredString(JsonElement obj, string name, out string value)
    {
        value = string.Empty;
        if (!TryOptionalString(obj, name, out var v) || string.IsNullOrEmpty(v))
        {
            return false;
        }

        value = v;
        return true;
    }

    /// <summary>A member that must be a (non-empty, when <paramref name="nonEmpty"/>) array of unique strings when present.</summary>
    public static bool TryOptionalStringArray(JsonElement obj, string name, bool nonEmpty, out IReadOnlyList<string>? value)
    {
        value = null;
        if (!obj.TryGetProperty(name, out var element))
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Array || (nonEmpty && element.GetArrayLength() == 0))
        {
            return false;
        }

        var list = new List<string>(element.GetArrayLength());
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !seen.Add(item.GetString()!))
            {
                return false;
            }

            list.Add(item.GetString()!);
        }

        value = list;
        return true;
    }

    /// <summary>A member that must be an object when present.</summary>
    public static bool TryOptionalObject(JsonElement obj, string name, out JsonElement? value)
    {
        value = null;
        if (!obj.TryGetProperty(name, out var element))
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        value = element;
        return true;
    }

    /// <summary>A member that must be an integer in range when present.</summary>
    public static bool TryOptionalInt(JsonElement obj, string name, int min, int max, out int? value)
    {
        value = null;
        if (!obj.TryGetProperty(name, out var element))
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var i) || i < min || i > max)
        {
            return false;
        }

        value = i;
        return true;
    }

    /// <summary>Whether a string is an absolute URL with the given schemes and without a fragment.</summary>
    public static bool IsHttpUrl(string? value, bool allowHttp = true)
        => value is not null
            && Uri.TryCreate(value, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || (allowHttp && uri.Scheme == Uri.UriSchemeHttp))
            && string.IsNullOrEmpty(uri.Fragment)
            && value.Trim().Length == value.Length;

    /// <summary>Writes with the library's writer settings (UTF-8, non-ASCII unescaped) and returns the text.</summary>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, SafeJson.WriterOptions))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void WriteStringArray(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
