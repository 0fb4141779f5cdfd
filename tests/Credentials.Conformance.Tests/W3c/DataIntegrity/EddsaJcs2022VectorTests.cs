using System;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.W3c.DataIntegrity;
using Xunit;

namespace Credentials.Conformance.Tests.W3c.DataIntegrity;

/// <summary>VC DI EdDSA 1.0 Appendix B.3 (eddsa-jcs-2022) step files from w3c/vc-di-eddsa TestVectors, reproduced byte for byte.</summary>
public class EddsaJcs2022VectorTests
{
    private const string Dir = "vc-di-eddsa/";
    private static readonly DateTimeOffset Created = DateTimeOffset.Parse("2023-02-24T23:36:38Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Transformation_UnsignedDocument_EqualsCanonDoc()
    {
        var canonical = DiVectors.JcsDocument(DiVectors.Json(Dir + "unsigned.json"));

        Assert.Equal(DiVectors.Text(Dir + "canonDocJCS.txt"), Encoding.UTF8.GetString(canonical));
        Assert.Equal(DiVectors.Hex(Dir + "docHashJCS.txt"), SHA256.HashData(canonical));
    }

    [Fact]
    public void ProofConfiguration_VectorConfig_EqualsProofCanon()
    {
        var canonical = DiVectors.JcsProofConfiguration(DiVectors.Json(Dir + "proofConfigJCS.json"));

        Assert.Equal(DiVectors.Text(Dir + "proofCanonJCS.txt"), Encoding.UTF8.GetString(canonical));
        Assert.Equal(DiVectors.Hex(Dir + "proofHashJCS.txt"), SHA256.HashData(canonical));
    }

    [Fact]
    public void Hashing_ProofHashThenDocHash_EqualsCombinedHash()
    {
        var hashData = ProofHashing.ComputeJcsHashData(HashAlgorithmName.SHA256, DiVectors.Json(Dir + "unsigned.json"), DiVectors.Json(Dir + "proofConfigJCS.json"), [], null);

        Assert.True(hashData.IsValid, hashData.Error?.ToString());
        Assert.Equal(DiVectors.Hex(Dir + "combinedHashJCS.txt"), hashData.Value);
    }

    [Fact]
    public void Signature_VectorKeyOverCombinedHash_EqualsSigHexAndBase58()
    {
        using var key = DiVectors.KeyPair(DiVectors.Json(Dir + "keyPair.json"));

        var signature = key.Sign(DiVectors.Hex(Dir + "combinedHashJCS.txt"));

        Assert.Equal(DiVectors.Hex(Dir + "sigHexJCS.txt"), signature);
        Assert.Equal(DiVectors.Text(Dir + "sigBTC58JCS.txt").Trim(), Multibase.EncodeBase58Btc(signature));
    }

    [Fact]
    public async Task AddProofAsync_VectorKeyAndOptions_ReproducesSignedDocument()
    {
        using var key = DiVectors.KeyPair(DiVectors.Json(Dir + "keyPair.json"));
        var proofConfig = DiVectors.Json(Dir + "proofConfigJCS.json");
        var issuer = DiVectors.Issuer(key, proofConfig.GetProperty("verificationMethod").GetString()!);

        var secured = await issuer.AddProofAsync(DiVectors.Object(Dir + "unsigned.json"), new DataIntegrityProofOptions { Cryptosuite = Cryptosuite.EddsaJcs2022, Created = Created });

        Assert.True(JsonNode.DeepEquals(DiVectors.Object(Dir + "signedJCS.json"), secured), secured.ToJsonString());
    }

    [Fact]
    public async Task VerifyAsync_SignedVector_Valid()
    {
        var result = await DiVectors.Verifier().VerifyAsync(DiVectors.Json(Dir + "signedJCS.json"), ProofRequirement.AssertionMethod);

        Assert.True(result.IsValid, result.Error?.ToString());
        var proof = Assert.Single(result.Value.Proofs);
        Assert.Same(Cryptosuite.EddsaJcs2022, proof.Cryptosuite);
        Assert.Equal("did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2", proof.VerificationMethod!.Id.Did.Value);
    }

    [Fact]
    public async Task VerifyAsync_TamperedClaim_InvalidSignature()
    {
        var tampered = DiVectors.Tampered(DiVectors.Json(Dir + "signedJCS.json"), d =>
        {
            d["credentialSubject"]!["alumniOf"] = "The School of Forgeries";
            return d;
        });

        var result = await DiVectors.Verifier().VerifyAsync(tampered, ProofRequirement.AssertionMethod);

        Assert.Equal(DataIntegrityErrors.InvalidSignature, result.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_TamperedProofCreated_InvalidSignature()
    {
        var tampered = DiVectors.Tampered(DiVectors.Json(Dir + "signedJCS.json"), d =>
        {
            d["proof"]!["created"] = "2023-02-24T23:36:39Z";
            return d;
        });

        var result = await DiVectors.Verifier().VerifyAsync(tampered, ProofRequirement.AssertionMethod);

        Assert.Equal(DataIntegrityErrors.InvalidSignature, result.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_DocumentContextNoLongerStartsWithProofContext_ContextMismatch()
    {
        var tampered = DiVectors.Tampered(DiVectors.Json(Dir + "signedJCS.json"), d =>
        {
            d["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2");
            return d;
        });

        var result = await DiVectors.Verifier().VerifyAsync(tampered, ProofRequirement.AssertionMethod);

        Assert.Equal(DataIntegrityErrors.ContextMismatch, result.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_ContextExtendedAfterSigning_StillValid()
    {
        // Section 3.3.2 step 4: the document may gain contexts after the proof's; it is hashed with the proof's @context.
        var extended = DiVectors.Tampered(DiVectors.Json(Dir + "signedJCS.json"), d =>
        {
            d["@context"]!.AsArray().Add("https://w3id.org/security/data-integrity/v2");
            return d;
        });

        var result = await DiVectors.Verifier().VerifyAsync(extended, ProofRequirement.AssertionMethod);

        Assert.True(result.IsValid, result.Error?.ToString());
    }
}
