using System;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Credentials.Samples;

/// <summary>Reading JSON inputs and writing JSON outputs the same way in every sample app.</summary>
public static class CliJson
{
    /// <summary>
    /// Output options: indented, and Japanese left readable. The relaxed encoder is only for what the apps print and
    /// write as plain JSON documents; credentials themselves are encoded by the library.
    /// </summary>
    public static JsonSerializerOptions OutputOptions { get; } = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Options for reading untrusted inputs: duplicate member names rejected, depth limited.</summary>
    public static JsonDocumentOptions InputOptions { get; } = new()
    {
        MaxDepth = 32,
        AllowDuplicateProperties = false,
    };

    /// <summary>Serializes <paramref name="node"/> with <see cref="OutputOptions"/>.</summary>
    public static string Serialize(JsonNode? node) => node?.ToJsonString(OutputOptions) ?? "null";

    /// <summary>Writes one result document: <c>{"ok": ok, ...document}</c>.</summary>
    public static void WriteResult(TextWriter writer, JsonObject document, bool ok)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(document);
        var result = new JsonObject { ["ok"] = ok };
        foreach (var (name, value) in document)
        {
            result[name] = value?.DeepClone();
        }

        writer.WriteLine(Serialize(result));
        writer.Flush();
    }

    /// <summary>Reads a JSON object from a file; a missing file or malformed JSON is a <see cref="CliException"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="what">What the file is, for messages ("claims", "request").</param>
    public static JsonObject ReadObjectFile(string path, string what)
    {
        var text = CliFiles.ReadAllText(path, what);
        return ParseObject(text, path, what);
    }

    /// <summary>Parses a JSON object; malformed JSON (including duplicate names) is a <see cref="CliException"/>.</summary>
    public static JsonObject ParseObject(string text, string source, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            using var document = JsonDocument.Parse(text, InputOptions);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new CliException(CliErrors.MalformedJson(source, what, $"expected a JSON object, found {document.RootElement.ValueKind}."));
            }

            return JsonObject.Create(document.RootElement.Clone())!;
        }
        catch (JsonException ex)
        {
            throw new CliException(CliErrors.MalformedJson(source, what, CliErrors.Reason(ex, text)), ex);
        }
    }
}
