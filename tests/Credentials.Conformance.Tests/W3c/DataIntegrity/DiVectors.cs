using System;
using System.Buffers;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.Dids;
using Credentials.Internal;
using Credentials.Keys;
using Credentials.Testing;
using Credentials.W3c.DataIntegrity;
using Credentials.W3c.JsonLd;

namespace Credentials.Conformance.Tests.W3c.DataIntegrity;

/// <summary>Loads the Data Integrity vectors copied to the test output under <c>vectors/</c>, and their keys.</summary>
internal static class DiVectors
{
    /// <summary>An instant after every vector proof was created.</summary>
    public static readonly DateTimeOffset Now = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public static string PathOf(string relativePath) => Path.Combine(AppContext.BaseDirectory, "vectors", relativePath);

    public static byte[] Bytes(string relativePath) => File.ReadAllBytes(PathOf(relativePath));

    public static string Text(string relativePath) => File.ReadAllText(PathOf(relativePath));

    public static JsonElement Json(string relativePath) => JsonElement.Parse(Bytes(relativePath));

    public static JsonObject Object(string relativePath) => JsonNode.Parse(Bytes(relativePath))!.AsObject();

    public static byte[] Hex(string relativePath) => Convert.FromHexString(Text(relativePath).Trim());

    /// <summary>
    /// A signing key from a Multikey pair: the public key's JWK with the secret key's raw bytes as <c>d</c> (Multikey
    /// secret headers: Ed25519 <c>0x1300</c>, P-256 <c>0x1306</c>, P-384 <c>0x1307</c>).
    /// </summary>
    public static SigningKey Key(string publicKeyMultibase, string secretKeyMultibase)
    {
        var jwk = MultikeyCodec.Decode(publicKeyMultibase).GetValueOrThrow();
        var secret = SimpleBase.Base58.Bitcoin.Decode(secretKeyMultibase.AsSpan(1));
        Assert2(MultikeyCodec.TryReadVarint(secret, out var codec, out var header));
        Assert2(codec is 0x1300 or 0x1306 or 0x1307);
        return SigningKey.FromJwk(jwk with { D = StrictBase64Url.Encode(secret.AsSpan(header)) });
    }

    /// <summary>The key of a <c>*KeyPair.json</c> file (members <c>publicKeyMultibase</c> and <c>secretKeyMultibase</c> or <c>privateKeyMultibase</c>).</summary>
    public static SigningKey KeyPair(JsonElement pair)
    {
        var secret = pair.TryGetProperty("secretKeyMultibase", out var s) ? s : pair.GetProperty("privateKeyMultibase");
        return Key(pair.GetProperty("publicKeyMultibase").GetString()!, secret.GetString()!);
    }

    /// <summary>The pinned contexts plus the <c>@vocab</c> examples context the vectors use.</summary>
    public static readonly PinnedJsonLdDocumentLoader Loader = PinnedJsonLdDocumentLoader.Default.WithCatchAllContexts();

    public static readonly JsonLdProcessor JsonLd = new(Loader);

    public static DataIntegrityVerifier Verifier(DataIntegrityVerifierOptions? options = null)
        => new(DidResolver.CreateDefault(), (options ?? DataIntegrityVerifierOptions.Default) with { TimeProvider = TestClock.At(Now), DocumentLoader = Loader });

    public static DataIntegrityIssuer Issuer(SigningKey key, string verificationMethod)
        => new(key, verificationMethod, new DataIntegrityIssuerOptions { DocumentLoader = Loader });

    /// <summary>The proofs of the vector's proof configuration, hashed as the library hashes them.</summary>
    public static byte[] JcsProofConfiguration(JsonElement proofConfig)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Assert2(ProofHashing.WriteJcsProofConfiguration(proofConfig, buffer) is null);
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] JcsDocument(JsonElement document)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Assert2(ProofHashing.WriteJcsDocument(document, [], null, buffer) is null);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The document with one string member changed somewhere inside.</summary>
    public static JsonElement Tampered(JsonElement document, Func<JsonObject, JsonObject> edit)
    {
        var copy = JsonNode.Parse(document.GetRawText())!.AsObject();
        return JsonElement.Parse(Encoding.UTF8.GetBytes(edit(copy).ToJsonString()));
    }

    public static JsonElement ToElement(JsonNode node) => JsonElement.Parse(Encoding.UTF8.GetBytes(node.ToJsonString()));

    private static void Assert2(bool condition)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Vector data is not as expected.");
        }
    }
}
