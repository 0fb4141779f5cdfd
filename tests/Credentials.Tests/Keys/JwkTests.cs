using System;
using System.Buffers.Text;
using System.Security.Cryptography;
using Credentials.Jose;
using Credentials.Keys;
using Xunit;

namespace Credentials.Tests.Keys;

public sealed class JwkTests
{
    // RFC 7638 section 3.1: the RSA key of RFC 7517 appendix A.1 and its SHA-256 thumbprint.
    private const string Rfc7638RsaN =
        "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";

    private static readonly string s_rfc7638Jwk =
        "{\"kty\":\"RSA\",\"n\":\"" + Rfc7638RsaN + "\",\"e\":\"AQAB\",\"alg\":\"RS256\",\"kid\":\"2011-04-29\"}";

    public static TheoryData<string> SigningAlgorithms => ["EdDSA", "Ed25519", "ES256", "ES384", "ES256K"];

    [Theory]
    [MemberData(nameof(SigningAlgorithms))]
    public void ParseToJson_PublicKeyOfEachCurve_RoundTrips(string algorithm)
    {
        using var key = SigningKey.Create(Algorithm(algorithm), keyId: "k1");

        var json = key.PublicJwk.ToJson();
        var parsed = Jwk.Parse(json);

        Assert.Equal(key.PublicJwk, parsed);
        Assert.Equal(json, parsed.ToJson());
        Assert.False(parsed.HasPrivateKey);
        Assert.True(VerificationKey.FromJwk(parsed).IsValid);
    }

    [Theory]
    [MemberData(nameof(SigningAlgorithms))]
    public void ExportPrivateJwk_ImportedAgain_SignsForTheSamePublicKey(string algorithm)
    {
        using var key = SigningKey.Create(Algorithm(algorithm));
        var privateJwk = Jwk.Parse(key.ExportPrivateJwk().ToJson());

        using var imported = SigningKey.FromJwk(privateJwk, Algorithm(algorithm));
        var signature = imported.Sign("data"u8);

        Assert.Equal(key.PublicJwk, imported.PublicJwk);
        Assert.True(key.GetVerificationKey().Verify(Algorithm(algorithm), "data"u8, signature));
    }

    [Fact]
    public void ParseToJson_X25519PublicKey_RoundTrips()
    {
        using var key = KeyAgreementKey.Create("x1");

        var parsed = Jwk.Parse(key.PublicJwk.ToJson());

        Assert.Equal(key.PublicJwk, parsed);
        Assert.Equal(JwkCurves.X25519, parsed.Crv);
    }

    [Fact]
    public void ToJson_Members_AreInLexicographicOrderWithoutWhitespace()
    {
        var jwk = new Jwk { Kty = "EC", Crv = "P-256", X = "AA", Y = "AQ", Kid = "k" };

        Assert.Equal("{\"crv\":\"P-256\",\"kid\":\"k\",\"kty\":\"EC\",\"x\":\"AA\",\"y\":\"AQ\"}", jwk.ToJson());
    }

    [Fact]
    public void ComputeThumbprint_Rfc7638Section31Example_MatchesPublishedValue()
    {
        var jwk = Jwk.Parse(s_rfc7638Jwk);

        Assert.Equal("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", jwk.ComputeThumbprint());
    }

    [Fact]
    public void ComputeThumbprintUri_Rfc9278Example_MatchesPublishedValue()
    {
        // RFC 9278 section 3 uses the RFC 7638 example key.
        var jwk = Jwk.Parse(s_rfc7638Jwk);

        Assert.Equal("urn:ietf:params:oauth:jwk-thumbprint:sha-256:NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", jwk.ComputeThumbprintUri());
    }

