using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Internal;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.OAuth;
using Credentials.Protocols;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Tests.OAuth;

public sealed class DpopProofTests : IDisposable
{
    private const string Token = "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU";
    private static readonly DateTimeOffset s_now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private static readonly Uri s_url = new("https://issuer.example.jp/ipa/credential");

    private readonly FakeTimeProvider _clock = new(s_now);
    private readonly SigningKey _key = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly SigningKey _otherKey = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly InMemoryProtocolStateStore _store = new();

    public void Dispose()
    {
        _key.Dispose();
        _otherKey.Dispose();
    }

    private DpopProofValidator Validator(DpopProofValidatorOptions? options = null)
        => new(_store, (options ?? new DpopProofValidatorOptions()) with { TimeProvider = _clock });

    private ValueTask<string> Proof(string method = "POST", Uri? url = null, string? nonce = null, string? accessToken = null)
        => DpopProof.CreateAsync(_key, method, url ?? s_url, _clock, nonce, accessToken);

    private static ValueTask<VerificationResult<ValidatedDpopProof>> Validate(DpopProofValidator validator, string proof, string method = "POST", Uri? url = null, string? accessToken = null, string? jkt = null)
        => validator.ValidateAsync([proof], method, url ?? s_url, accessToken, jkt);

    // A proof with a hand-made header and payload, signed by _key (or unsigned for alg none / HS256).
    private string Craft(Action<JsonObject>? header = null, Action<JsonObject>? payload = null, SigningKey? signer = null)
    {
        var key = signer ?? _key;
        var h = new JsonObject { ["alg"] = key.Algorithm.Name, ["typ"] = DpopProof.Type, ["jwk"] = JsonNode.Parse(key.PublicJwk.ToJson()) };
        var p = new JsonObject { ["jti"] = Guid.NewGuid().ToString("N"), ["htm"] = "POST", ["htu"] = s_url.ToString(), ["iat"] = s_now.ToUnixTimeSeconds() };
        header?.Invoke(h);
        payload?.Invoke(p);
        var input = StrictBase64Url.Encode(Encoding.UTF8.GetBytes(h.ToJsonString())) + "." + StrictBase64Url.Encode(Encoding.UTF8.GetBytes(p.ToJsonString()));
        var signature = new byte[key.Algorithm.SignatureSize];
        key.Sign(Encoding.ASCII.GetBytes(input), signature);
        return input + "." + StrictBase64Url.Encode(signature);
    }

    [Fact]
    public async Task CreateAsync_WritesHeaderAndClaims()
    {
        var proof = await DpopProof.CreateAsync(_key, "POST", new Uri("https://issuer.example.jp/ipa/token?x=1#f"), _clock, "n-1", Token);
        var jws = Jws.ReadCompact(proof).GetValueOrThrow();
        Assert.Equal("dpop+jwt", jws.Type);
        Assert.Equal("ES256", jws.AlgorithmName);
        Assert.False(jws.Header.TryGetProperty("kid", out _));
        var jwk = Jwk.ReadPublic(jws.Header.GetProperty("jwk"));
        Assert.True(jwk.IsValid);
        Assert.Equal(_key.PublicJwk.ComputeThumbprint(), jwk.Value.ComputeThumbprint());
        var claims = jws.ParsePayload().GetValueOrThrow();
        Assert.Equal("POST", claims.GetProperty("htm").GetString());
        Assert.Equal("https://issuer.example.jp/ipa/token", claims.GetProperty("htu").GetString());
        Assert.Equal(s_now.ToUnixTimeSeconds(), claims.GetProperty("iat").GetInt64());
        Assert.Equal("n-1", claims.GetProperty("nonce").GetString());
        Assert.Equal(DpopProof.ComputeAccessTokenHash(Token), claims.GetProperty("ath").GetString());

        // 128-bit jti, different each time.
        Assert.Equal(16, StrictBase64Url.TryDecode(claims.GetProperty("jti").GetString().AsSpan())!.Length);
        var second = Jws.ReadCompact(await Proof()).GetValueOrThrow().ParsePayload().GetValueOrThrow();
        Assert.NotEqual(claims.GetProperty("jti").GetString(), second.GetProperty("jti").GetString());
        Assert.False(second.TryGetProperty("nonce", out _));
        Assert.False(second.TryGetProperty("ath", out _));
    }

