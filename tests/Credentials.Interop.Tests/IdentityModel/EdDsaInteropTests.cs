using System;
using System.Text;
using System.Threading.Tasks;
using Credentials.IdentityModel;
using Credentials.Jose;
using Credentials.Keys;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace Credentials.Interop.Tests.IdentityModel;

/// <summary>Ed25519 JWTs between our JWS code and JsonWebTokenHandler through <see cref="CredentialsCryptoProviderFactory"/>.</summary>
public sealed class EdDsaInteropTests
{
    private static readonly JsonWebTokenHandler s_handler = new();

    public static TheoryData<string> EdDsaAlgorithms => new() { "EdDSA", "Ed25519" };

    [Theory]
    [MemberData(nameof(EdDsaAlgorithms))]
    public async Task ValidateTokenAsync_TokenSignedByJwsWriter_IsValid(string algorithm)
    {
        using var key = SigningKey.Create(TestTokens.Algorithm(algorithm), keyId: "k1");
        var token = JwsWriter.SignCompact(key, TestTokens.Payload(), type: "JWT");
        using var publicKey = TestTokens.PublicOf(key);

        var result = await s_handler.ValidateTokenAsync(token, TestTokens.Parameters(publicKey.ToSecurityKey(), algorithm));

        Assert.True(result.IsValid, result.Exception?.ToString());
        Assert.Equal(TestTokens.Subject, result.Claims["sub"]);
        Assert.Equal(algorithm, ((JsonWebToken)result.SecurityToken).Alg);
    }

    [Fact]
    public async Task ValidateTokenAsync_Ed25519JsonWebKeyWithFactoryInParameters_IsValid()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var token = JwsWriter.SignCompact(key, TestTokens.Payload(), type: "JWT");
        var jsonWebKey = key.PublicJwk.ToJsonWebKey();

        var result = await s_handler.ValidateTokenAsync(token, TestTokens.Parameters(jsonWebKey, "EdDSA", CredentialsCryptoProviderFactory.Shared));

