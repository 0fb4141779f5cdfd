using System.Security.Cryptography;
using Credentials.IdentityModel;
using Credentials.Jose;
using Credentials.Keys;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace Credentials.Interop.Tests.IdentityModel;

/// <summary>Keys in and out of IdentityModel, and RFC 7638 thumbprints compared with IdentityModel's.</summary>
public sealed class KeyConversionTests
{
    public static TheoryData<string> EcCurveNames => new() { "P-256", "P-384" };

    [Theory]
    [MemberData(nameof(EcCurveNames))]
    public void ToJwk_JsonWebKeyFromIdentityModel_HasSameThumbprint(string curve)
    {
        using var ecdsa = ECDsa.Create(curve == "P-384" ? ECCurve.NamedCurves.nistP384 : ECCurve.NamedCurves.nistP256);
        var jsonWebKey = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ecdsa) { KeyId = "kid-not-hashed" });

        var jwk = jsonWebKey.ToJwk();

        Assert.Equal(curve, jwk.Crv);
        Assert.False(jwk.HasPrivateKey);
        Assert.Equal(Base64UrlEncoder.Encode(jsonWebKey.ComputeJwkThumbprint()), jwk.ComputeThumbprint());
    }

    [Fact]
    public void ToJwk_RsaJsonWebKeyFromIdentityModel_HasSameThumbprint()
    {
        using var rsa = RSA.Create(2048);
        var jsonWebKey = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)));

        var jwk = jsonWebKey.ToJwk();

        Assert.Equal(Base64UrlEncoder.Encode(jsonWebKey.ComputeJwkThumbprint()), jwk.ComputeThumbprint());
    }

    [Theory]
    [MemberData(nameof(EcCurveNames))]
    public void ToJsonWebKey_OurPublicJwk_IdentityModelComputesSameThumbprint(string curve)
    {
        using var key = SigningKey.Create(curve == "P-384" ? JwsAlgorithm.Es384 : JwsAlgorithm.Es256, keyId: "k");

        var jsonWebKey = key.PublicJwk.ToJsonWebKey();

        Assert.Equal(key.PublicJwk.ComputeThumbprint(), Base64UrlEncoder.Encode(jsonWebKey.ComputeJwkThumbprint()));
        Assert.Equal("k", jsonWebKey.KeyId);
    }

    [Fact]
    public void ToJwk_ECDsaSecurityKey_EqualsJsonWebKeyConverterResult()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var securityKey = new ECDsaSecurityKey(ecdsa) { KeyId = "k" };

        var direct = securityKey.ToJwk();
        var viaJsonWebKey = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(securityKey).ToJwk();

        Assert.Equal(viaJsonWebKey, direct);
    }

    [Fact]
    public void ToJwk_PrivateKeyRequested_CarriesDOnlyWhenAsked()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var securityKey = new ECDsaSecurityKey(ecdsa);

        Assert.False(securityKey.ToJwk().HasPrivateKey);
        Assert.True(securityKey.ToJwk(includePrivateKey: true).HasPrivateKey);
    }

    [Fact]
    public void ComputeJwkThumbprint_EdDsaSecurityKeyOfRfc8037Key_EqualsRfcThumbprint()
    {
        // RFC 8037 appendix A.3. IdentityModel's JsonWebKey cannot thumbprint OKP keys; ours can.
        var jsonWebKey = new JsonWebKey { Kty = "OKP", Crv = "Ed25519", X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" };
        using var verificationKey = jsonWebKey.ToVerificationKey();

        var securityKey = new EdDsaSecurityKey(verificationKey);

        Assert.True(securityKey.CanComputeJwkThumbprint());
        Assert.Equal("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k", Base64UrlEncoder.Encode(securityKey.ComputeJwkThumbprint()));
        Assert.Equal("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k", jsonWebKey.ToJwk().ComputeThumbprint());
    }

    [Fact]
    public void ToSigningKey_PrivateEd25519JsonWebKey_ProducesSamePublicKey()
    {
        using var original = SigningKey.Create(JwsAlgorithm.EdDsa);
        var jsonWebKey = original.ExportPrivateJwk().ToJsonWebKey();

        using var imported = jsonWebKey.ToSigningKey();

        Assert.Equal(JwsAlgorithm.EdDsa, imported.Algorithm);
        Assert.Equal(original.PublicJwk.X, imported.PublicJwk.X);
    }

    [Fact]
    public void ToSecurityKey_Ed25519SigningKey_IsEdDsaSecurityKeyWithOurFactory()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa, keyId: "k");

        var securityKey = Assert.IsType<EdDsaSecurityKey>(key.ToSecurityKey());

        Assert.True(securityKey.HasPrivateKey);
        Assert.Equal("k", securityKey.KeyId);
        Assert.Same(CredentialsCryptoProviderFactory.Shared, securityKey.CryptoProviderFactory);
    }

    [Fact]
    public void ToSecurityKey_Es256SigningKey_IsECDsaSecurityKeyThatRoundTrips()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256, keyId: "k");

        var securityKey = Assert.IsType<ECDsaSecurityKey>(key.ToSecurityKey());

        Assert.Equal("k", securityKey.KeyId);
        Assert.Equal(key.PublicJwk, securityKey.ToJwk());
        Assert.Equal(key.ExportPrivateJwk(), securityKey.ToJwk(includePrivateKey: true));
    }

    [Fact]
    public void ReadJwk_RsaSecurityKey_FailsWithUnsupportedKeyType()
    {
        using var rsa = RSA.Create(2048);

        var result = IdentityModelKeys.ReadJwk(new RsaSecurityKey(rsa));

        Assert.False(result.IsValid);
        Assert.Equal(KeyErrors.UnsupportedKeyType, result.Error.Code);
    }

    [Fact]
    public void ReadJwk_JsonWebKeyWithShortCoordinate_FailsWithInvalidJwk()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        var jsonWebKey = key.PublicJwk.ToJsonWebKey();
        jsonWebKey.X = jsonWebKey.X[..20];

        var result = IdentityModelKeys.ReadJwk(jsonWebKey);

        Assert.False(result.IsValid);
        Assert.Equal(KeyErrors.InvalidJwk, result.Error.Code);
    }

    [Fact]
    public void ReadJwk_JsonWebKeyWithNonCanonicalBase64Url_FailsWithInvalidJwk()
    {
        // The last character of a 32-byte value carries 4 unused bits; setting one makes a second spelling of the same bytes.
        var jsonWebKey = new JsonWebKey { Kty = "OKP", Crv = "Ed25519", X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURp" };

        var result = IdentityModelKeys.ReadJwk(jsonWebKey);

        Assert.False(result.IsValid);
        Assert.Equal(KeyErrors.InvalidJwk, result.Error.Code);
    }
}
