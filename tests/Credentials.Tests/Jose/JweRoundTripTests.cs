using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Credentials.Jose;
using Credentials.Keys;
using Xunit;
using static Credentials.Tests.Jose.JweTestSupport;

namespace Credentials.Tests.Jose;

/// <summary>ECDH-ES direct key agreement with AES-GCM: what the encrypter writes and the decrypter returns.</summary>
public sealed class JweRoundTripTests
{
    private static readonly byte[] Plaintext = Encoding.UTF8.GetBytes("""{"vp_token":{"q":["eyJ..."]},"state":"山田"}""");

    public static TheoryData<string, string> CurvesAndEncryptions
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var curve in new[] { JwkCurves.P256, JwkCurves.P384, JwkCurves.P521 })
            {
                foreach (var enc in new[] { "A128GCM", "A256GCM" })
                {
                    data.Add(curve, enc);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(CurvesAndEncryptions))]
    public void Encrypt_ThenDecrypt_ReturnsPlaintextAndHeader(string curve, string enc)
    {
        using var key = KeyAgreementKey.CreateEc(curve, "verifier-enc-1");
        Assert.True(JweEncryption.TryGet(enc, out var encryption));

        var jwe = JweEncrypter.Encrypt(Plaintext, key.PublicJwk, encryption, new JweHeaderOptions { KeyId = "verifier-enc-1" });
        var result = new JweDecrypter(key).Decrypt(jwe);

        Assert.True(result.IsValid, result.Error?.Code.Value);
        Assert.Equal(Plaintext, result.Value.Plaintext.ToArray());
        Assert.Same(JweAlgorithm.EcdhEs, result.Value.Algorithm);
        Assert.Same(encryption, result.Value.Encryption);
        Assert.Equal("verifier-enc-1", result.Value.KeyId);
        Assert.Equal("ECDH-ES", result.Value.ProtectedHeader.GetProperty("alg").GetString());
        Assert.Equal(enc, result.Value.ProtectedHeader.GetProperty("enc").GetString());
        Assert.Equal(curve, result.Value.ProtectedHeader.GetProperty("epk").GetProperty("crv").GetString());
    }

    [Fact]
    public void Encrypt_EmptyPlaintext_RoundTrips()
    {
        using var key = KeyAgreementKey.CreateEc(JwkCurves.P256);

        var result = new JweDecrypter(key).Decrypt(JweEncrypter.Encrypt([], key.PublicJwk, JweEncryption.A128Gcm));

        Assert.True(result.IsValid, result.Error?.Code.Value);
        Assert.Equal(0, result.Value.Plaintext.Length);
    }

    [Fact]
    public void Encrypt_CompactShape_FivePartsEmptyKey96BitIv128BitTagPublicEpk()
    {
        using var key = KeyAgreementKey.CreateEc(JwkCurves.P256);

        var parts = JweEncrypter.Encrypt(Plaintext, key.PublicJwk, JweEncryption.A256Gcm).Split('.');

        Assert.Equal(5, parts.Length);
        Assert.Equal(string.Empty, parts[1]);
        Assert.Equal(12, Unb64(parts[2]).Length);
        Assert.Equal(Plaintext.Length, Unb64(parts[3]).Length);
        Assert.Equal(16, Unb64(parts[4]).Length);
        using var header = JsonDocument.Parse(Unb64(parts[0]));
        var epk = header.RootElement.GetProperty("epk");
        Assert.False(epk.TryGetProperty("d", out _));
        Assert.Equal("EC", epk.GetProperty("kty").GetString());
        Assert.False(header.RootElement.TryGetProperty("zip", out _));
    }

    [Fact]
    public void Encrypt_Twice_FreshEphemeralKeyAndIvEachTime()
    {
        using var key = KeyAgreementKey.CreateEc(JwkCurves.P256);

        var a = JweEncrypter.Encrypt(Plaintext, key.PublicJwk, JweEncryption.A128Gcm).Split('.');
        var b = JweEncrypter.Encrypt(Plaintext, key.PublicJwk, JweEncryption.A128Gcm).Split('.');

        Assert.NotEqual(a[0], b[0]);
        Assert.NotEqual(a[2], b[2]);
        Assert.NotEqual(a[3], b[3]);
    }

    [Fact]
    public void Encrypt_HeaderOptions_AllWrittenAndProtected()
    {
        using var key = KeyAgreementKey.CreateEc(JwkCurves.P256);
        using var extra = JsonDocument.Parse("""{"nonce":"n-0S6_WzA2Mj"}""");
        var options = new JweHeaderOptions
        {
            KeyId = "k1",
            Type = "oauth-authz-resp+jwt",
            ContentType = "JWT",
            AgreementPartyUInfo = Encoding.ASCII.GetBytes("Alice"),
            AgreementPartyVInfo = Encoding.ASCII.GetBytes("Bob"),
            AdditionalMembers = new Dictionary<string, JsonElement> { ["nonce"] = extra.RootElement.GetProperty("nonce") },
        };

        var result = new JweDecrypter(key).Decrypt(JweEncrypter.Encrypt(Plaintext, key.PublicJwk, JweEncryption.A128Gcm, options));

        Assert.True(result.IsValid, result.Error?.Code.Value);
        var header = result.Value.ProtectedHeader;
        Assert.Equal("k1", result.Value.KeyId);
        Assert.Equal("oauth-authz-resp+jwt", result.Value.Type);
        Assert.Equal("JWT", result.Value.ContentType);
        Assert.Equal("QWxpY2U", header.GetProperty("apu").GetString());
        Assert.Equal("Qm9i", header.GetProperty("apv").GetString());
        Assert.Equal("n-0S6_WzA2Mj", header.GetProperty("nonce").GetString());
    }

    [Fact]
    public void Decrypt_ApuApvEnterTheKdf_ForgedWithOtherApvFails()
    {
        using var key = KeyAgreementKey.CreateEc(JwkCurves.P256);

        // The header says apv "Bob" but the key was derived with apv "Eve".
        var jwe = Forge(key.PublicJwk, epk => "{\"alg\":\"ECDH-ES\",\"enc\":\"A128GCM\",\"apv\":\"Qm9i\",\"epk\":" + epk + "}", JweEncryption.A128Gcm, Plaintext, apv: Encoding.ASCII.GetBytes("Eve"));
        var good = Forge(key.PublicJwk, epk => "{\"alg\":\"ECDH-ES\",\"enc\":\"A128GCM\",\"apv\":\"Qm9i\",\"epk\":" + epk + "}", JweEncryption.A128Gcm, Plaintext, apv: Encoding.ASCII.GetBytes("Bob"));

        Assert.Equal(JweErrors.DecryptionFailed, new JweDecrypter(key).Decrypt(jwe).Error?.Code);
        Assert.True(new JweDecrypter(key).Decrypt(good).IsValid);
    }

    [Fact]
    public void Encrypt_RecipientJwkWithPrivatePart_UsesOnlyPublicPart()
    {
        using var key = KeyAgreementKey.CreateEc(JwkCurves.P256);

        var jwe = JweEncrypter.Encrypt(Plaintext, key.ExportPrivateJwk(), JweEncryption.A128Gcm);

        Assert.True(new JweDecrypter(key).Decrypt(jwe).IsValid);
        Assert.DoesNotContain(key.ExportPrivateJwk().D!, Encoding.UTF8.GetString(Unb64(jwe.Split('.')[0])), StringComparison.Ordinal);
    }

    [Fact]
    public void Encrypt_KeyMarkedForSignaturesOrOtherAlg_Throws()
    {
        using var key = KeyAgreementKey.CreateEc(JwkCurves.P256);

        Assert.Throws<ArgumentException>(() => JweEncrypter.Encrypt(Plaintext, key.PublicJwk with { Use = "sig" }, JweEncryption.A128Gcm));
        Assert.Throws<ArgumentException>(() => JweEncrypter.Encrypt(Plaintext, key.PublicJwk with { Alg = "ECDH-ES+A128KW" }, JweEncryption.A128Gcm));
        Assert.NotNull(JweEncrypter.Encrypt(Plaintext, key.PublicJwk with { Use = "enc", Alg = "ECDH-ES" }, JweEncryption.A128Gcm));
    }

    [Fact]
    public void Encrypt_NonEcRecipientKey_Throws()
    {
        using var x25519 = KeyAgreementKey.Create();
        using var signing = SigningKey.Create(JwsAlgorithm.EdDsa);

        Assert.Throws<ArgumentException>(() => JweEncrypter.Encrypt(Plaintext, x25519.PublicJwk, JweEncryption.A128Gcm));
        Assert.Throws<ArgumentException>(() => JweEncrypter.Encrypt(Plaintext, signing.PublicJwk, JweEncryption.A128Gcm));
    }

    [Fact]
    public void Encrypt_OffCurveRecipientKey_Throws()
    {
        using var key = KeyAgreementKey.CreateEc(JwkCurves.P256);
        var y = Unb64(key.PublicJwk.Y!);
        y[^1] ^= 0x01;

        Assert.Throws<ArgumentException>(() => JweEncrypter.Encrypt(Plaintext, key.PublicJwk with { Y = B64(y) }, JweEncryption.A128Gcm));
    }

    [Theory]
    [InlineData("alg")]
    [InlineData("enc")]
    [InlineData("epk")]
    [InlineData("zip")]
    [InlineData("kid")]
    public void Encrypt_AdditionalMemberWithReservedName_Throws(string name)
    {
        using var key = KeyAgreementKey.CreateEc(JwkCurves.P256);
        using var doc = JsonDocument.Parse("\"x\"");
        var options = new JweHeaderOptions { AdditionalMembers = new Dictionary<string, JsonElement> { [name] = doc.RootElement } };

        Assert.Throws<ArgumentException>(() => JweEncrypter.Encrypt(Plaintext, key.PublicJwk, JweEncryption.A128Gcm, options));
    }

    [Fact]
    public void Decrypter_X25519Key_Throws()
    {
        using var key = KeyAgreementKey.Create();

        Assert.Throws<ArgumentException>(() => new JweDecrypter(key));
    }

    [Fact]
    public void Decrypter_InvalidOptions_Throw()
    {
        using var key = KeyAgreementKey.CreateEc(JwkCurves.P256);

        Assert.Throws<ArgumentException>(() => new JweDecrypter(key, new JweDecrypterOptions { AllowedEncryptions = [] }));
        Assert.Throws<ArgumentException>(() => new JweDecrypter(key, new JweDecrypterOptions { MaxTokenLength = 0 }));
    }

    [Fact]
    public void Decrypt_ConcurrentCallsOnOneDecrypter_AllSucceed()
    {
        using var key = KeyAgreementKey.CreateEc(JwkCurves.P256);
        var decrypter = new JweDecrypter(key);
        var tokens = new string[32];
        for (var i = 0; i < tokens.Length; i++)
        {
            tokens[i] = JweEncrypter.Encrypt(Encoding.ASCII.GetBytes("m" + i), key.PublicJwk, JweEncryption.A128Gcm);
        }

        var ok = 0;
        System.Threading.Tasks.Parallel.For(0, tokens.Length, i =>
        {
            var r = decrypter.Decrypt(tokens[i]);
            if (r.IsValid && Encoding.ASCII.GetString(r.Value.Plaintext.Span) == "m" + i)
            {
                System.Threading.Interlocked.Increment(ref ok);
            }
        });

        Assert.Equal(tokens.Length, ok);
    }
}
