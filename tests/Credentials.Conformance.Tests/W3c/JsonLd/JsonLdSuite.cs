using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.W3c.JsonLd;

namespace Credentials.Conformance.Tests.W3c.JsonLd;

/// <summary>One entry of the W3C JSON-LD 1.1 toRdf manifest (<c>specs/vectors/jsonld-api/toRdf-manifest.jsonld</c>).</summary>
internal sealed record JsonLdSuiteEntry(
    string Id,
    string Type,
    string Name,
    string Input,
    string? Expect,
    string? ExpectErrorCode,
    JsonElement Option)
{
    public string? OptionString(string name) => Option.ValueKind == JsonValueKind.Object && Option.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public bool OptionFlag(string name) => Option.ValueKind == JsonValueKind.Object && Option.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    public bool IsNonNormative => Option.ValueKind == JsonValueKind.Object && Option.TryGetProperty("normative", out var v) && v.ValueKind == JsonValueKind.False;
}

/// <summary>Loads the W3C JSON-LD 1.1 API test suite copied to the test output under <c>vectors/jsonld-api/</c>.</summary>
internal static class JsonLdSuite
{
    /// <summary>The manifest's <c>baseIri</c>: every test document's URL is this plus its path.</summary>
    public const string BaseIri = "https://w3c.github.io/json-ld-api/tests/";

    private static readonly Lazy<IReadOnlyList<JsonLdSuiteEntry>> s_entries = new(Load);

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "vectors", "jsonld-api");

    public static IReadOnlyList<JsonLdSuiteEntry> Entries => s_entries.Value;

    public static JsonLdSuiteEntry Get(string id) => Entries.Single(e => e.Id == id);

    public static string ReadText(string relativePath) => File.ReadAllText(Path.Combine(Directory, relativePath));

    /// <summary>The error code a JSON-LD 1.1 API error code maps to: <c>jsonld.</c>, lower case, without <c>@</c>, underscores.</summary>
    public static string ErrorCodeFor(string specCode)
        => "jsonld." + specCode.Replace("@", string.Empty, StringComparison.Ordinal).Replace(' ', '_').Replace('-', '_').ToLowerInvariant();

    private static List<JsonLdSuiteEntry> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "toRdf-manifest.jsonld")));
        var entries = new List<JsonLdSuiteEntry>();
        foreach (var entry in document.RootElement.GetProperty("sequence").EnumerateArray())
        {
            entries.Add(new JsonLdSuiteEntry(
                entry.GetProperty("@id").GetString()!.TrimStart('#'),
                entry.GetProperty("@type")[0].GetString()!,
                entry.GetProperty("name").GetString()!,
                entry.GetProperty("input").GetString()!,
                entry.TryGetProperty("expect", out var e) ? e.GetString() : null,
                entry.TryGetProperty("expectErrorCode", out var c) ? c.GetString() : null,
                entry.TryGetProperty("option", out var o) ? o.Clone() : default));
        }

        return entries;
    }
}

/// <summary>
/// Serves every URL under <see cref="JsonLdSuite.BaseIri"/> from the copied suite, as the suite's README asks; any
/// other URL fails. Documents are parsed once and the same instance is returned for the same URL.
/// </summary>
internal sealed class JsonLdSuiteLoader : IJsonLdDocumentLoader
{
    public static JsonLdSuiteLoader Instance { get; } = new();

    private readonly ConcurrentDictionary<string, VerificationResult<JsonLdRemoteDocument>> _documents = new(StringComparer.Ordinal);

    public ValueTask<VerificationResult<JsonLdRemoteDocument>> LoadAsync(Uri url, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(_documents.GetOrAdd(url.OriginalString, Load));

    private static VerificationResult<JsonLdRemoteDocument> Load(string url)
    {
        if (!url.StartsWith(JsonLdSuite.BaseIri, StringComparison.Ordinal))
        {
            return new VerificationError(JsonLdErrors.ContextNotPinned, "Not a suite URL.");
        }

        var path = Path.Combine(JsonLdSuite.Directory, url[JsonLdSuite.BaseIri.Length..].Split('#', '?')[0]);
        if (!File.Exists(path))
        {
            return new VerificationError(JsonLdErrors.ContextNotPinned, "No such suite file.");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return new JsonLdRemoteDocument(new Uri(url), document.RootElement.Clone());
        }
        catch (JsonException)
        {
            return new VerificationError(JsonLdErrors.LoadingDocumentFailed, "Not JSON.");
        }
    }
}
