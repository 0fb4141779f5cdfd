using System;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Jose;
using Credentials.Keys;
using Xunit;

namespace Credentials.Tests.Dids;

public class DidKeyTests
{
    public static TheoryData<string, string> Algorithms() => new()
    {
        { "EdDSA", "did:key:z6Mk" },
        { "ES256", "did:key:zDn" },
        { "ES384", "did:key:z82" },
        { "ES256K", "did:key:zQ3s" },
    };

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Create_SigningKey_ResolvesToSameKeyUnderAssertionMethod(string algorithm, string prefix)
    {
        Assert.True(JwsAlgorithm.TryGet(algorithm, out var alg));
        using var key = SigningKey.Create(alg);

        var did = DidKey.Create(key);
        var document = DidKey.Resolve(did).Value;

        Assert.StartsWith(prefix, did.Value);
        var method = document.Dereference(DidKey.GetKeyId(did), VerificationRelationship.AssertionMethod);
        Assert.True(method.IsValid);
        Assert.Equal(key.PublicJwk with { Kid = null }, method.Value.GetPublicKey().Value);
    }

    [Fact]
    public void Create_KeyAgreementKey_ResolvesToKeyAgreementOnly()
    {
        using var key = KeyAgreementKey.Create();

        var did = DidKey.Create(key);
        var document = DidKey.Resolve(did).Value;

        Assert.StartsWith("did:key:z6LS", did.Value);
        Assert.Empty(document.AssertionMethod);
        Assert.Equal(DidErrors.KeyNotAuthorized, document.Dereference(DidKey.GetKeyId(did), VerificationRelationship.AssertionMethod).Error!.Code);
        Assert.True(document.Dereference(DidKey.GetKeyId(did), VerificationRelationship.KeyAgreement).IsValid);
    }

    [Fact]
    public void Resolve_Ed25519DerivedX25519Key_AgreesWithConvertedPrivateKey()
    {
        // RFC 7748/8032: the X25519 secret for an Ed25519 seed is the clamped first half of SHA-512(seed); its public key
        // must be the key the did:key document derives from the Ed25519 public key.
        using var ed = SigningKey.Create(JwsAlgorithm.EdDsa);
        var seed = Credentials.Internal.StrictBase64Url.TryDecode(ed.ExportPrivateJwk().D.AsSpan())!;
        var scalar = System.Security.Cryptography.SHA512.HashData(seed)[..32];
        using var x = KeyAgreementKey.FromJwk(new Jwk { Kty = JwkKeyTypes.Okp, Crv = JwkCurves.X25519, D = Credentials.Internal.StrictBase64Url.Encode(scalar) });

        var document = DidKey.Resolve(DidKey.Create(ed)).Value;

        Assert.Equal(x.PublicJwk.X, Assert.Single(document.KeyAgreement).Embedded!.GetPublicKey().Value.X);
    }

