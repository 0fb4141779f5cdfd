using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Credentials.Conformance.Tests.Dids;

/// <summary>Loads the did:key and did:jwk vectors copied to the test output under <c>vectors/</c>.</summary>
internal static class DidVectors
{
    public static JsonElement Load(string relativePath)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "vectors", relativePath);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    /// <summary>JSON equality ignoring member order (arrays keep their order).</summary>
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
            default:
                return a.GetRawText() == b.GetRawText();
        }
    }
}
