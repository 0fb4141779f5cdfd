using System;
using System.Collections.Immutable;
using System.Text.Json;

namespace Credentials.W3c.OpenBadges;

/// <summary>Lenient accessors over Open Badges objects: a member of the wrong shape reads as absent (the JSON Schema reports it).</summary>
internal static class OpenBadgeJson
{
    /// <summary>A string member, or <see langword="null"/> when absent or not a string.</summary>
    public static string? String(JsonElement obj, string name)
        => obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>A number member, or <see langword="null"/>.</summary>
    public static double? Number(JsonElement obj, string name)
        => obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) ? d : null;

    /// <summary>A boolean member, or <see langword="null"/>.</summary>
    public static bool? Boolean(JsonElement obj, string name)
        => obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    /// <summary>A member that is one string or an array of strings (other items are skipped).</summary>
    public static ImmutableArray<string> Strings(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var v))
        {
            return [];
        }

        if (v.ValueKind == JsonValueKind.String)
        {
            return [v.GetString()!];
        }

        if (v.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var builder = ImmutableArray.CreateBuilder<string>();
        foreach (var item in v.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                builder.Add(item.GetString()!);
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>The <c>type</c> values (one string or an array of strings).</summary>
    public static ImmutableArray<string> Types(JsonElement obj) => Strings(obj, "type");

    /// <summary>The objects of a member that is one object or an array (non-objects are skipped), mapped.</summary>
    public static ImmutableArray<T> Objects<T>(JsonElement obj, string name, Func<JsonElement, T> map)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var v))
        {
            return [];
        }

        if (v.ValueKind == JsonValueKind.Object)
        {
            return [map(v)];
        }

        if (v.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var builder = ImmutableArray.CreateBuilder<T>();
        foreach (var item in v.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object)
            {
                builder.Add(map(item));
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>An object member, or <see langword="null"/>.</summary>
    public static JsonElement? Object(JsonElement obj, string name)
        => obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : null;

    /// <summary>An <c>Image</c>: a URL string or an object with an <c>id</c>.</summary>
    public static OpenBadgeImage? Image(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var v))
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.String => new OpenBadgeImage(v.GetString()!, null, v),
            JsonValueKind.Object when String(v, "id") is { } id => new OpenBadgeImage(id, String(v, "caption"), v),
            _ => null,
        };
    }

    /// <summary>A <c>DateTime</c> member with an offset, or <see langword="null"/>.</summary>
    public static DateTimeOffset? Date(JsonElement obj, string name)
        => String(obj, name) is { } text && W3cSyntax.TryParseDateTime(text, requireOffset: true, out var date) ? date : null;

    /// <summary>A text in one language: tagged with <paramref name="language"/> when given.</summary>
    public static LocalizedText? Text(string? value, string? language)
        => value is null ? null : new LocalizedText([new LanguageValue(value, language)]);

    /// <summary>Formats a <c>DateTimeZ</c> value.</summary>
    public static string FormatDate(DateTimeOffset value) => W3cSyntax.FormatDateTimeStamp(value);
}
