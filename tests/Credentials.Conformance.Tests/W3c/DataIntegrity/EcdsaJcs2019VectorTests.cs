using System;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.W3c.DataIntegrity;
using Xunit;

namespace Credentials.Conformance.Tests.W3c.DataIntegrity;

/// <summary>
/// VC DI ECDSA 1.0 Appendix A.5 and A.6 (ecdsa-jcs-2019 with P-256 and P-384) step files from w3c/vc-di-ecdsa
/// TestVectors: every step reproduced byte for byte except the randomized signature, which is verified instead.
/// </summary>
public class EcdsaJcs2019VectorTests
{
    public static TheoryData<string> Curves() => new() { "P256", "P384" };

    private static string Dir(string curve) => $"vc-di-ecdsa/ecdsa-jcs-2019-{curve.ToLowerInvariant()}/";

    private static string File(string curve, string step) => Dir(curve) + step + "JCSECDSA" + curve + (step is "proofConfig" or "signed" ? ".json" : ".txt");

    private static HashAlgorithmName Hash(string curve) => curve == "P384" ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;

    private static byte[] Digest(string curve, byte[] data) => curve == "P384" ? SHA384.HashData(data) : SHA256.HashData(data);

    [Theory]
    [MemberData(nameof(Curves))]
    public void Transformation_UnsignedDocument_EqualsCanonDocAndDocHash(string curve)
    {
        var canonical = DiVectors.JcsDocument(DiVectors.Json("vc-di-ecdsa/unsigned.json"));

        Assert.Equal(DiVectors.Text(File(curve, "canonDoc")), Encoding.UTF8.GetString(canonical));
        Assert.Equal(DiVectors.Hex(File(curve, "docHash")), Digest(curve, canonical));
    }

    [Theory]
    [MemberData(nameof(Curves))]
    public void ProofConfiguration_VectorConfig_EqualsProofCanonAndProofHash(string curve)
    {
        var canonical = DiVectors.JcsProofConfiguration(DiVectors.Json(File(curve, "proofConfig")));

        Assert.Equal(DiVectors.Text(File(curve, "proofCanon")), Encoding.UTF8.GetString(canonical));
        Assert.Equal(DiVectors.Hex(File(curve, "proofHash")), Digest(curve, canonical));
    }

    [Theory]
    [MemberData(nameof(Curves))]
    public void Hashing_CurveHash_EqualsCombinedHash(string curve)
    {
        var hashData = ProofHashing.ComputeJcsHashData(Hash(curve), DiVectors.Json("vc-di-ecdsa/unsigned.json"), DiVectors.Json(File(curve, "proofConfig")), [], null);

        Assert.True(hashData.IsValid, hashData.Error?.ToString());
        Assert.Equal(DiVectors.Hex(File(curve, "combinedHash")), hashData.Value);
    }

    [Theory]
    [MemberData(nameof(Curves))]
    public void Signature_VectorSignature_VerifiesOverCombinedHashAndMatchesBase58(string curve)
    {
        using var key = DiVectors.KeyPair(DiVectors.Json($"vc-di-ecdsa/{curve.ToLowerInvariant()}KeyPair.json"));
        var signature = DiVectors.Hex(File(curve, "sigHex"));

        Assert.True(key.GetVerificationKey().Verify(key.Algorithm, DiVectors.Hex(File(curve, "combinedHash")), signature));
        Assert.Equal(DiVectors.Text(File(curve, "sigBTC58")).Trim(), Multibase.EncodeBase58Btc(signature));
    }

    [Theory]
    [MemberData(nameof(Curves))]
    public async Task VerifyAsync_SignedVector_Valid(string curve)
    {
        var result = await DiVectors.Verifier().VerifyAsync(DiVectors.Json(File(curve, "signed")), ProofRequirement.AssertionMethod);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Same(Cryptosuite.EcdsaJcs2019, Assert.Single(result.Value.Proofs).Cryptosuite);
    }

    [Theory]
    [MemberData(nameof(Curves))]
    public async Task AddProofAsync_VectorKey_SameProofConfigurationAndVerifies(string curve)
    {
        using var key = DiVectors.KeyPair(DiVectors.Json($"vc-di-ecdsa/{curve.ToLowerInvariant()}KeyPair.json"));
        var expected = DiVectors.Object(File(curve, "signed"));
        var issuer = DiVectors.Issuer(key, expected["proof"]!["verificationMethod"]!.GetValue<string>());
        var created = DateTimeOffset.Parse("2023-02-24T23:36:38Z", System.Globalization.CultureInfo.InvariantCulture);

        var secured = await issuer.AddProofAsync(DiVectors.Object("vc-di-ecdsa/unsigned.json"), new DataIntegrityProofOptions { Cryptosuite = Cryptosuite.EcdsaJcs2019, Created = created });

        // Everything but the randomized proofValue is the vector's.
        secured["proof"]!.AsObject().Remove("proofValue");
        expected["proof"]!.AsObject().Remove("proofValue");
        Assert.True(JsonNode.DeepEquals(expected, secured), secured.ToJsonString());
        var signed = await issuer.AddProofAsync(DiVectors.Object("vc-di-ecdsa/unsigned.json"), new DataIntegrityProofOptions { Cryptosuite = Cryptosuite.EcdsaJcs2019, Created = created });
        var result = await DiVectors.Verifier().VerifyAsync(DiVectors.ToElement(signed), ProofRequirement.AssertionMethod);
        Assert.True(result.IsValid, result.Error?.ToString());
    }

    [Theory]
    [MemberData(nameof(Curves))]
    public async Task VerifyAsync_TamperedClaim_InvalidSignature(string curve)
    {
        var tampered = DiVectors.Tampered(DiVectors.Json(File(curve, "signed")), d =>
        {
            d["validFrom"] = "2023-01-01T00:00:01Z";
            return d;
        });

        var result = await DiVectors.Verifier().VerifyAsync(tampered, ProofRequirement.AssertionMethod);

        Assert.Equal(DataIntegrityErrors.InvalidSignature, result.Error?.Code);
    }
}