    [Fact]
    public void Create_PrivateJwk_Throws()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);

        Assert.Throws<ArgumentException>(() => DidKey.Create(key.ExportPrivateJwk()));
    }

    [Fact]
    public void Create_OffCurveP256Jwk_Throws()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        var y = Credentials.Internal.StrictBase64Url.TryDecode(key.PublicJwk.Y.AsSpan())!;
        y[5] ^= 1;

        Assert.Throws<ArgumentException>(() => DidKey.Create(key.PublicJwk with { Y = Credentials.Internal.StrictBase64Url.Encode(y) }));
    }

    private static string Encode(params byte[] bytes) => "did:key:z" + SimpleBase.Base58.Bitcoin.Encode(bytes);

    private static byte[] Concat(byte[] header, int length, byte fill = 1)
    {
        var result = new byte[header.Length + length];
        header.CopyTo(result, 0);
        result.AsSpan(header.Length).Fill(fill);
        return result;
    }

    [Theory]
    [InlineData(new byte[] { 0xed, 0x01 }, 31)]     // Ed25519, 31 bytes
    [InlineData(new byte[] { 0xed, 0x01 }, 33)]
    [InlineData(new byte[] { 0xec, 0x01 }, 16)]     // X25519
    [InlineData(new byte[] { 0x80, 0x24 }, 32)]     // P-256 needs 33
    [InlineData(new byte[] { 0x80, 0x24 }, 65)]     // uncompressed P-256 is not did:key
    [InlineData(new byte[] { 0x81, 0x24 }, 33)]     // P-384 needs 49
    [InlineData(new byte[] { 0xe7, 0x01 }, 32)]     // secp256k1 needs 33
    public void GetPublicKey_WrongKeyLength_FailsWithInvalidPublicKey(byte[] header, int length)
    {
        var result = DidKey.GetPublicKey(Did.Parse(Encode(Concat(header, length, 2))));

        Assert.Equal(DidErrors.InvalidPublicKey, result.Error!.Code);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0x24 }, 0x05)]    // not 0x02/0x03
    [InlineData(new byte[] { 0x80, 0x24 }, 0x02)]    // x = 0xffff…: not below p
    [InlineData(new byte[] { 0xe7, 0x01 }, 0x03)]
    public void GetPublicKey_InvalidCompressedPoint_FailsWithInvalidPublicKey(byte[] header, byte prefix)
    {
        var bytes = Concat(header, 33, 0xff);
        bytes[header.Length] = prefix;

        Assert.Equal(DidErrors.InvalidPublicKey, DidKey.GetPublicKey(Did.Parse(Encode(bytes))).Error!.Code);
    }

    [Fact]
    public void GetPublicKey_XWithoutSquareRoot_FailsWithInvalidPublicKey()
    {
        // About half of all x have no y on the curve; try x = 1, 2, 3… until one is refused and one accepted.
        int refused = 0, accepted = 0;
        for (byte x = 1; x < 20; x++)
        {
            var bytes = Concat([0x80, 0x24], 33, 0);
            bytes[2] = 0x02;
            bytes[^1] = x;
            var result = DidKey.GetPublicKey(Did.Parse(Encode(bytes)));
            if (result.IsValid)
            {
                accepted++;
            }
            else
            {
                Assert.Equal(DidErrors.InvalidPublicKey, result.Error.Code);
                refused++;
            }
        }

        Assert.True(refused > 0 && accepted > 0);
    }

    [Fact]
    public void GetPublicKey_SmallOrderEd25519Point_FailsWithInvalidPublicKey()
    {
        var identity = new byte[34];
        identity[0] = 0xed;
        identity[1] = 0x01;
        identity[2] = 0x01;    // the neutral element (0, 1)

        Assert.Equal(DidErrors.InvalidPublicKey, DidKey.GetPublicKey(Did.Parse(Encode(identity))).Error!.Code);
    }

    [Theory]
    [InlineData(new byte[] { 0x99, 0x01 })]               // unknown codec
    [InlineData(new byte[] { 0x85, 0x24 })]               // rsa-pub
    [InlineData(new byte[] { 0xeb, 0x01 })]               // bls12_381-g2-pub
    [InlineData(new byte[] { 0x82, 0x24 })]               // p521-pub
    public void GetPublicKey_UnsupportedCodec_FailsWithUnsupportedKeyType(byte[] header)
    {
        var result = DidKey.GetPublicKey(Did.Parse(Encode(Concat(header, 48))));

        Assert.Equal(DidErrors.UnsupportedKeyType, result.Error!.Code);
        Assert.Equal(VerificationFailureKind.UnsupportedAlgorithm, result.Error.Kind);
    }

    [Theory]
    [InlineData("did:key:uAe0B")]                        // base64url multibase: not accepted
    [InlineData("did:key:1:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK")]
    [InlineData("did:web:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK")]
    public void GetPublicKey_NotBase58DidKey_FailsWithInvalidDid(string did)
    {
        Assert.Equal(DidErrors.InvalidDid, DidKey.GetPublicKey(Did.Parse(did)).Error!.Code);
    }

    [Theory]
    [InlineData("did:key:z0OIl")]                      // not in the base58btc alphabet
    [InlineData("did:key:zl6Mk")]                      // 'l' is not in the alphabet either
    public void GetPublicKey_BadMultibase_FailsWithInvalidPublicKey(string did)
    {
        Assert.Equal(DidErrors.InvalidPublicKey, DidKey.GetPublicKey(Did.Parse(did)).Error!.Code);
    }

    [Fact]
    public void GetPublicKey_NonMinimalVarint_FailsWithInvalidPublicKey()
    {
        // 0xed encoded as ed 81 00 … is a second encoding of the same codec and is refused.
        var bytes = Concat([0xed, 0x81, 0x00], 32);

        Assert.Equal(DidErrors.InvalidPublicKey, DidKey.GetPublicKey(Did.Parse(Encode(bytes))).Error!.Code);
    }
}
