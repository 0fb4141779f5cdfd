using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Credentials.Keys;
using YamlDotNet.RepresentationModel;

namespace Credentials.Conformance.Tests.SdJwtVc.Credentials;

/// <summary>
/// Loads the draft-ietf-oauth-sd-jwt-vc examples copied to the test output under <c>vectors/sd-jwt-vc/draft/</c>
/// (see specs/vectors/sd-jwt-vc/README.md). A missing file throws, so its test fails instead of being skipped.
/// </summary>
internal static class SdJwtVcDraftVectors
{
    public static string PathOf(string file)
        => Path.Combine(AppContext.BaseDirectory, "vectors", "sd-jwt-vc", "draft", file);

    public static string ReadText(string file) => File.ReadAllText(PathOf(file));

    public static JsonElement Load(string file)
    {
        using var document = JsonDocument.Parse(ReadText(file));
        return document.RootElement.Clone();
    }

    public static JsonElement Blocks(string file) => Load(file).GetProperty("blocks");

    public static JsonElement Block(string file, int index) => Blocks(file)[index];

    public static JsonElement Value(string file, int index) => Block(file, index).GetProperty("value");

    public static string[] Files()
        => [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "vectors", "sd-jwt-vc", "draft"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    /// <summary>The issuer key the README names for every example signature (the sd-jwt-python settings key).</summary>
    public static Jwk IssuerPublicJwk() => Jwk.Parse(ReadText("issuer_public_jwk.json"));

    /// <summary>A generator input of the draft's examples (<c>spec-inputs/</c>: sd-jwt-python YAML with <c>!sd</c> tags).</summary>
    public static YamlMappingNode LoadSpecInput(string relativePath)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "vectors", "sd-jwt-vc", "spec-inputs", relativePath.Replace('/', Path.DirectorySeparatorChar));
        var stream = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(path)))
        {
            stream.Load(reader);
        }

        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public static JsonElement DecodeSegment(string compactJwt, int segment)
    {
        var part = compactJwt.Split('.')[segment].Replace('-', '+').Replace('_', '/');
        part += new string('=', (4 - (part.Length % 4)) % 4);
        using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(part)));
        return document.RootElement.Clone();
    }
}
