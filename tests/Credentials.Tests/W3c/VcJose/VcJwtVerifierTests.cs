using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.Testing;
using Credentials.Trust;
using Credentials.W3c;
using Credentials.W3c.VcJose;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Tests.W3c.VcJose;

/// <summary>VC-JOSE-COSE sections 3.1.1, 3.1.3, 4 and 5.1: verifying application/vc+jwt.</summary>
public sealed class VcJwtVerifierTests : IDisposable
{
    private const string IssuerId = "https://exam.example.jp/issuers/1";
    private const string KeyId = IssuerId + "#key-1";
    private const string SubjectId = "did:example:ebfeb1f712ebc6f1c276e12ec21";
    private static readonly DateTimeOffset s_now = new(2026, 4, 1, 3, 0, 0, TimeSpan.Zero);

    private readonly SigningKey _key = SigningKey.Create(JwsAlgorithm.Es256, KeyId);
    private FakeTimeProvider _clock = TestClock.At(s_now);

    public void Dispose() => _key.Dispose();

    private VcJwtVerifier Verifier(IIssuerKeyResolver? keys = null, VcJwtVerifierOptions? options = null)
        => new(keys ?? new StaticIssuerKeyResolver([new KeyValuePair<string, Jwk>(IssuerId, _key.PublicJwk)]), (options ?? new VcJwtVerifierOptions()) with { TimeProvider = _clock });

    private static JsonObject CredentialJson(string issuer = IssuerId) => JsonNode.Parse($$"""
        {
          "@context": ["https://www.w3.org/ns/credentials/v2"],
          "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
          "type": ["VerifiableCredential", "ExamCertificate"],
          "issuer": "{{issuer}}",
          "validFrom": "2025-04-01T00:00:00+09:00",
          "validUntil": "2035-04-01T00:00:00+09:00",
          "credentialSubject": {"id": "{{SubjectId}}", "examName": "基本情報技術者試験"}
        }
        """)!.AsObject();

    private string Sign(JsonObject payload, string? typ = "vc+jwt", SigningKey? key = null)
        => JwsWriter.SignCompact(key ?? _key, Encoding.UTF8.GetBytes(payload.ToJsonString()), typ);

    private string Sign(Action<JsonObject> change)
    {
        var payload = CredentialJson();
        change(payload);
        return Sign(payload);
    }

