using System;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Xunit;

namespace Credentials.Interop.Tests.Jose;

/// <summary>JWE ECDH-ES with AES-GCM on P-256 against the <c>jose</c> npm package, both ways (see node/package.json for the pinned version).</summary>
public sealed class JweInteropTests
{
    // Non-ASCII on purpose: the plaintext bytes must survive both directions unchanged.
    private const string Plaintext = """{"vp_token":{"pid":["eyJhbGciOiJFUzI1NiJ9.e30.sig"]},"state":"山田太郎"}""";

    public static TheoryData<string> Encryptions => new() { "A128GCM", "A256GCM" };

    [Theory]
    [MemberData(nameof(Encryptions))]
    public async Task Encrypt_DecryptedByJoseCompactDecrypt_SamePlaintextAndHeader(string enc)
    {
        using var key = KeyAgreementKey.CreateEc(JwkCurves.P256, "verifier-enc");
        var options = new JweHeaderOptions { KeyId = "verifier-enc", AgreementPartyUInfo = Encoding.ASCII.GetBytes("wallet-nonce"), AgreementPartyVInfo = Encoding.ASCII.GetBytes("verifier-nonce") };
        var jwe = JweEncrypter.Encrypt(Encoding.UTF8.GetBytes(Plaintext), key.PublicJwk, Encryption(enc), options);

        var result = await JoseDecryptAsync(jwe, key.ExportPrivateJwk(), enc);

        Assert.True(result["valid"]!.GetValue<bool>(), result.ToJsonString());
        Assert.Equal(Plaintext, Encoding.UTF8.GetString(FromBase64Url(result["plaintext"]!.GetValue<string>())));
        Assert.Equal("ECDH-ES", result["header"]!["alg"]!.GetValue<string>());
        Assert.Equal(enc, result["header"]!["enc"]!.GetValue<string>());
        Assert.Equal("verifier-enc", result["header"]!["kid"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Encryptions))]
    public async Task Encrypt_TamperedCiphertext_RejectedByJose(string enc)
    {
        using var key = KeyAgreementKey.CreateEc(JwkCurves.P256);
        var jwe = JweEncrypter.Encrypt(Encoding.UTF8.GetBytes(Plaintext), key.PublicJwk, Encryption(enc));

        var result = await JoseDecryptAsync(FlipBit(jwe, 3), key.ExportPrivateJwk(), enc);

        Assert.False(result["valid"]!.GetValue<bool>());
        Assert.Equal("ERR_JWE_DECRYPTION_FAILED", result["code"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Encryptions))]
    public async Task Decrypt_JweFromJoseCompactEncrypt_SamePlaintext(string enc)
    {
        using var key = KeyAgreementKey.CreateEc(JwkCurves.P256, "verifier-enc");
        var jwe = await JoseEncryptAsync(key.PublicJwk, enc, apu: "QWxpY2U", apv: "Qm9i");

        var result = new JweDecrypter(key).Decrypt(jwe.Jwe);

        Assert.True(result.IsValid, result.Error?.Code.Value);
        Assert.Equal(Plaintext, Encoding.UTF8.GetString(result.Value.Plaintext.Span));
        Assert.Same(Encryption(enc), result.Value.Encryption);
        Assert.Equal("verifier-enc", result.Value.KeyId);
        Assert.Equal("QWxpY2U", result.Value.ProtectedHeader.GetProperty("apu").GetString());
    }

    [Theory]
    [MemberData(nameof(Encryptions))]
    public async Task Decrypt_TamperedJoseJwe_DecryptionFailed(string enc)
    {
        using var key = KeyAgreementKey.CreateEc(JwkCurves.P256);
        var jwe = (await JoseEncryptAsync(key.PublicJwk, enc)).Jwe;
        var decrypter = new JweDecrypter(key);

        Assert.Equal(JweErrors.DecryptionFailed, decrypter.Decrypt(FlipBit(jwe, 3)).Error?.Code);
        Assert.Equal(JweErrors.DecryptionFailed, decrypter.Decrypt(FlipBit(jwe, 4)).Error?.Code);
        Assert.Equal(JweErrors.DecryptionFailed, decrypter.Decrypt(FlipBit(jwe, 2)).Error?.Code);
    }

    [Fact]
    public async Task Decrypt_KeyPairGeneratedByJose_ImportedPrivateJwkDecrypts()
    {
        var jwe = await JoseEncryptAsync(null, "A256GCM");
        var jwk = Jwk.Read(jwe.PrivateJwk!.ToJsonString());
        Assert.True(jwk.IsValid, jwk.Error?.Code.Value);
        using var key = KeyAgreementKey.FromJwk(jwk.Value);

        var result = new JweDecrypter(key).Decrypt(jwe.Jwe);

        Assert.True(result.IsValid, result.Error?.Code.Value);
        Assert.Equal(Plaintext, Encoding.UTF8.GetString(result.Value.Plaintext.Span));
    }

    [Fact]
    public async Task Decrypt_JoseA256GcmWhenDecrypterAllowsOnlyA128Gcm_UnsupportedEncryption()
    {
        using var key = KeyAgreementKey.CreateEc(JwkCurves.P256);
        var jwe = (await JoseEncryptAsync(key.PublicJwk, "A256GCM")).Jwe;

        var result = new JweDecrypter(key, new JweDecrypterOptions { AllowedEncryptions = [JweEncryption.A128Gcm] }).Decrypt(jwe);

        Assert.Equal(JweErrors.UnsupportedEncryption, result.Error?.Code);
    }

    private static JweEncryption Encryption(string name)
        => JweEncryption.TryGet(name, out var encryption) ? encryption : throw new ArgumentException(name, nameof(name));

    private static async Task<JsonNode> JoseDecryptAsync(string jwe, Jwk privateJwk, string enc)
    {
        var input = new JsonObject
        {
            ["jwe"] = jwe,
            ["jwk"] = JsonNode.Parse(privateJwk.ToJson()),
            ["enc"] = new JsonArray(enc),
        };
        return JsonNode.Parse(await NodeRunner.Shared.RunAsync("jwe-decrypt.mjs", input.ToJsonString()))!;
    }

    private static async Task<(string Jwe, JsonNode? PrivateJwk)> JoseEncryptAsync(Jwk? recipient, string enc, string? apu = null, string? apv = null)
    {
        var input = new JsonObject
        {
            ["jwk"] = recipient is null ? null : JsonNode.Parse(recipient.ToJson()),
            ["enc"] = enc,
            ["plaintext"] = ToBase64Url(Encoding.UTF8.GetBytes(Plaintext)),
        };
        if (recipient?.Kid is { } kid)
        {
            input["kid"] = kid;
        }

        if (apu is not null)
        {
            input["apu"] = apu;
        }

        if (apv is not null)
        {
            input["apv"] = apv;
        }

        var output = JsonNode.Parse(await NodeRunner.Shared.RunAsync("jwe-encrypt.mjs", input.ToJsonString()))!;
        return (output["jwe"]!.GetValue<string>(), output["privateJwk"]);
    }

    private static string FlipBit(string jwe, int part)
    {
        var parts = jwe.Split('.');
        var bytes = FromBase64Url(parts[part]);
        bytes[0] ^= 0x01;
        parts[part] = ToBase64Url(bytes);
        return string.Join('.', parts);
    }

    private static string ToBase64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
