using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Credentials.Conformance.Tests.SdJwt;

/// <summary>Loads the SD-JWT vectors copied to the test output under <c>vectors/sd-jwt/</c> and compares JSON.</summary>
internal static class SdJwtVectors
{
    public static string PathOf(string relativePath)
        => Path.Combine(AppContext.BaseDirectory, "vectors", "sd-jwt", relativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Reads a vector file; a missing file throws, so the test case fails instead of being skipped.</summary>
    public static string ReadText(string relativePath) => File.ReadAllText(PathOf(relativePath));

    public static JsonElement Load(string relativePath)
    {
        using var document = JsonDocument.Parse(ReadText(relativePath));
        return document.RootElement.Clone();
    }

    /// <summary>The file names (without folder) in a vector folder, for checking that every file is enumerated.</summary>
    public static string[] FilesIn(string relativeFolder, string pattern)
        => [.. Directory.GetFiles(PathOf(relativeFolder), pattern).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    public static string[] DirectoriesIn(string relativeFolder)
        => [.. Directory.GetDirectories(PathOf(relativeFolder)).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    public static JsonElement ToElement(JsonNode? node)
    {
        using var document = JsonDocument.Parse(node is null ? "null" : node.ToJsonString());
        return document.RootElement.Clone();
    }

    /// <summary>
    /// JSON equality: object members in any order (names compared ordinally, no duplicates), arrays in order, numbers by
    /// value, strings by exact value.
    /// </summary>
    public static bool JsonEquals(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != b.ValueKind)
        {
            return false;
        }

        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                var aMembers = a.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
                var bMembers = b.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
                return aMembers.Count == bMembers.Count
                    && aMembers.All(kv => bMembers.TryGetValue(kv.Key, out var other) && JsonEquals(kv.Value, other));
            case JsonValueKind.Array:
                var aItems = a.EnumerateArray().ToArray();
                var bItems = b.EnumerateArray().ToArray();
                return aItems.Length == bItems.Length && aItems.Zip(bItems).All(pair => JsonEquals(pair.First, pair.Second));
            case JsonValueKind.String:
                return string.Equals(a.GetString(), b.GetString(), StringComparison.Ordinal);
            case JsonValueKind.Number:
                return decimal.Parse(a.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture)
                    == decimal.Parse(b.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
            default:
                return true; // true, false, null: the kinds already matched
        }
    }

    /// <summary>Asserts exact JSON equality and shows both documents on failure.</summary>
    public static void AssertJsonEqual(JsonElement expected, JsonElement actual)
    {
        if (!JsonEquals(expected, actual))
        {
            throw new Xunit.Sdk.XunitException($"JSON differs.{Environment.NewLine}Expected: {expected.GetRawText()}{Environment.NewLine}Actual:   {actual.GetRawText()}");
        }
    }

    /// <summary>A copy of an object without the named top-level members.</summary>
    public static JsonElement Without(JsonElement obj, params string[] names)
    {
        var node = JsonNode.Parse(obj.GetRawText())!.AsObject();
        foreach (var name in names)
        {
            node.Remove(name);
        }

        return ToElement(node);
    }

    /// <summary>Whether a dotted path (<c>a.0.b</c>, indices into arrays) exists in a JSON document.</summary>
    public static bool HasDottedPath(JsonElement root, string dottedPath)
    {
        var current = root;
        foreach (var part in dottedPath.Split('.'))
        {
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(part, out var member))
            {
                current = member;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    public static IEnumerable<string> Sorted(IEnumerable<string> values) => values.Order(StringComparer.Ordinal);
}
