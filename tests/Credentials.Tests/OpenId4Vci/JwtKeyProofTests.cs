using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.OpenId4Vci;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Tests.OpenId4Vci;

public sealed class JwtKeyProofTests : IDisposable
{
    private const string Issuer = "https://issuer.example.jp/ipa";
    private static readonly DateTimeOffset s_now = new(2026, 11, 23, 3, 0, 0, TimeSpan.Zero);
    private readonly SigningKey _holder = SigningKey.Create(JwsAlgorithm.Es256, "wallet-key-1");
    private readonly FakeTimeProvider _clock = new(s_now);

    public void Dispose() => _holder.Dispose();

    private KeyProofValidationParameters Parameters => new() { Audience = Issuer, TimeProvider = _clock };

    [Fact]
    public async Task Verify_ProofCreatedForIssuer_ReturnsKeyNonceAndTime()
    {
        var proof = await JwtKeyProof.CreateAsync(_holder, _holder.PublicJwk, Issuer, "n-1", s_now);

        var verified = JwtKeyProof.Verify(proof, Parameters);

        Assert.True(verified.IsValid, verified.Error?.ToString());
        Assert.Equal(_holder.PublicJwk.ComputeThumbprint(), verified.Value.Key.ComputeThumbprint());
        Assert.Equal("n-1", verified.Value.Nonce);
        Assert.Equal(s_now, verified.Value.IssuedAt);
        Assert.Null(verified.Value.ClientId);
    }

    [Fact]
    public async Task CreateAsync_SignerWithKeyId_WritesJwkWithoutKid()
    {
        var proof = await JwtKeyProof.CreateAsync(_holder, _holder.PublicJwk, Issuer, "n", s_now);

        var jws = Jws.ReadCompact(proof).Value;

        Assert.Equal("openid4vci-proof+jwt", jws.Type);
        Assert.Null(jws.KeyId);
        Assert.True(jws.Header.TryGetProperty("jwk", out var jwk));
        Assert.False(jwk.TryGetProperty("kid", out _));
    }

