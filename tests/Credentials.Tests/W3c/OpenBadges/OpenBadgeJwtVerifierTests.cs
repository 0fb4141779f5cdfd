using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Testing;
using Credentials.W3c;
using Credentials.W3c.OpenBadges;
using Credentials.W3c.VcJose;
using Xunit;
using T = Credentials.Tests.W3c.OpenBadges.OpenBadgeJwtTestData;

namespace Credentials.Tests.W3c.OpenBadges;

/// <summary>Open Badges 3.0 sections 8.2.3, 8.2.6 and 8.2.6.1: verifying the JWT form, RS256 included, with typed errors.</summary>
public sealed class OpenBadgeJwtVerifierTests : IDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly SigningKey _key = SigningKey.Create(JwsAlgorithm.EdDsa);

    public void Dispose()
    {
        _rsa.Dispose();
        _key.Dispose();
    }

    private static OpenBadgeJwtVerifier Verifier(OpenBadgeJwtVerifierOptions? options = null, DateTimeOffset? now = null)
        => new(new DidResolver([DidKeyResolver.Instance]), (options ?? OpenBadgeJwtVerifierOptions.Default) with { TimeProvider = TestClock.At(now ?? T.Now) });

    private string Rs256(JsonObject payload) => T.SignRs256(_rsa, T.Header("RS256", T.RsaJwk(_rsa)), payload);

    private string EdDsa(JsonObject payload, JsonObject? header = null) => T.Sign(_key, header ?? T.Header("EdDSA", T.PublicJwk(_key)), payload);

    private static JsonObject Payload(Action<JsonObject> change)
    {
        var payload = T.Payload(T.Badge());
        change(payload);
        return payload;
    }

    [Fact]
    public async Task VerifyAsync_Rs256WithHeaderKey_Valid()
    {
        var result = await Verifier().VerifyAsync(Rs256(T.Payload(T.Badge())));

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal("RS256", result.Value.Algorithm);
        Assert.Equal(T.IssuerId, result.Value.Issuer);
        Assert.Equal(CheckOutcome.NotChecked, result.OutcomeOf(W3cCheckKind.Status));
    }

    [Fact]
    public async Task VerifyAsync_Rs256KidOfConfiguredKey_ValidAndTrusted()
    {
        var jwk = Jwk.ReadPublic(T.RsaJwk(_rsa).ToJsonString()).GetValueOrThrow() with { Kid = T.KeyId };
        var token = T.SignRs256(_rsa, T.Header("RS256", kid: T.KeyId), T.Payload(T.Badge()));

        var result = await Verifier(new OpenBadgeJwtVerifierOptions { IssuerKeys = new Dictionary<string, IReadOnlyList<Jwk>> { [T.IssuerId] = [jwk] } }).VerifyAsync(token);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(W3cCheckKind.IssuerTrust));
        Assert.Equal(T.KeyId, result.Value.VerificationMethod);
    }

    [Fact]
    public async Task VerifyAsync_HttpsKidNothingConfigured_KeyUnresolved()
    {
        var token = T.Sign(_key, T.Header("EdDSA", kid: T.KeyId), T.Payload(T.Badge()));

        var result = await Verifier().VerifyAsync(token);

        Assert.Equal(OpenBadgeJwtErrors.KeyUnresolved, result.Error?.Code);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(W3cCheckKind.IssuerTrust));
    }

    [Fact]
    public async Task VerifyAsync_DidKidOfAnotherDid_IssuerKeyMismatch()
    {
        var did = DidKey.Create(_key);
        var token = T.Sign(_key, T.Header("EdDSA", kid: did.Value + "#" + did.Value[8..]), T.Payload(T.Badge()));

        var result = await Verifier().VerifyAsync(token);

        Assert.Equal(VcErrors.IssuerKeyMismatch, result.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_JwkHeaderAndDidKidOfIssuerWithAnotherKey_IssuerKeyMismatch()
    {
        using var other = SigningKey.Create(JwsAlgorithm.EdDsa);
        var did = DidKey.Create(other);
        var token = T.Sign(_key, T.Header("EdDSA", T.PublicJwk(_key), kid: did.Value + "#" + did.Value[8..]), T.Payload(T.Badge(issuer: did.Value)));

        var result = await Verifier().VerifyAsync(token);

        Assert.Equal(VcErrors.IssuerKeyMismatch, result.Error?.Code);
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(W3cCheckKind.Proof));
    }

    [Fact]
    public async Task VerifyAsync_IssuerKeysConfiguredForOthersOnly_UntrustedIssuer()
    {
        var options = new OpenBadgeJwtVerifierOptions { IssuerKeys = new Dictionary<string, IReadOnlyList<Jwk>> { ["https://other.example/issuer"] = [_key.PublicJwk] } };

        var result = await Verifier(options).VerifyAsync(EdDsa(T.Payload(T.Badge())));

        Assert.Equal(VcErrors.UntrustedIssuer, result.Error?.Code);
    }

    [Theory]
    [InlineData("vc+jwt")]
    [InlineData("JOSE")]
    public async Task VerifyAsync_TypNotJwt_InvalidType(string typ)
    {
        var result = await Verifier().VerifyAsync(EdDsa(T.Payload(T.Badge()), T.Header("EdDSA", T.PublicJwk(_key), typ: typ)));

        Assert.Equal(OpenBadgeJwtErrors.InvalidType, result.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_NoTyp_Valid()
    {
        var result = await Verifier().VerifyAsync(EdDsa(T.Payload(T.Badge()), T.Header("EdDSA", T.PublicJwk(_key), typ: null)));

        Assert.True(result.IsValid, result.Error?.ToString());
    }

    [Theory]
    [InlineData("x5u")]
    [InlineData("cty")]
    [InlineData("jku")]
    public async Task VerifyAsync_AdditionalHeader_InvalidHeader(string name)
    {
        var header = T.Header("EdDSA", T.PublicJwk(_key));
        header[name] = "https://badges.example.jp/x";

        var result = await Verifier().VerifyAsync(EdDsa(T.Payload(T.Badge()), header));

        Assert.Equal(OpenBadgeJwtErrors.InvalidHeader, result.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_NeitherKidNorJwk_InvalidHeader()
    {
        var result = await Verifier().VerifyAsync(EdDsa(T.Payload(T.Badge()), T.Header("EdDSA")));

        Assert.Equal(OpenBadgeJwtErrors.InvalidHeader, result.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_JwkWithPrivateMember_PrivateKeyMaterial()
    {
        var jwk = JsonNode.Parse(_key.ExportPrivateJwk().ToJson())!.AsObject();

        var result = await Verifier().VerifyAsync(EdDsa(T.Payload(T.Badge()), T.Header("EdDSA", jwk)));

        Assert.Equal(KeyErrors.PrivateKeyMaterial, result.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_RsaJwkWithPrivateExponent_PrivateKeyMaterial()
    {
        var jwk = T.RsaJwk(_rsa);
        jwk["d"] = "AQAB";

        var result = await Verifier().VerifyAsync(T.SignRs256(_rsa, T.Header("RS256", jwk), T.Payload(T.Badge())));

        Assert.Equal(KeyErrors.PrivateKeyMaterial, result.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_Rsa1024_WeakKey()
    {
        using var small = RSA.Create(1024);

        var result = await Verifier().VerifyAsync(T.SignRs256(small, T.Header("RS256", T.RsaJwk(small)), T.Payload(T.Badge())));

        Assert.Equal(OpenBadgeJwtErrors.WeakKey, result.Error?.Code);
    }

    [Theory]
    [InlineData("Aw")]
    [InlineData("AQAA")]
    [InlineData("AAEAAQ")]
    public async Task VerifyAsync_RsaExponentSmallEvenOrPadded_WeakKey(string e)
    {
        var jwk = T.RsaJwk(_rsa);
        jwk["e"] = e;

        var result = await Verifier().VerifyAsync(T.SignRs256(_rsa, T.Header("RS256", jwk), T.Payload(T.Badge())));

        Assert.Equal(OpenBadgeJwtErrors.WeakKey, result.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_Rs256WithEd25519Key_KeyAlgorithmMismatch()
    {
        var result = await Verifier().VerifyAsync(T.SignRs256(_rsa, T.Header("RS256", T.PublicJwk(_key)), T.Payload(T.Badge())));

        Assert.Equal(JoseErrors.KeyAlgorithmMismatch, result.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_EdDsaWithRsaKey_KeyAlgorithmMismatch()
    {
        var result = await Verifier().VerifyAsync(T.Sign(_key, T.Header("EdDSA", T.RsaJwk(_rsa)), T.Payload(T.Badge())));

        Assert.Equal(JoseErrors.KeyAlgorithmMismatch, result.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_Rs256SignatureByAnotherKey_InvalidSignature()
    {
        using var other = RSA.Create(2048);

        var result = await Verifier().VerifyAsync(T.SignRs256(other, T.Header("RS256", T.RsaJwk(_rsa)), T.Payload(T.Badge())));

        Assert.Equal(JoseErrors.InvalidSignature, result.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_Rs256NotAllowed_AlgorithmNotAllowed()
    {
        var result = await Verifier(new OpenBadgeJwtVerifierOptions { AllowedAlgorithms = ["EdDSA"] }).VerifyAsync(Rs256(T.Payload(T.Badge())));

        Assert.Equal(JoseErrors.AlgorithmNotAllowed, result.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_UnknownAlgorithm_UnsupportedAlgorithm()
    {
        var result = await Verifier().VerifyAsync(T.SignRs256(_rsa, T.Header("PS256", T.RsaJwk(_rsa)), T.Payload(T.Badge())));

        Assert.Equal(JoseErrors.UnsupportedAlgorithm, result.Error?.Code);
    }

    public static TheoryData<string, string, string> ClaimCases => new()
    {
        { "iss", "remove", "ob.jwt_missing_claim" },
        { "jti", "remove", "ob.jwt_missing_claim" },
        { "sub", "remove", "ob.jwt_missing_claim" },
        { "iss", "https://other.example/issuer", "ob.jwt_issuer_mismatch" },
        { "jti", "urn:uuid:other", "ob.jwt_claim_mismatch" },
        { "sub", "did:example:other", "ob.jwt_claim_mismatch" },
        { "nbf", "1767225601", "ob.jwt_claim_mismatch" },
        { "exp", "2082758401", "ob.jwt_claim_mismatch" },
        { "iss", "42", "ob.jwt_invalid_claim" },
        { "nbf", "\"2026-01-01\"", "ob.jwt_invalid_claim" },
        { "exp", "1e400", "ob.jwt_invalid_claim" },
    };

    [Theory]
    [MemberData(nameof(ClaimCases))]
    public async Task VerifyAsync_RegisteredClaim_TypedError(string claim, string value, string code)
    {
        var payload = Payload(p =>
        {
            if (value == "remove")
            {
                p.Remove(claim);
            }
            else
            {
                p[claim] = value.StartsWith("https:", StringComparison.Ordinal) || value.StartsWith("urn:", StringComparison.Ordinal) || value.StartsWith("did:", StringComparison.Ordinal)
                    ? value
                    : JsonNode.Parse(value);
            }
        });

        var result = await Verifier().VerifyAsync(EdDsa(payload));

        Assert.Equal(code, result.Error?.Code.Value);
        Assert.Equal(ClaimPath.Of(claim), result.Error?.Path);
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(W3cCheckKind.Proof));
    }

    [Fact]
    public async Task VerifyAsync_NoNbfNoExp_ValidUnlessRequired()
    {
        var payload = Payload(p =>
        {
            p.Remove("nbf");
            p.Remove("exp");
        });

        var lenient = await Verifier().VerifyAsync(EdDsa(payload));
        var strict = await Verifier(new OpenBadgeJwtVerifierOptions { RequireTimeClaims = true }).VerifyAsync(EdDsa(payload));

        Assert.True(lenient.IsValid, lenient.Error?.ToString());
        Assert.Equal(OpenBadgeJwtErrors.MissingClaim, strict.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_VcClaim_LegacyPayload()
    {
        var result = await Verifier().VerifyAsync(EdDsa(Payload(p => p["vc"] = new JsonObject())));

        Assert.Equal(OpenBadgeJwtErrors.LegacyPayload, result.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_AfterValidUntil_Expired()
    {
        var result = await Verifier(now: new DateTimeOffset(2036, 1, 2, 0, 0, 0, TimeSpan.Zero)).VerifyAsync(EdDsa(T.Payload(T.Badge())));

        Assert.Equal(VcErrors.Expired, result.Error?.Code);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(W3cCheckKind.ValidityPeriod));
    }

    [Fact]
    public async Task VerifyAsync_ExpWithoutValidUntilPassed_Expired()
    {
        var payload = T.Payload(T.Badge(validUntil: null));
        payload["exp"] = T.Now.AddDays(-1).ToUnixTimeSeconds();

        var result = await Verifier().VerifyAsync(EdDsa(payload));

        Assert.Equal(VcErrors.Expired, result.Error?.Code);
        Assert.Equal(ClaimPath.Of("exp"), result.Error?.Path);
    }

    [Fact]
    public async Task VerifyAsync_BeforeValidFrom_NotYetValid()
    {
        var result = await Verifier(now: new DateTimeOffset(2025, 12, 31, 0, 0, 0, TimeSpan.Zero)).VerifyAsync(EdDsa(T.Payload(T.Badge())));

        Assert.Equal(VcErrors.NotYetValid, result.Error?.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a.b")]
    [InlineData("e30.e30.e30")]
    [InlineData("!!.??.**")]
    public async Task VerifyAsync_Garbage_ProofFailsWithoutThrowing(string token)
    {
        var result = await Verifier().VerifyAsync(token);

        Assert.False(result.IsValid);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(W3cCheckKind.Proof));
    }

    [Fact]
    public void Constructor_InvalidOptions_Throw()
    {
        var resolver = new DidResolver([DidKeyResolver.Instance]);

        Assert.Throws<ArgumentException>(() => new OpenBadgeJwtVerifier(resolver, new OpenBadgeJwtVerifierOptions { AllowedAlgorithms = [] }));
        Assert.Throws<ArgumentException>(() => new OpenBadgeJwtVerifier(resolver, new OpenBadgeJwtVerifierOptions { AllowedAlgorithms = ["RS512"] }));
        Assert.Throws<ArgumentException>(() => new OpenBadgeJwtVerifier(resolver, new OpenBadgeJwtVerifierOptions { MinimumRsaKeySize = 1024 }));
        Assert.Throws<ArgumentException>(() => new OpenBadgeJwtVerifier(resolver, new OpenBadgeJwtVerifierOptions { IssuerKeys = new Dictionary<string, IReadOnlyList<Jwk>> { [T.IssuerId] = [_key.ExportPrivateJwk()] } }));
    }

    [Fact]
    public async Task W3cCredentialVerifier_OpenBadgeJwtEnabled_VcJwtStillVcJose()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256, T.KeyId);
        var vcJwt = await new VcJwtIssuer(key, new VcJwtIssuerOptions { IncludeIssuerClaim = true, Issuance = new W3cIssuanceOptions { ExtensionMembers = ["name"] } }).IssueAsync(T.Credential(T.Badge()));
        var badgeJwt = T.SignRs256(_rsa, T.Header("RS256", T.RsaJwk(_rsa)), T.Payload(T.Badge()));
        var verifier = new W3cCredentialVerifier(new DidResolver([DidKeyResolver.Instance]), new W3cCredentialVerifierOptions
        {
            OpenBadgeJwt = OpenBadgeJwtVerifierOptions.Default,
            IssuerKeys = new Credentials.Trust.StaticIssuerKeyResolver([new KeyValuePair<string, Jwk>(T.IssuerId, key.PublicJwk)]),
            TimeProvider = TestClock.At(T.Now),
        });

        var jose = await verifier.VerifyAsync(vcJwt);
        var badge = await verifier.VerifyAsync(badgeJwt);

        Assert.True(jose.IsValid, jose.Error?.ToString());
        Assert.Equal(W3cSecuringMechanisms.VcJwt, jose.Value.SecuringMechanism);
        Assert.True(badge.IsValid, badge.Error?.ToString());
        Assert.Equal(OpenBadgeJwtVerifier.SecuringMechanism, badge.Value.SecuringMechanism);
        Assert.Equal(CheckOutcome.NotChecked, badge.OutcomeOf(W3cCheckKind.IssuerTrust));
    }
}
