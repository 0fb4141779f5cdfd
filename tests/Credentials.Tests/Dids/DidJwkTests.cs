using System;
using System.Text;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Jose;
using Credentials.Keys;
using Xunit;

namespace Credentials.Tests.Dids;

public class DidJwkTests
{
    private static Did FromJson(string json) => Did.Parse("did:jwk:" + Credentials.Internal.StrictBase64Url.Encode(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("EdDSA")]
    [InlineData("ES256")]
    [InlineData("ES384")]
    [InlineData("ES256K")]
    public void Create_SigningKey_ResolvesToSameKeyAsKeyZero(string algorithm)
    {
        Assert.True(JwsAlgorithm.TryGet(algorithm, out var alg));
        using var key = SigningKey.Create(alg, keyId: "ignored");

        var did = DidJwk.Create(key);
        var method = DidJwk.Resolve(did).Value.Dereference(DidJwk.GetKeyId(did), VerificationRelationship.AssertionMethod);

        Assert.Equal(did.Value + "#0", DidJwk.GetKeyId(did).Value);
        Assert.Equal(key.PublicJwk with { Kid = null }, method.Value.GetPublicKey().Value);
    }

    [Fact]
    public void Resolve_UseSig_NoKeyAgreement()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        var document = DidJwk.Resolve(DidJwk.Create(key.PublicJwk with { Kid = null, Use = "sig" })).Value;

        Assert.Empty(document.KeyAgreement);
        Assert.Single(document.AssertionMethod);
        Assert.Single(document.CapabilityDelegation);
    }

    [Fact]
    public void Create_PrivateJwk_Throws()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);

        Assert.Throws<ArgumentException>(() => DidJwk.Create(key.ExportPrivateJwk()));
        Assert.Throws<ArgumentException>(() => DidJwk.CreateFromJson(key.ExportPrivateJwk().ToJson()));
    }

    [Fact]
    public void Resolve_PrivateJwkInDid_FailsWithInvalidPublicKey()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);

        var error = DidJwk.Resolve(FromJson(key.ExportPrivateJwk().ToJson())).Error!;

        Assert.Equal(DidErrors.InvalidPublicKey, error.Code);
        Assert.Equal(KeyErrors.PrivateKeyMaterial, error.Inner?.Code);
    }

    [Theory]
    [InlineData("dp")]
    [InlineData("k")]
    public void Resolve_PrivateOrSymmetricMemberInDid_FailsWithPrivateKeyMaterial(string member)
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        var json = key.PublicJwk.ToJson().TrimEnd('}') + ",\"" + member + "\":\"AAAA\"}";

        Assert.Equal(KeyErrors.PrivateKeyMaterial, DidJwk.Resolve(FromJson(json)).Error!.Inner?.Code);
        Assert.Throws<ArgumentException>(() => DidJwk.CreateFromJson(json));
    }

    [Fact]
    public void Resolve_OffCurvePoint_FailsWithInvalidPublicKey()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        var y = Credentials.Internal.StrictBase64Url.TryDecode(key.PublicJwk.Y.AsSpan())!;
        y[0] ^= 0x40;

        var did = FromJson((key.PublicJwk with { Kid = null, Y = Credentials.Internal.StrictBase64Url.Encode(y) }).ToJson());

        Assert.Equal(DidErrors.InvalidPublicKey, DidJwk.Resolve(did).Error!.Code);
    }

    [Theory]
    [InlineData("{\"kty\":\"EC\",\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}")]   // duplicate member
    [InlineData("[1]")]
    [InlineData("{\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}")]
    public void Resolve_MalformedJwk_Fails(string json)
    {
        var result = DidJwk.Resolve(FromJson(json));

        Assert.False(result.IsValid);
        Assert.Contains(result.Error.Code, new[] { DidErrors.InvalidDid, DidErrors.InvalidPublicKey });
        Assert.Equal(VerificationFailureKind.Malformed, result.Error.Kind);
    }

    [Fact]
    public void Resolve_NonCanonicalBase64Url_FailsWithInvalidDid()
    {
        Assert.Equal(DidErrors.InvalidDid, DidJwk.Resolve(Did.Parse("did:jwk:eyJ9")).Error!.Code);
        Assert.Equal(DidErrors.InvalidDid, DidJwk.Resolve(Did.Parse("did:jwk:e30=".Replace("=", "%3D", StringComparison.Ordinal))).Error!.Code);
    }

    [Fact]
    public void Resolve_RsaJwk_FailsWithUnsupportedKeyType()
    {
        var did = FromJson("{\"e\":\"AQAB\",\"kty\":\"RSA\",\"n\":\"sbX82NTV6IylxCh7MfV4hlyvaniCajuP97GyOqSvTmo\"}");

        Assert.Equal(DidErrors.UnsupportedKeyType, DidJwk.Resolve(did).Error!.Code);
    }
}
