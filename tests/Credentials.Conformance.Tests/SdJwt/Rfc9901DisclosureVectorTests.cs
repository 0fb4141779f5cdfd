using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using Credentials.SdJwt;
using Xunit;

namespace Credentials.Conformance.Tests.SdJwt;

/// <summary>RFC 9901 disclosures (sections 4.2, 5, 6, A.1 to A.4): decoding and exact digests over the received string.</summary>
public class Rfc9901DisclosureVectorTests
{
    private const int ExpectedDisclosureCount = 87;

    private static JsonElement[] Disclosures()
        => [.. SdJwtVectors.Load("rfc9901/disclosures.json").GetProperty("disclosures").EnumerateArray()];

    private static JsonElement[] EncodingVariants()
        => [.. SdJwtVectors.Load("rfc9901/disclosure_encoding_variants.json").GetProperty("cases").EnumerateArray()];

    public static TheoryData<int, string> DisclosureCases()
    {
        var data = new TheoryData<int, string>();
        var all = Disclosures();
        for (var i = 0; i < all.Length; i++)
        {
            var name = all[i].GetProperty("claim_name");
            data.Add(i, $"{all[i].GetProperty("section").GetString()} {(name.ValueKind == JsonValueKind.String ? name.GetString() : "[array element]")}");
        }

        return data;
    }

    public static TheoryData<int> VariantCases() => [.. Enumerable.Range(0, EncodingVariants().Length)];

    [Fact]
    public void DisclosuresFile_AllRfcDisclosures_ArePresent()
    {
        Assert.Equal(ExpectedDisclosureCount, Disclosures().Length);
        Assert.Equal(4, EncodingVariants().Length);
    }

    [Theory]
    [MemberData(nameof(DisclosureCases))]
    public void Parse_RfcDisclosure_YieldsSaltNameAndValue(int index, string label)
    {
        var vector = Disclosures()[index];
        var encoded = vector.GetProperty("disclosure").GetString()!;

        var result = Disclosure.Read(encoded);

        Assert.True(result.IsValid, $"{label}: {result.Error}");
        var disclosure = result.Value;
        Assert.Equal(encoded, disclosure.Encoded);
        Assert.Equal(vector.GetProperty("salt").GetString(), disclosure.Salt);
        Assert.Equal(vector.GetProperty("is_array_element").GetBoolean(), disclosure.IsArrayElement);
        var claimName = vector.GetProperty("claim_name");
        Assert.Equal(claimName.ValueKind == JsonValueKind.Null ? null : claimName.GetString(), disclosure.ClaimName);
        SdJwtVectors.AssertJsonEqual(vector.GetProperty("value"), disclosure.Value);
    }

    [Theory]
    [MemberData(nameof(DisclosureCases))]
    public void ComputeDigest_RfcDisclosure_MatchesRfcSha256Digest(int index, string label)
    {
        var vector = Disclosures()[index];
        var disclosure = Disclosure.Read(vector.GetProperty("disclosure").GetString()!).Value;

        var digest = disclosure.ComputeDigest(SdHashAlgorithm.Sha256);

        Assert.True(vector.GetProperty("sha256_digest").GetString() == digest, label);
    }

    [Theory]
    [MemberData(nameof(VariantCases))]
    public void ComputeDigest_EncodingVariant_HashesTheStringAsReceived(int index)
    {
        var vector = EncodingVariants()[index];
        var encoded = vector.GetProperty("disclosure").GetString()!;

        var result = Disclosure.Read(encoded);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(encoded, result.Value.Encoded);
        var parsed = vector.GetProperty("parsed");
        Assert.Equal(parsed[0].GetString(), result.Value.Salt);
        Assert.Equal(parsed[1].GetString(), result.Value.ClaimName);
        SdJwtVectors.AssertJsonEqual(parsed[2], result.Value.Value);
        Assert.Equal(vector.GetProperty("sha256_b64url").GetString(), result.Value.ComputeDigest(SdHashAlgorithm.Sha256));
    }

    [Fact]
    public void Parse_Section421Disclosure_YieldsTheArrayShownInTheRfc()
    {
        var array = SdJwtVectors.Load("rfc9901/section_4_2_1.json").GetProperty("blocks")[0].GetProperty("value");

        var disclosure = Disclosure.Read(EncodingVariants()[0].GetProperty("disclosure").GetString()!).Value;

        Assert.Equal(array[0].GetString(), disclosure.Salt);
        Assert.Equal(array[1].GetString(), disclosure.ClaimName);
        SdJwtVectors.AssertJsonEqual(array[2], disclosure.Value);
    }

