using System;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.W3c.DataIntegrity;
using Xunit;

namespace Credentials.Conformance.Tests.W3c.DataIntegrity;

/// <summary>
/// The RDFC step files of w3c/vc-di-eddsa (eddsa-rdfc-2022, VC DI EdDSA 1.0 Appendix B.1 and B.2) and w3c/vc-di-ecdsa
/// (ecdsa-rdfc-2019 with P-256 and P-384, VC DI ECDSA 1.0 Appendix A.1 to A.4), each on the alumni credential and on the
/// employment authorization document: JSON-LD to RDF with the pinned contexts, RDFC-1.0 with the suite's hash (SHA-384
/// inside the canonicalization for P-384), both hashes and the signature.
/// </summary>
public class RdfcVectorTests
{
    /// <summary>The six step folders: name, folder, file suffix, input document, key pair.</summary>
    public static TheoryData<string> Cases() => new() { "eddsa", "eddsa-employ", "ecdsa-p256", "ecdsa-p256-employ", "ecdsa-p384", "ecdsa-p384-employ" };

    private sealed record Case(string Folder, string Suffix, string Input, string KeyPair, Cryptosuite Suite, HashAlgorithmName Hash)
    {
        public string File(string step) => Folder + step + Suffix + (step is "proofConfig" or "signed" ? ".json" : ".txt");

        public byte[] Digest(byte[] data) => Hash == HashAlgorithmName.SHA384 ? SHA384.HashData(data) : SHA256.HashData(data);
    }

