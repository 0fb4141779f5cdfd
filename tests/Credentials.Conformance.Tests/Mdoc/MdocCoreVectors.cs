using System;
using System.IO;
using System.Text.Json;
using Credentials.Keys;

namespace Credentials.Conformance.Tests.Mdoc;

/// <summary>Reads the mdoc vectors under <c>specs/vectors/mdoc/</c>.</summary>
internal static class MdocCoreVectors
{
    public static string PathOf(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "vectors", "mdoc", .. parts]);

    public static byte[] Hex(params string[] parts) => Convert.FromHexString(File.ReadAllText(PathOf(parts)).Trim());

    public static byte[] AnnexD(string file) => Hex("iso18013-5-annex-d", file);

    public static JsonElement Json(params string[] parts) => JsonDocument.Parse(File.ReadAllText(PathOf(parts))).RootElement.Clone();

    public static JsonElement Derived { get; } = Json("iso18013-5-annex-d", "derived.json");

    public static byte[] DerivedHex(string name) => Convert.FromHexString(Derived.GetProperty(name).GetString()!);

    /// <summary>A P-256 key of keys.json as a JWK (with d when <paramref name="withPrivate"/>).</summary>
    public static Jwk AnnexDKey(string name, bool withPrivate)
    {
        var key = Json("iso18013-5-annex-d", "keys.json").GetProperty(name);
        string B64(string member) => Base64UrlOf(Convert.FromHexString(key.GetProperty(member).GetString()!));
        return new Jwk { Kty = "EC", Crv = "P-256", X = B64("x"), Y = B64("y"), D = withPrivate ? B64("d") : null };
    }

    public static string Base64UrlOf(byte[] data) => System.Buffers.Text.Base64Url.EncodeToString(data);
}
