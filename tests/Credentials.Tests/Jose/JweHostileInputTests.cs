using System;
using System.Collections.Generic;
using System.Text;
using Credentials.Jose;
using Credentials.Keys;
using Xunit;
using static Credentials.Tests.Jose.JweTestSupport;

namespace Credentials.Tests.Jose;

/// <summary>What the decrypter refuses, and with which code (RFC 7516 section 5.2, RFC 7518 section 4.6, RFC 8725).</summary>
public sealed class JweHostileInputTests : IDisposable
{
    private static readonly byte[] Plaintext = Encoding.UTF8.GetBytes("""{"vp_token":"x","state":"s"}""");
    private readonly KeyAgreementKey _key = KeyAgreementKey.CreateEc(JwkCurves.P256, "enc-1");

    public void Dispose() => _key.Dispose();

    private JweDecrypter Decrypter(JweDecrypterOptions? options = null) => new(_key, options);

    private string Valid(JweEncryption? encryption = null) => JweEncrypter.Encrypt(Plaintext, _key.PublicJwk, encryption ?? JweEncryption.A128Gcm);

    private ErrorCode? Code(string jwe, JweDecrypterOptions? options = null) => Decrypter(options).Decrypt(jwe).Error?.Code;

    // Tampering: one answer, decryption_failed, whatever was altered (RFC 7516 section 11.5).
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Decrypt_FlippedBitInIvCiphertextOrTag_DecryptionFailed(int part)
    {
        Assert.Equal(JweErrors.DecryptionFailed, Code(FlipBit(Valid(), part)));
    }

    [Fact]
    public void Decrypt_FlippedLastTagBit_DecryptionFailed()
    {
        Assert.Equal(JweErrors.DecryptionFailed, Code(FlipBit(Valid(), 4, 15)));
    }

    [Fact]
    public void Decrypt_HeaderWithAddedMember_DecryptionFailed()
    {
        var jwe = Valid();
        var header = Encoding.UTF8.GetString(Unb64(jwe.Split('.')[0]));

        // Still a valid header for the same key agreement, but not the bytes the tag covers (the AAD).
        var tampered = WithPart(jwe, 0, B64(header.Replace("{\"alg\"", "{\"kid\":\"other\",\"alg\"", StringComparison.Ordinal)));

        Assert.Equal(JweErrors.DecryptionFailed, Code(tampered));
    }

    [Fact]
    public void Decrypt_HeaderReencodedWithDifferentWhitespace_DecryptionFailed()
    {
        var jwe = Valid();
        var header = Encoding.UTF8.GetString(Unb64(jwe.Split('.')[0]));

        Assert.Equal(JweErrors.DecryptionFailed, Code(WithPart(jwe, 0, B64(header.Replace(",", ", ", StringComparison.Ordinal)))));
    }

    [Fact]
    public void Decrypt_EpkSwappedForAnotherValidPoint_DecryptionFailed()
    {
        var jwe = Valid();
        using var other = KeyAgreementKey.CreateEc(JwkCurves.P256);
        var header = Encoding.UTF8.GetString(Unb64(jwe.Split('.')[0]));
        var epkStart = header.IndexOf("\"epk\":", StringComparison.Ordinal) + 6;
        var epkEnd = header.IndexOf('}', epkStart) + 1;
        var swapped = header[..epkStart] + other.PublicJwk.ToJson() + header[epkEnd..];

        Assert.Equal(JweErrors.DecryptionFailed, Code(WithPart(jwe, 0, B64(swapped))));
    }

    [Fact]
    public void Decrypt_OtherRecipientKey_DecryptionFailed()
    {
        using var other = KeyAgreementKey.CreateEc(JwkCurves.P256);

        Assert.Equal(JweErrors.DecryptionFailed, new JweDecrypter(other).Decrypt(Valid()).Error?.Code);
    }

    [Fact]
    public void Decrypt_TagTruncatedTo96Bits_Malformed()
    {
        var jwe = Valid();
        var tag = Unb64(jwe.Split('.')[4]);

        Assert.Equal(JweErrors.Malformed, Code(WithPart(jwe, 4, B64(tag.AsSpan(0, 12)))));
    }

