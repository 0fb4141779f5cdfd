using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;

namespace Credentials.Conformance.Tests.W3c.Rdfc;

/// <summary>One entry of the W3C RDFC-1.0 test manifest (<c>specs/vectors/rdf-canon/manifest.jsonld</c>).</summary>
internal sealed record RdfcManifestEntry(string Id, string Type, string Name, string Action, string? Result, HashAlgorithmName HashAlgorithm, string Complexity);

/// <summary>Loads the W3C RDFC-1.0 test suite copied to the test output under <c>vectors/rdf-canon/</c>.</summary>
internal static class RdfcManifest
{
    public const string EvalTest = "rdfc:RDFC10EvalTest";
    public const string MapTest = "rdfc:RDFC10MapTest";
    public const string NegativeEvalTest = "rdfc:RDFC10NegativeEvalTest";

    private static readonly Lazy<IReadOnlyList<RdfcManifestEntry>> s_entries = new(Load);

    public static IReadOnlyList<RdfcManifestEntry> Entries => s_entries.Value;

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "vectors", "rdf-canon");

    public static RdfcManifestEntry Get(string id) => Entries.Single(e => e.Id == id);

    public static string ReadText(string relativePath) => File.ReadAllText(Path.Combine(Directory, relativePath));

    public static byte[] ReadBytes(string relativePath) => File.ReadAllBytes(Path.Combine(Directory, relativePath));

    private static List<RdfcManifestEntry> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "manifest.jsonld")));
        var entries = new List<RdfcManifestEntry>();
        foreach (var entry in document.RootElement.GetProperty("entries").EnumerateArray())
        {
            var hash = entry.TryGetProperty("hashAlgorithm", out var h) ? h.GetString() : null;
            entries.Add(new RdfcManifestEntry(
                entry.GetProperty("id").GetString()!.TrimStart('#'),
                entry.GetProperty("type").GetString()!,
                entry.GetProperty("name").GetString()!,
                entry.GetProperty("action").GetString()!,
                entry.TryGetProperty("result", out var r) ? r.GetString() : null,
                hash switch
                {
                    null or "SHA256" => HashAlgorithmName.SHA256,
                    "SHA384" => HashAlgorithmName.SHA384,
                    _ => throw new InvalidDataException($"Unknown hash algorithm {hash} in the manifest."),
                },
                entry.GetProperty("computationalComplexity").GetString()!));
        }

        return entries;
    }
}