    [Fact]
    public void ComputeThumbprint_OptionalMembersAndPrivatePart_DoNotChangeIt()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256, keyId: "kid-1");
        var bare = key.PublicJwk with { Kid = null };

        Assert.Equal(bare.ComputeThumbprint(), key.PublicJwk.ComputeThumbprint());
        Assert.Equal(bare.ComputeThumbprint(), key.ExportPrivateJwk().ComputeThumbprint());
        Assert.Equal(bare.ComputeThumbprint(), (bare with { Use = "sig", Alg = "ES256" }).ComputeThumbprint());
    }

    [Fact]
    public void ComputeThumbprint_Sha384AndSha512_HaveTheirDigestLengths()
    {
        var jwk = Jwk.Parse(s_rfc7638Jwk);

        Assert.Equal(64, jwk.ComputeThumbprint(HashAlgorithmName.SHA384).Length);
        Assert.Equal(86, jwk.ComputeThumbprint(HashAlgorithmName.SHA512).Length);
        Assert.Throws<ArgumentException>(() => jwk.ComputeThumbprint(HashAlgorithmName.MD5));
    }

    public static TheoryData<string> MalformedJwks
    {
        get
        {
            var okX = B64(new byte[32]);
            var p256 = B64(new byte[32]);
            return new TheoryData<string>
            {
                "not json",
                "[]",
                "{\"kty\":\"OKP\",\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + okX + "\"}",
                "{\"crv\":\"Ed25519\",\"x\":\"" + okX + "\"}",
                "{\"kty\":\"\",\"crv\":\"Ed25519\",\"x\":\"" + okX + "\"}",
                "{\"kty\":1,\"crv\":\"Ed25519\",\"x\":\"" + okX + "\"}",
                "{\"kty\":\"OKP\",\"crv\":\"Ed25519\"}",
                "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + B64(new byte[31]) + "\"}",
                "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + B64(new byte[33]) + "\"}",
                "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + okX + "\",\"y\":\"" + okX + "\"}",
                "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + okX + "\",\"d\":\"" + B64(new byte[16]) + "\"}",
                "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + okX + "=\"}",
                "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + okX[..^1] + "B\"}",
                "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + okX.Replace('A', '+') + "\"}",
                "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\" " + okX[1..] + "\"}",
                "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + p256 + "\"}",
                "{\"kty\":\"EC\",\"crv\":\"P-256\",\"y\":\"" + p256 + "\"}",
                "{\"kty\":\"EC\",\"x\":\"" + p256 + "\",\"y\":\"" + p256 + "\"}",
                "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + B64(new byte[48]) + "\",\"y\":\"" + B64(new byte[48]) + "\"}",
                "{\"kty\":\"EC\",\"crv\":\"P-384\",\"x\":\"" + p256 + "\",\"y\":\"" + p256 + "\"}",
                "{\"kty\":\"EC\",\"crv\":\"secp256k1\",\"x\":\"" + p256 + "\",\"y\":\"" + B64(new byte[31]) + "\"}",
                "{\"kty\":\"RSA\",\"e\":\"AQAB\"}",
            };
        }
    }

    [Theory]
    [MemberData(nameof(MalformedJwks))]
    public void Read_MalformedJwk_FailsWithInvalidJwk(string json)
    {
        var result = Jwk.Read(json);

        Assert.False(result.IsValid);
        Assert.Equal(KeyErrors.InvalidJwk, result.Error.Code);
        Assert.Equal(VerificationFailureKind.Malformed, result.Error.Kind);
        Assert.False(Jwk.TryParse(json, out _));
        Assert.Throws<FormatException>(() => Jwk.Parse(json));
    }

    [Theory]
    [InlineData("{\"kty\":\"oct\",\"k\":\"AAAA\"}")]
    [InlineData("{\"kty\":\"OKP\",\"crv\":\"Ed448\",\"x\":\"AAAA\"}")]
    [InlineData("{\"kty\":\"OKP\",\"crv\":\"X448\",\"x\":\"AAAA\"}")]
    [InlineData("{\"kty\":\"EC\",\"crv\":\"brainpoolP256r1\",\"x\":\"AAAA\",\"y\":\"AAAA\"}")]
    public void Read_UnsupportedKeyTypeOrCurve_FailsWithUnsupportedKeyType(string json)
    {
        var result = Jwk.Read(json);

        Assert.False(result.IsValid);
        Assert.Equal(KeyErrors.UnsupportedKeyType, result.Error.Code);
        Assert.Equal(VerificationFailureKind.UnsupportedAlgorithm, result.Error.Kind);
    }

    [Fact]
    public void FromJwk_P521Key_FailsWithUnsupportedKeyType()
    {
        var jwk = Jwk.Parse("{\"kty\":\"EC\",\"crv\":\"P-521\",\"x\":\"" + B64(new byte[66]) + "\",\"y\":\"" + B64(new byte[66]) + "\"}");

        var result = VerificationKey.FromJwk(jwk);

        Assert.False(result.IsValid);
        Assert.Equal(KeyErrors.UnsupportedKeyType, result.Error.Code);
    }

    [Fact]
    public void FromJwk_RsaAndX25519Keys_CannotVerifySignatures()
    {
        using var x25519 = KeyAgreementKey.Create();

        Assert.Equal(KeyErrors.UnsupportedKeyType, VerificationKey.FromJwk(Jwk.Parse(s_rfc7638Jwk)).Error!.Code);
        Assert.Equal(KeyErrors.UnsupportedKeyType, VerificationKey.FromJwk(x25519.PublicJwk).Error!.Code);
    }

    [Theory]
    [InlineData("P-256")]
    [InlineData("P-384")]
    [InlineData("secp256k1")]
    public void FromJwk_PointNotOnCurve_FailsWithInvalidJwk(string curve)
    {
        JwsAlgorithm.TryGetForCurve(curve, out var algorithm);
        using var key = SigningKey.Create(algorithm!);
        var bytes = Base64Url.DecodeFromChars(key.PublicJwk.Y);
        bytes[^1] ^= 0x01;
        var offCurve = key.PublicJwk with { Y = B64(bytes) };
        var zero = key.PublicJwk with { X = B64(new byte[bytes.Length]), Y = B64(new byte[bytes.Length]) };

        foreach (var jwk in new[] { offCurve, zero })
        {
            Assert.True(Jwk.Read(jwk.ToJson()).IsValid); // the shape is fine; the point is not
            var result = VerificationKey.FromJwk(jwk);
            Assert.False(result.IsValid);
            Assert.Equal(KeyErrors.InvalidJwk, result.Error.Code);
        }
    }

    [Fact]
    public void Read_UnknownMembers_AreIgnored()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var json = key.PublicJwk.ToJson().Insert(1, "\"ext\":true,\"x5t\":\"abc\",");

        Assert.Equal(key.PublicJwk, Jwk.Parse(json));
    }

    [Fact]
    public void ToPublic_PrivateJwk_DropsD()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var privateJwk = key.ExportPrivateJwk();

        Assert.True(privateJwk.HasPrivateKey);
        Assert.Equal(key.PublicJwk, privateJwk.ToPublic());
        Assert.DoesNotContain(privateJwk.D!, privateJwk.ToString(), StringComparison.Ordinal);
    }

    private static JwsAlgorithm Algorithm(string name)
    {
        Assert.True(JwsAlgorithm.TryGet(name, out var algorithm));
        return algorithm;
    }

    private static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);
}
