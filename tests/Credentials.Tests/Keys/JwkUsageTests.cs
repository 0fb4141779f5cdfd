using System;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.Tests.SdJwt.Verification;
using Credentials.Trust;
using Xunit;

namespace Credentials.Tests.Keys;

/// <summary>RFC 7517 sections 4.2 to 4.4: a JWK that states alg, use or key_ops allows only that algorithm and operation.</summary>
public sealed class JwkUsageTests
{
    [Fact]
    public async Task Verify_TrustedP256KeyPublishedForEs384_FailsWithKeyAlgorithmMismatch()
    {
        using var kit = new SdJwtTestKit(JwsAlgorithm.Es256);
        var verifier = new SdJwtVerifier(new StaticIssuerKeyResolver(kit.IssuerKey.PublicJwk with { Alg = "ES384" }), kit.Options());

        var result = await verifier.VerifyAsync(kit.Compact("{}"), KeyBindingRequirement.Forbidden);

        Assert.Equal(JoseErrors.KeyAlgorithmMismatch, result.Error!.Code);
    }

    [Theory]
    [InlineData("enc")]
    [InlineData("other")]
    public async Task Verify_TrustedKeyWithNonSignatureUse_FailsWithOperationNotPermitted(string use)
    {
        using var kit = new SdJwtTestKit(JwsAlgorithm.Es256);
        var verifier = new SdJwtVerifier(new StaticIssuerKeyResolver(kit.IssuerKey.PublicJwk with { Use = use }), kit.Options());

        var result = await verifier.VerifyAsync(kit.Compact("{}"), KeyBindingRequirement.Forbidden);

        Assert.Equal(KeyErrors.OperationNotPermitted, result.Error!.Code);
    }

    [Theory]
    [InlineData("[\"encrypt\"]")]
    [InlineData("[\"sign\"]")]
    [InlineData("[]")]
    public async Task Verify_TrustedKeyWhoseKeyOpsLackVerify_FailsWithOperationNotPermitted(string keyOps)
    {
        using var kit = new SdJwtTestKit(JwsAlgorithm.Es256);
        var jwk = Jwk.Parse(kit.IssuerKey.PublicJwk.ToJson().Insert(1, "\"key_ops\":" + keyOps + ","));
        var verifier = new SdJwtVerifier(new StaticIssuerKeyResolver(jwk), kit.Options());

        var result = await verifier.VerifyAsync(kit.Compact("{}"), KeyBindingRequirement.Forbidden);

        Assert.Equal(KeyErrors.OperationNotPermitted, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_TrustedKeyStatingMatchingAlgUseAndKeyOps_Succeeds()
    {
        using var kit = new SdJwtTestKit(JwsAlgorithm.Es256);
        var jwk = Jwk.Parse(kit.IssuerKey.PublicJwk.ToJson().Insert(1, "\"alg\":\"ES256\",\"use\":\"sig\",\"key_ops\":[\"verify\"],"));
        var verifier = new SdJwtVerifier(new StaticIssuerKeyResolver(jwk), kit.Options());

        var result = await verifier.VerifyAsync(kit.Compact("{}"), KeyBindingRequirement.Forbidden);

        Assert.True(result.IsValid, result.Error?.ToString());
    }

    [Theory]
    [InlineData("EdDSA", "Ed25519")]
    [InlineData("Ed25519", "EdDSA")]
    public void VerifySignature_Ed25519KeyWithEquivalentAlgName_Succeeds(string jwkAlg, string headerAlg)
    {
        JwsAlgorithm.TryGet(headerAlg, out var algorithm);
        using var key = SigningKey.Create(algorithm!);
        using var verificationKey = VerificationKey.Create(key.PublicJwk with { Alg = jwkAlg });
        var jws = Jws.ReadCompact(JwsWriter.SignCompact(key, "{}"u8)).Value;

        Assert.Null(jws.VerifySignature(verificationKey, [algorithm!]));
    }

    [Fact]
    public async Task Verify_CnfJwkWithOtherAlg_FailsWithKbAlgorithmNotAllowed()
    {
        using var kit = new SdJwtTestKit(holderAlgorithm: JwsAlgorithm.Es256);
        var cnf = "{\"jwk\":" + (kit.HolderKey.PublicJwk with { Alg = "ES384" }).ToJson() + "}";
        var sdJwt = kit.Compact("{\"cnf\":" + cnf + "}");

        var result = await kit.VerifyAsync(sdJwt + kit.KeyBindingJwt(sdJwt), KeyBindingRequirement.Required(SdJwtTestKit.Audience, SdJwtTestKit.Nonce));

        Assert.Equal(KeyBindingErrors.AlgorithmNotAllowed, result.Error!.Code);
        Assert.Equal(JoseErrors.KeyAlgorithmMismatch, result.Error.Inner!.Code);
    }

    [Fact]
    public async Task Verify_CnfJwkForEncryption_FailsWithKbAlgorithmNotAllowed()
    {
        using var kit = new SdJwtTestKit();
        var cnf = "{\"jwk\":" + (kit.HolderKey.PublicJwk with { Use = "enc" }).ToJson() + "}";
        var sdJwt = kit.Compact("{\"cnf\":" + cnf + "}");

        var result = await kit.VerifyAsync(sdJwt + kit.KeyBindingJwt(sdJwt), KeyBindingRequirement.Required(SdJwtTestKit.Audience, SdJwtTestKit.Nonce));

        Assert.Equal(KeyBindingErrors.AlgorithmNotAllowed, result.Error!.Code);
        Assert.Equal(KeyErrors.OperationNotPermitted, result.Error.Inner!.Code);
    }

    [Fact]
    public void Verify_VerificationKeyWithOtherAlg_ReturnsFalse()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        using var verificationKey = VerificationKey.Create(key.PublicJwk with { Alg = "ES384" });
        var signature = key.Sign("data"u8);

        Assert.False(verificationKey.CanVerify(JwsAlgorithm.Es256));
        Assert.False(verificationKey.Verify(JwsAlgorithm.Es256, "data"u8, signature));
    }

    [Theory]
    [InlineData("\"verify\"")]
    [InlineData("[\"verify\",\"verify\"]")]
    [InlineData("[1]")]
    public void Read_MalformedKeyOps_FailsWithInvalidJwk(string keyOps)
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);

