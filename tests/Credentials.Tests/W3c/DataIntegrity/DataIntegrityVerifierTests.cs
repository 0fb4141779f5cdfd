using System;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Keys;
using Credentials.W3c.DataIntegrity;
using Xunit;
using static Credentials.Tests.W3c.DataIntegrity.DiTestSupport;

namespace Credentials.Tests.W3c.DataIntegrity;

public class DataIntegrityVerifierTests
{
    private static async Task<ErrorCode?> FailureAsync(JsonNode document, ProofRequirement? requirement = null, DataIntegrityVerifierOptions? options = null, IDidResolver? resolver = null)
    {
        var result = await VerifyAsync(document, requirement, options, resolver);
        Assert.False(result.IsValid);
        return result.Error.Code;
    }

    private static async Task<JsonObject> SignedAsync(Func<DataIntegrityProofOptions, DataIntegrityProofOptions>? configure = null, Cryptosuite? suite = null)
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        return await SignAsync(key, suite ?? Cryptosuite.EddsaJcs2022, configure: configure);
    }

    private static JsonObject Proof(JsonObject secured) => secured["proof"]!.AsObject();

    [Fact]
    public async Task VerifyAsync_NotAnObject_InvalidDocument()
    {
        Assert.Equal(DataIntegrityErrors.InvalidDocument, await FailureAsync(new JsonArray()));
    }

    [Fact]
    public async Task VerifyAsync_NoProof_MissingProof()
    {
        Assert.Equal(DataIntegrityErrors.MissingProof, await FailureAsync(Credential()));
    }

    [Fact]
    public async Task VerifyAsync_EmptyProofSet_MissingProof()
    {
        var document = Credential();
        document["proof"] = new JsonArray();

        Assert.Equal(DataIntegrityErrors.MissingProof, await FailureAsync(document));
    }

    [Theory]
    [InlineData("type")]
    [InlineData("verificationMethod")]
    [InlineData("proofPurpose")]
    [InlineData("proofValue")]
    public async Task VerifyAsync_RequiredProofMemberMissing_InvalidProof(string member)
    {
        var secured = await SignedAsync();
        Proof(secured).Remove(member);

        Assert.Equal(DataIntegrityErrors.InvalidProof, await FailureAsync(secured));
    }

    [Theory]
    [InlineData("created", "2026-02-30T00:00:00Z")]
    [InlineData("created", "yesterday")]
    [InlineData("expires", "2026-04-01 09:00:00Z")]
    [InlineData("verificationMethod", "no-scheme")]
    [InlineData("id", "not a url")]
    public async Task VerifyAsync_ProofMemberMalformed_InvalidProof(string member, string value)
    {
        var secured = await SignedAsync();
        Proof(secured)[member] = value;

        Assert.Equal(DataIntegrityErrors.InvalidProof, await FailureAsync(secured));
    }

    [Fact]
    public async Task VerifyAsync_DomainNotStrings_InvalidProof()
    {
        var secured = await SignedAsync();
        Proof(secured)["domain"] = new JsonArray(1, 2);

        Assert.Equal(DataIntegrityErrors.InvalidProof, await FailureAsync(secured));
    }

    [Fact]
    public async Task VerifyAsync_ProofNotAnObject_InvalidProofAtItsIndex()
    {
        var secured = await SignedAsync();
        secured["proof"] = new JsonArray(Proof(secured).DeepClone(), "x");

        var result = await VerifyAsync(secured);

        Assert.Equal(DataIntegrityErrors.InvalidProof, result.Error?.Code);
        Assert.Equal(ClaimPath.Create("proof", 1), result.Error?.Path);
    }

    [Fact]
    public async Task VerifyAsync_TwoProofsWithOneId_InvalidProof()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var once = await SignAsync(key, Cryptosuite.EddsaJcs2022, configure: o => o with { Id = "urn:uuid:same" });
        var twice = await SignAsync(key, Cryptosuite.EddsaJcs2022, once, o => o with { Id = "urn:uuid:same" });

        Assert.Equal(DataIntegrityErrors.InvalidProof, await FailureAsync(twice));
    }

    [Fact]
    public async Task VerifyAsync_MoreProofsThanLimit_TooManyProofs()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var secured = await SignAsync(key, Cryptosuite.EddsaJcs2022);
        secured = await SignAsync(key, Cryptosuite.EddsaJcs2022, secured);
        secured = await SignAsync(key, Cryptosuite.EddsaJcs2022, secured);

        Assert.Equal(DataIntegrityErrors.TooManyProofs, await FailureAsync(secured, options: new DataIntegrityVerifierOptions { MaxProofs = 2 }));
        Assert.True((await VerifyAsync(secured, options: new DataIntegrityVerifierOptions { MaxProofs = 3 })).IsValid);
    }

    [Fact]
    public async Task VerifyAsync_OtherProofType_UnsupportedProofType()
    {
        var secured = await SignedAsync();
        Proof(secured)["type"] = "Ed25519Signature2020";

        Assert.Equal(DataIntegrityErrors.UnsupportedProofType, await FailureAsync(secured));
    }

    [Theory]
    [InlineData("bbs-2023")]
    [InlineData("EDDSA-JCS-2022")]
    public async Task VerifyAsync_UnknownCryptosuite_UnsupportedCryptosuite(string name)
    {
        var secured = await SignedAsync();
        Proof(secured)["cryptosuite"] = name;

        Assert.Equal(DataIntegrityErrors.UnsupportedCryptosuite, await FailureAsync(secured));
    }

    [Fact]
    public async Task VerifyAsync_NoCryptosuite_UnsupportedCryptosuite()
    {
        var secured = await SignedAsync();
        Proof(secured).Remove("cryptosuite");

        Assert.Equal(DataIntegrityErrors.UnsupportedCryptosuite, await FailureAsync(secured));
    }

    [Fact]
    public async Task VerifyAsync_SuiteNotOnAllowList_UnsupportedCryptosuite()
    {
        var secured = await SignedAsync();
        var options = new DataIntegrityVerifierOptions { AllowedCryptosuites = [Cryptosuite.EcdsaJcs2019] };

        Assert.Equal(DataIntegrityErrors.UnsupportedCryptosuite, await FailureAsync(secured, options: options));
    }

    [Fact]
    public async Task VerifyAsync_AuthenticationProofWhereAssertionExpected_ProofPurposeMismatch()
    {
        var secured = await SignedAsync(o => o with { ProofPurpose = ProofPurposes.Authentication, Challenge = "c" });

        Assert.Equal(DataIntegrityErrors.ProofPurposeMismatch, await FailureAsync(secured));
    }

    [Fact]
    public async Task VerifyAsync_AssertionProofWhereAuthenticationExpected_ProofPurposeMismatch()
    {
        var secured = await SignedAsync();

        Assert.Equal(DataIntegrityErrors.ProofPurposeMismatch, await FailureAsync(secured, ProofRequirement.Authentication("c")));
    }

    [Fact]
    public async Task VerifyAsync_PresentationWithChallengeAndDomain_Valid()
    {
        var secured = await SignedAsync(o => o with { ProofPurpose = ProofPurposes.Authentication, Challenge = "c-1", Domain = ["b.example", "a.example"] });

        var result = await VerifyAsync(secured, ProofRequirement.Authentication("c-1", "a.example", "b.example"));

        Assert.True(result.IsValid, result.Error?.ToString());
    }

    [Theory]
    [InlineData("c-2")]
    [InlineData("")]
    public async Task VerifyAsync_OtherChallenge_ChallengeMismatch(string proofChallenge)
    {
        var secured = await SignedAsync(o => o with { ProofPurpose = ProofPurposes.Authentication, Challenge = proofChallenge });

        Assert.Equal(DataIntegrityErrors.ChallengeMismatch, await FailureAsync(secured, ProofRequirement.Authentication("c-1")));
    }

    [Fact]
    public async Task VerifyAsync_NoChallengeInProof_ChallengeMismatch()
    {
        var secured = await SignedAsync(o => o with { ProofPurpose = ProofPurposes.Authentication });

        Assert.Equal(DataIntegrityErrors.ChallengeMismatch, await FailureAsync(secured, ProofRequirement.Authentication("c-1")));
    }

    [Theory]
    [InlineData("a.example")]
    [InlineData("a.example", "b.example", "c.example")]
    public async Task VerifyAsync_OtherDomainSet_DomainMismatch(params string[] proofDomain)
    {
        var secured = await SignedAsync(o => o with { ProofPurpose = ProofPurposes.Authentication, Challenge = "c", Domain = proofDomain });

        Assert.Equal(DataIntegrityErrors.DomainMismatch, await FailureAsync(secured, ProofRequirement.Authentication("c", "a.example", "b.example")));
    }

    [Fact]
    public async Task VerifyAsync_ProofSetWithProofsOverDifferentContexts_BothValid()
    {
        // The proofs of a set share the canonical document only when they hash the same one: a JCS proof made after
        // the document gained a context hashes it with the longer @context.
        using var first = SigningKey.Create(JwsAlgorithm.EdDsa);
        using var second = SigningKey.Create(JwsAlgorithm.Es256);
        var once = await SignAsync(first, Cryptosuite.EddsaJcs2022);
        once["@context"]!.AsArray().Add("https://w3id.org/security/data-integrity/v2");
        var twice = await SignAsync(second, Cryptosuite.EcdsaJcs2019, once);

        var result = await VerifyAsync(twice);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(2, result.Value.Proofs.Count);
        Assert.Equal(3, twice["proof"]![1]!["@context"]!.AsArray().Count);
    }

    [Fact]
    public async Task VerifyAsync_ProofSetOverTamperedDocument_FailsAtFirstProof()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var twice = await SignAsync(key, Cryptosuite.EddsaRdfc2022, await SignAsync(key, Cryptosuite.EddsaRdfc2022));
        twice["validFrom"] = "2026-01-02T00:00:00Z";

        var result = await VerifyAsync(twice);

        Assert.Equal(DataIntegrityErrors.InvalidSignature, result.Error?.Code);
        Assert.Equal(ClaimPath.Create("proof", 0), result.Error?.Path);
    }

    [Fact]
    public async Task VerifyAsync_PreviousProofNamesNoProof_PreviousProofNotFound()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var once = await SignAsync(key, Cryptosuite.EddsaJcs2022, configure: o => o with { Id = "urn:uuid:first" });
        var chained = await SignAsync(key, Cryptosuite.EddsaJcs2022, once, o => o with { PreviousProof = ["urn:uuid:first"] });

        // Drop the proof the chain names: what remains cannot be verified as a chain.
        chained["proof"]!.AsArray().RemoveAt(0);

        var result = await VerifyAsync(chained);
        Assert.Equal(DataIntegrityErrors.PreviousProofNotFound, result.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_EarlierProofOfChainTampered_BothProofsFail()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var once = await SignAsync(key, Cryptosuite.EddsaJcs2022, configure: o => o with { Id = "urn:uuid:first" });
        var chained = await SignAsync(key, Cryptosuite.EddsaJcs2022, once, o => o with { PreviousProof = ["urn:uuid:first"] });

        // The first proof is replaced by a valid proof over the same document made later: the chain no longer holds.
        var other = await SignAsync(key, Cryptosuite.EddsaJcs2022, configure: o => o with { Id = "urn:uuid:first", Created = Now.AddMinutes(-1) });
        chained["proof"]![0] = other["proof"]!.DeepClone();

        var result = await VerifyAsync(chained);
        Assert.Equal(DataIntegrityErrors.InvalidSignature, result.Error?.Code);
        Assert.Equal(ClaimPath.Create("proof", 1), result.Error?.Path);
    }

    [Fact]
    public async Task VerifyAsync_ChainedProofMovedOutOfChain_InvalidSignature()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var once = await SignAsync(key, Cryptosuite.EddsaJcs2022, configure: o => o with { Id = "urn:uuid:first" });
        var chained = await SignAsync(key, Cryptosuite.EddsaJcs2022, once, o => o with { PreviousProof = ["urn:uuid:first"] });
        chained["proof"]![1]!.AsObject().Remove("previousProof");

        Assert.Equal(DataIntegrityErrors.InvalidSignature, await FailureAsync(chained));
    }

    [Theory]
    [InlineData("https://issuer.example/keys#1")]
    [InlineData("did:example:123#key-1")]
    public async Task VerifyAsync_VerificationMethodNotResolvable_VerificationMethodUnresolved(string verificationMethod)
    {
        var secured = await SignedAsync();
        Proof(secured)["verificationMethod"] = verificationMethod;

        Assert.Equal(DataIntegrityErrors.VerificationMethodUnresolved, await FailureAsync(secured));
    }

    [Fact]
    public async Task VerifyAsync_MethodOfTheDidButOtherFragment_VerificationMethodUnresolved()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var secured = await SignAsync(key, Cryptosuite.EddsaJcs2022);
        Proof(secured)["verificationMethod"] = VerificationMethod(key) + "x";

        Assert.Equal(DataIntegrityErrors.VerificationMethodUnresolved, await FailureAsync(secured));
    }

    [Fact]
    public async Task VerifyAsync_KeyNotUnderPurposeRelationship_VerificationMethodNotAuthorized()
    {
        // did:key lists its Ed25519 key under assertionMethod and authentication, never under keyAgreement.
        var secured = await SignedAsync(o => o with { ProofPurpose = ProofPurposes.KeyAgreement });

        Assert.Equal(DataIntegrityErrors.VerificationMethodNotAuthorized, await FailureAsync(secured, new ProofRequirement(ProofPurposes.KeyAgreement)));
    }

    [Fact]
    public async Task VerifyAsync_MethodOnlyUnderAuthentication_NotAuthorizedForAssertion()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var did = Did.Parse("did:example:holder");
        var method = Credentials.Dids.VerificationMethod.CreateMultikey("did:example:holder#k1", did, key.PublicJwk);
        var document = new DidDocument { Id = did.Value, VerificationMethod = [method], Authentication = Refs(method.Id) };
        var resolver = new StaticDidResolver(document);
        var secured = await new DataIntegrityIssuer(key, method.Id).AddProofAsync(Credential(), new DataIntegrityProofOptions { Cryptosuite = Cryptosuite.EddsaJcs2022, Created = Now });

        Assert.Equal(DataIntegrityErrors.VerificationMethodNotAuthorized, await FailureAsync(secured, resolver: resolver));
    }

    [Fact]
    public async Task VerifyAsync_MethodControlledByAnotherDid_ControllerMismatch()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var did = Did.Parse("did:example:issuer");
        var method = Credentials.Dids.VerificationMethod.CreateMultikey("did:example:issuer#k1", Did.Parse("did:example:someone-else"), key.PublicJwk);
        var document = new DidDocument { Id = did.Value, VerificationMethod = [method], AssertionMethod = Refs(method.Id) };
        var secured = await new DataIntegrityIssuer(key, method.Id).AddProofAsync(Credential(), new DataIntegrityProofOptions { Cryptosuite = Cryptosuite.EddsaJcs2022, Created = Now });

        Assert.Equal(DataIntegrityErrors.ControllerMismatch, await FailureAsync(secured, resolver: new StaticDidResolver(document)));
    }

    [Theory]
    [InlineData("EdDSA")]
    [InlineData("ES256")]
    [InlineData("ES384")]
    public async Task VerifyAsync_JsonWebKeyMethod_Valid(string algorithmName)
    {
        JwsAlgorithm.TryGet(algorithmName, out var algorithm);
        using var key = SigningKey.Create(algorithm!);
        var did = Did.Parse("did:example:issuer");
        var method = Credentials.Dids.VerificationMethod.CreateJsonWebKey("did:example:issuer#jwk", did, key.PublicJwk);
        var document = new DidDocument { Id = did.Value, VerificationMethod = [method], AssertionMethod = Refs("#jwk") };
        var suite = algorithm!.Name == "EdDSA" ? Cryptosuite.EddsaJcs2022 : Cryptosuite.EcdsaJcs2019;
        var secured = await new DataIntegrityIssuer(key, method.Id).AddProofAsync(Credential(), new DataIntegrityProofOptions { Cryptosuite = suite, Created = Now });

        var result = await VerifyAsync(secured, resolver: new StaticDidResolver(document));

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(VerificationMethodTypes.JsonWebKey, result.Value.Proofs[0].VerificationMethod!.Method.Type);
    }

    [Theory]
    [InlineData("z6Mk\u00e9")]
    [InlineData("z6Mk\u00ff1")]
    [InlineData("z\ud83d\ude00")]
    [InlineData("zzzzzzzz0")]
    public async Task VerifyAsync_PublicKeyMultibaseNotBase58_VerificationMethodUnresolved(string multibase)
    {
        // A DID document from the network may hold anything in publicKeyMultibase: refused, never thrown.
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var did = Did.Parse("did:example:issuer");
        var method = new Credentials.Dids.VerificationMethod { Id = "did:example:issuer#k1", Type = VerificationMethodTypes.Multikey, Controller = did.Value, PublicKeyMultibase = multibase };
        var document = new DidDocument { Id = did.Value, VerificationMethod = [method], AssertionMethod = Refs(method.Id) };
        var secured = await new DataIntegrityIssuer(key, method.Id).AddProofAsync(Credential(), new DataIntegrityProofOptions { Cryptosuite = Cryptosuite.EddsaJcs2022, Created = Now });

        Assert.Equal(DataIntegrityErrors.VerificationMethodUnresolved, await FailureAsync(secured, resolver: new StaticDidResolver(document)));
    }

    [Fact]
    public async Task VerifyAsync_EcdsaKeyUnderEddsaSuite_KeyTypeMismatch()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        var secured = await SignAsync(key, Cryptosuite.EcdsaJcs2019);
        Proof(secured)["cryptosuite"] = "eddsa-jcs-2022";

        Assert.Equal(DataIntegrityErrors.KeyTypeMismatch, await FailureAsync(secured));
    }

    [Theory]
    [InlineData("not-multibase")]
    [InlineData("uAAAA")]
    [InlineData("z111")]
    [InlineData("z0OIl")]
    public async Task VerifyAsync_ProofValueNotBase58Signature_InvalidProofValue(string proofValue)
    {
        var secured = await SignedAsync();
        Proof(secured)["proofValue"] = proofValue;

        Assert.Equal(DataIntegrityErrors.InvalidProofValue, await FailureAsync(secured));
    }

    [Fact]
    public async Task VerifyAsync_SignatureOfAnotherDocument_InvalidSignature()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var secured = await SignAsync(key, Cryptosuite.EddsaJcs2022);
        var otherDocument = Credential();
        otherDocument["validFrom"] = "2026-01-02T00:00:00Z";
        var other = await SignAsync(key, Cryptosuite.EddsaJcs2022, otherDocument);
        Proof(secured)["proofValue"] = Proof(other)["proofValue"]!.DeepClone();

        Assert.Equal(DataIntegrityErrors.InvalidSignature, await FailureAsync(secured));
    }

    [Fact]
    public async Task VerifyAsync_ExtraMemberAddedToProof_InvalidSignature()
    {
        var secured = await SignedAsync();
        Proof(secured)["nonce"] = "added later";

        Assert.Equal(DataIntegrityErrors.InvalidSignature, await FailureAsync(secured));
    }

    [Fact]
    public async Task VerifyAsync_MemberReorderedAndWhitespace_StillValid()
    {
        var secured = await SignedAsync();
        var reordered = new JsonObject();
        foreach (var member in System.Linq.Enumerable.ToArray(secured))
        {
            reordered.Insert(0, member.Key, member.Value?.DeepClone());
        }

        var result = await Verifier().VerifyAsync(Element(reordered.ToJsonString(new JsonSerializerOptions { WriteIndented = true })), ProofRequirement.AssertionMethod);

        Assert.True(result.IsValid, result.Error?.ToString());
    }

    [Fact]
    public async Task VerifyAsync_Expired_ProofExpired()
    {
        var secured = await SignedAsync(o => o with { Expires = Now.AddMinutes(-2) });

        Assert.Equal(DataIntegrityErrors.ProofExpired, await FailureAsync(secured));
    }

    [Fact]
    public async Task VerifyAsync_ExpiresWithinSkew_Valid()
    {
        var secured = await SignedAsync(o => o with { Expires = Now.AddSeconds(-30) });

        Assert.True((await VerifyAsync(secured)).IsValid);
    }

    [Fact]
    public async Task VerifyAsync_CreatedInTheFuture_ProofNotYetValid()
    {
        var secured = await SignedAsync(o => o with { Created = Now.AddMinutes(5) });

        Assert.Equal(DataIntegrityErrors.ProofNotYetValid, await FailureAsync(secured));
    }

    [Fact]
    public async Task VerifyAsync_TamperedAndExpired_SignatureReportedFirst()
    {
        var secured = await SignedAsync(o => o with { Expires = Now.AddDays(-1) });
        secured["validFrom"] = "2020-01-01T00:00:00Z";

        Assert.Equal(DataIntegrityErrors.InvalidSignature, await FailureAsync(secured));
    }

    [Fact]
    public async Task VerifyAsync_DuplicateMemberInLenientElement_InvalidDocument()
    {
        var secured = await SignedAsync();
        var json = secured.ToJsonString();
        var duplicated = "{\"validFrom\":\"1999-01-01T00:00:00Z\"," + json[1..];
        using var lenient = JsonDocument.Parse(duplicated);

        var result = await Verifier().VerifyAsync(lenient.RootElement, ProofRequirement.AssertionMethod);

        Assert.Equal(DataIntegrityErrors.InvalidDocument, result.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_LoneSurrogate_InvalidDocument()
    {
        var secured = await SignedAsync();
        var json = secured.ToJsonString().Replace("\"validFrom\"", "\"x\":\"\\ud800\",\"validFrom\"", StringComparison.Ordinal);
        using var lenient = JsonDocument.Parse(json);

        var result = await Verifier().VerifyAsync(lenient.RootElement, ProofRequirement.AssertionMethod);

        Assert.Equal(DataIntegrityErrors.InvalidDocument, result.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_DeeperThanLimit_InvalidDocument()
    {
        var secured = await SignedAsync();
        // The proof's @context array is three levels down.
        Assert.Equal(DataIntegrityErrors.InvalidDocument, await FailureAsync(secured, options: new DataIntegrityVerifierOptions { MaxDepth = 2 }));
        Assert.True((await VerifyAsync(secured, options: new DataIntegrityVerifierOptions { MaxDepth = 3 })).IsValid);
    }

    [Fact]
    public async Task VerifyAsync_NumberBeyondDouble_TransformationFailed()
    {
        var secured = await SignedAsync();
        var json = secured.ToJsonString().Replace("3.75", "1e400", StringComparison.Ordinal);

        var result = await Verifier().VerifyAsync(Element(json), ProofRequirement.AssertionMethod);

        Assert.Equal(DataIntegrityErrors.TransformationFailed, result.Error?.Code);
        Assert.Equal(Credentials.W3c.Jcs.JcsErrors.NumberOutOfRange, result.Error?.Inner?.Code);
    }

    [Fact]
    public async Task VerifyAsync_ValidResult_ReturnsDocumentAndProof()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var secured = await SignAsync(key, Cryptosuite.EddsaJcs2022);

        var result = await VerifyAsync(secured);

        Assert.True(result.IsValid);
        Assert.Equal("did:example:subject", result.Value.Document.GetProperty("credentialSubject").GetProperty("id").GetString());
        var proof = Assert.Single(result.Value.Proofs);
        Assert.Equal(Now, proof.Proof.Created);
        Assert.Equal(key.PublicJwk.X, proof.VerificationMethod!.PublicKey.X);
    }

    [Fact]
    public async Task VerifyAsync_KeyRotatedUnderSameMethodId_OldSignaturesFail()
    {
        // Keys are cached by content, never by method id: a rotated key is used as soon as the DID document changes.
        using var oldKey = SigningKey.Create(JwsAlgorithm.EdDsa);
        using var newKey = SigningKey.Create(JwsAlgorithm.EdDsa);
        var did = Did.Parse("did:example:issuer");
        DidDocument Document(SigningKey key)
        {
            var method = Credentials.Dids.VerificationMethod.CreateMultikey("did:example:issuer#k1", did, key.PublicJwk);
            return new DidDocument { Id = did.Value, VerificationMethod = [method], AssertionMethod = Refs(method.Id) };
        }

        var resolver = new SwappableDidResolver { Document = Document(oldKey) };
        var verifier = Verifier(resolver: resolver);
        var options = new DataIntegrityProofOptions { Cryptosuite = Cryptosuite.EddsaJcs2022, Created = Now };
        var signedOld = Element(await new DataIntegrityIssuer(oldKey, "did:example:issuer#k1").AddProofAsync(Credential(), options));
        var signedNew = Element(await new DataIntegrityIssuer(newKey, "did:example:issuer#k1").AddProofAsync(Credential(), options));

        Assert.True((await verifier.VerifyAsync(signedOld, ProofRequirement.AssertionMethod)).IsValid);
        Assert.True((await verifier.VerifyAsync(signedOld, ProofRequirement.AssertionMethod)).IsValid);
        resolver.Document = Document(newKey);

        Assert.Equal(DataIntegrityErrors.InvalidSignature, (await verifier.VerifyAsync(signedOld, ProofRequirement.AssertionMethod)).Error?.Code);
        Assert.True((await verifier.VerifyAsync(signedNew, ProofRequirement.AssertionMethod)).IsValid);
    }

    private sealed class SwappableDidResolver : IDidResolver
    {
        public DidDocument Document { get; set; } = null!;

        public ValueTask<VerificationResult<DidDocument>> ResolveAsync(Did did, System.Threading.CancellationToken cancellationToken = default)
            => ValueTask.FromResult(VerificationResult<DidDocument>.Success(Document));
    }

    [Fact]
    public void Constructor_NoSuiteAllowed_Throws()
    {
        Assert.Throws<ArgumentException>(() => new DataIntegrityVerifier(DidResolver.CreateDefault(), new DataIntegrityVerifierOptions { AllowedCryptosuites = [] }));
    }
}
