using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Keys;
using Credentials.Testing;
using Credentials.W3c;
using Credentials.W3c.DataIntegrity;
using Xunit;

namespace Credentials.Tests.W3c.DataIntegrity;

/// <summary>
/// Controlled Identifiers 1.0 section 3.3 for verification methods that are not DID URLs (Open Badges 3.0 signs with
/// <c>https://…/issuers/1#key</c>): the resolver seam of <see cref="DataIntegrityVerifier"/> and its static implementation.
/// </summary>
public sealed class VerificationMethodResolverTests : IDisposable
{
    private const string IssuerId = "https://badges.example.jp/issuers/1";
    private const string MethodId = IssuerId + "#key-1";
    private readonly SigningKey _key = SigningKey.Create(JwsAlgorithm.EdDsa);

    public void Dispose() => _key.Dispose();

    private VerificationMethod Method(string id = MethodId, string? controller = null, SigningKey? key = null) => new()
    {
        Id = id,
        Type = VerificationMethodTypes.Multikey,
        Controller = controller ?? StaticVerificationMethodResolver.ControllerDocumentUrl(id),
        PublicKeyMultibase = MultikeyCodec.Encode((key ?? _key).PublicJwk),
    };

    private static JsonObject Badge(string issuer = IssuerId) => JsonNode.Parse($$"""
        {
          "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
          "id": "urn:uuid:a63a60be-f4af-491c-87fc-2c8fd3007a58",
          "type": ["VerifiableCredential", "OpenBadgeCredential"],
          "issuer": {"id": "{{issuer}}", "type": ["Profile"], "name": "情報処理技術者試験センター"},
          "validFrom": "2026-01-01T00:00:00Z",
          "name": "基本情報技術者",
          "credentialSubject": {
            "id": "did:example:ebfeb1f712ebc6f1c276e12ec21",
            "type": ["AchievementSubject"],
            "achievement": {"id": "https://badges.example.jp/achievements/fe", "type": ["Achievement"], "criteria": {"narrative": "試験に合格すること。"}, "description": "合格者。", "name": "基本情報技術者"}
          }
        }
        """)!.AsObject();

    private async Task<JsonElement> SignAsync(JsonObject badge, string methodId = MethodId, string purpose = ProofPurposes.AssertionMethod, string? challenge = null)
    {
        var secured = await new DataIntegrityIssuer(_key, methodId).AddProofAsync(badge, new DataIntegrityProofOptions
        {
            Cryptosuite = Cryptosuite.EddsaRdfc2022,
            Created = DiTestSupport.Now,
            ProofPurpose = purpose,
            Challenge = challenge,
        });
        return JsonElement.Parse(secured.ToJsonString());
    }

    private static DataIntegrityVerifier Verifier(IVerificationMethodResolver? resolver)
        => new(new DidResolver([DidKeyResolver.Instance]), new DataIntegrityVerifierOptions { TimeProvider = TestClock.At(DiTestSupport.Now), VerificationMethods = resolver });

    [Fact]
    public async Task VerifyAsync_HttpsMethodConfigured_ValidWithControllerAndKey()
    {
        var result = await Verifier(new StaticVerificationMethodResolver([Method()])).VerifyAsync(await SignAsync(Badge()), ProofRequirement.AssertionMethod);

        Assert.True(result.IsValid, result.Error?.ToString());
        var proof = Assert.Single(result.Value.Proofs);
        Assert.Null(proof.VerificationMethod);
        Assert.Equal(IssuerId, proof.Controller);
        Assert.Equal(_key.PublicJwk.ComputeThumbprint(), proof.PublicKey.ComputeThumbprint());
    }

    [Fact]
    public async Task VerifyAsync_DidMethod_ControllerIsTheDid()
    {
        var did = DidKey.Create(_key);
        var result = await Verifier(null).VerifyAsync(await SignAsync(Badge(did.Value), DidKey.GetKeyId(did).Value), ProofRequirement.AssertionMethod);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(did.Value, Assert.Single(result.Value.Proofs).Controller);
        Assert.NotNull(result.Value.Proofs[0].VerificationMethod);
    }