    [Fact]
    public void ComputeAccessTokenHash_MatchesRfc9449Example()
    {
        // RFC 9449 section 7.1: the ath of the example access token.
        Assert.Equal("fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo", DpopProof.ComputeAccessTokenHash("Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"));
    }

    [Fact]
    public async Task CreateAsync_SignerWithoutPublicKey_Throws()
    {
        var wrapped = _key.WithKeyId("k");
        await Assert.ThrowsAsync<ArgumentException>(async () => await DpopProof.CreateAsync(wrapped, "POST", s_url, _clock));
        await Assert.ThrowsAsync<ArgumentException>(async () => await DpopProof.CreateWithPublicKeyAsync(_key, _key.ExportPrivateJwk(), "POST", s_url, _clock));
        var proof = await DpopProof.CreateWithPublicKeyAsync(wrapped, _key.PublicJwk, "POST", s_url, _clock);
        Assert.True((await Validate(Validator(), proof)).IsValid);
    }

    [Fact]
    public async Task Validate_RoundTrip_ReturnsKeyThumbprintAndJti()
    {
        var proof = await Proof(accessToken: Token);
        var result = await Validate(Validator(), proof, accessToken: Token, jkt: _key.PublicJwk.ComputeThumbprint());
        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(_key.PublicJwk.ComputeThumbprint(), result.Value.Thumbprint);
        Assert.Equal(_key.PublicJwk.X, result.Value.Key.X);
        Assert.Equal("ES256", result.Value.Algorithm);
        Assert.Equal(s_now, result.Value.IssuedAt);
        Assert.Equal(Jws.ReadCompact(proof).Value.ParsePayload().Value.GetProperty("jti").GetString(), result.Value.Jti);
    }

    [Fact]
    public async Task Validate_EdDsa_OnlyWhenAllowed()
    {
        using var ed = SigningKey.Create(JwsAlgorithm.EdDsa);
        var proof = await DpopProof.CreateAsync(ed, "POST", s_url, _clock);
        Assert.Equal(DpopErrors.UnsupportedAlgorithm, (await Validate(Validator(), proof)).Error!.Code);
        var allowed = Validator(new DpopProofValidatorOptions { AllowedAlgorithms = [JwsAlgorithm.Es256, JwsAlgorithm.EdDsa] });
        Assert.True((await Validate(allowed, proof)).IsValid);
    }

    [Fact]
    public async Task Validate_Es384NotOnAllowList_UnsupportedAlgorithm()
    {
        using var p384 = SigningKey.Create(JwsAlgorithm.Es384);
        Assert.Equal(DpopErrors.UnsupportedAlgorithm, (await Validate(Validator(), await DpopProof.CreateAsync(p384, "POST", s_url, _clock))).Error!.Code);
    }

    [Fact]
    public async Task Validate_SameProofTwice_Replayed()
    {
        var validator = Validator();
        var proof = await Proof();
        Assert.True((await Validate(validator, proof)).IsValid);
        Assert.Equal(DpopErrors.Replayed, (await Validate(validator, proof)).Error!.Code);

        // Another instance sharing the store refuses it too.
        Assert.Equal(DpopErrors.Replayed, (await Validate(Validator(), proof)).Error!.Code);
    }

