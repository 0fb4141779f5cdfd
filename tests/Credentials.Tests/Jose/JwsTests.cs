using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.Jose;
using Credentials.Keys;
using Xunit;

namespace Credentials.Tests.Jose;

public sealed class JwsTests
{
    private const string Payload = "{\"iss\":\"https://issuer.example\"}";
    private const string DummySignature = "AAAA";

    public static TheoryData<string> AllAlgorithms => new(JwsAlgorithm.All.Select(a => a.Name));

    [Theory]
    [MemberData(nameof(AllAlgorithms))]
    public void SignCompactThenVerify_EachAlgorithm_Verifies(string name)
    {
        JwsAlgorithm.TryGet(name, out var algorithm);
        using var key = SigningKey.Create(algorithm!, keyId: "k-1");

        var token = JwsWriter.SignCompact(key, Encoding.UTF8.GetBytes(Payload), "example+jwt");
        var jws = Jws.ReadCompact(token);

        Assert.True(jws.IsValid);
        Assert.Equal(name, jws.Value.AlgorithmName);
        Assert.Equal("example+jwt", jws.Value.Type);
        Assert.Equal("k-1", jws.Value.KeyId);
        Assert.Equal(token, jws.Value.Compact);
        Assert.Null(jws.Value.VerifySignature(key.GetVerificationKey(), JwsAlgorithm.All));
    }

    [Fact]
    public async System.Threading.Tasks.Task SignCompactAsync_ExtraHeaders_AreWrittenAndProtected()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        var extra = new Dictionary<string, JsonNode?> { ["x5c"] = new JsonArray("AAAA"), ["cty"] = "json" };

        var token = await JwsWriter.SignCompactAsync(key, Encoding.UTF8.GetBytes(Payload), "jwt", extra);
        var jws = Jws.ReadCompact(token).Value;

