using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Xunit;

namespace Credentials.Interop.Tests.Jose;

/// <summary>JWS and JWK thumbprints against the <c>jose</c> npm package (see node/package.json for the pinned version).</summary>
public sealed class JoseInteropTests
{
    // Non-ASCII on purpose: the payload bytes must survive both directions unchanged.
    private const string Payload = """{"iss":"https://issuer.example","name":"山田太郎","n":1}""";

    public static TheoryData<string> Algorithms => new() { "EdDSA", "Ed25519", "ES256", "ES384" };

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task SignCompact_VerifiedByJoseCompactVerify_IsValidWithSamePayload(string algorithm)
    {
        using var key = SigningKey.Create(Algorithm(algorithm), keyId: "k1");
        var jws = JwsWriter.SignCompact(key, Encoding.UTF8.GetBytes(Payload), type: "JWT");

        var result = await JoseVerifyAsync(jws, key.PublicJwk, algorithm);

        Assert.True(result["valid"]!.GetValue<bool>(), result.ToJsonString());
        Assert.Equal(Payload, result["payload"]!.GetValue<string>());
        Assert.Equal(algorithm, result["header"]!["alg"]!.GetValue<string>());
        Assert.Equal("k1", result["header"]!["kid"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task SignCompact_TamperedPayload_RejectedByJose(string algorithm)
    {
        using var key = SigningKey.Create(Algorithm(algorithm));
        var jws = JwsWriter.SignCompact(key, Encoding.UTF8.GetBytes(Payload));
        var parts = jws.Split('.');
        var tampered = string.Join('.', parts[0], Base64Url(Encoding.UTF8.GetBytes(Payload.Replace("\"n\":1", "\"n\":2", StringComparison.Ordinal))), parts[2]);

        var result = await JoseVerifyAsync(tampered, key.PublicJwk, algorithm);

        Assert.False(result["valid"]!.GetValue<bool>());
        Assert.Equal("ERR_JWS_SIGNATURE_VERIFICATION_FAILED", result["code"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task VerifySignature_JwsSignedByJose_IsValidWithSamePayload(string algorithm)
    {
        var (jws, jwk) = await JoseSignAsync(algorithm);
        using var key = VerificationKey.Create(jwk);

        var parsed = Jws.ReadCompact(jws);

        Assert.True(parsed.IsValid, parsed.Error?.Code.Value);
        Assert.Null(parsed.Value.VerifySignature(key));
        Assert.Equal(algorithm, parsed.Value.AlgorithmName);
        Assert.Equal(Payload, Encoding.UTF8.GetString(parsed.Value.Payload.Span));
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task VerifySignature_JoseJwsWithFlippedSignatureBit_FailsWithInvalidSignature(string algorithm)
    {
        var (jws, jwk) = await JoseSignAsync(algorithm);
        using var key = VerificationKey.Create(jwk);
        var parts = jws.Split('.');
        var signature = Convert.FromBase64String(ToStandardBase64(parts[2]));
        signature[5] ^= 0x01;
        var tampered = string.Join('.', parts[0], parts[1], Base64Url(signature));

        var parsed = Jws.ReadCompact(tampered);

        Assert.True(parsed.IsValid, parsed.Error?.Code.Value);
        Assert.Equal(JoseErrors.InvalidSignature, parsed.Value.VerifySignature(key)?.Code);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task VerifySignature_JoseJwsWithOtherKey_FailsWithInvalidSignature(string algorithm)
    {
        var (jws, _) = await JoseSignAsync(algorithm);
        using var other = SigningKey.Create(Algorithm(algorithm));

        var parsed = Jws.ReadCompact(jws);

        Assert.True(parsed.IsValid, parsed.Error?.Code.Value);
        Assert.Equal(JoseErrors.InvalidSignature, parsed.Value.VerifySignature(other.GetVerificationKey())?.Code);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task ComputeThumbprint_OurPublicJwk_EqualsJoseThumbprintAndUri(string algorithm)
    {
        // kid, alg and use are not part of the thumbprint input (RFC 7638 section 3.2).
        using var key = SigningKey.Create(Algorithm(algorithm), keyId: "not-in-thumbprint");
        var jwk = key.PublicJwk with { Alg = algorithm, Use = "sig" };

        var jose = await JoseThumbprintAsync(jwk);

        Assert.Equal(jose.Thumbprint, jwk.ComputeThumbprint());
        Assert.Equal(jose.Uri, jwk.ComputeThumbprintUri());
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task ComputeThumbprint_JwkExportedByJose_EqualsJoseThumbprintAndUri(string algorithm)
    {
        var (_, jwk) = await JoseSignAsync(algorithm);

        var jose = await JoseThumbprintAsync(jwk);

        Assert.Equal(jose.Thumbprint, jwk.ComputeThumbprint());
        Assert.Equal(jose.Uri, jwk.ComputeThumbprintUri());
    }

    [Fact]
    public async Task ComputeThumbprint_X25519KeyAgreementJwk_EqualsJoseThumbprint()
    {
        using var key = KeyAgreementKey.Create();

        var jose = await JoseThumbprintAsync(key.PublicJwk);

        Assert.Equal(jose.Thumbprint, key.PublicJwk.ComputeThumbprint());
        Assert.Equal(jose.Uri, key.PublicJwk.ComputeThumbprintUri());
    }

    [Fact]
    public async Task ComputeThumbprint_Rfc7638ExampleRsaKey_EqualsJoseAndRfcValue()
    {
        // RFC 7638 section 3.1: the example RSA key and its SHA-256 thumbprint.
        var jwk = new Jwk
        {
            Kty = "RSA",
            E = "AQAB",
            N = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
        };

        var jose = await JoseThumbprintAsync(jwk);

        Assert.Equal("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", jwk.ComputeThumbprint());
        Assert.Equal(jose.Thumbprint, jwk.ComputeThumbprint());
        Assert.Equal(jose.Uri, jwk.ComputeThumbprintUri());
    }

    private static JwsAlgorithm Algorithm(string name)
        => JwsAlgorithm.TryGet(name, out var algorithm) ? algorithm : throw new ArgumentException(name, nameof(name));

    private static async Task<JsonNode> JoseVerifyAsync(string jws, Jwk jwk, string algorithm)
    {
        var input = new JsonObject
        {
            ["jws"] = jws,
            ["jwk"] = JsonNode.Parse(jwk.ToJson()),
            ["algorithms"] = new JsonArray(algorithm),
        };
        return JsonNode.Parse(await NodeRunner.Shared.RunAsync("jose-verify.mjs", input.ToJsonString()))!;
    }

    private static async Task<(string Jws, Jwk Jwk)> JoseSignAsync(string algorithm)
    {
        var input = new JsonObject { ["alg"] = algorithm, ["payload"] = Payload };
        var output = JsonNode.Parse(await NodeRunner.Shared.RunAsync("jose-sign.mjs", input.ToJsonString()))!;
        var jwk = Jwk.Read(output["jwk"]!.ToJsonString());
        Assert.True(jwk.IsValid, jwk.Error?.Code.Value);
        Assert.False(jwk.Value.HasPrivateKey);
        return (output["jws"]!.GetValue<string>(), jwk.Value);
    }

    private static async Task<(string Thumbprint, string Uri)> JoseThumbprintAsync(Jwk jwk)
    {
        var input = new JsonObject { ["jwk"] = JsonNode.Parse(jwk.ToJson()) };
        using var output = JsonDocument.Parse(await NodeRunner.Shared.RunAsync("jose-thumbprint.mjs", input.ToJsonString()));
        return (output.RootElement.GetProperty("thumbprint").GetString()!, output.RootElement.GetProperty("uri").GetString()!);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string ToStandardBase64(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
    }
}
