using System;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Testing;
using Credentials.W3c;
using Credentials.W3c.DataIntegrity;
using Credentials.W3c.JsonLd;
using Xunit;
using V = Credentials.Conformance.Tests.OpenBadges.OpenBadgeProofVectors;

namespace Credentials.Conformance.Tests.OpenBadges;

/// <summary>
/// Open Badges 3.0 section 8.3 (Linked Data proof format, eddsa-rdfc-2022): the specification's signed examples, whose
/// verification methods are HTTPS URLs of the issuer with the Ed25519 Multikey as fragment, and the implementation
/// guide's step-by-step vector.
/// </summary>
public class OpenBadgeProofDataIntegrityTests
{
    private static readonly JsonLdProcessor JsonLd = new(PinnedJsonLdDocumentLoader.Default);

    [Theory]
    [MemberData(nameof(V.Examples), MemberType = typeof(V))]
    public async Task VerifyAsync_SpecExampleWithStaticResolver_Valid(string name)
    {
        var signed = V.Json(V.Signed + name + ".di.json");
        var method = V.MethodOf(V.VerificationMethodOf(signed));

        var result = await new DataIntegrityVerifier(DidResolver.CreateDefault(), V.DiOptions(method)).VerifyAsync(signed, ProofRequirement.AssertionMethod);

        Assert.True(result.IsValid, result.Error?.ToString());
        var proof = Assert.Single(result.Value.Proofs);
        Assert.Same(Cryptosuite.EddsaRdfc2022, proof.Cryptosuite);
        Assert.Null(proof.VerificationMethod);
        Assert.Equal(method.Controller, proof.Controller);
    }

    [Theory]
    [MemberData(nameof(V.Examples), MemberType = typeof(V))]
    public async Task W3cCredentialVerifier_SpecExampleWithStaticResolver_ValidAndControlledByIssuer(string name)
    {
        var signed = V.Json(V.Signed + name + ".di.json");
        var verifier = new W3cCredentialVerifier(DidResolver.CreateDefault(), new W3cCredentialVerifierOptions
        {
            DataIntegrity = V.DiOptions(V.MethodOf(V.VerificationMethodOf(signed))),
            TimeProvider = TestClock.At(V.Now),
        });

        var result = await verifier.VerifyAsync(signed.GetRawText());

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(W3cSecuringMechanisms.DataIntegrity("eddsa-rdfc-2022"), result.Value.SecuringMechanism);
        Assert.Equal(CheckOutcome.NotChecked, result.OutcomeOf(W3cCheckKind.IssuerTrust));
    }