    [Fact]
    public async Task VerifyAsync_NoResolver_VerificationMethodUnresolved()
    {
        var result = await Verifier(null).VerifyAsync(await SignAsync(Badge()), ProofRequirement.AssertionMethod);

        Assert.Equal(DataIntegrityErrors.VerificationMethodUnresolved, result.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_UnknownMethod_VerificationMethodUnresolved()
    {
        var resolver = new StaticVerificationMethodResolver([Method(IssuerId + "#key-2")]);

        var result = await Verifier(resolver).VerifyAsync(await SignAsync(Badge()), ProofRequirement.AssertionMethod);

        Assert.Equal(DataIntegrityErrors.VerificationMethodUnresolved, result.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_MethodOnlyForAssertion_AuthenticationNotAuthorized()
    {
        var signed = await SignAsync(Badge(), purpose: ProofPurposes.Authentication, challenge: "n-0S6_WzA2Mj");

        var refused = await Verifier(new StaticVerificationMethodResolver([Method()])).VerifyAsync(signed, ProofRequirement.Authentication("n-0S6_WzA2Mj"));
        var allowed = await Verifier(new StaticVerificationMethodResolver([Method()], VerificationRelationship.Authentication)).VerifyAsync(signed, ProofRequirement.Authentication("n-0S6_WzA2Mj"));

        Assert.Equal(DataIntegrityErrors.VerificationMethodNotAuthorized, refused.Error?.Code);
        Assert.True(allowed.IsValid, allowed.Error?.ToString());
    }

    [Fact]
    public async Task VerifyAsync_ResolverAnswersAnotherMethod_VerificationMethodUnresolved()
    {
        var result = await Verifier(new FixedResolver(Method(IssuerId + "#other"))).VerifyAsync(await SignAsync(Badge()), ProofRequirement.AssertionMethod);

        Assert.Equal(DataIntegrityErrors.VerificationMethodUnresolved, result.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_ResolverAnswersForeignController_ControllerMismatch()
    {
        var result = await Verifier(new FixedResolver(Method(controller: "https://evil.example/issuers/1"))).VerifyAsync(await SignAsync(Badge()), ProofRequirement.AssertionMethod);

        Assert.Equal(DataIntegrityErrors.ControllerMismatch, result.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_SameMethodTwice_BothValid()
    {
        var verifier = Verifier(new StaticVerificationMethodResolver([Method()]));
        var signed = await SignAsync(Badge());

        var first = await verifier.VerifyAsync(signed, ProofRequirement.AssertionMethod);
        var second = await verifier.VerifyAsync(signed, ProofRequirement.AssertionMethod);

        Assert.True(first.IsValid && second.IsValid);
        Assert.Equal(first.Value.Proofs[0].PublicKey, second.Value.Proofs[0].PublicKey);
    }

    [Fact]
    public async Task W3cCredentialVerifier_MethodOfAnotherIssuer_IssuerKeyMismatch()
    {
        // Signed by the key of issuer 1's document, for a badge that names issuer 2.
        var signed = await SignAsync(Badge("https://badges.example.jp/issuers/2"));
        var verifier = new W3cCredentialVerifier(new DidResolver([DidKeyResolver.Instance]), new W3cCredentialVerifierOptions
        {
            DataIntegrity = new DataIntegrityVerifierOptions { TimeProvider = TestClock.At(DiTestSupport.Now), VerificationMethods = new StaticVerificationMethodResolver([Method()]) },
            TimeProvider = TestClock.At(DiTestSupport.Now),
        });

        var result = await verifier.VerifyAsync(signed.GetRawText());

        Assert.Equal(VcErrors.IssuerKeyMismatch, result.Error?.Code);
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(W3cCheckKind.Proof));
    }

    [Fact]
    public async Task W3cCredentialVerifier_MethodOfTheIssuer_Valid()
    {
        var verifier = new W3cCredentialVerifier(new DidResolver([DidKeyResolver.Instance]), new W3cCredentialVerifierOptions
        {
            DataIntegrity = new DataIntegrityVerifierOptions { TimeProvider = TestClock.At(DiTestSupport.Now), VerificationMethods = new StaticVerificationMethodResolver([Method()]) },
            TimeProvider = TestClock.At(DiTestSupport.Now),
        });

        var result = await verifier.VerifyAsync((await SignAsync(Badge())).GetRawText());

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(MethodId, result.Value.VerificationMethod);
    }

    [Theory]
    [InlineData("did:example:issuer#key-1", null)]
    [InlineData("#key-1", null)]
    [InlineData("issuers/1#key-1", null)]
    [InlineData(MethodId, "https://badges.example.jp/issuers/2")]
    [InlineData(MethodId, IssuerId + "#key-1")]
    public void Constructor_BadMethod_Throws(string id, string? controller)
    {
        var method = new VerificationMethod { Id = id, Type = VerificationMethodTypes.Multikey, Controller = controller ?? StaticVerificationMethodResolver.ControllerDocumentUrl(id), PublicKeyMultibase = MultikeyCodec.Encode(_key.PublicJwk) };

        Assert.Throws<ArgumentException>(() => new StaticVerificationMethodResolver([method]));
    }

    [Fact]
    public void Constructor_RepeatedOrKeylessMethod_Throws()
    {
        Assert.Throws<ArgumentException>(() => new StaticVerificationMethodResolver([Method(), Method()]));
        Assert.Throws<ArgumentException>(() => new StaticVerificationMethodResolver([Method() with { PublicKeyMultibase = "zNotAKey" }]));
        Assert.Throws<ArgumentException>(() => new StaticVerificationMethodResolver([Method() with { Type = VerificationMethodTypes.JsonWebKey, PublicKeyMultibase = null, PublicKeyJwk = _key.ExportPrivateJwk() }]));
    }

    private sealed class FixedResolver(VerificationMethod method) : IVerificationMethodResolver
    {
        public ValueTask<VerificationResult<VerificationMethod>> ResolveAsync(string verificationMethodId, VerificationRelationship relationship, CancellationToken cancellationToken = default)
            => ValueTask.FromResult(VerificationResult<VerificationMethod>.Success(method));
    }
}