    [Fact]
    public void Decrypt_Iv128Bits_Malformed()
    {
        Assert.Equal(JweErrors.Malformed, Code(WithPart(Valid(), 2, B64(new byte[16]))));
    }

    // The ephemeral key: on the recipient's curve, a point of that curve, public (invalid-curve attack).
    private string WithEpk(string epkJson) => Forge(_key.PublicJwk, _ => "{\"alg\":\"ECDH-ES\",\"enc\":\"A128GCM\",\"epk\":" + epkJson + "}", JweEncryption.A128Gcm, Plaintext);

    [Fact]
    public void Decrypt_EpkOnOtherCurve_InvalidEpk()
    {
        using var p384 = KeyAgreementKey.CreateEc(JwkCurves.P384);

        Assert.Equal(JweErrors.InvalidEpk, Code(WithEpk(p384.PublicJwk.ToJson())));
    }

    [Fact]
    public void Decrypt_EpkP384CoordinatesLabelledP256_InvalidEpk()
    {
        using var p384 = KeyAgreementKey.CreateEc(JwkCurves.P384);

        Assert.Equal(JweErrors.InvalidEpk, Code(WithEpk((p384.PublicJwk with { Crv = JwkCurves.P256 }).ToJson())));
    }

    [Fact]
    public void Decrypt_EpkNotOnCurve_InvalidEpk()
    {
        using var eph = KeyAgreementKey.CreateEc(JwkCurves.P256);
        var y = Unb64(eph.PublicJwk.Y!);
        y[^1] ^= 0x01;

        Assert.Equal(JweErrors.InvalidEpk, Code(WithEpk((eph.PublicJwk with { Y = B64(y) }).ToJson())));
    }

    [Fact]
    public void Decrypt_EpkCoordinatesAboveFieldPrime_InvalidEpk()
    {
        var ff = new byte[32];
        Array.Fill(ff, (byte)0xFF);

        Assert.Equal(JweErrors.InvalidEpk, Code(WithEpk((_key.PublicJwk with { X = B64(ff), Y = B64(ff), Kid = null }).ToJson())));
    }

    [Fact]
    public void Decrypt_EpkAllZeroCoordinates_InvalidEpk()
    {
        Assert.Equal(JweErrors.InvalidEpk, Code(WithEpk((_key.PublicJwk with { X = B64(new byte[32]), Y = B64(new byte[32]), Kid = null }).ToJson())));
    }

    [Fact]
    public void Decrypt_EpkWithPrivatePart_InvalidEpk()
    {
        using var eph = KeyAgreementKey.CreateEc(JwkCurves.P256);

        Assert.Equal(JweErrors.InvalidEpk, Code(WithEpk(eph.ExportPrivateJwk().ToJson())));
    }

    [Theory]
    [InlineData("{\"kty\":\"OKP\",\"crv\":\"X25519\",\"x\":\"hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo\"}")]
    [InlineData("\"not-an-object\"")]
    [InlineData("{\"kty\":\"EC\",\"crv\":\"P-256\"}")]
    public void Decrypt_EpkNotAnEcPublicKey_InvalidEpk(string epk)
    {
        Assert.Equal(JweErrors.InvalidEpk, Code(WithEpk(epk)));
    }

    [Fact]
    public void Decrypt_NoEpk_InvalidEpk()
    {
        var jwe = Forge(_key.PublicJwk, _ => "{\"alg\":\"ECDH-ES\",\"enc\":\"A128GCM\"}", JweEncryption.A128Gcm, Plaintext);

        Assert.Equal(JweErrors.InvalidEpk, Code(jwe));
    }

    // Algorithms: the decrypter's allow-list decides (RFC 8725 section 3.1).
    private string WithHeader(string header) => Forge(_key.PublicJwk, epk => header.Replace("EPK", epk, StringComparison.Ordinal), JweEncryption.A128Gcm, Plaintext);

