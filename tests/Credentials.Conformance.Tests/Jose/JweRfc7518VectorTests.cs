using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Credentials.Internal;
using Credentials.Jose;
using Credentials.Keys;
using Xunit;

namespace Credentials.Conformance.Tests.Jose;

/// <summary>RFC 7518 Appendix C: ECDH-ES key agreement on P-256 with the Concat KDF (vectors/jwe/rfc7518-appendix-c.json).</summary>
public sealed class JweRfc7518VectorTests
{
    private static readonly JsonElement Vector = Load("jwe/rfc7518-appendix-c.json");

    private static JsonElement Load(string relativePath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "vectors", relativePath)));
        return document.RootElement.Clone();
    }

    private static byte[] Bytes(string name) => Vector.GetProperty(name).EnumerateArray().Select(e => (byte)e.GetInt32()).ToArray();

    private static Jwk JwkOf(string name) => Jwk.Parse(Vector.GetProperty(name).GetRawText());

    private static byte[] Apu => StrictBase64Url.TryDecode(Vector.GetProperty("header").GetProperty("apu").GetString().AsSpan())!;

    private static byte[] Apv => StrictBase64Url.TryDecode(Vector.GetProperty("header").GetProperty("apv").GetString().AsSpan())!;

    [Fact]
    public void SharedSecret_BobsKeyWithAlicesEpk_EqualsZ()
    {
        using var bob = KeyAgreementKey.FromJwk(JwkOf("bob_jwk"));

        Assert.Equal(Bytes("z"), bob.DeriveRawSecret(JwkOf("alice_ephemeral_jwk").ToPublic()));
    }

    [Fact]
    public void SharedSecret_AlicesKeyWithBobsPublicKey_EqualsZ()
    {
        using var alice = KeyAgreementKey.FromJwk(JwkOf("alice_ephemeral_jwk"));

        Assert.Equal(Bytes("z"), alice.DeriveRawSecret(JwkOf("bob_jwk").ToPublic()));
    }

    [Fact]
    public void ConcatKdf_FromZ_EqualsDerivedKey()
    {
        var derived = new byte[16];

        JweCrypto.ConcatKdf(Bytes("z"), "A128GCM", Apu, Apv, derived);

        Assert.Equal(Bytes("derived_key"), derived);
        Assert.Equal(Vector.GetProperty("derived_key_b64u").GetString(), StrictBase64Url.Encode(derived));
    }

    [Fact]
    public void ConcatKdf_OtherInfo_IsTheRfcsConcatenation()
    {
        // The KDF's one round is SHA-256(00000001 || Z || AlgorithmID || PartyUInfo || PartyVInfo || SuppPubInfo).
        var input = new byte[] { 0, 0, 0, 1 }.Concat(Bytes("z")).Concat(Bytes("algorithm_id")).Concat(Bytes("party_u_info"))
            .Concat(Bytes("party_v_info")).Concat(Bytes("supp_pub_info")).ToArray();
        var derived = new byte[16];

        JweCrypto.ConcatKdf(Bytes("z"), "A128GCM", Apu, Apv, derived);

        Assert.Equal(SHA256.HashData(input).AsSpan(0, 16).ToArray(), derived);
    }

    [Fact]
    public void DeriveContentKey_DecrypterPathWithHeaderEpk_EqualsDerivedKey()
    {
        using var bob = KeyAgreementKey.FromJwk(JwkOf("bob_jwk"));
        var epk = Jwk.Parse(Vector.GetProperty("header").GetProperty("epk").GetRawText());

        var cek = JweCrypto.DeriveContentKey(bob, epk, JweEncryption.A128Gcm, Apu, Apv);

        Assert.Equal(Bytes("derived_key"), cek);
    }

    [Fact]
    public void Decrypt_JweMadeWithAlicesEphemeralKeyAndApuApv_ReturnsPlaintext()
    {
        using var bob = KeyAgreementKey.FromJwk(JwkOf("bob_jwk"));
        var alice = JwkOf("alice_ephemeral_jwk");
        using var ephemeral = ECDiffieHellman.Create();
        ephemeral.ImportParameters(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = StrictBase64Url.TryDecode(alice.D.AsSpan()),
            Q = new ECPoint { X = StrictBase64Url.TryDecode(alice.X.AsSpan()), Y = StrictBase64Url.TryDecode(alice.Y.AsSpan()) },
        });
        var plaintext = Encoding.UTF8.GetBytes("Live long and prosper.");
        var options = new JweHeaderOptions { AgreementPartyUInfo = Apu, AgreementPartyVInfo = Apv };

        var jwe = JweEncrypter.EncryptWith(plaintext, bob.PublicJwk, JweEncryption.A128Gcm, options, ephemeral, new byte[12]);
        var result = new JweDecrypter(bob).Decrypt(jwe);

        Assert.True(result.IsValid, result.Error?.Code.Value);
        Assert.Equal(plaintext, result.Value.Plaintext.ToArray());
        var header = result.Value.ProtectedHeader;
        Assert.Equal("QWxpY2U", header.GetProperty("apu").GetString());
        Assert.Equal("Qm9i", header.GetProperty("apv").GetString());
        Assert.Equal(alice.X, header.GetProperty("epk").GetProperty("x").GetString());

        // The content key is the RFC's: AES-128-GCM under it with the same IV and AAD gives the same ciphertext.
        var parts = jwe.Split('.');
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[16];
        using var gcm = new AesGcm(Bytes("derived_key"), 16);
        gcm.Encrypt(new byte[12], plaintext, ciphertext, tag, Encoding.ASCII.GetBytes(parts[0]));
        Assert.Equal(StrictBase64Url.Encode(ciphertext), parts[3]);
        Assert.Equal(StrictBase64Url.Encode(tag), parts[4]);
    }
}