    [Fact]
    public async Task Validate_ConcurrentReplays_ExactlyOnePasses()
    {
        var validator = Validator();
        var proof = await Proof();
        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () => await Validate(validator, proof))));
        Assert.Equal(1, results.Count(r => r.IsValid));
        Assert.All(results.Where(r => !r.IsValid), r => Assert.Equal(DpopErrors.Replayed, r.Error!.Code));
    }

    [Fact]
    public async Task Validate_ReplayAfterWindow_StaleNotAccepted()
    {
        var validator = Validator();
        var proof = await Proof();
        Assert.True((await Validate(validator, proof)).IsValid);
        _clock.Advance(TimeSpan.FromSeconds(91));
        Assert.Equal(DpopErrors.Stale, (await Validate(validator, proof)).Error!.Code);
    }

    [Fact]
    public async Task Validate_OtherMethod_HtmMismatch()
    {
        Assert.Equal(DpopErrors.HtmMismatch, (await Validate(Validator(), await Proof("GET"))).Error!.Code);
        Assert.Equal(DpopErrors.HtmMismatch, (await Validate(Validator(), await Proof("post"))).Error!.Code);
    }

    [Fact]
    public async Task Validate_OtherUrl_HtuMismatch()
    {
        var validator = Validator();
        Assert.Equal(DpopErrors.HtuMismatch, (await Validate(validator, await Proof(url: new Uri("https://issuer.example.jp/ipa/token")))).Error!.Code);
        Assert.Equal(DpopErrors.HtuMismatch, (await Validate(validator, await Proof(url: new Uri("https://other.example.jp/ipa/credential")))).Error!.Code);
        Assert.Equal(DpopErrors.HtuMismatch, (await Validate(validator, await Proof(url: new Uri("http://issuer.example.jp/ipa/credential")))).Error!.Code);
        Assert.Equal(DpopErrors.HtuMismatch, (await Validate(validator, await Proof(url: new Uri("https://issuer.example.jp:8443/ipa/credential")))).Error!.Code);
        Assert.Equal(DpopErrors.HtuMismatch, (await Validate(validator, await Proof(url: new Uri("https://issuer.example.jp/IPA/credential")))).Error!.Code);
        Assert.Equal(DpopErrors.HtuMismatch, (await Validate(validator, Craft(payload: p => p["htu"] = "/ipa/credential"))).Error!.Code);
        Assert.Equal(DpopErrors.HtuMismatch, (await Validate(validator, Craft(payload: p => p["htu"] = "https://attacker@issuer.example.jp/ipa/credential"))).Error!.Code);
    }

    [Theory]
    [InlineData("https://issuer.example.jp/ipa/credential?session=1")]
    [InlineData("https://issuer.example.jp/ipa/credential#frag")]
    [InlineData("HTTPS://Issuer.Example.JP/ipa/credential")]
    [InlineData("https://issuer.example.jp:443/ipa/credential")]
    [InlineData("https://issuer.example.jp/ipa/%63redential")]
    [InlineData("https://issuer.example.jp/ipa/./credential")]
    public async Task Validate_HtuEquivalentUrl_Accepted(string htu)
    {
        var result = await Validate(Validator(), Craft(payload: p => p["htu"] = htu), url: new Uri("https://issuer.example.jp/ipa/credential?x=y#z"));
        Assert.True(result.IsValid, result.Error?.ToString());
    }

    [Fact]
    public async Task Validate_RequestOnDefaultPortWithQuery_Accepted()
    {
        var result = await Validate(Validator(), await Proof(), url: new Uri("https://ISSUER.example.jp:443/ipa/credential?a=b"));
        Assert.True(result.IsValid, result.Error?.ToString());
    }

    [Fact]
    public async Task Validate_OldIat_Stale()
    {
        var proof = await Proof();
        _clock.Advance(TimeSpan.FromSeconds(60 + 30 + 1));
        Assert.Equal(DpopErrors.Stale, (await Validate(Validator(), proof)).Error!.Code);
    }

    [Fact]
    public async Task Validate_IatAtEdgeOfWindow_Accepted()
    {
        var proof = await Proof();
        _clock.Advance(TimeSpan.FromSeconds(90));
        Assert.True((await Validate(Validator(), proof)).IsValid);
    }

    [Fact]
    public async Task Validate_FutureIat_NotYetValid()
    {
        Assert.Equal(DpopErrors.NotYetValid, (await Validate(Validator(), Craft(payload: p => p["iat"] = s_now.ToUnixTimeSeconds() + 31))).Error!.Code);
        Assert.True((await Validate(Validator(), Craft(payload: p => p["iat"] = s_now.ToUnixTimeSeconds() + 30))).IsValid);
    }

    [Fact]
    public async Task Validate_NonceRequired_MissingNonce_UseNonce()
    {
        var validator = Validator(new DpopProofValidatorOptions { RequireNonce = true });
        Assert.Equal(DpopErrors.UseNonce, (await Validate(validator, await Proof())).Error!.Code);
        Assert.Equal("use_dpop_nonce", DpopErrors.ToProtocolError(DpopErrors.UseNonce));
    }

    [Fact]
    public async Task Validate_NonceRequired_IssuedNonce_Accepted()
    {
        var validator = Validator(new DpopProofValidatorOptions { RequireNonce = true });
        var nonce = await validator.CreateNonceAsync();
        var result = await Validate(validator, await Proof(nonce: nonce));
        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(nonce, result.Value.Nonce);

        // A second instance over the same store accepts the nonce (the key is shared through the store).
        Assert.True((await Validate(Validator(new DpopProofValidatorOptions { RequireNonce = true }), await Proof(nonce: nonce))).IsValid);
    }

    [Fact]
    public async Task Validate_NonceRequired_WrongNonce_UseNonce()
    {
        var validator = Validator(new DpopProofValidatorOptions { RequireNonce = true });
        var nonce = await validator.CreateNonceAsync();
        var tampered = StrictBase64Url.TryDecode(nonce.AsSpan())!;
        tampered[^1] ^= 1;
        foreach (var wrong in new[] { "n-0S6_WzA2Mj", StrictBase64Url.Encode(tampered), nonce + "A", string.Empty })
        {
            Assert.Equal(DpopErrors.UseNonce, (await Validate(validator, Craft(payload: p => p["nonce"] = wrong))).Error!.Code);
        }

        // A nonce from a server with another store (another key) is not accepted.
        var foreign = await new DpopProofValidator(new InMemoryProtocolStateStore(), new DpopProofValidatorOptions { TimeProvider = _clock }).CreateNonceAsync();
        Assert.Equal(DpopErrors.UseNonce, (await Validate(validator, await Proof(nonce: foreign))).Error!.Code);
    }

    [Fact]
    public async Task Validate_NonceRequired_ExpiredNonce_UseNonce()
    {
        var validator = Validator(new DpopProofValidatorOptions { RequireNonce = true, NonceLifetime = TimeSpan.FromMinutes(5) });
        var nonce = await validator.CreateNonceAsync();
        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(31));
        Assert.Equal(DpopErrors.UseNonce, (await Validate(validator, await Proof(nonce: nonce))).Error!.Code);
        var fresh = await validator.CreateNonceAsync();
        Assert.True((await Validate(validator, await Proof(nonce: fresh))).IsValid);
    }

    [Fact]
    public async Task Validate_NonceNotRequired_NonceIgnored()
    {
        Assert.True((await Validate(Validator(), await Proof(nonce: "whatever"))).IsValid);
    }

    [Fact]
    public async Task Validate_WrongOrMissingAth_AthMismatch()
    {
        var validator = Validator();
        Assert.Equal(DpopErrors.AthMismatch, (await Validate(validator, await Proof(accessToken: "another-token"), accessToken: Token)).Error!.Code);
        Assert.Equal(DpopErrors.AthMismatch, (await Validate(validator, await Proof(), accessToken: Token)).Error!.Code);
        Assert.Equal(DpopErrors.InvalidProof, (await Validate(validator, Craft(payload: p => p["ath"] = 1), accessToken: Token)).Error!.Code);
    }

    [Fact]
    public async Task Validate_OtherKeyThanBound_KeyMismatch()
    {
        var result = await Validate(Validator(), await Proof(accessToken: Token), accessToken: Token, jkt: _otherKey.PublicJwk.ComputeThumbprint());
        Assert.Equal(DpopErrors.KeyMismatch, result.Error!.Code);
        Assert.Equal("invalid_dpop_proof", DpopErrors.ToProtocolError(result.Error.Code));
    }

    [Fact]
    public async Task Validate_PrivateKeyInJwk_InvalidKey()
    {
        var proof = Craft(header: h => h["jwk"] = JsonNode.Parse(_key.ExportPrivateJwk().ToJson()));
        var result = await Validate(Validator(), proof);
        Assert.Equal(DpopErrors.InvalidKey, result.Error!.Code);
        Assert.Equal(KeyErrors.PrivateKeyMaterial, result.Error.Inner!.Code);
    }

    [Fact]
    public async Task Validate_NoJwkOrOtherKeysJwk_Refused()
    {
        Assert.Equal(DpopErrors.InvalidKey, (await Validate(Validator(), Craft(header: h => h.Remove("jwk")))).Error!.Code);
        Assert.Equal(DpopErrors.InvalidKey, (await Validate(Validator(), Craft(header: h => h["jwk"] = "not a key"))).Error!.Code);
        Assert.Equal(DpopErrors.InvalidSignature, (await Validate(Validator(), Craft(header: h => h["jwk"] = JsonNode.Parse(_otherKey.PublicJwk.ToJson())))).Error!.Code);
    }

    [Fact]
    public async Task Validate_TamperedSignature_InvalidSignature()
    {
        var proof = await Proof();
        var parts = proof.Split('.');
        var signature = StrictBase64Url.TryDecode(parts[2].AsSpan())!;
        signature[5] ^= 0x40;
        Assert.Equal(DpopErrors.InvalidSignature, (await Validate(Validator(), parts[0] + "." + parts[1] + "." + StrictBase64Url.Encode(signature))).Error!.Code);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    [InlineData("RS256")]
    public async Task Validate_AlgorithmNotAccepted_UnsupportedAlgorithm(string alg)
    {
        var header = new JsonObject { ["alg"] = alg, ["typ"] = DpopProof.Type, ["jwk"] = JsonNode.Parse(_key.PublicJwk.ToJson()) };
        var payload = new JsonObject { ["jti"] = "j-1", ["htm"] = "POST", ["htu"] = s_url.ToString(), ["iat"] = s_now.ToUnixTimeSeconds() };
        var input = StrictBase64Url.Encode(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + StrictBase64Url.Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var mac = System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(_key.PublicJwk.ToJson()), Encoding.ASCII.GetBytes(input));
        foreach (var proof in new[] { input + ".", input + "." + StrictBase64Url.Encode(mac) })
        {
            Assert.Equal(DpopErrors.UnsupportedAlgorithm, (await Validate(Validator(), proof)).Error!.Code);
        }
    }

    [Theory]
    [InlineData("JWT")]
    [InlineData("DPOP+JWT")]
    [InlineData("openid4vci-proof+jwt")]
    [InlineData(null)]
    public async Task Validate_WrongTyp_InvalidType(string? typ)
    {
        var proof = Craft(header: h =>
        {
            if (typ is null)
            {
                h.Remove("typ");
            }
            else
            {
                h["typ"] = typ;
            }
        });
        Assert.Equal(DpopErrors.InvalidType, (await Validate(Validator(), proof)).Error!.Code);
    }

    [Theory]
    [InlineData("jti")]
    [InlineData("htm")]
    [InlineData("htu")]
    [InlineData("iat")]
    public async Task Validate_MissingClaim_InvalidProof(string claim)
    {
        Assert.Equal(DpopErrors.InvalidProof, (await Validate(Validator(), Craft(payload: p => p.Remove(claim)))).Error!.Code);
    }

    [Fact]
    public async Task Validate_BadClaimTypes_InvalidProof()
    {
        Assert.Equal(DpopErrors.InvalidProof, (await Validate(Validator(), Craft(payload: p => p["iat"] = "1765022400"))).Error!.Code);
        Assert.Equal(DpopErrors.InvalidProof, (await Validate(Validator(), Craft(payload: p => p["jti"] = 5))).Error!.Code);
        Assert.Equal(DpopErrors.InvalidProof, (await Validate(Validator(), Craft(payload: p => p["jti"] = new string('j', 257)))).Error!.Code);
        Assert.Equal(DpopErrors.InvalidProof, (await Validate(Validator(), Craft(payload: p => p["nonce"] = 5))).Error!.Code);
    }

    [Fact]
    public async Task Validate_Oversized_TooLarge()
    {
        var options = new DpopProofValidatorOptions { MaxProofLength = 2048 };
        var proof = Craft(payload: p => p["pad"] = new string('a', 2048));
        Assert.Equal(DpopErrors.TooLarge, (await Validate(Validator(options), proof)).Error!.Code);
        Assert.Equal(DpopErrors.TooLarge, (await Validate(Validator(), Craft(payload: p => p["pad"] = new string('a', 9000)))).Error!.Code);
    }

    [Fact]
    public async Task Validate_HeaderCount_MissingOrMultiple()
    {
        var validator = Validator();
        var proof = await Proof();
        Assert.Equal(DpopErrors.MissingProof, (await validator.ValidateAsync(null, "POST", s_url)).Error!.Code);
        Assert.Equal(DpopErrors.MissingProof, (await validator.ValidateAsync([], "POST", s_url)).Error!.Code);
        Assert.Equal(DpopErrors.MissingProof, (await validator.ValidateAsync([string.Empty], "POST", s_url)).Error!.Code);
        Assert.Equal(DpopErrors.MultipleProofs, (await validator.ValidateAsync([proof, await Proof()], "POST", s_url)).Error!.Code);
        Assert.Equal(DpopErrors.MultipleProofs, (await validator.ValidateAsync([proof + ", " + await Proof()], "POST", s_url)).Error!.Code);
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b")]
    [InlineData("e30.e30.e30.e30")]
    [InlineData("!!!.e30.AA")]
    public async Task Validate_Malformed_InvalidProof(string proof)
    {
        Assert.Equal(DpopErrors.InvalidProof, (await Validate(Validator(), proof)).Error!.Code);
    }

    [Fact]
    public async Task Validate_FailedProof_DoesNotRecordJti()
    {
        var validator = Validator();
        var proof = await Proof();
        Assert.Equal(DpopErrors.HtmMismatch, (await Validate(validator, proof, method: "GET")).Error!.Code);
        Assert.True((await Validate(validator, proof)).IsValid);
    }

    [Fact]
    public void Options_Invalid_Throw()
    {
        Assert.Throws<InvalidOperationException>(() => new DpopProofValidator(_store, new DpopProofValidatorOptions { AllowedAlgorithms = [] }));
        Assert.Throws<InvalidOperationException>(() => new DpopProofValidator(_store, new DpopProofValidatorOptions { MaxAge = TimeSpan.Zero }));
        Assert.Throws<InvalidOperationException>(() => new DpopProofValidator(_store, new DpopProofValidatorOptions { ClockSkew = TimeSpan.FromSeconds(-1) }));
        Assert.Throws<InvalidOperationException>(() => new DpopProofValidator(_store, new DpopProofValidatorOptions { MaxProofLength = 0 }));
        Assert.Throws<InvalidOperationException>(() => new DpopProofValidator(_store, new DpopProofValidatorOptions { NonceLifetime = TimeSpan.Zero }));
    }

    [Fact]
    public async Task Validate_ProgrammerErrors_Throw()
    {
        var validator = Validator();
        await Assert.ThrowsAsync<ArgumentException>(async () => await validator.ValidateAsync(["x"], string.Empty, s_url));
        await Assert.ThrowsAsync<ArgumentException>(async () => await validator.ValidateAsync(["x"], "POST", new Uri("/relative", UriKind.Relative)));
    }
}