    private static Case Get(string name) => name switch
    {
        "eddsa" => new("vc-di-eddsa/eddsa-rdfc-2022/", "DataInt", "vc-di-eddsa/unsigned.json", "vc-di-eddsa/keyPair.json", Cryptosuite.EddsaRdfc2022, HashAlgorithmName.SHA256),
        "eddsa-employ" => new("vc-di-eddsa/eddsa-rdfc-2022/employ/", "DataInt", "vc-di-eddsa/employmentAuth.json", "vc-di-eddsa/keyPair.json", Cryptosuite.EddsaRdfc2022, HashAlgorithmName.SHA256),
        "ecdsa-p256" => new("vc-di-ecdsa/ecdsa-rdfc-2019-p256/", "ECDSAP256", "vc-di-ecdsa/unsigned.json", "vc-di-ecdsa/p256KeyPair.json", Cryptosuite.EcdsaRdfc2019, HashAlgorithmName.SHA256),
        "ecdsa-p256-employ" => new("vc-di-ecdsa/ecdsa-rdfc-2019-p256/employ/", "ECDSAP256", "vc-di-ecdsa/employmentAuth.json", "vc-di-ecdsa/p256KeyPair.json", Cryptosuite.EcdsaRdfc2019, HashAlgorithmName.SHA256),
        "ecdsa-p384" => new("vc-di-ecdsa/ecdsa-rdfc-2019-p384/", "ECDSAP384", "vc-di-ecdsa/unsigned.json", "vc-di-ecdsa/p384KeyPair.json", Cryptosuite.EcdsaRdfc2019, HashAlgorithmName.SHA384),
        "ecdsa-p384-employ" => new("vc-di-ecdsa/ecdsa-rdfc-2019-p384/employ/", "ECDSAP384", "vc-di-ecdsa/employmentAuth.json", "vc-di-ecdsa/p384KeyPair.json", Cryptosuite.EcdsaRdfc2019, HashAlgorithmName.SHA384),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Transformation_InputDocument_EqualsCanonDocAndDocHash(string name)
    {
        var c = Get(name);

        var canonical = await RdfcTransform.CanonicalizeAsync(DiVectors.JsonLd, RdfcTransform.UnsecuredDocument(DiVectors.Json(c.Input), []), c.Hash, default);

        Assert.True(canonical.IsValid, canonical.Error?.ToString());
        Assert.Equal(DiVectors.Text(c.File("canonDoc")), canonical.Value.NQuads);
        Assert.Equal(DiVectors.Hex(c.File("docHash")), c.Digest(canonical.Value.NQuadsUtf8.ToArray()));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ProofConfiguration_VectorConfig_EqualsProofCanonAndProofHash(string name)
    {
        var c = Get(name);
        var configuration = RdfcTransform.ProofConfiguration(DiVectors.Json(c.Input), DiVectors.Json(c.File("proofConfig")));

        var canonical = await RdfcTransform.CanonicalizeAsync(DiVectors.JsonLd, configuration, c.Hash, default);

        Assert.True(canonical.IsValid, canonical.Error?.ToString());
        Assert.Equal(DiVectors.Text(c.File("proofCanon")), canonical.Value.NQuads);
        Assert.Equal(DiVectors.Hex(c.File("proofHash")), c.Digest(canonical.Value.NQuadsUtf8.ToArray()));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Hashing_ProofHashThenDocHash_EqualsCombinedHash(string name)
    {
        var c = Get(name);

        var hashData = await ProofHashing.ComputeHashDataAsync(c.Suite, c.Hash, DiVectors.Json(c.Input), DiVectors.Json(c.File("proofConfig")), [], null, DiVectors.JsonLd, null, default);

        Assert.True(hashData.IsValid, hashData.Error?.ToString());
        Assert.Equal(DiVectors.Hex(c.File("combinedHash")), hashData.Value);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Signature_VectorSignature_VerifiesAndMatchesBase58(string name)
    {
        var c = Get(name);
        using var key = DiVectors.KeyPair(DiVectors.Json(c.KeyPair));
        var signature = DiVectors.Hex(c.File("sigHex"));

        Assert.True(key.GetVerificationKey().Verify(key.Algorithm, DiVectors.Hex(c.File("combinedHash")), signature));
        Assert.Equal(DiVectors.Text(c.File("sigBTC58")).Trim(), Multibase.EncodeBase58Btc(signature));

        // Ed25519 is deterministic: the vector key makes exactly the vector signature.
        if (c.Suite == Cryptosuite.EddsaRdfc2022)
        {
            Assert.Equal(signature, key.Sign(DiVectors.Hex(c.File("combinedHash"))));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task VerifyAsync_SignedVector_Valid(string name)
    {
        var c = Get(name);

        var result = await DiVectors.Verifier().VerifyAsync(DiVectors.Json(c.File("signed")), ProofRequirement.AssertionMethod);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Same(c.Suite, Assert.Single(result.Value.Proofs).Cryptosuite);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task AddProofAsync_VectorKeyAndOptions_ReproducesSignedDocument(string name)
    {
        var c = Get(name);
        using var key = DiVectors.KeyPair(DiVectors.Json(c.KeyPair));
        var expected = DiVectors.Object(c.File("signed"));
        var proof = expected["proof"]!;
        var issuer = DiVectors.Issuer(key, proof["verificationMethod"]!.GetValue<string>());
        var created = DateTimeOffset.Parse(proof["created"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

        var secured = await issuer.AddProofAsync(DiVectors.Object(c.Input), new DataIntegrityProofOptions { Cryptosuite = c.Suite, Created = created });

        var verified = await DiVectors.Verifier().VerifyAsync(DiVectors.ToElement(secured), ProofRequirement.AssertionMethod);
        Assert.True(verified.IsValid, verified.Error?.ToString());
        if (c.Suite == Cryptosuite.EcdsaRdfc2019)
        {
            // ECDSA is randomized: everything but the proofValue is the vector's.
            secured["proof"]!.AsObject().Remove("proofValue");
            expected["proof"]!.AsObject().Remove("proofValue");
        }

        Assert.True(JsonNode.DeepEquals(expected, secured), secured.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task VerifyAsync_TamperedIssuanceDate_InvalidSignature(string name)
    {
        var c = Get(name);
        var tampered = DiVectors.Tampered(DiVectors.Json(c.File("signed")), d =>
        {
            d["validFrom"] = "2019-12-03T12:19:53Z";
            return d;
        });

        var result = await DiVectors.Verifier().VerifyAsync(tampered, ProofRequirement.AssertionMethod);

        Assert.Equal(DataIntegrityErrors.InvalidSignature, result.Error?.Code);
    }

    [Fact]
    public async Task Transformation_P384EmployWithSha256InsideRdfc_DifferentBlankNodeLabels()
    {
        // The trap: with SHA-256 inside RDFC-1.0 the P-384 employment document gets other canonical labels.
        var c = Get("ecdsa-p384-employ");

        var canonical = await RdfcTransform.CanonicalizeAsync(DiVectors.JsonLd, RdfcTransform.UnsecuredDocument(DiVectors.Json(c.Input), []), HashAlgorithmName.SHA256, default);

        Assert.True(canonical.IsValid);
        Assert.NotEqual(DiVectors.Text(c.File("canonDoc")), canonical.Value.NQuads);
    }

    [Fact]
    public async Task VerifyAsync_ExamplesContextNotPinned_TransformationFailed()
    {
        // Without the @vocab catch-all, the examples context is not served: fail closed.
        var verifier = new DataIntegrityVerifier(Credentials.Dids.DidResolver.CreateDefault(), new DataIntegrityVerifierOptions { TimeProvider = Credentials.Testing.TestClock.At(DiVectors.Now) });

        var result = await verifier.VerifyAsync(DiVectors.Json(Get("eddsa").File("signed")), ProofRequirement.AssertionMethod);

        Assert.Equal(DataIntegrityErrors.TransformationFailed, result.Error?.Code);
        Assert.Equal(Credentials.W3c.JsonLd.JsonLdErrors.LoadingRemoteContextFailed, result.Error?.Inner?.Code);
    }

    [Fact]
    public async Task VerifyAsync_UndefinedTermAdded_TransformationFailed()
    {
        // The employment document uses only defined terms; a term no context defines would go unsigned, so it fails.
        var tampered = DiVectors.Tampered(DiVectors.Json(Get("eddsa-employ").File("signed")), d =>
        {
            d["credentialSubject"]!["undefinedClaim"] = "x";
            return d;
        });

        var result = await DiVectors.Verifier().VerifyAsync(tampered, ProofRequirement.AssertionMethod);

        Assert.Equal(DataIntegrityErrors.TransformationFailed, result.Error?.Code);
        Assert.Equal(Credentials.W3c.JsonLd.JsonLdErrors.UndefinedTerm, result.Error?.Inner?.Code);
    }
}