    [Theory]
    [InlineData("none")]
    [InlineData("dir")]
    [InlineData("RSA1_5")]
    [InlineData("RSA-OAEP")]
    [InlineData("RSA-OAEP-256")]
    [InlineData("A128KW")]
    [InlineData("A256GCMKW")]
    [InlineData("ECDH-ES+A128KW")]
    [InlineData("PBES2-HS256+A128KW")]
    [InlineData("ecdh-es")]
    public void Decrypt_AlgOtherThanEcdhEs_UnsupportedAlgorithm(string alg)
    {
        Assert.Equal(JweErrors.UnsupportedAlgorithm, Code(WithHeader("{\"alg\":\"" + alg + "\",\"enc\":\"A128GCM\",\"epk\":EPK}")));
    }

    [Theory]
    [InlineData("A192GCM")]
    [InlineData("A128CBC-HS256")]
    [InlineData("none")]
    [InlineData("a128gcm")]
    public void Decrypt_UnknownEnc_UnsupportedEncryption(string enc)
    {
        Assert.Equal(JweErrors.UnsupportedEncryption, Code(WithHeader("{\"alg\":\"ECDH-ES\",\"enc\":\"" + enc + "\",\"epk\":EPK}")));
    }

    [Fact]
    public void Decrypt_EncNotAllowedByDecrypter_UnsupportedEncryption()
    {
        var options = new JweDecrypterOptions { AllowedEncryptions = [JweEncryption.A256Gcm] };

        Assert.Equal(JweErrors.UnsupportedEncryption, Code(Valid(JweEncryption.A128Gcm), options));
        Assert.Null(Code(Valid(JweEncryption.A256Gcm), options));
    }

    [Theory]
    [InlineData("{\"enc\":\"A128GCM\",\"epk\":EPK}")]
    [InlineData("{\"alg\":\"ECDH-ES\",\"epk\":EPK}")]
    [InlineData("{\"alg\":1,\"enc\":\"A128GCM\",\"epk\":EPK}")]
    [InlineData("{\"alg\":\"ECDH-ES\",\"enc\":[\"A128GCM\"],\"epk\":EPK}")]
    [InlineData("{\"alg\":\"ECDH-ES\",\"enc\":\"A128GCM\",\"epk\":EPK,\"kid\":7}")]
    [InlineData("{\"alg\":\"ECDH-ES\",\"enc\":\"A128GCM\",\"epk\":EPK,\"apu\":\"QWxpY2U=\"}")]
    [InlineData("{\"alg\":\"ECDH-ES\",\"enc\":\"A128GCM\",\"epk\":EPK,\"apv\":\"Qm9i+\"}")]
    [InlineData("{\"alg\":\"ECDH-ES\",\"alg\":\"ECDH-ES\",\"enc\":\"A128GCM\",\"epk\":EPK}")]
    [InlineData("[\"alg\",\"ECDH-ES\"]")]
    public void Decrypt_HeaderMissingOrMistypedMember_Malformed(string header)
    {
        Assert.Equal(JweErrors.Malformed, Code(WithHeader(header)));
    }

    [Theory]
    [InlineData("\"DEF\"")]
    [InlineData("\"other\"")]
    public void Decrypt_Zip_UnsupportedCompression(string zip)
    {
        Assert.Equal(JweErrors.UnsupportedCompression, Code(WithHeader("{\"alg\":\"ECDH-ES\",\"enc\":\"A128GCM\",\"zip\":" + zip + ",\"epk\":EPK}")));
    }

    [Theory]
    [InlineData("[\"exp\"]")]
    [InlineData("[]")]
    [InlineData("\"exp\"")]
    [InlineData("[1]")]
    [InlineData("[\"enc\"]")]
    public void Decrypt_CritNotUnderstood_UnsupportedCriticalHeader(string crit)
    {
        Assert.Equal(JweErrors.UnsupportedCriticalHeader, Code(WithHeader("{\"alg\":\"ECDH-ES\",\"enc\":\"A128GCM\",\"crit\":" + crit + ",\"exp\":1,\"epk\":EPK}")));
    }

