using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Credentials.Conformance.Tests.Dcql;

/// <summary>Loads the DCQL vectors copied to the test output under <c>vectors/dcql/</c>.</summary>
internal static class DcqlVectors
{
    /// <summary>Every file of <c>queries/</c>, by name; a test fails if the folder holds more or fewer.</summary>
    public static readonly string[] QueryFiles =
    [
        "claims_alternatives.json",
        "complex_mdoc.json",
        "credentials_alternatives.json",
        "jwt_vc_json.json",
        "ldp_vc.json",
        "multi_credentials.json",
        "request_object_by_value.json",
        "simple.json",
        "simple_mdoc.json",
        "value_matching_simple.json",
    ];

    public static string PathOf(string relativePath)
        => Path.Combine(AppContext.BaseDirectory, "vectors", "dcql", relativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Reads a vector file; a missing file throws, so the test fails instead of being skipped.</summary>
    public static string ReadText(string relativePath) => File.ReadAllText(PathOf(relativePath));

    public static JsonElement Load(string relativePath)
    {
        using var document = JsonDocument.Parse(ReadText(relativePath));
        return document.RootElement.Clone();
    }

    public static string[] FilesIn(string relativeFolder)
        => [.. Directory.GetFiles(PathOf(relativeFolder)).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];
}