    [Fact]
    public async Task Verify_IssuedCredential_PassesEveryCheck()
    {
        var credential = W3cCredential.Read(CredentialJson().ToJsonString()).Value;
        var token = await new VcJwtIssuer(_key).IssueAsync(credential);

        var result = await Verifier().VerifyCredentialAsync(token);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(W3cSecuringMechanisms.VcJwt, result.Value.SecuringMechanism);
        Assert.Equal(IssuerId, result.Value.Issuer);
        Assert.Equal(KeyId, result.Value.VerificationMethod);
        Assert.Equal("ES256", result.Value.Algorithm);
        Assert.Equal("基本情報技術者試験", result.Value.Credential.CredentialSubjects[0].Json.GetProperty("examName").GetString());
        Assert.Equal(
            [W3cCheckKind.Proof, W3cCheckKind.IssuerTrust, W3cCheckKind.DataModel, W3cCheckKind.ValidityPeriod, W3cCheckKind.Status],
            result.Checks.Select(c => c.Check));
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(W3cCheckKind.Proof));
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(W3cCheckKind.IssuerTrust));
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(W3cCheckKind.DataModel));
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(W3cCheckKind.ValidityPeriod));
        Assert.Equal(CheckOutcome.NotChecked, result.OutcomeOf(W3cCheckKind.Status));
    }

    [Fact]
    public async Task Verify_TamperedPayload_FailsWithInvalidSignature()
    {
        var token = Sign(CredentialJson());
        var parts = token.Split('.');
        var tampered = parts[0] + "." + Base64UrlOf(CredentialJson().ToJsonString().Replace("ExamCertificate", "ExamCertificatf", StringComparison.Ordinal)) + "." + parts[2];

        var result = await Verifier().VerifyCredentialAsync(tampered);

        Assert.Equal(JoseErrors.InvalidSignature, result.Error!.Code);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(W3cCheckKind.Proof));
        Assert.Equal(CheckOutcome.NotReached, result.OutcomeOf(W3cCheckKind.DataModel));
    }

    [Fact]
    public async Task Verify_SignedByAnotherKey_FailsWithInvalidSignature()
    {
        using var other = SigningKey.Create(JwsAlgorithm.Es256, KeyId);

        var result = await Verifier().VerifyCredentialAsync(Sign(CredentialJson(), key: other));

        Assert.Equal(JoseErrors.InvalidSignature, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_UnknownIssuer_FailsAtIssuerTrustBeforeTheSignature()
    {
        var result = await Verifier().VerifyCredentialAsync(Sign(CredentialJson("https://unknown.example/issuer")));

        Assert.Equal(SdJwtErrors.IssuerKeyNotFound, result.Error!.Code);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(W3cCheckKind.IssuerTrust));
        Assert.Equal(CheckOutcome.NotReached, result.OutcomeOf(W3cCheckKind.Proof));
    }

    [Theory]
    [InlineData("vc+jwt")]
    [InlineData("application/vc+jwt")]
    [InlineData("VC+JWT")]
    public async Task Verify_TypNamingTheMediaType_Succeeds(string typ)
        => Assert.True((await Verifier().VerifyCredentialAsync(Sign(CredentialJson(), typ))).IsValid);

    [Theory]
    [InlineData("vp+jwt")]
    [InlineData("JWT")]
    [InlineData("dc+sd-jwt")]
    [InlineData("bad+typ")]
    [InlineData("application/vc+jwtx")]
    public async Task Verify_OtherTyp_FailsWithInvalidType(string typ)
    {
        var result = await Verifier().VerifyCredentialAsync(Sign(CredentialJson(), typ));

        Assert.Equal(JoseErrors.InvalidType, result.Error!.Code);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(W3cCheckKind.Proof));
    }

    [Fact]
    public async Task Verify_NoTyp_FailsUnlessTheVerifierAcceptsIt()
    {
        var token = Sign(CredentialJson(), typ: null);

        Assert.Equal(JoseErrors.InvalidType, (await Verifier().VerifyCredentialAsync(token)).Error!.Code);
        Assert.True((await Verifier(options: new VcJwtVerifierOptions { RequireTypeHeader = false }).VerifyCredentialAsync(token)).IsValid);
    }

    [Fact]
    public async Task Verify_AlgorithmNotAllowed_FailsBeforeAnyKeyIsResolved()
    {
        var resolver = new CountingResolver(new StaticIssuerKeyResolver(_key.PublicJwk));

        var result = await Verifier(resolver, new VcJwtVerifierOptions { AllowedAlgorithms = [JwsAlgorithm.EdDsa] }).VerifyCredentialAsync(Sign(CredentialJson()));

        Assert.Equal(JoseErrors.AlgorithmNotAllowed, result.Error!.Code);
        Assert.Equal(0, resolver.Calls);
    }

    [Fact]
    public async Task Verify_AlgNone_FailsWithUnsupportedAlgorithm()
    {
        var token = Base64UrlOf("{\"alg\":\"none\",\"typ\":\"vc+jwt\"}") + "." + Base64UrlOf(CredentialJson().ToJsonString()) + ".";

        var result = await Verifier().VerifyCredentialAsync(token);

        Assert.Equal(JoseErrors.UnsupportedAlgorithm, result.Error!.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"@context\": \"https://www.w3.org/ns/credentials/v2\"}")]
    [InlineData("a.b")]
    public async Task Verify_NotACompactJws_FailsAtProof(string token)
    {
        var result = await Verifier().VerifyCredentialAsync(token);

        Assert.True(result.Error!.Code.IsInFamily("jose"));
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(W3cCheckKind.Proof));
    }

    [Fact]
    public async Task Verify_PayloadNotAJsonObject_FailsWithInvalidJson()
    {
        var token = JwsWriter.SignCompact(_key, "[1,2]"u8, "vc+jwt");

        Assert.Equal(JoseErrors.InvalidJson, (await Verifier().VerifyCredentialAsync(token)).Error!.Code);
    }

    [Theory]
    [InlineData("vc")]
    [InlineData("vp")]
    public async Task Verify_VcOrVpClaim_FailsWithForbiddenClaim(string claim)
    {
        var result = await Verifier().VerifyCredentialAsync(Sign(c => c[claim] = new JsonObject { ["type"] = "VerifiableCredential" }));

        Assert.Equal(VcJoseErrors.ForbiddenClaim, result.Error!.Code);
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(W3cCheckKind.Proof));
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(W3cCheckKind.DataModel));
    }

    [Fact]
    public async Task Verify_Vcdm11JwtWithVcWrapper_FailsWithForbiddenClaim()
    {
        // A VC-JWT of VCDM 1.1 carries the credential in 'vc'; with vc+jwt the payload is the credential itself.
        var payload = new JsonObject { ["iss"] = IssuerId, ["vc"] = CredentialJson() };

        var result = await Verifier(new StaticIssuerKeyResolver(_key.PublicJwk)).VerifyCredentialAsync(Sign(payload));

        Assert.Equal(VcJoseErrors.ForbiddenClaim, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_IssMatchingIssuer_SucceedsAndIssOfAnotherIssuer_FailsWithIssuerMismatch()
    {
        Assert.True((await Verifier().VerifyCredentialAsync(Sign(c => c["iss"] = IssuerId))).IsValid);

        var result = await Verifier().VerifyCredentialAsync(Sign(c => c["iss"] = "https://other.example"));

        Assert.Equal(VcJoseErrors.IssuerMismatch, result.Error!.Code);
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(W3cCheckKind.Proof));
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(W3cCheckKind.IssuerTrust));
    }

    [Fact]
    public async Task Verify_IssuerObjectWithId_MatchesIss()
        => Assert.True((await Verifier().VerifyCredentialAsync(Sign(c =>
        {
            c["issuer"] = new JsonObject { ["id"] = IssuerId, ["name"] = "情報処理試験センター" };
            c["iss"] = IssuerId;
        }))).IsValid);

    [Fact]
    public async Task Verify_IssNotAString_FailsWithInvalidClaim()
        => Assert.Equal(VcJoseErrors.InvalidClaim, (await Verifier().VerifyCredentialAsync(Sign(c => c["iss"] = 7))).Error!.Code);

    [Fact]
    public async Task Verify_NoIssAndAKidThatIsNotAnAbsoluteUrl_FailsWithMissingKeyId()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256, "key-1");
        var keys = new StaticIssuerKeyResolver(key.PublicJwk);

        var withoutIss = await Verifier(keys).VerifyCredentialAsync(Sign(CredentialJson(), key: key));
        var payload = CredentialJson();
        payload["iss"] = IssuerId;
        var withIss = await Verifier(keys).VerifyCredentialAsync(Sign(payload, key: key));

        Assert.Equal(VcJoseErrors.MissingKeyId, withoutIss.Error!.Code);
        Assert.Equal(CheckOutcome.Failed, withoutIss.OutcomeOf(W3cCheckKind.IssuerTrust));
        Assert.True(withIss.IsValid, withIss.Error?.ToString());
    }

    [Fact]
    public async Task Verify_DidIssuerWithKeyFromItsDidDocument_Succeeds()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var did = DidKey.Create(key);
        using var signer = SigningKey.FromJwk(key.ExportPrivateJwk() with { Kid = did.Value + "#" + did.MethodSpecificId });
        var keys = new DidIssuerKeyResolver(new DidResolver([DidKeyResolver.Instance]));

        var result = await Verifier(keys).VerifyCredentialAsync(Sign(CredentialJson(did.Value), key: signer));

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(did.Value, result.Value.Issuer);
        Assert.Equal(did.Value + "#" + did.MethodSpecificId, result.Value.VerificationMethod);
    }

    [Fact]
    public async Task Verify_DidIssuerWithKidOfAnotherDid_FailsWithKeyMismatch()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        using var attacker = SigningKey.Create(JwsAlgorithm.EdDsa);
        var victim = DidKey.Create(key);
        var attackerDid = DidKey.Create(attacker);
        using var signer = SigningKey.FromJwk(attacker.ExportPrivateJwk() with { Kid = attackerDid.Value + "#" + attackerDid.MethodSpecificId });
        var keys = new DidIssuerKeyResolver(new DidResolver([DidKeyResolver.Instance]));

        var result = await Verifier(keys).VerifyCredentialAsync(Sign(CredentialJson(victim.Value), key: signer));

        Assert.Equal(VcJoseErrors.KeyMismatch, result.Error!.Code);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(W3cCheckKind.IssuerTrust));
    }

    [Fact]
    public async Task Verify_DidKidForAUrlIssuer_FailsWithKeyMismatch()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256, "did:example:123#key-1");

        var result = await Verifier(new StaticIssuerKeyResolver(key.PublicJwk)).VerifyCredentialAsync(Sign(CredentialJson(), key: key));

        Assert.Equal(VcJoseErrors.KeyMismatch, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_DidIssuerWithoutKid_FailsWithMissingKeyId()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var did = DidKey.Create(key);
        var payload = CredentialJson(did.Value);
        payload["iss"] = did.Value;

        var result = await Verifier(new DidIssuerKeyResolver(new DidResolver([DidKeyResolver.Instance]))).VerifyCredentialAsync(Sign(payload, key: key));

        Assert.Equal(VcJoseErrors.MissingKeyId, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_JtiOrSubConflictingWithTheCredential_FailsWithClaimConflict()
    {
        Assert.True((await Verifier().VerifyCredentialAsync(Sign(c =>
        {
            c["jti"] = "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33";
            c["sub"] = SubjectId;
        }))).IsValid);

        Assert.Equal(VcJoseErrors.ClaimConflict, (await Verifier().VerifyCredentialAsync(Sign(c => c["jti"] = "urn:uuid:other"))).Error!.Code);
        Assert.Equal(VcJoseErrors.ClaimConflict, (await Verifier().VerifyCredentialAsync(Sign(c => c["sub"] = "did:example:someone-else"))).Error!.Code);
        Assert.Equal(VcJoseErrors.InvalidClaim, (await Verifier().VerifyCredentialAsync(Sign(c => c["jti"] = 5))).Error!.Code);
    }

    [Fact]
    public async Task Verify_ExpPassed_FailsWithExpiredAtValidityPeriod()
    {
        var result = await Verifier().VerifyCredentialAsync(Sign(c => c["exp"] = s_now.AddMinutes(-2).ToUnixTimeSeconds()));

        Assert.Equal(VcJoseErrors.Expired, result.Error!.Code);
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(W3cCheckKind.DataModel));
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(W3cCheckKind.ValidityPeriod));
    }

    [Fact]
    public async Task Verify_ExpWithinTheSkew_Succeeds()
        => Assert.True((await Verifier().VerifyCredentialAsync(Sign(c => c["exp"] = s_now.AddSeconds(-30).ToUnixTimeSeconds()))).IsValid);

    [Fact]
    public async Task Verify_NbfInTheFuture_FailsWithNotYetValid()
        => Assert.Equal(VcJoseErrors.NotYetValid, (await Verifier().VerifyCredentialAsync(Sign(c => c["nbf"] = s_now.AddHours(1).ToUnixTimeSeconds()))).Error!.Code);

    [Theory]
    [InlineData("exp")]
    [InlineData("nbf")]
    public async Task Verify_TimeClaimNotANumericDate_FailsWithInvalidClaim(string claim)
        => Assert.Equal(VcJoseErrors.InvalidClaim, (await Verifier().VerifyCredentialAsync(Sign(c => c[claim] = "2030-01-01T00:00:00Z"))).Error!.Code);

    [Fact]
    public async Task Verify_IatOfAnyForm_IsNotEvaluated()
    {
        // Section 3.1.3: iat is when the signature was made; the W3C test suite's tokens carry it as a string.
        Assert.True((await Verifier().VerifyCredentialAsync(Sign(c => c["iat"] = "2010-01-01T19:23:24Z"))).IsValid);
        Assert.True((await Verifier().VerifyCredentialAsync(Sign(c => c["iat"] = s_now.AddYears(1).ToUnixTimeSeconds()))).IsValid);
    }

    [Fact]
    public async Task Verify_ValidUntilPassed_FailsWithExpired()
    {
        _clock.SetUtcNow(new DateTimeOffset(2035, 4, 1, 0, 0, 0, TimeSpan.Zero));

        var result = await Verifier().VerifyCredentialAsync(Sign(CredentialJson()));

        Assert.Equal(VcErrors.Expired, result.Error!.Code);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(W3cCheckKind.ValidityPeriod));
        Assert.Equal(CheckOutcome.NotReached, result.OutcomeOf(W3cCheckKind.Status));
    }

    [Fact]
    public async Task Verify_ValidFromInTheFuture_FailsWithNotYetValid()
    {
        _clock = TestClock.At(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(VcErrors.NotYetValid, (await Verifier().VerifyCredentialAsync(Sign(CredentialJson()))).Error!.Code);
    }

    [Fact]
    public async Task Verify_SignedPayloadThatIsNotAConformingCredential_FailsAtDataModel()
    {
        var result = await Verifier().VerifyCredentialAsync(Sign(c => c.Remove("credentialSubject")));

        Assert.Equal(VcErrors.MissingSubject, result.Error!.Code);
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(W3cCheckKind.Proof));
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(W3cCheckKind.DataModel));
    }

    [Fact]
    public async Task Verify_UnknownClaimsAndHeaderParameters_AreIgnored()
    {
        var payload = CredentialJson();
        payload["badExtension"] = new JsonObject { ["huh"] = "what?" };
        var token = JwsWriter.SignCompact(_key, Encoding.UTF8.GetBytes(payload.ToJsonString()), "vc+jwt", new Dictionary<string, JsonNode?> { ["x-vendor"] = "v", ["cty"] = "vc" });

        var result = await Verifier().VerifyCredentialAsync(token);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.True(result.Value.Credential.TryGetMember("badExtension", out _));
    }

    [Fact]
    public async Task Verify_CredentialWithStatus_ReportsStatusNotChecked()
    {
        var result = await Verifier().VerifyCredentialAsync(Sign(c => c["credentialStatus"] = JsonNode.Parse("""{"type": "BitstringStatusListEntry", "statusPurpose": "revocation", "statusListIndex": "1", "statusListCredential": "https://exam.example.jp/status/1"}""")));

        Assert.True(result.IsValid);
        Assert.Equal(CheckOutcome.NotChecked, result.OutcomeOf(W3cCheckKind.Status));
        Assert.Single(result.Value.Credential.CredentialStatus);
    }

    [Fact]
    public async Task Verify_TokenLongerThanTheLimit_FailsWithTooLarge()
    {
        var result = await Verifier(options: new VcJwtVerifierOptions { Jws = new JwsReaderOptions { MaxTokenLength = 100 } }).VerifyCredentialAsync(Sign(CredentialJson()));

        Assert.Equal(JoseErrors.TooLarge, result.Error!.Code);
    }

    [Fact]
    public void Constructor_InvalidOptions_Throw()
    {
        var keys = new StaticIssuerKeyResolver(_key.PublicJwk);
        Assert.Throws<ArgumentException>(() => new VcJwtVerifier(keys, new VcJwtVerifierOptions { ClockSkew = TimeSpan.FromSeconds(-1) }));
        Assert.Throws<ArgumentException>(() => new VcJwtVerifier(keys, new VcJwtVerifierOptions { ClockSkew = TimeSpan.FromDays(2) }));
        Assert.Throws<ArgumentException>(() => new VcJwtVerifier(keys, new VcJwtVerifierOptions { AllowedAlgorithms = [] }));
        Assert.Throws<ArgumentException>(() => new VcJwtVerifier(keys, new VcJwtVerifierOptions { DataModel = null! }));
    }

    internal static string Base64UrlOf(string text) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    private sealed class CountingResolver(IIssuerKeyResolver inner) : IIssuerKeyResolver
    {
        public int Calls { get; private set; }

        public ValueTask<VerificationResult<VerificationKey>> ResolveAsync(IssuerKeyRequest request, CancellationToken cancellationToken = default)
        {
            Calls++;
            return inner.ResolveAsync(request, cancellationToken);
        }
    }
}
