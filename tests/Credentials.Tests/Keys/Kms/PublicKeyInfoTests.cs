using System;
using System.Formats.Asn1;
using System.Security.Cryptography;
using Credentials.Keys;
using Xunit;

namespace Credentials.Tests.Keys.Kms;

public sealed class PublicKeyInfoTests
{
    public static TheoryData<string, string, int> Curves => new()
    {
        { "1.2.840.10045.3.1.7", "P-256", 32 },
        { "1.3.132.0.34", "P-384", 48 },
        { "1.3.132.0.35", "P-521", 66 },
    };

    [Theory]
    [MemberData(nameof(Curves))]
    public void ToJwk_EcKey_GivesTheCoordinatesAndFromJwkGivesTheSameDer(string oid, string crv, int size)
    {
        using var ecdsa = ECDsa.Create(ECCurve.CreateFromValue(oid));
        var spki = ecdsa.ExportSubjectPublicKeyInfo();
        var q = ecdsa.ExportParameters(false).Q;

        var jwk = PublicKeyInfo.ToJwk(spki);

        Assert.Equal(JwkKeyTypes.EC, jwk.Kty);
        Assert.Equal(crv, jwk.Crv);
        Assert.Equal(q.X, Base64Url(jwk.X!));
        Assert.Equal(q.Y, Base64Url(jwk.Y!));
        Assert.Equal(size, q.X!.Length);
        Assert.Null(jwk.D);
        Assert.Null(jwk.Kid);
        Assert.Equal(spki, PublicKeyInfo.FromJwk(jwk));
    }

    [Fact]
    public void ToJwk_Ed25519_RoundTripsThroughFromJwk()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa, "k1");

        var spki = PublicKeyInfo.FromJwk(key.PublicJwk);
        var jwk = PublicKeyInfo.ToJwk(spki);

        // RFC 8410 section 10.1: SEQUENCE { SEQUENCE { OID 1.3.101.112 } BIT STRING (32 bytes) }.
        Assert.Equal(Convert.FromHexString("302a300506032b6570032100"), spki[..12]);
        Assert.Equal(44, spki.Length);
        Assert.Equal(key.PublicJwk with { Kid = null }, jwk);
    }

    [Fact]
    public void FromJwk_PrivateJwk_WritesThePublicKeyOnly()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);

        Assert.Equal(PublicKeyInfo.FromJwk(key.PublicJwk), PublicKeyInfo.FromJwk(key.ExportPrivateJwk()));
    }

    [Fact]
    public void ToJwk_EcKey_VerifiesWhatThePlatformKeySigned()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] data = [9, 8, 7];
        var signature = ecdsa.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        using var key = VerificationKey.FromJwk(PublicKeyInfo.ToJwk(ecdsa.ExportSubjectPublicKeyInfo())).Value;

        Assert.True(key.Verify(JwsAlgorithm.Es256, data, signature));
    }

    [Fact]
    public void ToJwk_RsaKey_IsNotSupported()
    {
        using var rsa = RSA.Create(2048);

        Assert.Throws<NotSupportedException>(() => PublicKeyInfo.ToJwk(rsa.ExportSubjectPublicKeyInfo()));
    }

    [Fact]
    public void ToJwk_Secp256k1Key_IsNotSupported()
    {
        using var p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var point = Point(p256);

        Assert.Throws<NotSupportedException>(() => PublicKeyInfo.ToJwk(Spki("1.2.840.10045.2.1", "1.3.132.0.10", point)));
    }

    [Fact]
    public void ToJwk_CompressedPoint_IsNotSupported()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var q = ecdsa.ExportParameters(false).Q;
        byte[] compressed = [(byte)(0x02 | (q.Y![^1] & 1)), .. q.X!];

        Assert.Throws<NotSupportedException>(() => PublicKeyInfo.ToJwk(Spki("1.2.840.10045.2.1", "1.2.840.10045.3.1.7", compressed)));
    }

    [Fact]
    public void ToJwk_ExplicitCurveParameters_AreNotSupported()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier("1.2.840.10045.2.1");
                using (writer.PushSequence())
                {
                    writer.WriteInteger(1);
                }
            }

            writer.WriteBitString(Point(ecdsa));
        }

        Assert.Throws<NotSupportedException>(() => PublicKeyInfo.ToJwk(writer.Encode()));
    }

    [Fact]
    public void ToJwk_PointNotOnTheCurve_IsACryptographicError()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var point = Point(ecdsa);
        point[^1] ^= 0x01;

        Assert.Throws<CryptographicException>(() => PublicKeyInfo.ToJwk(Spki("1.2.840.10045.2.1", "1.2.840.10045.3.1.7", point)));
    }

    [Fact]
    public void ToJwk_PointOfAnotherCurvesSize_IsACryptographicError()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Throws<CryptographicException>(() => PublicKeyInfo.ToJwk(Spki("1.2.840.10045.2.1", "1.2.840.10045.3.1.7", Point(ecdsa))));
    }

    [Fact]
    public void ToJwk_TrailingBytes_AreACryptographicError()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Assert.Throws<CryptographicException>(() => PublicKeyInfo.ToJwk([.. ecdsa.ExportSubjectPublicKeyInfo(), 0x00]));
    }

    [Fact]
    public void ToJwk_Ed25519WithParameters_IsACryptographicError()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier("1.3.101.112");
                writer.WriteNull();
            }

            writer.WriteBitString(new byte[32]);
        }

        Assert.Throws<CryptographicException>(() => PublicKeyInfo.ToJwk(writer.Encode()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("3000")]
    [InlineData("0500")]
    [InlineData("30803000038100000000")]
    public void ToJwk_NotSubjectPublicKeyInfo_IsACryptographicError(string hex)
    {
        Assert.Throws<CryptographicException>(() => PublicKeyInfo.ToJwk(Convert.FromHexString(hex)));
    }

    [Fact]
    public void FromJwk_UnsupportedOrInvalidKeys_AreArgumentErrors()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var good = PublicKeyInfo.ToJwk(ecdsa.ExportSubjectPublicKeyInfo());
        var y = Base64Url(good.Y!);
        y[^1] ^= 0x01;

        Assert.Throws<ArgumentException>(() => PublicKeyInfo.FromJwk(good with { Y = System.Buffers.Text.Base64Url.EncodeToString(y) }));
        Assert.Throws<ArgumentException>(() => PublicKeyInfo.FromJwk(good with { Crv = JwkCurves.Secp256k1 }));
        Assert.Throws<ArgumentException>(() => PublicKeyInfo.FromJwk(good with { Y = null }));
        Assert.Throws<ArgumentException>(() => PublicKeyInfo.FromJwk(new Jwk { Kty = JwkKeyTypes.Rsa, N = "AQAB", E = "AQAB" }));
        Assert.Throws<ArgumentException>(() => PublicKeyInfo.FromJwk(new Jwk { Kty = JwkKeyTypes.Okp, Crv = JwkCurves.X25519, X = good.X }));
        Assert.Throws<ArgumentNullException>(() => PublicKeyInfo.FromJwk(null!));
    }

    private static byte[] Base64Url(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);

    private static byte[] Point(ECDsa ecdsa)
    {
        var q = ecdsa.ExportParameters(false).Q;
        return [0x04, .. q.X!, .. q.Y!];
    }

    private static byte[] Spki(string algorithmOid, string curveOid, byte[] key)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(algorithmOid);
                writer.WriteObjectIdentifier(curveOid);
            }

            writer.WriteBitString(key);
        }

        return writer.Encode();
    }
}
