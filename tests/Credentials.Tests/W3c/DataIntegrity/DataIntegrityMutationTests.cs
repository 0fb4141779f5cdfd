using System;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.W3c.DataIntegrity;
using Xunit;
using static Credentials.Tests.W3c.DataIntegrity.DiTestSupport;

namespace Credentials.Tests.W3c.DataIntegrity;

/// <summary>
/// Every single-bit change of a secured document's bytes is refused or leaves the same JSON value (white space):
/// verification never throws and never accepts a changed value.
/// </summary>
public class DataIntegrityMutationTests
{
    public static TheoryData<string, int> Suites() => new()
    {
        { "eddsa-jcs-2022", 1 },
        { "ecdsa-jcs-2019", 1 },
        { "eddsa-rdfc-2022", 3 },
    };

    [Theory]
    [MemberData(nameof(Suites))]
    public async Task VerifyAsync_AnyFlippedBit_RefusedOrSameValue(string suiteName, int stride)
    {
        Cryptosuite.TryGet(suiteName, out var suite);
        using var key = SigningKey.Create(suite!.Name.StartsWith("ecdsa", StringComparison.Ordinal) ? JwsAlgorithm.Es256 : JwsAlgorithm.EdDsa);
        var secured = await SignAsync(key, suite, configure: o => o with { Id = "urn:uuid:5e3c2b1a-0000-4000-8000-000000000001" });
        var bytes = Encoding.UTF8.GetBytes(secured.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var original = JsonElement.Parse(bytes);
        var verifier = Verifier();
        Assert.True((await verifier.VerifyAsync(original, ProofRequirement.AssertionMethod)).IsValid);

        var refused = 0;
        for (var i = 0; i < bytes.Length; i += stride)
        {
            var mutated = (byte[])bytes.Clone();
            mutated[i] ^= (byte)(1 << (i % 7));
            JsonElement document;
            try
            {
                document = JsonElement.Parse(mutated);
            }
            catch (JsonException)
            {
                continue;
            }

            var result = await verifier.VerifyAsync(document, ProofRequirement.AssertionMethod);
            if (result.IsValid)
            {
                Assert.True(JsonElement.DeepEquals(original, document), $"A change at byte {i} verified.");
            }
            else
            {
                refused++;
            }
        }

        Assert.True(refused > bytes.Length / stride / 2, $"Only {refused} mutations were refused.");
    }
}