    [Fact]
    public void IssuerKey_AppendixA5_IsThePythonSuiteIssuerKey()
    {
        var a5 = SdJwtVectors.Load("rfc9901/section_A_5.json").GetProperty("blocks")[0].GetProperty("value");
        var file = Keys.Jwk.Parse(SdJwtVectors.ReadText("rfc9901/issuer_public_jwk_A5.json"));
        var python = Keys.Jwk.Parse(SdJwtPythonYaml.ToJson(((YamlDotNet.RepresentationModel.YamlSequenceNode)SdJwtPythonYaml.Get(
            (YamlDotNet.RepresentationModel.YamlMappingNode)SdJwtPythonYaml.Get(SdJwtPythonYaml.Load("sd-jwt-python/testcases/settings.yml"), "key_settings")!, "issuer_keys")!).Children[0])!.ToJsonString());

        Assert.Equal(file, Keys.Jwk.Parse(a5.GetRawText()));
        Assert.Equal(file, python.ToPublic());
    }

    [Fact]
    public void ComputeDigest_EncodingVariants_AllDigestsDiffer()
    {
        var digests = EncodingVariants().Select(v => Disclosure.Read(v.GetProperty("disclosure").GetString()!).Value.ComputeDigest(SdHashAlgorithm.Sha256));

        Assert.Equal(4, digests.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("X9yH0Ajrdm1Oij4tWso9UzzKJvPoDxwmuEcO3XAdRC0", digests.First());
    }

    [Fact]
    public void ComputeDigest_ArrayElementExample_MatchesRfcDigest()
    {
        var vector = SdJwtVectors.Load("rfc9901/disclosure_encoding_variants.json").GetProperty("array_element_case");

        var disclosure = Disclosure.Read(vector.GetProperty("disclosure").GetString()!).Value;

        Assert.True(disclosure.IsArrayElement);
        Assert.Equal(vector.GetProperty("parsed")[0].GetString(), disclosure.Salt);
        SdJwtVectors.AssertJsonEqual(vector.GetProperty("parsed")[1], disclosure.Value);
        Assert.Equal(vector.GetProperty("sha256_b64url").GetString(), disclosure.ComputeDigest(SdHashAlgorithm.Sha256));
        Assert.Equal(disclosure.ComputeDigest(SdHashAlgorithm.Sha256), vector.GetProperty("embedded_as").GetProperty("nationalities")[1].GetProperty("...").GetString());
    }

    [Fact]
    public void ForProperty_NonAsciiValue_EncodesCompactUtf8LikeRfcVariant()
    {
        // RFC 9901 section 4.2.1 shows ["_26bc4LT-ac6q2KI6cBW5es","family_name","Möbius"] (no spaces, UTF-8 'ö').
        var compactVariant = EncodingVariants()[2];
        using var value = JsonDocument.Parse("\"Möbius\"");

        var disclosure = Disclosure.ForProperty("_26bc4LT-ac6q2KI6cBW5es", "family_name", value.RootElement);

        Assert.Equal(compactVariant.GetProperty("disclosure").GetString(), disclosure.Encoded);
        Assert.Equal(compactVariant.GetProperty("sha256_b64url").GetString(), disclosure.ComputeDigest(SdHashAlgorithm.Sha256));
    }

    [Fact]
    public void ForProperty_PlusSignInValue_IsNotEscaped()
    {
        // RFC 9901 section 5.1 phone_number: the default System.Text.Json encoder would write \u002B.
        var vector = Disclosures().Single(d => d.GetProperty("claim_name").ValueKind == JsonValueKind.String && d.GetProperty("claim_name").GetString() == "phone_number" && d.GetProperty("section").GetString() == "5.1");

        var disclosure = Disclosure.ForProperty(vector.GetProperty("salt").GetString()!, "phone_number", vector.GetProperty("value"));

        var json = Encoding.UTF8.GetString(Base64UrlDecode(disclosure.Encoded));
        Assert.Equal("[\"eI8ZWm9QnKPpNPeNenHdhQ\",\"phone_number\",\"+1-202-555-0101\"]", json);
    }

    private static byte[] Base64UrlDecode(string s)
    {
        var padded = s.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        return Convert.FromBase64String(padded);
    }
}