    [Fact]
    public void Verify_SpecExample_PassesEveryCheckButTheClockItWasMadeFor()
    {
        var example = Vectors.Read("key_proof_jwt.txt");
        var parameters = new KeyProofValidationParameters { Audience = "https://credential-issuer.example.com", TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1701960444)) };

        var verified = JwtKeyProof.Verify(example, parameters);

        Assert.True(verified.IsValid, verified.Error?.ToString());
        Assert.Equal("LarRGSbmUPYtRYO6BQ4yn8", verified.Value.Nonce);
        Assert.Equal("nUWAoAv3XZith8E7i19OdaxOLYFOwM-Z2EuM02TirT4", verified.Value.Key.X);
    }

    [Fact]
    public void Verify_SpecExampleToday_FailsAsTooOld()
    {
        var parameters = new KeyProofValidationParameters { Audience = "https://credential-issuer.example.com", TimeProvider = _clock };

        Assert.Equal(OpenId4VciErrors.InvalidProof, JwtKeyProof.Verify(Vectors.Read("key_proof_jwt.txt"), parameters).Error?.Code);
    }

    [Fact]
    public async Task Verify_WrongAudience_FailsWithInvalidProof()
    {
        var proof = await JwtKeyProof.CreateAsync(_holder, _holder.PublicJwk, "https://attacker.example", "n", s_now);

        Assert.Equal(OpenId4VciErrors.InvalidProof, JwtKeyProof.Verify(proof, Parameters).Error?.Code);
    }

    [Fact]
    public async Task Verify_NoNonceWhenRequired_FailsWithInvalidProof()
    {
        var proof = await JwtKeyProof.CreateAsync(_holder, _holder.PublicJwk, Issuer, null, s_now);

        Assert.Equal(OpenId4VciErrors.InvalidProof, JwtKeyProof.Verify(proof, Parameters).Error?.Code);
        Assert.True(JwtKeyProof.Verify(proof, Parameters with { RequireNonce = false }).IsValid);
    }

    [Theory]
    [InlineData(-301, false)]
    [InlineData(-299, true)]
    [InlineData(59, true)]
    [InlineData(61, false)]
    public async Task Verify_IssuedAtWindow_AcceptsWithinAgeAndSkew(int offsetSeconds, bool valid)
    {
        var proof = await JwtKeyProof.CreateAsync(_holder, _holder.PublicJwk, Issuer, "n", s_now.AddSeconds(offsetSeconds));

        var parameters = Parameters with { MaxAge = TimeSpan.FromMinutes(4) };

        Assert.Equal(valid, JwtKeyProof.Verify(proof, parameters).IsValid);
    }

    [Fact]
    public async Task Verify_SignedByAnotherKeyThanItsJwk_FailsWithInvalidSignatureInside()
    {
        using var other = SigningKey.Create(JwsAlgorithm.Es256);
        var proof = await JwtKeyProof.CreateAsync(other, _holder.PublicJwk, Issuer, "n", s_now);

        var verified = JwtKeyProof.Verify(proof, Parameters);

        Assert.Equal(OpenId4VciErrors.InvalidProof, verified.Error?.Code);
        Assert.Equal(JoseErrors.InvalidSignature, verified.Error?.Inner?.Code);
    }

    [Fact]
    public void Verify_WrongType_FailsWithInvalidProof()
    {
        var proof = Sign("JWT", new JsonObject { ["jwk"] = JsonNode.Parse(_holder.PublicJwk.ToJson()) }, Payload());

        Assert.Equal(OpenId4VciErrors.InvalidProof, JwtKeyProof.Verify(proof, Parameters).Error?.Code);
    }

    [Fact]
    public void Verify_JwkWithPrivateKey_FailsWithInvalidProof()
    {
        var proof = Sign(JwtKeyProof.Type, new JsonObject { ["jwk"] = JsonNode.Parse(_holder.ExportPrivateJwk().ToJson()) }, Payload());
        var error = JwtKeyProof.Verify(proof, Parameters).Error;

        Assert.Equal(OpenId4VciErrors.InvalidProof, error?.Code);
        Assert.Equal(KeyErrors.PrivateKeyMaterial, error?.Inner?.Code);
    }

    [Fact]
    public void Verify_KidInsteadOfJwk_FailsWithInvalidProof()
    {
        var proof = Sign(JwtKeyProof.Type, new JsonObject { ["kid"] = "did:example:123#1" }, Payload());

        Assert.Equal(OpenId4VciErrors.InvalidProof, JwtKeyProof.Verify(proof, Parameters).Error?.Code);
    }

    [Fact]
    public async Task Verify_AlgorithmNotAllowed_FailsWithInvalidProof()
    {
        using var ed = SigningKey.Create(JwsAlgorithm.EdDsa);
        var proof = await JwtKeyProof.CreateAsync(ed, ed.PublicJwk, Issuer, "n", s_now);

        var verified = JwtKeyProof.Verify(proof, Parameters with { AllowedAlgorithms = [JwsAlgorithm.Es256] });

        Assert.Equal(OpenId4VciErrors.InvalidProof, verified.Error?.Code);
        Assert.Equal(JoseErrors.AlgorithmNotAllowed, verified.Error?.Inner?.Code);
    }

    [Fact]
    public void Verify_AudienceArrayWithIssuer_IsAccepted()
    {
        var payload = new JsonObject { ["aud"] = new JsonArray(Issuer), ["iat"] = s_now.ToUnixTimeSeconds(), ["nonce"] = "n" };
        var proof = Sign(JwtKeyProof.Type, new JsonObject { ["jwk"] = JsonNode.Parse(_holder.PublicJwk.ToJson()) }, payload);

        Assert.True(JwtKeyProof.Verify(proof, Parameters).IsValid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a.b")]
    [InlineData("eyJhbGciOiJub25lIiwidHlwIjoib3BlbmlkNHZjaS1wcm9vZitqd3QifQ.e30.")]
    public void Verify_Garbage_FailsWithInvalidProof(string proof)
    {
        Assert.Equal(OpenId4VciErrors.InvalidProof, JwtKeyProof.Verify(proof, Parameters).Error?.Code);
    }

    private JsonObject Payload() => new() { ["aud"] = Issuer, ["iat"] = s_now.ToUnixTimeSeconds(), ["nonce"] = "n" };

    private string Sign(string type, JsonObject headers, JsonObject payload)
    {
        using var noKid = SigningKey.FromJwk(_holder.ExportPrivateJwk() with { Kid = null });
        var extra = new Dictionary<string, JsonNode?>();
        foreach (var (name, value) in headers)
        {
            extra[name] = value?.DeepClone();
        }

        return JwsWriter.SignCompact(noKid, Encoding.UTF8.GetBytes(payload.ToJsonString()), type, extra);
    }
}
