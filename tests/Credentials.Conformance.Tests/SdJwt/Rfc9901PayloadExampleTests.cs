using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.Testing;
using Credentials.Trust;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Conformance.Tests.SdJwt;

/// <summary>
/// The RFC 9901 payload examples of sections 4.2.4 and 6 (flat, structured, recursive) are printed without a
/// signature. Each is signed here with a fresh key exactly as printed, presented with the RFC's disclosures for that
/// section, and must process to the section's input claims.
/// </summary>
public class Rfc9901PayloadExampleTests
{
    private static readonly FakeTimeProvider s_clock = TestClock.AtUnixSeconds(1683000000 + 60);

    public static TheoryData<string, int, string> SectionSixExamples() => new()
    {
        { "section_6_1.json", 0, "6.1" },
        { "section_6_2.json", 0, "6.2" },
        { "section_6_2.json", 1, "6.2" },
        { "section_6_3.json", 0, "6.3" },
    };

    [Theory]
    [MemberData(nameof(SectionSixExamples))]
    public async Task VerifyAsync_SectionSixPayloadWithRfcDisclosures_ProcessesToInputClaims(string file, int block, string section)
    {
        var payload = SdJwtVectors.Load("rfc9901/" + file).GetProperty("blocks")[block].GetProperty("value");
        var disclosures = ReferencedDisclosures(payload, RfcDisclosures(section));
        var expected = JsonNode.Parse(SdJwtVectors.Load("rfc9901/section_6.json").GetProperty("blocks")[0].GetProperty("value").GetRawText())!.AsObject();
        foreach (var name in new[] { "iss", "iat", "exp" })
        {
            expected[name] = JsonNode.Parse(payload.GetProperty(name).GetRawText());
        }

        var result = await SignAndVerifyAsync(payload, disclosures);

        Assert.True(result.IsValid, result.Error?.ToString());
        SdJwtVectors.AssertJsonEqual(SdJwtVectors.ToElement(expected), result.Value.Claims);
    }

    [Fact]
    public async Task VerifyAsync_Section4241ObjectPropertyExample_RevealsFamilyName()
    {
        var payload = SdJwtVectors.Load("rfc9901/section_4_2_4_1.json").GetProperty("blocks")[0].GetProperty("value");
        var variants = SdJwtVectors.Load("rfc9901/disclosure_encoding_variants.json").GetProperty("cases");

        var result = await SignAndVerifyAsync(payload, [variants[0].GetProperty("disclosure").GetString()!]);

        Assert.True(result.IsValid, result.Error?.ToString());
        using var expected = JsonDocument.Parse("{\"given_name\":\"Alice\",\"family_name\":\"Möbius\"}");
        SdJwtVectors.AssertJsonEqual(expected.RootElement, result.Value.Claims);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task VerifyAsync_Section4241WithReserializedEquivalentDisclosure_FailsAsUnreferenced(int variant)
    {
        // The other encodings carry the same salt, name and value, but their digests differ from the one in _sd.
        var payload = SdJwtVectors.Load("rfc9901/section_4_2_4_1.json").GetProperty("blocks")[0].GetProperty("value");
        var variants = SdJwtVectors.Load("rfc9901/disclosure_encoding_variants.json").GetProperty("cases");

        var result = await SignAndVerifyAsync(payload, [variants[variant].GetProperty("disclosure").GetString()!]);

        Assert.False(result.IsValid);
        Assert.Equal(SdJwtErrors.UnreferencedDisclosure, result.Error!.Code);
    }

    [Fact]
    public async Task VerifyAsync_Section4242ArrayElementExample_RevealsSecondNationality()
    {
        var payload = SdJwtVectors.Load("rfc9901/section_4_2_4_2.json").GetProperty("blocks")[0].GetProperty("value");
        var element = SdJwtVectors.Load("rfc9901/disclosure_encoding_variants.json").GetProperty("array_element_case");
        var claims = SdJwtVectors.Load("rfc9901/section_4_2_2.json").GetProperty("blocks")[0].GetProperty("value");

        var result = await SignAndVerifyAsync(payload, [element.GetProperty("disclosure").GetString()!]);

        Assert.True(result.IsValid, result.Error?.ToString());
        SdJwtVectors.AssertJsonEqual(claims, result.Value.Claims);
        var path = Assert.Single(result.Value.DisclosedPaths);
        Assert.True(ClaimPath.Create("nationalities", 1).Equals(path), path.ToString());
    }

    [Fact]
    public async Task VerifyAsync_Section4242WithoutDisclosure_RemovesTheElement()
    {
        var payload = SdJwtVectors.Load("rfc9901/section_4_2_4_2.json").GetProperty("blocks")[0].GetProperty("value");

        var result = await SignAndVerifyAsync(payload, []);

        Assert.True(result.IsValid, result.Error?.ToString());
        using var expected = JsonDocument.Parse("{\"nationalities\":[\"DE\",\"US\"]}");
        SdJwtVectors.AssertJsonEqual(expected.RootElement, result.Value.Claims);
    }

    private static async Task<VerificationResult<VerifiedSdJwt>> SignAndVerifyAsync(JsonElement payload, IReadOnlyList<string> disclosures)
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        var jwt = JwsWriter.SignCompact(key, Encoding.UTF8.GetBytes(payload.GetRawText()), "example+sd-jwt");
        var presentation = jwt + "~" + string.Concat(disclosures.Select(d => d + "~"));
        var verifier = new SdJwtVerifier(new StaticIssuerKeyResolver(key.PublicJwk), options: new SdJwtVerifierOptions { TimeProvider = s_clock });
        return await verifier.VerifyAsync(presentation, KeyBindingRequirement.Forbidden);
    }

    private static Dictionary<string, string> RfcDisclosures(string section)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var d in SdJwtVectors.Load("rfc9901/disclosures.json").GetProperty("disclosures").EnumerateArray())
        {
            if (d.GetProperty("section").GetString() == section)
            {
                result.Add(d.GetProperty("sha256_digest").GetString()!, d.GetProperty("disclosure").GetString()!);
            }
        }

        Assert.NotEmpty(result);
        return result;
    }

    /// <summary>The disclosures whose digests the payload references, directly or through other referenced disclosures.</summary>
    private static List<string> ReferencedDisclosures(JsonElement payload, Dictionary<string, string> byDigest)
    {
        var selected = new List<string>();
        var texts = new List<string> { payload.GetRawText() };
        bool added;
        do
        {
            added = false;
            foreach (var (digest, disclosure) in byDigest)
            {
                if (!selected.Contains(disclosure) && texts.Any(t => t.Contains(digest, StringComparison.Ordinal)))
                {
                    selected.Add(disclosure);
                    texts.Add(Disclosure.Read(disclosure).Value.Value.GetRawText());
                    added = true;
                }
            }
        }
        while (added);

        Assert.NotEmpty(selected);
        return selected;
    }
}
