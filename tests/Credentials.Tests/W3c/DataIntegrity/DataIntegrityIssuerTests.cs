using System;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.W3c.DataIntegrity;
using Xunit;
using static Credentials.Tests.W3c.DataIntegrity.DiTestSupport;

namespace Credentials.Tests.W3c.DataIntegrity;

public class DataIntegrityIssuerTests
{
    public static TheoryData<string, string> SuitesAndKeys() => new()
    {
        { "eddsa-jcs-2022", "EdDSA" },
        { "ecdsa-jcs-2019", "ES256" },
        { "ecdsa-jcs-2019", "ES384" },
        { "eddsa-rdfc-2022", "EdDSA" },
        { "eddsa-rdfc-2022", "Ed25519" },
        { "ecdsa-rdfc-2019", "ES256" },
        { "ecdsa-rdfc-2019", "ES384" },
    };

    [Theory]
    [MemberData(nameof(SuitesAndKeys))]
    public async Task AddProofAsync_Suite_VerifiesWithDidKey(string suiteName, string algorithmName)
    {
        Cryptosuite.TryGet(suiteName, out var suite);
        JwsAlgorithm.TryGet(algorithmName, out var algorithm);
        using var key = SigningKey.Create(algorithm!);

        var secured = await SignAsync(key, suite!);
        var result = await VerifyAsync(secured);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(VerificationMethod(key), result.Value.Proofs[0].VerificationMethod!.Id.Value);
    }

