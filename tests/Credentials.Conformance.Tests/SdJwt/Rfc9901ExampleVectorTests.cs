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
/// Every RFC 9901 example SD-JWT and SD-JWT+KB (sections 5, 8, A.1 to A.4) verifies with the Appendix A.5 issuer key,
/// with the example's aud and nonce, and processes to exactly the example's Processed SD-JWT Payload.
/// </summary>
public class Rfc9901ExampleVectorTests
{
    /// <summary>Thirty seconds after the examples' KB-JWT <c>iat</c>; the credentials' <c>iat</c>/<c>exp</c> bracket it.</summary>
    private const long ExampleKeyBindingIat = 1748537244;

    private static readonly FakeTimeProvider s_clock = TestClock.AtUnixSeconds(ExampleKeyBindingIat + 30);

    // file, block, expected payload ("block:N" = that block of the file, "input" = the input claims plus the payload's
    // plaintext registered claims, "flat" = plaintext payload plus every top-level disclosure).
    private static readonly (string File, int Block, string Expected)[] s_examples =
    [
        ("section_5_1.json", 3, "input"),
        ("section_5_2.json", 0, "block:2"),
        ("section_8_2.json", 0, "flat"),
        ("section_8_2.json", 1, "flat"),
        ("section_8_3.json", 0, "flat"),
        ("section_A_1.json", 2, "block:3"),
        ("section_A_2.json", 2, "block:3"),
        ("section_A_3.json", 1, "input"),
        ("section_A_3.json", 3, "block:5"),
        ("section_A_4.json", 1, "input"),
        ("section_A_4.json", 3, "block:4"),
    ];

    public static TheoryData<string, int> Examples()
    {
        var data = new TheoryData<string, int>();
        foreach (var (file, block, _) in s_examples)
        {
            data.Add(file, block);
        }

        return data;
    }

    public static TheoryData<string, int> KeyBindingExamples()
    {
        var data = new TheoryData<string, int>();
        foreach (var (file, block, _) in s_examples)
        {
            if (Example.Load(file, block).KeyBindingPayload is not null)
            {
                data.Add(file, block);
            }
        }

        return data;
    }

    public static TheoryData<string, int> ExamplesWithoutKeyBinding()
    {
        var data = new TheoryData<string, int>();
        foreach (var (file, block, _) in s_examples)
        {
            if (Example.Load(file, block).KeyBindingPayload is null)
            {
                data.Add(file, block);
            }
        }

        return data;
    }

    [Fact]
    public void Vectors_Folder_HoldsExactlyTheListedFiles()
    {
        string[] files =
        [
            "disclosure_encoding_variants.json", "disclosures.json", "issuer_public_jwk_A5.json", "section_4_2_1.json",
            "section_4_2_2.json", "section_4_2_4_1.json", "section_4_2_4_2.json", "section_5_1.json", "section_5_2.json",
            "section_6.json", "section_6_1.json", "section_6_2.json", "section_6_3.json", "section_8_2.json",
            "section_8_3.json", "section_A_1.json", "section_A_2.json", "section_A_3.json", "section_A_4.json",
            "section_A_5.json",
        ];

        Assert.Equal(SdJwtVectors.Sorted(files), SdJwtVectors.FilesIn("rfc9901", "*.json"));
    }

