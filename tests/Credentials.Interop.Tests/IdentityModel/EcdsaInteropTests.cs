using System.Security.Cryptography;
using System.Threading.Tasks;
using Credentials.IdentityModel;
using Credentials.Jose;
using Credentials.Keys;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace Credentials.Interop.Tests.IdentityModel;

/// <summary>ES256/ES384 JWTs between our JWS code and JsonWebTokenHandler's own ECDSA.</summary>
public sealed class EcdsaInteropTests
{
    private static readonly JsonWebTokenHandler s_handler = new();

    public static TheoryData<string> EcAlgorithms => new() { "ES256", "ES384" };

    [Theory]
    [MemberData(nameof(EcAlgorithms))]
    public void VerifySignature_TokenCreatedByJsonWebTokenHandlerWithECDsaSecurityKey_IsValid(string algorithm)
    {
        using var ecdsa = ECDsa.Create(Curve(algorithm));
        var securityKey = new ECDsaSecurityKey(ecdsa) { KeyId = "their-key" };
        var token = s_handler.CreateToken(TestTokens.Descriptor(new SigningCredentials(securityKey, algorithm)));
        using var publicKey = securityKey.ToVerificationKey();

        var jws = Jws.ReadCompact(token);

        Assert.True(jws.IsValid, jws.Error?.Code.Value);
        Assert.Equal("their-key", jws.Value.KeyId);
        Assert.Null(jws.Value.VerifySignature(publicKey));
    }

    [Theory]
    [MemberData(nameof(EcAlgorithms))]
    public void VerifySignature_TamperedTokenFromJsonWebTokenHandler_FailsWithInvalidSignature(string algorithm)
    {
        using var ecdsa = ECDsa.Create(Curve(algorithm));
        var securityKey = new ECDsaSecurityKey(ecdsa);
        var token = TestTokens.TamperPayload(s_handler.CreateToken(TestTokens.Descriptor(new SigningCredentials(securityKey, algorithm))));
        using var publicKey = securityKey.ToVerificationKey();

        var jws = Jws.ReadCompact(token);

        Assert.True(jws.IsValid, jws.Error?.Code.Value);
        Assert.Equal(JoseErrors.InvalidSignature, jws.Value.VerifySignature(publicKey)?.Code);
    }

    [Theory]
    [MemberData(nameof(EcAlgorithms))]
    public async Task ValidateTokenAsync_TokenSignedByJwsWriter_IsValidWithECDsaSecurityKey(string algorithm)
    {
        using var key = SigningKey.Create(TestTokens.Algorithm(algorithm), keyId: "our-key");
        var token = JwsWriter.SignCompact(key, TestTokens.Payload(), type: "JWT");

        var result = await s_handler.ValidateTokenAsync(token, TestTokens.Parameters(key.GetVerificationKey().ToSecurityKey(), algorithm));

        Assert.True(result.IsValid, result.Exception?.ToString());
        Assert.Equal(TestTokens.Subject, result.Claims["sub"]);
    }

    [Theory]
    [MemberData(nameof(EcAlgorithms))]
    public async Task ValidateTokenAsync_TokenSignedByJwsWriter_IsValidWithJsonWebKey(string algorithm)
    {
        // No adapter crypto involved: IdentityModel's own ECDSA checks our signature against our exported JWK.
        using var key = SigningKey.Create(TestTokens.Algorithm(algorithm));
        var token = JwsWriter.SignCompact(key, TestTokens.Payload(), type: "JWT");
        var jsonWebKey = new JsonWebKey(key.PublicJwk.ToJson());

        var result = await s_handler.ValidateTokenAsync(token, TestTokens.Parameters(jsonWebKey, algorithm));

        Assert.True(result.IsValid, result.Exception?.ToString());
    }

    [Theory]
    [MemberData(nameof(EcAlgorithms))]
    public async Task ValidateTokenAsync_TamperedTokenFromJwsWriter_FailsWithInvalidSignature(string algorithm)
    {
        using var key = SigningKey.Create(TestTokens.Algorithm(algorithm));
        var token = TestTokens.TamperPayload(JwsWriter.SignCompact(key, TestTokens.Payload(), type: "JWT"));

        var result = await s_handler.ValidateTokenAsync(token, TestTokens.Parameters(key.GetVerificationKey().ToSecurityKey(), algorithm));

        Assert.False(result.IsValid);
        Assert.IsAssignableFrom<SecurityTokenInvalidSignatureException>(result.Exception);
    }

    [Fact]
    public async Task ToSigningKey_ECDsaSecurityKeyFromApp_SignsTokensTheAppValidates()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var appKey = new ECDsaSecurityKey(ecdsa) { KeyId = "app" };
        using var signingKey = appKey.ToSigningKey();
        var token = JwsWriter.SignCompact(signingKey, TestTokens.Payload(), type: "JWT");

        var result = await s_handler.ValidateTokenAsync(token, TestTokens.Parameters(appKey, "ES256"));

        Assert.Equal(JwsAlgorithm.Es256, signingKey.Algorithm);
        Assert.Equal("app", signingKey.KeyId);
        Assert.True(result.IsValid, result.Exception?.ToString());
    }

    private static ECCurve Curve(string algorithm) => algorithm == "ES384" ? ECCurve.NamedCurves.nistP384 : ECCurve.NamedCurves.nistP256;
}