        var result = Jwk.Read(key.PublicJwk.ToJson().Insert(1, "\"key_ops\":" + keyOps + ","));

        Assert.Equal(KeyErrors.InvalidJwk, result.Error!.Code);
    }

    [Fact]
    public void ReadToJson_KeyOps_RoundTrip()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        var json = key.PublicJwk.ToJson().Insert(1, "\"key_ops\":[\"verify\"],");

        var parsed = Jwk.Parse(json);

        Assert.Equal(new[] { "verify" }, parsed.KeyOps!);
        Assert.Equal(parsed, Jwk.Parse(parsed.ToJson()));
    }

    [Theory]
    [InlineData("{\"use\":\"enc\"}")]
    [InlineData("{\"alg\":\"ES384\"}")]
    [InlineData("{\"key_ops\":[\"verify\"]}")]
    public void SigningKeyFromJwk_JwkNotForSigning_ThrowsArgumentException(string statement)
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        var json = key.ExportPrivateJwk().ToJson();
        var privateJwk = Jwk.Parse(json.Insert(1, statement[1..^1] + ","));

        Assert.Throws<ArgumentException>(() => SigningKey.FromJwk(privateJwk, JwsAlgorithm.Es256));
    }

    [Fact]
    public void SigningKeyFromJwk_KeyOpsSign_SignsAndItsPublicKeyVerifies()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        var privateJwk = Jwk.Parse(key.ExportPrivateJwk().ToJson().Insert(1, "\"key_ops\":[\"sign\"],"));

        using var imported = SigningKey.FromJwk(privateJwk, JwsAlgorithm.Es256);

        Assert.True(imported.GetVerificationKey().Verify(JwsAlgorithm.Es256, "x"u8, imported.Sign("x"u8)));
    }
}