    [Fact]
    public async Task VerifyAsync_NoResolverForHttpsMethod_VerificationMethodUnresolved()
    {
        var signed = V.Json(V.Signed + "basic-openbadgecredential.di.json");

        var result = await new DataIntegrityVerifier(DidResolver.CreateDefault(), new DataIntegrityVerifierOptions { TimeProvider = TestClock.At(V.Now) })
            .VerifyAsync(signed, ProofRequirement.AssertionMethod);

        Assert.Equal(DataIntegrityErrors.VerificationMethodUnresolved, result.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_ResolverHoldsAnotherKeyUnderTheId_InvalidSignature()
    {
        var signed = V.Json(V.Signed + "basic-openbadgecredential.di.json");
        var other = V.Json(V.Ldp + "keyPair.json").GetProperty("publicKeyMultibase").GetString();
        var method = V.MethodOf(V.VerificationMethodOf(signed), other);

        var result = await new DataIntegrityVerifier(DidResolver.CreateDefault(), V.DiOptions(method)).VerifyAsync(signed, ProofRequirement.AssertionMethod);

        Assert.Equal(DataIntegrityErrors.InvalidSignature, result.Error?.Code);
    }

    [Theory]
    [MemberData(nameof(V.Examples), MemberType = typeof(V))]
    public async Task VerifyAsync_TamperedName_InvalidSignature(string name)
    {
        var signed = V.Object(V.Signed + name + ".di.json");
        var method = V.MethodOf(V.VerificationMethodOf(V.Json(V.Signed + name + ".di.json")));
        signed["name"] = "Tampered";

        var result = await new DataIntegrityVerifier(DidResolver.CreateDefault(), V.DiOptions(method))
            .VerifyAsync(System.Text.Json.JsonElement.Parse(signed.ToJsonString()), ProofRequirement.AssertionMethod);

        Assert.Equal(DataIntegrityErrors.InvalidSignature, result.Error?.Code);
    }

    [Fact]
    public async Task LdpVector_UnsignedDocument_EqualsDocumentCanonAndDocHash()
    {
        var canonical = await RdfcTransform.CanonicalizeAsync(JsonLd, RdfcTransform.UnsecuredDocument(V.Json(V.Ldp + "unsigned.json"), []), HashAlgorithmName.SHA256, default);

        Assert.True(canonical.IsValid, canonical.Error?.ToString());
        Assert.Equal(V.Text(V.Ldp + "document-canon.txt"), canonical.Value.NQuads);
        Assert.Equal(Convert.FromHexString(V.Text(V.Ldp + "docHash.txt").Trim()), SHA256.HashData(canonical.Value.NQuadsUtf8));
    }

    [Fact]
    public async Task LdpVector_ProofConfig_EqualsProofCanonAndProofHash()
    {
        var configuration = RdfcTransform.ProofConfiguration(V.Json(V.Ldp + "unsigned.json"), V.Json(V.Ldp + "proofConfig.json"));

        var canonical = await RdfcTransform.CanonicalizeAsync(JsonLd, configuration, HashAlgorithmName.SHA256, default);

        Assert.True(canonical.IsValid, canonical.Error?.ToString());
        Assert.Equal(V.Text(V.Ldp + "proof-canon.txt"), canonical.Value.NQuads);
        Assert.Equal(Convert.FromHexString(V.Text(V.Ldp + "proofHash.txt").Trim()), SHA256.HashData(canonical.Value.NQuadsUtf8));
    }

    [Fact]
    public async Task LdpVector_HashData_EqualsCombinedHash()
    {
        var hashData = await ProofHashing.ComputeHashDataAsync(Cryptosuite.EddsaRdfc2022, HashAlgorithmName.SHA256, V.Json(V.Ldp + "unsigned.json"), V.Json(V.Ldp + "proofConfig.json"), [], null, JsonLd, null, default);

        Assert.True(hashData.IsValid, hashData.Error?.ToString());
        Assert.Equal(Convert.FromHexString(V.Text(V.Ldp + "combinedHash.txt").Trim()), hashData.Value);
    }

    [Fact]
    public void LdpVector_SignatureOverCombinedHash_EqualsSigHexAndProofValue()
    {
        using var key = V.LdpKey();

        // Ed25519 is deterministic: the guide's key makes exactly the guide's signature.
        var signature = key.Sign(Convert.FromHexString(V.Text(V.Ldp + "combinedHash.txt").Trim()));

        Assert.Equal(Convert.FromHexString(V.Text(V.Ldp + "sigHex.txt").Trim()), signature);
        Assert.Equal(V.Text(V.Ldp + "proofValue.txt").Trim(), Multibase.EncodeBase58Btc(signature));
    }

    [Fact]
    public async Task LdpVector_AddProofAsync_ReproducesSignedDocument()
    {
        using var key = V.LdpKey();
        var pair = V.Json(V.Ldp + "keyPair.json");
        var issuer = new DataIntegrityIssuer(key, pair.GetProperty("id").GetString()!);

        var secured = await issuer.AddProofAsync(V.Object(V.Ldp + "unsigned.json"), new DataIntegrityProofOptions
        {
            Cryptosuite = Cryptosuite.EddsaRdfc2022,
            Created = new DateTimeOffset(2010, 1, 1, 19, 23, 24, TimeSpan.Zero),
        });

        Assert.True(JsonNode.DeepEquals(V.Object(V.Ldp + "signed.json"), secured), secured.ToJsonString());
    }

    [Fact]
    public async Task LdpVector_SignedDocument_VerifiesWithStaticResolver()
    {
        var pair = V.Json(V.Ldp + "keyPair.json");
        var method = V.MethodOf(pair.GetProperty("id").GetString()!, pair.GetProperty("publicKeyMultibase").GetString());

        var result = await new DataIntegrityVerifier(DidResolver.CreateDefault(), V.DiOptions(method)).VerifyAsync(V.Json(V.Ldp + "signed.json"), ProofRequirement.AssertionMethod);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(pair.GetProperty("controller").GetString(), Assert.Single(result.Value.Proofs).Controller);
    }
}