        Assert.True(result.IsValid, result.Exception?.ToString());
    }

    [Fact]
    public async Task ValidateTokenAsync_Ed25519JsonWebKeyWithoutFactory_Fails()
    {
        // Shows what the factory adds: IdentityModel alone cannot validate EdDSA.
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var token = JwsWriter.SignCompact(key, TestTokens.Payload(), type: "JWT");

        var result = await s_handler.ValidateTokenAsync(token, TestTokens.Parameters(key.PublicJwk.ToJsonWebKey(), "EdDSA"));

        Assert.False(result.IsValid);
    }

    [Theory]
    [MemberData(nameof(EdDsaAlgorithms))]
    public async Task ValidateTokenAsync_TamperedPayload_FailsWithInvalidSignature(string algorithm)
    {
        using var key = SigningKey.Create(TestTokens.Algorithm(algorithm));
        var token = TestTokens.TamperPayload(JwsWriter.SignCompact(key, TestTokens.Payload(), type: "JWT"));

        var result = await s_handler.ValidateTokenAsync(token, TestTokens.Parameters(new EdDsaSecurityKey(key), algorithm));

        Assert.False(result.IsValid);
        Assert.IsAssignableFrom<SecurityTokenInvalidSignatureException>(result.Exception);
    }

    [Fact]
    public async Task ValidateTokenAsync_SignedByOtherKey_FailsWithInvalidSignature()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        using var other = SigningKey.Create(JwsAlgorithm.EdDsa);
        var token = JwsWriter.SignCompact(key, TestTokens.Payload(), type: "JWT");

        var result = await s_handler.ValidateTokenAsync(token, TestTokens.Parameters(new EdDsaSecurityKey(other), "EdDSA"));

        Assert.False(result.IsValid);
        Assert.IsAssignableFrom<SecurityTokenInvalidSignatureException>(result.Exception);
    }

    [Fact]
    public async Task ValidateTokenAsync_EdDsaNotInValidAlgorithms_Fails()
    {
        // The only difference between the two validations is the validator's allow-list.
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa, keyId: "k1");
        var token = JwsWriter.SignCompact(key, TestTokens.Payload(), type: "JWT");

        var allowed = await s_handler.ValidateTokenAsync(token, TestTokens.Parameters(new EdDsaSecurityKey(key), "EdDSA"));
        var notAllowed = await s_handler.ValidateTokenAsync(token, TestTokens.Parameters(new EdDsaSecurityKey(key), "ES256"));

        Assert.True(allowed.IsValid, allowed.Exception?.ToString());
        Assert.False(notAllowed.IsValid);
        Assert.IsAssignableFrom<SecurityTokenInvalidSignatureException>(notAllowed.Exception);
    }

    [Theory]
    [MemberData(nameof(EdDsaAlgorithms))]
    public void CreateToken_EdDsaSecurityKey_VerifiesWithOurJws(string algorithm)
    {
        using var key = SigningKey.Create(TestTokens.Algorithm(algorithm), keyId: "k1");
        var token = s_handler.CreateToken(TestTokens.Descriptor(new SigningCredentials(new EdDsaSecurityKey(key), algorithm)));
        using var publicKey = TestTokens.PublicOf(key);

        var jws = Jws.ReadCompact(token);

        Assert.True(jws.IsValid, jws.Error?.Code.Value);
        Assert.Equal(algorithm, jws.Value.AlgorithmName);
        Assert.Equal("k1", jws.Value.KeyId);
        Assert.Null(jws.Value.VerifySignature(publicKey));
        Assert.Equal(TestTokens.Subject, jws.Value.ParsePayload().Value.GetProperty("sub").GetString());
    }

    [Fact]
    public void CreateToken_Ed25519JsonWebKeyWithFactoryInCredentials_VerifiesWithOurJws()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var credentials = new SigningCredentials(key.ExportPrivateJwk().ToJsonWebKey(), "EdDSA") { CryptoProviderFactory = CredentialsCryptoProviderFactory.Shared };
        var token = s_handler.CreateToken(TestTokens.Descriptor(credentials));

        var jws = Jws.ReadCompact(token);

        Assert.True(jws.IsValid, jws.Error?.Code.Value);
        Assert.Null(jws.Value.VerifySignature(key.GetVerificationKey()));
    }

    [Fact]
    public void CreateToken_Tampered_OurVerifySignatureFailsWithInvalidSignature()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var token = TestTokens.TamperPayload(s_handler.CreateToken(TestTokens.Descriptor(new SigningCredentials(new EdDsaSecurityKey(key), "EdDSA"))));

        var jws = Jws.ReadCompact(token);

        Assert.True(jws.IsValid, jws.Error?.Code.Value);
        Assert.Equal(JoseErrors.InvalidSignature, jws.Value.VerifySignature(key.GetVerificationKey())?.Code);
    }

    [Fact]
    public async Task CreateToken_EdDsaSecurityKey_ValidatesInJsonWebTokenHandler()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var token = s_handler.CreateToken(TestTokens.Descriptor(new SigningCredentials(new EdDsaSecurityKey(key), "EdDSA")));

        var result = await s_handler.ValidateTokenAsync(token, TestTokens.Parameters(new EdDsaSecurityKey(key.GetVerificationKey()), "EdDSA"));

        Assert.True(result.IsValid, result.Exception?.ToString());
    }

    [Fact]
    public void SignatureProvider_Rfc8037ExampleKey_ReproducesAndVerifiesExampleSignature()
    {
        // RFC 8037 appendix A.1 (key) and A.4 (JWS): Ed25519 signatures are deterministic.
        var jwk = new JsonWebKey
        {
            Kty = "OKP",
            Crv = "Ed25519",
            D = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
            X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
        };
        const string SigningInput = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
        const string Signature = "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";
        var factory = CredentialsCryptoProviderFactory.Shared;
        var signer = factory.CreateForSigning(jwk, "EdDSA");
        var verifier = factory.CreateForVerifying(jwk, "EdDSA");
        try
        {
            var signature = signer.Sign(Encoding.ASCII.GetBytes(SigningInput));

            Assert.Equal(Signature, Base64UrlEncoder.Encode(signature));
            Assert.True(verifier.Verify(Encoding.ASCII.GetBytes(SigningInput), Base64UrlEncoder.DecodeBytes(Signature)));
            Assert.False(verifier.Verify(Encoding.ASCII.GetBytes(SigningInput + "x"), Base64UrlEncoder.DecodeBytes(Signature)));
            Assert.False(verifier.Verify(Encoding.ASCII.GetBytes(SigningInput), new byte[64]));
            Assert.False(verifier.Verify(Encoding.ASCII.GetBytes(SigningInput), Base64UrlEncoder.DecodeBytes(Signature)[..63]));
        }
        finally
        {
            factory.ReleaseSignatureProvider(signer);
            factory.ReleaseSignatureProvider(verifier);
        }
    }

    [Fact]
    public void IsSupportedAlgorithm_EdDsaWithECDsaKey_ReturnsFalse()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);

        Assert.False(CredentialsCryptoProviderFactory.Shared.IsSupportedAlgorithm("EdDSA", key.ToSecurityKey()));
        Assert.True(CredentialsCryptoProviderFactory.Shared.IsSupportedAlgorithm("ES256", key.ToSecurityKey()));
    }

    [Fact]
    public void CreateForSigning_PublicEdDsaSecurityKey_ThrowsInvalidOperationException()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);

        Assert.Throws<InvalidOperationException>(() => CredentialsCryptoProviderFactory.Shared.CreateForSigning(new EdDsaSecurityKey(key.GetVerificationKey()), "EdDSA"));
    }

    [Fact]
    public void CreateForVerifying_EdDsaWithECDsaKey_ThrowsNotSupportedException()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);

        Assert.Throws<NotSupportedException>(() => CredentialsCryptoProviderFactory.Shared.CreateForVerifying(key.ToSecurityKey(), "EdDSA"));
    }
}
