using System;
using System.IO;
using System.Text;
using System.Text.Json;
using Credentials.Internal;
using Credentials.Jose;
using Credentials.Keys;
using Xunit;

namespace Credentials.Conformance.Tests.Jose;

/// <summary>RFC 7520 section 5.5: ECDH-ES direct key agreement with A128CBC-HS256 (vectors/jwe/rfc7520-5.5.json).</summary>
public sealed class JweRfc7520VectorTests
{
    private static readonly JsonElement Vector = Load("jwe/rfc7520-5.5.json");

    private static readonly JweDecrypterOptions CbcAllowed = new() { AllowedEncryptions = [JweEncryption.A128CbcHs256] };

    private static JsonElement Load(string relativePath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "vectors", relativePath)));
        return document.RootElement.Clone();
    }

    private static string Text(string name) => Vector.GetProperty(name).GetString()!;

    private static byte[] Bytes(string name) => StrictBase64Url.TryDecode(Text(name).AsSpan())!;

    private static Jwk JwkOf(string name) => Jwk.Parse(Vector.GetProperty(name).GetRawText());

    [Fact]
    public void Decrypt_CompactSerialization_ReturnsPlaintextAndHeader()
    {
        using var key = KeyAgreementKey.FromJwk(JwkOf("key"));

        var result = new JweDecrypter(key, CbcAllowed).Decrypt(Text("compact"));

        Assert.True(result.IsValid, result.Error?.Code.Value);
        Assert.Equal(Text("plaintext"), Encoding.UTF8.GetString(result.Value.Plaintext.Span));
        Assert.Same(JweEncryption.A128CbcHs256, result.Value.Encryption);
        Assert.Equal("meriadoc.brandybuck@buckland.example", result.Value.KeyId);
    }

    [Fact]
    public void Decrypt_CompactSerializationWithDefaultOptions_UnsupportedEncryption()
    {
        using var key = KeyAgreementKey.FromJwk(JwkOf("key"));

        // The default allow-list is AES-GCM only: CBC-HMAC needs the recipient's opt-in.
        Assert.Equal(JweErrors.UnsupportedEncryption, new JweDecrypter(key).Decrypt(Text("compact")).Error?.Code);
    }

    [Fact]
    public void Decrypt_CompactWithFlippedTagBit_DecryptionFailed()
    {
        using var key = KeyAgreementKey.FromJwk(JwkOf("key"));
        var parts = Text("compact").Split('.');
        var tag = Bytes("tag");
        tag[^1] ^= 0x80;
        parts[4] = StrictBase64Url.Encode(tag);

        Assert.Equal(JweErrors.DecryptionFailed, new JweDecrypter(key, CbcAllowed).Decrypt(string.Join('.', parts)).Error?.Code);
    }

    [Fact]
    public void DeriveContentKey_RecipientKeyAndEpk_EqualsCek()
    {
        using var key = KeyAgreementKey.FromJwk(JwkOf("key"));

        var cek = JweCrypto.DeriveContentKey(key, JwkOf("epk").ToPublic(), JweEncryption.A128CbcHs256, [], []);

        Assert.Equal(Bytes("cek"), cek);
    }

    [Fact]
    public void DeriveContentKey_EphemeralKeyAndRecipientPublicKey_EqualsCek()
    {
        using var ephemeral = KeyAgreementKey.FromJwk(JwkOf("epk"));

        Assert.Equal(Bytes("cek"), JweCrypto.DeriveContentKey(ephemeral, JwkOf("key").ToPublic(), JweEncryption.A128CbcHs256, [], []));
    }

    [Fact]
    public void Encrypt_CekIvAndProtectedHeader_ReproducesCiphertextAndTag()
    {
        var plaintext = Encoding.UTF8.GetBytes(Text("plaintext"));
        var ciphertext = new byte[JweCrypto.CiphertextLength(JweEncryption.A128CbcHs256, plaintext.Length)];
        var tag = new byte[16];

        JweCrypto.Encrypt(JweEncryption.A128CbcHs256, Bytes("cek"), Bytes("iv"), plaintext, Encoding.ASCII.GetBytes(Text("protected_b64u")), ciphertext, tag);

        Assert.Equal(Text("ciphertext"), StrictBase64Url.Encode(ciphertext));
        Assert.Equal(Text("tag"), StrictBase64Url.Encode(tag));
    }
}