    [Fact]
    public async Task AddProofAsync_WritesProofMembers()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);

        var secured = await SignAsync(key, Cryptosuite.EddsaJcs2022, configure: o => o with
        {
            Id = "urn:uuid:5d2c1c5e-0b1f-4bb5-a1a4-0d4b3b1b2c3d",
            ProofPurpose = ProofPurposes.Authentication,
            Expires = Now.AddDays(1),
            Challenge = "c-123",
            Domain = ["https://verifier.example"],
            Nonce = "n-1",
        });

        var proof = secured["proof"]!.AsObject();
        Assert.Equal("DataIntegrityProof", proof["type"]!.GetValue<string>());
        Assert.Equal("eddsa-jcs-2022", proof["cryptosuite"]!.GetValue<string>());
        Assert.Equal("2026-04-01T09:00:00Z", proof["created"]!.GetValue<string>());
        Assert.Equal("2026-04-02T09:00:00Z", proof["expires"]!.GetValue<string>());
        Assert.Equal("authentication", proof["proofPurpose"]!.GetValue<string>());
        Assert.Equal("c-123", proof["challenge"]!.GetValue<string>());
        Assert.Equal("https://verifier.example", proof["domain"]!.GetValue<string>());
        Assert.Equal("n-1", proof["nonce"]!.GetValue<string>());
        Assert.Equal("urn:uuid:5d2c1c5e-0b1f-4bb5-a1a4-0d4b3b1b2c3d", proof["id"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(secured["@context"], proof["@context"]));
        Assert.StartsWith("z", proof["proofValue"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddProofAsync_InputDocument_NotChanged()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var document = Credential();
        var before = document.ToJsonString();

        await SignAsync(key, Cryptosuite.EddsaJcs2022, document);

        Assert.Equal(before, document.ToJsonString());
    }

    [Fact]
    public async Task AddProofAsync_SecondProof_ProofSetOfTwoThatVerifies()
    {
        using var first = SigningKey.Create(JwsAlgorithm.EdDsa);
        using var second = SigningKey.Create(JwsAlgorithm.Es256);

        var once = await SignAsync(first, Cryptosuite.EddsaJcs2022);
        var twice = await SignAsync(second, Cryptosuite.EcdsaJcs2019, once);

        Assert.Equal(2, twice["proof"]!.AsArray().Count);
        var result = await VerifyAsync(twice);
        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(2, result.Value.Proofs.Count);
    }

    [Fact]
    public async Task AddProofAsync_PreviousProof_ChainThatVerifies()
    {
        using var first = SigningKey.Create(JwsAlgorithm.EdDsa);
        using var notary = SigningKey.Create(JwsAlgorithm.Es384);

        var once = await SignAsync(first, Cryptosuite.EddsaJcs2022, configure: o => o with { Id = "urn:uuid:first" });
        var chained = await SignAsync(notary, Cryptosuite.EcdsaJcs2019, once, o => o with { PreviousProof = ["urn:uuid:first"] });

        Assert.Equal("urn:uuid:first", chained["proof"]![1]!["previousProof"]!.GetValue<string>());
        var result = await VerifyAsync(chained);
        Assert.True(result.IsValid, result.Error?.ToString());
    }

    [Fact]
    public async Task AddProofAsync_RdfcSuite_ProofHasNoContext()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);

        var secured = await SignAsync(key, Cryptosuite.EddsaRdfc2022);

        Assert.False(secured["proof"]!.AsObject().ContainsKey("@context"));
    }

    [Fact]
    public async Task AddProofAsync_RdfcChainAcrossSuites_Verifies()
    {
        using var first = SigningKey.Create(JwsAlgorithm.Es384);
        using var second = SigningKey.Create(JwsAlgorithm.EdDsa);

        var once = await SignAsync(first, Cryptosuite.EcdsaRdfc2019, configure: o => o with { Id = "urn:uuid:a" });
        var set = await SignAsync(second, Cryptosuite.EddsaJcs2022, once, o => o with { Id = "urn:uuid:b" });
        var chained = await SignAsync(second, Cryptosuite.EddsaRdfc2022, set, o => o with { PreviousProof = ["urn:uuid:b", "urn:uuid:a"] });

        var result = await VerifyAsync(chained);
        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(3, result.Value.Proofs.Count);
    }

    [Fact]
    public async Task AddProofAsync_RdfcWithUndefinedTerm_Throws()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var document = Credential();
        document["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2");
        document["type"] = "VerifiableCredential";
        document["undefinedTerm"] = 1;

        await Assert.ThrowsAsync<ArgumentException>(() => SignAsync(key, Cryptosuite.EddsaRdfc2022, document));
    }

    [Fact]
    public async Task AddProofAsync_PreviousProofNotOnDocument_Throws()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);

        await Assert.ThrowsAsync<ArgumentException>(() => SignAsync(key, Cryptosuite.EddsaJcs2022, configure: o => o with { PreviousProof = ["urn:uuid:missing"] }));
    }

    [Theory]
    [InlineData("eddsa-jcs-2022", "ES256")]
    [InlineData("ecdsa-jcs-2019", "EdDSA")]
    public async Task AddProofAsync_SuiteDoesNotFitKey_Throws(string suiteName, string algorithmName)
    {
        Cryptosuite.TryGet(suiteName, out var suite);
        JwsAlgorithm.TryGet(algorithmName, out var algorithm);
        using var key = SigningKey.Create(algorithm!);

        await Assert.ThrowsAsync<ArgumentException>(() => SignAsync(key, suite!));
    }

    [Fact]
    public void Constructor_Secp256k1Signer_Throws()
    {
        Assert.Throws<ArgumentException>(() => new DataIntegrityIssuer(new FixedAlgorithmSigner(JwsAlgorithm.Es256K), "did:example:a#k"));
    }

    [Fact]
    public async Task AddProofAsync_ProofIsNeitherObjectNorArray_Throws()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var document = Credential();
        document["proof"] = "not a proof";

        await Assert.ThrowsAsync<ArgumentException>(() => SignAsync(key, Cryptosuite.EddsaJcs2022, document));
    }

    [Fact]
    public async Task AddProofAsync_LoneSurrogateInDocument_Throws()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var document = Credential();
        document["name"] = "bad \ud800";

        await Assert.ThrowsAnyAsync<ArgumentException>(() => SignAsync(key, Cryptosuite.EddsaJcs2022, document));
    }

    private sealed class FixedAlgorithmSigner(JwsAlgorithm algorithm) : ISigner
    {
        public JwsAlgorithm Algorithm => algorithm;

        public string? KeyId => null;

        public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> signingInput, System.Threading.CancellationToken cancellationToken = default)
            => ValueTask.FromResult(new byte[algorithm.SignatureSize]);
    }
}