    [Fact]
    public void Decrypt_CritUnderstoodButAbsent_UnsupportedCriticalHeader()
    {
        var options = new JweDecrypterOptions { UnderstoodCriticalHeaders = new HashSet<string>(StringComparer.Ordinal) { "exp" } };

        Assert.Equal(JweErrors.UnsupportedCriticalHeader, Code(WithHeader("{\"alg\":\"ECDH-ES\",\"enc\":\"A128GCM\",\"crit\":[\"exp\"],\"epk\":EPK}"), options));
    }

    [Fact]
    public void Decrypt_CritUnderstoodAndPresent_Decrypts()
    {
        var options = new JweDecrypterOptions { UnderstoodCriticalHeaders = new HashSet<string>(StringComparer.Ordinal) { "exp" } };

        Assert.Null(Code(WithHeader("{\"alg\":\"ECDH-ES\",\"enc\":\"A128GCM\",\"crit\":[\"exp\"],\"exp\":1,\"epk\":EPK}"), options));
    }

    // Structure and size.
    [Fact]
    public void Decrypt_LongerThanLimit_TooLarge()
    {
        var jwe = Valid();
        var options = new JweDecrypterOptions { MaxTokenLength = jwe.Length - 1 };

        Assert.Equal(JweErrors.TooLarge, Code(jwe, options));
        Assert.Null(Code(jwe, options with { MaxTokenLength = jwe.Length }));
    }

    [Fact]
    public void Decrypt_DefaultLimit_RefusesTokenOverOneMebibyte()
    {
        using var key = KeyAgreementKey.CreateEc(JwkCurves.P256);
        var big = JweEncrypter.Encrypt(new byte[800 * 1024], key.PublicJwk, JweEncryption.A128Gcm);

        Assert.Equal(JweErrors.TooLarge, new JweDecrypter(key).Decrypt(big).Error?.Code);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(6)]
    public void Decrypt_WrongNumberOfParts_Malformed(int parts)
    {
        var jwe = Valid();
        var split = new List<string>(jwe.Split('.'));
        if (parts < 5)
        {
            split.RemoveAt(4);
        }
        else
        {
            split.Add("AAAA");
        }

        Assert.Equal(JweErrors.Malformed, Code(string.Join('.', split)));
    }

    [Fact]
    public void Decrypt_NonEmptyEncryptedKey_Malformed()
    {
        Assert.Equal(JweErrors.Malformed, Code(WithPart(Valid(), 1, B64(new byte[16]))));
    }

    [Theory]
    [InlineData(0, "eyJhbGciOiJFQ0RILUVTIn0=")]
    [InlineData(0, "")]
    [InlineData(0, "bm90IGpzb24")]
    [InlineData(2, "AAAA+AAA")]
    [InlineData(3, "A")]
    [InlineData(4, "!!!!")]
    public void Decrypt_PartNotCanonicalBase64UrlOrHeaderNotJson_Malformed(int part, string value)
    {
        Assert.Equal(JweErrors.Malformed, Code(WithPart(Valid(), part, value)));
    }

    [Fact]
    public void Decrypt_DeeplyNestedHeader_Malformed()
    {
        var nested = new string('[', 40) + new string(']', 40);

        Assert.Equal(JweErrors.Malformed, Code(WithHeader("{\"alg\":\"ECDH-ES\",\"enc\":\"A128GCM\",\"x\":" + nested + ",\"epk\":EPK}")));
    }

    [Fact]
    public void Decrypt_Errors_NeverCarryKeyMaterialOrPlaintext()
    {
        var d = _key.ExportPrivateJwk().D!;
        foreach (var jwe in new[] { FlipBit(Valid(), 4), WithEpk("{\"kty\":\"EC\"}"), WithPart(Valid(), 1, "AAAA") })
        {
            var error = Decrypter().Decrypt(jwe).Error!;
            Assert.DoesNotContain(d, error.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("vp_token", error.ToString(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(d, _key.ToString(), StringComparison.Ordinal);
    }
}