        Assert.Equal("AAAA", jws.Header.GetProperty("x5c")[0].GetString());
        Assert.Equal("json", jws.Header.GetProperty("cty").GetString());
        Assert.Null(jws.VerifySignature(key.GetVerificationKey()));
    }

    [Theory]
    [InlineData("alg")]
    [InlineData("typ")]
    public void SignCompact_ExtraHeaderRepeatsAlgOrTyp_Throws(string name)
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var extra = new Dictionary<string, JsonNode?> { [name] = "x" };

        Assert.Throws<ArgumentException>(() => JwsWriter.SignCompact(key, "{}"u8, "jwt", extra));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    [InlineData("HS512")]
    [InlineData("RS256")]
    [InlineData("PS256")]
    [InlineData("ES512")]
    [InlineData("eddsa")]
    [InlineData("Ed448")]
    [InlineData("")]
    public void ParseCompact_UnsupportedAlgorithm_FailsWithUnsupportedAlgorithm(string alg)
    {
        var result = Jws.ReadCompact(Token("{\"alg\":\"" + alg + "\"}", Payload, DummySignature));

        AssertError(result, JoseErrors.UnsupportedAlgorithm, VerificationFailureKind.UnsupportedAlgorithm);
    }

    [Fact]
    public void ParseCompact_AlgNoneWithEmptySignature_FailsWithUnsupportedAlgorithm()
    {
        var result = Jws.ReadCompact(Token("{\"alg\":\"none\"}", Payload, string.Empty));

        AssertError(result, JoseErrors.UnsupportedAlgorithm, VerificationFailureKind.UnsupportedAlgorithm);
    }

    [Fact]
    public void ParseCompact_KnownAlgWithEmptySignature_FailsAsMalformed()
    {
        var result = Jws.ReadCompact(Token("{\"alg\":\"ES256\"}", Payload, string.Empty));

        AssertError(result, JoseErrors.Malformed, VerificationFailureKind.Malformed);
    }

    [Fact]
    public void ParseCompact_Hs256SignedWithThePublicKeyAsSecret_IsRejected()
    {
        // The classic key-confusion attack: an HMAC over the token keyed with the verifier's public key.
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        var input = B64("{\"alg\":\"HS256\"}") + "." + B64(Payload);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key.PublicJwk.ToJson()), Encoding.ASCII.GetBytes(input));

        var result = Jws.ReadCompact(input + "." + Base64Url.EncodeToString(mac));

        AssertError(result, JoseErrors.UnsupportedAlgorithm, VerificationFailureKind.UnsupportedAlgorithm);
    }

    [Fact]
    public void ParseCompact_MissingAlg_FailsWithMissingAlgorithm()
    {
        AssertError(Jws.ReadCompact(Token("{\"typ\":\"jwt\"}", Payload, DummySignature)), JoseErrors.MissingAlgorithm, VerificationFailureKind.Malformed);
    }

    [Theory]
    [InlineData("{\"alg\":1}")]
    [InlineData("{\"alg\":\"EdDSA\",\"typ\":1}")]
    [InlineData("{\"alg\":\"EdDSA\",\"kid\":{}}")]
    public void ParseCompact_NonStringAlgTypOrKid_FailsAsMalformed(string header)
    {
        AssertError(Jws.ReadCompact(Token(header, Payload, DummySignature)), JoseErrors.Malformed, VerificationFailureKind.Malformed);
    }

    [Fact]
    public void VerifySignature_AlgorithmNotInAllowList_FailsWithAlgorithmNotAllowed()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var jws = Jws.ReadCompact(JwsWriter.SignCompact(key, "{}"u8)).Value;

        var error = jws.VerifySignature(key.GetVerificationKey(), [JwsAlgorithm.Es256]);

        Assert.Equal(JoseErrors.AlgorithmNotAllowed, error!.Code);
        Assert.Equal(VerificationFailureKind.UnsupportedAlgorithm, error.Kind);
    }

    [Fact]
    public void VerifySignature_Es256KByDefault_FailsWithAlgorithmNotAllowed()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256K);
        var jws = Jws.ReadCompact(JwsWriter.SignCompact(key, "{}"u8)).Value;

        Assert.Equal(JoseErrors.AlgorithmNotAllowed, jws.VerifySignature(key.GetVerificationKey())!.Code);
        Assert.Null(jws.VerifySignature(key.GetVerificationKey(), [JwsAlgorithm.Es256K]));
    }

    [Fact]
    public void VerifySignature_KeyOfAnotherCurve_FailsWithKeyAlgorithmMismatch()
    {
        using var es256 = SigningKey.Create(JwsAlgorithm.Es256);
        using var ed = SigningKey.Create(JwsAlgorithm.EdDsa);
        using var es384 = SigningKey.Create(JwsAlgorithm.Es384);
        var jws = Jws.ReadCompact(JwsWriter.SignCompact(es256, "{}"u8)).Value;

        Assert.Equal(JoseErrors.KeyAlgorithmMismatch, jws.VerifySignature(ed.GetVerificationKey(), JwsAlgorithm.All)!.Code);
        Assert.Equal(JoseErrors.KeyAlgorithmMismatch, jws.VerifySignature(es384.GetVerificationKey(), JwsAlgorithm.All)!.Code);
    }

    [Theory]
    [InlineData("{\"alg\":\"EdDSA\",\"crit\":[\"exp\"],\"exp\":1}")]
    [InlineData("{\"alg\":\"EdDSA\",\"crit\":[]}")]
    [InlineData("{\"alg\":\"EdDSA\",\"crit\":\"b64\",\"b64\":false}")]
    [InlineData("{\"alg\":\"EdDSA\",\"crit\":[1]}")]
    [InlineData("{\"alg\":\"EdDSA\",\"crit\":[\"alg\"]}")]
    [InlineData("{\"alg\":\"EdDSA\",\"crit\":[\"kid\"],\"kid\":\"k\"}")]
    public void ParseCompact_CritNotUnderstoodOrMalformed_FailsWithUnsupportedCriticalHeader(string header)
    {
        AssertError(Jws.ReadCompact(Token(header, Payload, DummySignature)), JoseErrors.UnsupportedCriticalHeader, VerificationFailureKind.Malformed);
    }

    [Fact]
    public void ParseCompact_CritUnderstoodViaOptions_Succeeds()
    {
        var options = new JwsReaderOptions { UnderstoodCriticalHeaders = new HashSet<string>(StringComparer.Ordinal) { "urn:example:x" } };

        var result = Jws.ReadCompact(Token("{\"alg\":\"EdDSA\",\"crit\":[\"urn:example:x\"],\"urn:example:x\":1}", Payload, DummySignature), options);

        Assert.True(result.IsValid, result.Error?.ToString());
    }

    [Fact]
    public void ParseCompact_CritUnderstoodButParameterAbsent_FailsWithUnsupportedCriticalHeader()
    {
        var options = new JwsReaderOptions { UnderstoodCriticalHeaders = new HashSet<string>(StringComparer.Ordinal) { "urn:example:x" } };

        var result = Jws.ReadCompact(Token("{\"alg\":\"EdDSA\",\"crit\":[\"urn:example:x\"]}", Payload, DummySignature), options);

        AssertError(result, JoseErrors.UnsupportedCriticalHeader, VerificationFailureKind.Malformed);
    }

    [Fact]
    public void ParseCompact_DuplicateHeaderMember_FailsWithDuplicateMember()
    {
        var result = Jws.ReadCompact(Token("{\"alg\":\"EdDSA\",\"alg\":\"ES256\"}", Payload, DummySignature));

        AssertError(result, JoseErrors.DuplicateMember, VerificationFailureKind.Malformed);
    }

    [Fact]
    public void ParsePayload_DuplicatePayloadMember_FailsWithDuplicateMember()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var jws = Jws.ReadCompact(JwsWriter.SignCompact(key, "{\"sub\":\"alice\",\"sub\":\"mallory\"}"u8)).Value;

        AssertError(jws.ParsePayload(), JoseErrors.DuplicateMember, VerificationFailureKind.Malformed);
    }

    [Fact]
    public void ParsePayload_NestedDuplicateMember_FailsWithDuplicateMember()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var jws = Jws.ReadCompact(JwsWriter.SignCompact(key, "{\"a\":{\"b\":1,\"b\":2}}"u8)).Value;

        AssertError(jws.ParsePayload(), JoseErrors.DuplicateMember, VerificationFailureKind.Malformed);
    }

    public static TheoryData<string> NonCanonicalTokens
    {
        get
        {
            var header = B64("{\"alg\":\"EdDSA\"}");
            var payload = B64(Payload);
            var signature = Base64Url.EncodeToString(new byte[64]); // 86 chars: the last carries 4 unused bits
            return new TheoryData<string>
            {
                header + "=." + payload + "." + signature,
                header + "." + payload + "=." + signature,
                header + "." + payload + "." + signature + "==",
                header + ". " + payload + "." + signature,
                header + "." + payload + "\n." + signature,
                header + "." + payload + "." + signature[..40] + " " + signature[40..],
                header + "." + payload + "." + signature[..^1] + "B",
                header + "." + payload + "." + signature[..^1] + "P",
                header + "." + payload + "." + signature.Replace('A', '+'),
                header + "." + payload + "." + signature.Replace('A', '/'),
                header + "." + payload + "." + signature[..^1], // a length of 1 mod 4 encodes no byte string
                header + "." + payload + "." + signature[..^1] + "é",
            };
        }
    }

    [Theory]
    [MemberData(nameof(NonCanonicalTokens))]
    public void ParseCompact_NonCanonicalBase64Url_FailsWithInvalidBase64Url(string token)
    {
        var result = Jws.ReadCompact(token);

        AssertError(result, JoseErrors.InvalidBase64Url, VerificationFailureKind.Malformed);
    }

    [Theory]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("abc")]
    [InlineData(".e30.AAAA")]
    [InlineData("eyJhbGciOiJFZERTQSJ9.e30.")]
    [InlineData("")]
    [InlineData("a.b.c.d.e")]
    public void ParseCompact_WrongPartsOrEmptyParts_FailsAsMalformed(string token)
    {
        AssertError(Jws.ReadCompact(token), JoseErrors.Malformed, VerificationFailureKind.Malformed);
    }

    [Fact]
    public void ParseCompact_TooLong_FailsWithTooLarge()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var token = JwsWriter.SignCompact(key, Encoding.UTF8.GetBytes(Payload));

        var result = Jws.ReadCompact(token, new JwsReaderOptions { MaxTokenLength = token.Length - 1 });

        AssertError(result, JoseErrors.TooLarge, VerificationFailureKind.Malformed);
        Assert.True(Jws.ReadCompact(token, new JwsReaderOptions { MaxTokenLength = token.Length }).IsValid);
    }

    [Fact]
    public void ParseCompact_InvalidUtf8Header_FailsWithInvalidJson()
    {
        var header = Base64Url.EncodeToString([.. "{\"alg\":\"EdDSA\",\"x\":\""u8.ToArray(), 0xC3, 0x28, .. "\"}"u8.ToArray()]);

        AssertError(Jws.ReadCompact(header + "." + B64(Payload) + "." + DummySignature), JoseErrors.InvalidJson, VerificationFailureKind.Malformed);
    }

    [Fact]
    public void ParsePayload_InvalidUtf8_FailsWithInvalidJson()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var jws = Jws.ReadCompact(JwsWriter.SignCompact(key, [.. "{\"a\":\""u8.ToArray(), 0xFF, 0xFE, .. "\"}"u8.ToArray()])).Value;

        AssertError(jws.ParsePayload(), JoseErrors.InvalidJson, VerificationFailureKind.Malformed);
    }

    [Theory]
    [InlineData("{\"alg\":\"EdDSA\",\"x\":\"\\ud800\"}")]
    [InlineData("{\"alg\":\"EdDSA\",\"\\udc00\":1}")]
    [InlineData("{\"alg\":\"EdDSA\",\"kid\":\"\\udc00\\ud800\"}")]
    public void ParseCompact_LoneSurrogateEscapeInHeader_FailsWithInvalidJson(string header)
    {
        AssertError(Jws.ReadCompact(Token(header, Payload, DummySignature)), JoseErrors.InvalidJson, VerificationFailureKind.Malformed);
    }

    [Fact]
    public void ParsePayload_LoneSurrogateEscape_FailsWithInvalidJson()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var jws = Jws.ReadCompact(JwsWriter.SignCompact(key, "{\"iss\":\"\\ud83d\"}"u8)).Value;

        AssertError(jws.ParsePayload(), JoseErrors.InvalidJson, VerificationFailureKind.Malformed);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"alg\"")]
    [InlineData("{\"alg\":\"EdDSA\"")]
    [InlineData("{\"alg\":\"EdDSA\",}")]
    [InlineData("{\"alg\":\"EdDSA\"} {}")]
    [InlineData("{/*c*/\"alg\":\"EdDSA\"}")]
    public void ParseCompact_HeaderNotAJsonObject_FailsWithInvalidJson(string header)
    {
        AssertError(Jws.ReadCompact(Token(header, Payload, DummySignature)), JoseErrors.InvalidJson, VerificationFailureKind.Malformed);
    }

    [Fact]
    public void ParsePayload_NestedTooDeep_FailsWithInvalidJson()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var deep = "{\"a\":" + new string('[', 40) + new string(']', 40) + "}";
        var jws = Jws.ReadCompact(JwsWriter.SignCompact(key, Encoding.UTF8.GetBytes(deep))).Value;

        AssertError(jws.ParsePayload(), JoseErrors.InvalidJson, VerificationFailureKind.Malformed);
        Assert.True(jws.ParsePayload(new JwsReaderOptions { MaxJsonDepth = 64 }).IsValid);
    }

    [Fact]
    public void ParseCompact_HeaderNestedTooDeep_FailsWithInvalidJson()
    {
        var header = "{\"alg\":\"EdDSA\",\"x\":" + new string('[', 40) + new string(']', 40) + "}";

        AssertError(Jws.ReadCompact(Token(header, Payload, DummySignature)), JoseErrors.InvalidJson, VerificationFailureKind.Malformed);
    }

    [Theory]
    [MemberData(nameof(AllAlgorithms))]
    public void VerifySignature_TamperedPayload_FailsWithInvalidSignature(string name)
    {
        JwsAlgorithm.TryGet(name, out var algorithm);
        using var key = SigningKey.Create(algorithm!);
        var parts = JwsWriter.SignCompact(key, Encoding.UTF8.GetBytes(Payload)).Split('.');
        var tampered = parts[0] + "." + B64("{\"iss\":\"https://evil.example\"}") + "." + parts[2];

        var jws = Jws.ReadCompact(tampered);

        Assert.True(jws.IsValid);
        var error = jws.Value.VerifySignature(key.GetVerificationKey(), JwsAlgorithm.All);
        Assert.Equal(JoseErrors.InvalidSignature, error!.Code);
        Assert.Equal(VerificationFailureKind.InvalidSignature, error.Kind);
    }

    [Fact]
    public void VerifySignature_SignatureByAnotherKey_FailsWithInvalidSignature()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        using var other = SigningKey.Create(JwsAlgorithm.Es256);
        var jws = Jws.ReadCompact(JwsWriter.SignCompact(other, "{}"u8)).Value;

        Assert.Equal(JoseErrors.InvalidSignature, jws.VerifySignature(key.GetVerificationKey())!.Code);
    }

    [Fact]
    public void VerifySignature_AlgSwappedToFullySpecifiedEd25519_StillVerifiesOnlyWhenAllowed()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Ed25519);
        var jws = Jws.ReadCompact(JwsWriter.SignCompact(key, "{}"u8)).Value;

        Assert.Equal("Ed25519", jws.AlgorithmName);
        Assert.Null(jws.VerifySignature(key.GetVerificationKey()));
        Assert.Equal(JoseErrors.AlgorithmNotAllowed, jws.VerifySignature(key.GetVerificationKey(), [JwsAlgorithm.EdDsa])!.Code);
    }

    [Fact]
    public void FromParts_UnprotectedHeaderRepeatsProtectedMember_FailsWithDuplicateMember()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa, keyId: "k");
        var parts = JwsWriter.SignCompact(key, "{}"u8).Split('.');
        using var unprotected = JsonDocument.Parse("{\"kid\":\"other\"}");

        var result = Jws.FromParts(parts[0], parts[1], parts[2], unprotected.RootElement);

        AssertError(result, JoseErrors.DuplicateMember, VerificationFailureKind.Malformed);
    }

    [Theory]
    [InlineData("{\"alg\":\"EdDSA\"}")]
    [InlineData("{\"crit\":[\"x\"]}")]
    [InlineData("[]")]
    public void FromParts_UnprotectedAlgCritOrNonObject_FailsAsMalformed(string unprotectedJson)
    {
        var header = B64("{\"typ\":\"jwt\",\"alg\":\"EdDSA\"}");
        using var unprotected = JsonDocument.Parse(unprotectedJson);
        var withoutAlg = B64("{\"typ\":\"jwt\"}");

        var result = Jws.FromParts(unprotectedJson.Contains("alg", StringComparison.Ordinal) ? withoutAlg : header, B64(Payload), DummySignature, unprotected.RootElement);

        AssertError(result, JoseErrors.Malformed, VerificationFailureKind.Malformed);
    }

    [Fact]
    public void FromParts_ValidParts_EqualsCompactParse()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es384);
        var token = JwsWriter.SignCompact(key, "{}"u8);
        var parts = token.Split('.');

        var jws = Jws.FromParts(parts[0], parts[1], parts[2]);

        Assert.True(jws.IsValid);
        Assert.Equal(token, jws.Value.Compact);
        Assert.Null(jws.Value.VerifySignature(key.GetVerificationKey()));
    }

    [Fact]
    public void SignCompact_NonAsciiPayload_IsWrittenAsGivenUtf8()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var payload = Encoding.UTF8.GetBytes("{\"name\":\"山田太郎\"}");

        var jws = Jws.ReadCompact(JwsWriter.SignCompact(key, payload)).Value;

        Assert.Equal(payload, jws.Payload.ToArray());
        Assert.Equal("山田太郎", jws.ParsePayload().Value.GetProperty("name").GetString());
    }

    private static string Token(string headerJson, string payloadJson, string signature) => B64(headerJson) + "." + B64(payloadJson) + "." + signature;

    private static string B64(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    private static void AssertError<T>(VerificationResult<T> result, ErrorCode code, VerificationFailureKind kind)
    {
        Assert.False(result.IsValid, "expected " + code);
        Assert.Equal(code, result.Error.Code);
        Assert.Equal(kind, result.Error.Kind);
    }
}
