using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.W3c.DataIntegrity;
using Xunit;

namespace Credentials.Conformance.Tests.W3c.DataIntegrity;

/// <summary>
/// VC DI EdDSA 1.0 Appendix B.5 (proof sets and a proof chain with multiple dependencies, eddsa-rdfc-2022) from
/// w3c/vc-di-eddsa TestVectors/proof-set-chain: every document verifies, and every proof is reproduced exactly.
/// </summary>
public class ProofSetChainVectorTests
{
    private const string Dir = "vc-di-eddsa/proof-set-chain/";

    public static TheoryData<string, int> SignedDocuments() => new()
    {
        { "signedProofSet1.json", 1 },
        { "signedProofSet2.json", 2 },
        { "signedProofChain1.json", 3 },
        { "signedProofChain2.json", 4 },
    };

    private static SigningKey Key(int number) => DiVectors.KeyPair(DiVectors.Json(Dir + "multiKeyPairs.json").GetProperty("keyPair" + number));

    private static async Task<JsonObject> AddProofAsync(JsonObject document, int keyNumber, string configFile)
    {
        using var key = Key(keyNumber);
        var config = DiVectors.Json(Dir + configFile);
        var previous = config.TryGetProperty("previousProof", out var p)
            ? p.ValueKind == JsonValueKind.String ? [p.GetString()!] : [.. System.Linq.Enumerable.Select(p.EnumerateArray(), e => e.GetString()!)]
            : System.Array.Empty<string>();
        var options = new DataIntegrityProofOptions
        {
            Cryptosuite = Cryptosuite.EddsaRdfc2022,
            Id = config.TryGetProperty("id", out var id) ? id.GetString() : null,
            Created = System.DateTimeOffset.Parse(config.GetProperty("created").GetString()!, CultureInfo.InvariantCulture),
            PreviousProof = previous,
        };
        return await DiVectors.Issuer(key, config.GetProperty("verificationMethod").GetString()!).AddProofAsync(document, options);
    }

    [Theory]
    [MemberData(nameof(SignedDocuments))]
    public async Task VerifyAsync_SignedDocument_EveryProofValid(string file, int proofs)
    {
        var result = await DiVectors.Verifier().VerifyAsync(DiVectors.Json(Dir + file), ProofRequirement.AssertionMethod);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(proofs, result.Value.Proofs.Count);
    }

    [Fact]
    public async Task AddProofAsync_SetConfigs_ReproduceSignedProofSet()
    {
        var first = await AddProofAsync(DiVectors.Object(Dir + "unsigned.json"), 1, "proofSetConfig1.json");
        Assert.True(JsonNode.DeepEquals(DiVectors.Object(Dir + "proofSetConfigSigned1.json"), first["proof"]));
        Assert.True(JsonNode.DeepEquals(DiVectors.Object(Dir + "signedProofSet1.json"), first));

        var second = await AddProofAsync(first, 2, "proofSetConfig2.json");
        Assert.True(JsonNode.DeepEquals(DiVectors.Object(Dir + "proofSetConfigSigned2.json"), second["proof"]![1]));
        Assert.True(JsonNode.DeepEquals(DiVectors.Object(Dir + "signedProofSet2.json"), second));
    }

    [Fact]
    public async Task AddProofAsync_ChainConfigs_ReproduceSignedProofChains()
    {
        var first = await AddProofAsync(DiVectors.Object(Dir + "signedProofSet2.json"), 3, "proofChainConfig1.json");
        Assert.True(JsonNode.DeepEquals(DiVectors.Object(Dir + "proofChainConfigSigned1.json"), first["proof"]![2]));
        Assert.True(JsonNode.DeepEquals(DiVectors.Object(Dir + "signedProofChain1.json"), first));

        var second = await AddProofAsync(first, 4, "proofChainConfig2.json");
        Assert.True(JsonNode.DeepEquals(DiVectors.Object(Dir + "proofChainConfigSigned2.json"), second["proof"]![3]));
        Assert.True(JsonNode.DeepEquals(DiVectors.Object(Dir + "signedProofChain2.json"), second));
    }

    [Fact]
    public async Task VerifyAsync_ChainWithSetProofTampered_FailsAtTheTamperedProof()
    {
        var tampered = DiVectors.Tampered(DiVectors.Json(Dir + "signedProofChain2.json"), d =>
        {
            d["proof"]![1]!["created"] = "2023-02-24T23:36:39Z";
            return d;
        });

        var result = await DiVectors.Verifier().VerifyAsync(tampered, ProofRequirement.AssertionMethod);

        Assert.Equal(DataIntegrityErrors.InvalidSignature, result.Error?.Code);
        Assert.Equal(ClaimPath.Create("proof", 1), result.Error?.Path);
    }

    [Fact]
    public async Task VerifyAsync_ChainProofSecuringOtherPreviousProofs_InvalidSignature()
    {
        // The third proof secured both set proofs; naming only one of them changes what it secures.
        var tampered = DiVectors.Tampered(DiVectors.Json(Dir + "signedProofChain1.json"), d =>
        {
            d["proof"]![2]!["previousProof"] = "urn:uuid:26329423-bec9-4b2e-88cb-a7c7d9dc4544";
            return d;
        });

        var result = await DiVectors.Verifier().VerifyAsync(tampered, ProofRequirement.AssertionMethod);

        Assert.Equal(DataIntegrityErrors.InvalidSignature, result.Error?.Code);
        Assert.Equal(ClaimPath.Create("proof", 2), result.Error?.Path);
    }

    [Fact]
    public async Task VerifyAsync_ChainWithReferencedProofRemoved_PreviousProofNotFound()
    {
        var tampered = DiVectors.Tampered(DiVectors.Json(Dir + "signedProofChain2.json"), d =>
        {
            d["proof"]!.AsArray().RemoveAt(2);
            return d;
        });

        var result = await DiVectors.Verifier().VerifyAsync(tampered, ProofRequirement.AssertionMethod);

        Assert.Equal(DataIntegrityErrors.PreviousProofNotFound, result.Error?.Code);
    }

    [Fact]
    public void KeyPairs_EverySecretKey_DerivesItsPublicKey()
    {
        var pairs = DiVectors.Json(Dir + "multiKeyPairs.json");
        for (var i = 1; i <= 4; i++)
        {
            using var key = Key(i);
            var expected = Credentials.Dids.MultikeyCodec.Decode(pairs.GetProperty("keyPair" + i).GetProperty("publicKeyMultibase").GetString()!).Value;
            Assert.Equal(expected.X, key.PublicJwk.X);
        }
    }
}