    [Fact]
    public void Examples_EveryPresentationBlockInTheRfc_IsCovered()
    {
        // Every compact SD-JWT block and every JWS JSON SD-JWT block of the RFC examples is listed above, except the
        // bare Issuer-signed JWT of section 5.1 (block 2), which block 3 contains.
        var found = new List<string>();
        foreach (var file in SdJwtVectors.FilesIn("rfc9901", "section_*.json"))
        {
            var blocks = SdJwtVectors.Load("rfc9901/" + file).GetProperty("blocks").EnumerateArray().ToArray();
            for (var i = 0; i < blocks.Length; i++)
            {
                var isCompact = blocks[i].GetProperty("kind").GetString() == "compact";
                var isJson = blocks[i].TryGetProperty("jws_json_signatures_valid_with_A5_key", out _);
                if (isCompact || isJson)
                {
                    found.Add($"{file}#{i}");
                }
            }
        }

        var listed = s_examples.Select(e => $"{e.File}#{e.Block}").Append("section_5_1.json#2");
        Assert.Equal(SdJwtVectors.Sorted(listed), SdJwtVectors.Sorted(found));
        var sectionFive = SdJwtVectors.Load("rfc9901/section_5_1.json").GetProperty("blocks");
        Assert.StartsWith(sectionFive[2].GetProperty("value").GetString() + "~", sectionFive[3].GetProperty("value").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task VerifyAsync_RfcExample_ProcessesToTheRfcPayload(string file, int block)
    {
        var example = Example.Load(file, block);

        var result = await Verifier().VerifyAsync(example.Text, example.Requirement());

        Assert.True(result.IsValid, result.Error?.ToString());
        SdJwtVectors.AssertJsonEqual(example.ExpectedPayload, result.Value.Claims);
        Assert.Equal(example.KeyBindingPayload is not null, result.Value.KeyBinding is not null);
        Assert.Equal(example.Parsed.Disclosures.Length, result.Value.DisclosedPaths.Length);
    }

    [Theory]
    [MemberData(nameof(KeyBindingExamples))]
    public async Task VerifyAsync_RfcExampleWithKeyBinding_ChecksAudNonceAndSdHash(string file, int block)
    {
        var example = Example.Load(file, block);
        var kb = example.KeyBindingPayload!.Value;

        var result = await Verifier().VerifyAsync(example.Text, example.Requirement());

        Assert.True(result.IsValid, result.Error?.ToString());
        var binding = result.Value.KeyBinding!;
        Assert.Equal(kb.GetProperty("aud").GetString(), binding.Audience);
        Assert.Equal(kb.GetProperty("nonce").GetString(), binding.Nonce);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(kb.GetProperty("iat").GetInt64()), binding.IssuedAt);
        var cnf = result.Value.Claims.GetProperty("cnf").GetProperty("jwk");
        Assert.Equal(cnf.GetProperty("x").GetString(), binding.HolderKey.X);
        Assert.Equal(cnf.GetProperty("y").GetString(), binding.HolderKey.Y);
        Assert.Equal(kb.GetProperty("sd_hash").GetString(), SdHashAlgorithm.Sha256.ComputeDigest(example.Parsed.GetSdHashInput()));
    }

    [Theory]
    [MemberData(nameof(KeyBindingExamples))]
    public async Task VerifyAsync_RfcExampleWithWrongNonce_FailsWithNonceMismatch(string file, int block)
    {
        var example = Example.Load(file, block);
        var aud = example.KeyBindingPayload!.Value.GetProperty("aud").GetString()!;

        var result = await Verifier().VerifyAsync(example.Text, KeyBindingRequirement.Required(aud, "0987654321"));

        Assert.False(result.IsValid);
        Assert.Equal(KeyBindingErrors.NonceMismatch, result.Error!.Code);
    }

    [Theory]
    [MemberData(nameof(KeyBindingExamples))]
    public async Task VerifyAsync_RfcExampleWithWrongAudience_FailsWithAudienceMismatch(string file, int block)
    {
        var example = Example.Load(file, block);
        var nonce = example.KeyBindingPayload!.Value.GetProperty("nonce").GetString()!;

        var result = await Verifier().VerifyAsync(example.Text, KeyBindingRequirement.Required("https://other-verifier.example.org", nonce));

        Assert.False(result.IsValid);
        Assert.Equal(KeyBindingErrors.AudienceMismatch, result.Error!.Code);
    }

    [Theory]
    [MemberData(nameof(KeyBindingExamples))]
    public async Task VerifyAsync_RfcExampleAnHourAfterKeyBinding_FailsWithTooOld(string file, int block)
    {
        var example = Example.Load(file, block);

        var result = await Verifier(TestClock.AtUnixSeconds(ExampleKeyBindingIat + 3600)).VerifyAsync(example.Text, example.Requirement());

        Assert.False(result.IsValid);
        Assert.Equal(KeyBindingErrors.TooOld, result.Error!.Code);
    }

    [Theory]
    [MemberData(nameof(KeyBindingExamples))]
    public async Task VerifyAsync_RfcExampleWhenKeyBindingForbidden_FailsWithUnexpected(string file, int block)
    {
        var example = Example.Load(file, block);

        var result = await Verifier().VerifyAsync(example.Text, KeyBindingRequirement.Forbidden);

        Assert.False(result.IsValid);
        Assert.Equal(KeyBindingErrors.Unexpected, result.Error!.Code);
    }

    [Theory]
    [MemberData(nameof(ExamplesWithoutKeyBinding))]
    public async Task VerifyAsync_RfcExampleWithoutKeyBindingWhenRequired_FailsWithMissing(string file, int block)
    {
        var example = Example.Load(file, block);

        var result = await Verifier().VerifyAsync(example.Text, KeyBindingRequirement.Required("https://verifier.example.org", "1234567890"));

        Assert.False(result.IsValid);
        Assert.Equal(KeyBindingErrors.Missing, result.Error!.Code);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task VerifyAsync_RfcExampleWithAnotherIssuerKey_FailsWithInvalidSignature(string file, int block)
    {
        var example = Example.Load(file, block);
        using var otherKey = SigningKey.Create(JwsAlgorithm.Es256);
        var verifier = new SdJwtVerifier(new StaticIssuerKeyResolver(otherKey.PublicJwk), options: new SdJwtVerifierOptions { TimeProvider = s_clock });

        var result = await verifier.VerifyAsync(example.Text, example.Requirement());

        Assert.False(result.IsValid);
        Assert.Equal(JoseErrors.InvalidSignature, result.Error!.Code);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task VerifyAsync_RfcExampleReserializedInEveryForm_StillVerifies(string file, int block)
    {
        // The compact form and both JWS JSON forms carry the same Issuer-signed JWT, disclosures and KB-JWT, so the
        // KB-JWT's sd_hash (over the compact form, RFC 9901 section 8.1) holds in each.
        var example = Example.Load(file, block);

        foreach (var text in new[] { example.Parsed.Serialize(), example.Parsed.ToFlattenedJson(), example.Parsed.ToGeneralJson() })
        {
            var result = await Verifier().VerifyAsync(text, example.Requirement());

            Assert.True(result.IsValid, result.Error?.ToString());
            SdJwtVectors.AssertJsonEqual(example.ExpectedPayload, result.Value.Claims);
        }
    }

    [Fact]
    public async Task VerifyAsync_Section83SecondSignatureAlone_FailsWithInvalidSignature()
    {
        // The second signature of the section 8.3 example is by a key the RFC does not publish, so the example can
        // only verify through the first signature.
        var json = SdJwtVectors.Load("rfc9901/section_8_3.json").GetProperty("blocks")[0].GetProperty("value");
        var second = json.GetProperty("signatures")[1];
        Assert.Equal(2, json.GetProperty("signatures").GetArrayLength());
        var compact = $"{second.GetProperty("protected").GetString()}.{json.GetProperty("payload").GetString()}.{second.GetProperty("signature").GetString()}~";

        var result = await Verifier().VerifyAsync(compact, KeyBindingRequirement.Optional("https://verifier.example.org", "1234567890"));

        Assert.False(result.IsValid);
        Assert.Equal(JoseErrors.InvalidSignature, result.Error!.Code);
    }

    [Fact]
    public void Parse_Section83AsPublished_FailsWithUnprotectedHeaderNotAllowed()
    {
        // The RFC's section 8.3 example carries an unprotected 'kid' in both signatures' headers. This library accepts
        // only 'disclosures' and 'kb_jwt' there (unsigned input is not kept next to signed input).
        var text = SdJwtVectors.Load("rfc9901/section_8_3.json").GetProperty("blocks")[0].GetProperty("value").GetRawText();

        var parsed = SdJwtToken.Read(text);

        Assert.Equal(SdJwtErrors.UnprotectedHeaderNotAllowed, parsed.Error!.Code);
    }

    [Fact]
    public async Task VerifyAsync_Section83WithoutUnprotectedKid_FailsWithMultipleSignaturesOrTheUnknownSecondKey()
    {
        // Without the unprotected kids, the example still has two signatures: refused by default; with several
        // signatures allowed, the second (by a key the RFC does not publish) must verify too, and cannot.
        var json = JsonNode.Parse(SdJwtVectors.Load("rfc9901/section_8_3.json").GetProperty("blocks")[0].GetProperty("value").GetRawText())!;
        foreach (var signature in json["signatures"]!.AsArray())
        {
            signature!["header"]!.AsObject().Remove("kid");
            if (signature["header"]!.AsObject().Count == 0)
            {
                signature.AsObject().Remove("header");
            }
        }

        var text = json.ToJsonString();
        var requirement = KeyBindingRequirement.Optional("https://verifier.example.org", "1234567890");
        var byDefault = await Verifier().VerifyAsync(text, requirement);
        var allowed = await new SdJwtVerifier(
            new StaticIssuerKeyResolver(Jwk.Parse(SdJwtVectors.ReadText("rfc9901/issuer_public_jwk_A5.json"))),
            new SdJwtVerifierOptions { TimeProvider = s_clock, AllowMultipleSignatures = true }).VerifyAsync(text, requirement);

        Assert.Equal(SdJwtErrors.MultipleSignatures, byDefault.Error!.Code);
        Assert.Equal(JoseErrors.InvalidSignature, allowed.Error!.Code);
    }

    /// <summary>
    /// The section 8.3 example reduced to what this library verifies: the first signature only, without the unprotected
    /// <c>kid</c> (see <see cref="Parse_Section83AsPublished_FailsWithUnprotectedHeaderNotAllowed"/>). Other JSON examples are unchanged.
    /// </summary>
    private static string WithoutUnverifiableParts(JsonElement value)
    {
        var json = JsonNode.Parse(value.GetRawText())!.AsObject();
        if (json["signatures"] is not JsonArray signatures)
        {
            return value.GetRawText();
        }

        while (signatures.Count > 1)
        {
            signatures.RemoveAt(signatures.Count - 1);
        }

        signatures[0]!["header"]?.AsObject().Remove("kid");
        return json.ToJsonString();
    }

    private static SdJwtVerifier Verifier(TimeProvider? clock = null)
        => new(new StaticIssuerKeyResolver(Jwk.Parse(SdJwtVectors.ReadText("rfc9901/issuer_public_jwk_A5.json"))), options: new SdJwtVerifierOptions { TimeProvider = clock ?? s_clock });

    /// <summary>One RFC example presentation and what it must verify to.</summary>
    private sealed record Example(string Text, SdJwtToken Parsed, JsonElement? KeyBindingPayload, bool HasCnf, JsonElement ExpectedPayload)
    {
        public static Example Load(string file, int blockIndex)
        {
            var blocks = SdJwtVectors.Load("rfc9901/" + file).GetProperty("blocks");
            var block = blocks[blockIndex];
            var text = block.GetProperty("kind").GetString() == "compact" ? block.GetProperty("value").GetString()! : WithoutUnverifiableParts(block.GetProperty("value"));
            var parsed = SdJwtToken.Read(text);
            Assert.True(parsed.IsValid, parsed.Error?.ToString());
            JsonElement? kb = block.TryGetProperty("kb_jwt_payload", out var kbPayload) ? kbPayload : null;
            var payload = DecodeJwtPayload(parsed.Value.IssuerSignedJwt);
            var expectedSpec = s_examples.Single(e => e.File == file && e.Block == blockIndex).Expected;
            var expected = expectedSpec switch
            {
                "input" => InputClaimsWithRegisteredClaims(blocks[0].GetProperty("value"), payload),
                "flat" => FlatPayload(payload, parsed.Value),
                _ => blocks[int.Parse(expectedSpec["block:".Length..], System.Globalization.CultureInfo.InvariantCulture)].GetProperty("value"),
            };

            return new Example(text, parsed.Value, kb, payload.TryGetProperty("cnf", out _), expected);
        }

        public KeyBindingRequirement Requirement()
        {
            if (KeyBindingPayload is { } kb)
            {
                return KeyBindingRequirement.Required(kb.GetProperty("aud").GetString()!, kb.GetProperty("nonce").GetString()!);
            }

            // Without a KB-JWT: a holder-bound credential may still be presented without binding; an unbound one must not carry a KB-JWT.
            return HasCnf ? KeyBindingRequirement.Optional("https://verifier.example.org", "1234567890") : KeyBindingRequirement.Forbidden;
        }

        private static JsonElement InputClaimsWithRegisteredClaims(JsonElement input, JsonElement payload)
        {
            var expected = JsonNode.Parse(input.GetRawText())!.AsObject();
            foreach (var member in payload.EnumerateObject())
            {
                if (member.Name is not ("_sd" or "_sd_alg") && !expected.ContainsKey(member.Name))
                {
                    expected[member.Name] = JsonNode.Parse(member.Value.GetRawText());
                }
            }

            return SdJwtVectors.ToElement(expected);
        }

        private static JsonElement FlatPayload(JsonElement payload, SdJwtToken sdJwt)
        {
            var expected = JsonNode.Parse(payload.GetRawText())!.AsObject();
            var topLevelDigests = payload.GetProperty("_sd").EnumerateArray().Select(d => d.GetString()).ToHashSet(StringComparer.Ordinal);
            expected.Remove("_sd");
            expected.Remove("_sd_alg");
            foreach (var disclosure in sdJwt.Disclosures)
            {
                Assert.Contains(disclosure.ComputeDigest(SdHashAlgorithm.Sha256), topLevelDigests);
                expected[disclosure.ClaimName!] = JsonNode.Parse(disclosure.Value.GetRawText());
            }

            return SdJwtVectors.ToElement(expected);
        }
    }

    internal static JsonElement DecodeJwtPayload(string compactJwt)
    {
        var part = compactJwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        part += new string('=', (4 - (part.Length % 4)) % 4);
        using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(part)));
        return document.RootElement.Clone();
    }
}
