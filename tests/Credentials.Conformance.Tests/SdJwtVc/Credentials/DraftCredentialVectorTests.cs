using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Conformance.Tests.SdJwt;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.SdJwtVc.TypeMetadata;
using Credentials.SdJwtVc.TypeMetadata.Resolution;
using Credentials.Testing;
using Credentials.Trust;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Conformance.Tests.SdJwtVc.Credentials;

/// <summary>
/// Every SD-JWT VC credential example of draft-ietf-oauth-sd-jwt-vc (specs/vectors/sd-jwt-vc/draft; section numbers of
/// the rendered draft -18): the issued SD-JWT of 2.3.1, both presentations of 2.3.2 and the PID of A.1 (issued and
/// presented with a KB-JWT) verify with <see cref="SdJwtVcVerifier"/> against a trust list holding the examples'
/// issuer key, and process to exactly the payload the draft shows.
/// </summary>
public sealed class DraftCredentialVectorTests : IDisposable
{
    /// <summary>Thirty seconds after the examples' KB-JWT <c>iat</c>; the credentials' <c>iat</c>/<c>exp</c> (1683000000/1883000000) bracket it.</summary>
    internal const long ExampleKeyBindingIat = 1785785053;

    internal static readonly FakeTimeProvider Clock = TestClock.AtUnixSeconds(ExampleKeyBindingIat + 30);

    // file, block, expected processed payload: "block:N" = that block of the file; "input:N" = the unsecured payload
    // in block N plus the plaintext registered claims of the Issuer-signed JWT (every disclosure is present);
    // "yaml:D" = the user claims of the generator input spec-inputs/D, plus those registered claims. The PID uses the
    // generator input because Figure 23 as extracted from the rendered text has line-wrap spaces inside the portrait.
    private static readonly (string File, int Block, string Expected)[] s_examples =
    [
        ("section_2_3_1.json", 2, "input:0"),
        ("section_2_3_2.json", 0, "block:1"),
        ("section_2_3_2.json", 2, "block:3"),
        ("section_A_1.json", 1, "yaml:03-pid"),
        ("section_A_1.json", 3, "block:5"),
    ];

    private readonly TrustList _trust = TrustList.Parse($$"""
        {"issuers":[
          {"issuer":"https://example.com/issuer","name":"SD-JWT VC draft example issuer","keys":[{{SdJwtVcDraftVectors.ReadText("issuer_public_jwk.json")}}],
           "credential_types":["https://credentials.example.com/identity_credential"]},
          {"issuer":"https://pid-issuer.aendgard.example","name":"Ændgard PID issuer","keys":[{{SdJwtVcDraftVectors.ReadText("issuer_public_jwk.json")}}],
           "credential_types":["urn:example:eudi:pid:aendgard:1"]}]}
        """);

    public void Dispose() => _trust.Dispose();

    public static TheoryData<string, int> Examples() => Data(_ => true);

    public static TheoryData<string, int> KeyBindingExamples() => Data(e => e.KeyBindingPayload is not null);

    public static TheoryData<string, int> ExamplesWithoutKeyBinding() => Data(e => e.KeyBindingPayload is null);

    [Fact]
    public void Vectors_Folder_HoldsExactlyTheListedFiles()
    {
        string[] files =
        [
            "issuer_public_jwk.json", "section_2_2_1.json", "section_2_2_2_1.json", "section_2_2_2_2.json", "section_2_3_1.json",
            "section_2_3_2.json", "section_3_2.json", "section_4_1.json", "section_4_6_1_1.json", "section_4_6_5_2.json",
            "section_A_1.json", "section_A_2.json",
        ];

        Assert.Equal(files.Order(StringComparer.Ordinal), SdJwtVcDraftVectors.Files());
    }

    [Fact]
    public void Examples_EveryCompactBlockInTheDraft_IsCovered()
    {
        var found = new List<string>();
        foreach (var file in SdJwtVcDraftVectors.Files().Where(f => f.StartsWith("section_", StringComparison.Ordinal)))
        {
            var blocks = SdJwtVcDraftVectors.Blocks(file).EnumerateArray().ToArray();
            for (var i = 0; i < blocks.Length; i++)
            {
                if (blocks[i].GetProperty("kind").GetString() == "compact")
                {
                    found.Add($"{file}#{i}");
                }
            }
        }

        Assert.Equal(s_examples.Select(e => $"{e.File}#{e.Block}").Order(StringComparer.Ordinal), found.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task VerifyAsync_DraftExample_ProcessesToTheDraftPayload(string file, int block)
    {
        var example = Example.Load(file, block);

        var result = await Verifier().VerifyAsync(example.Text, example.Policy(_trust));

        Assert.True(result.IsValid, result.Error?.ToString());
        SdJwtVectors.AssertJsonEqual(example.ExpectedPayload, result.Value.Claims);
        Assert.Equal(example.Payload.GetProperty("vct").GetString(), result.Value.Vct);
        Assert.Equal(example.Payload.GetProperty("iss").GetString(), result.Value.Issuer);
        Assert.Equal(example.Parsed.Disclosures.Length, result.Value.DisclosedPaths.Length);
        foreach (var check in new[] { CheckKind.Signature, CheckKind.IssuerTrust, CheckKind.Disclosures, CheckKind.Time, CheckKind.CredentialType })
        {
            Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(check));
        }

        Assert.Equal(example.KeyBindingPayload is null ? CheckOutcome.NotChecked : CheckOutcome.Passed, result.OutcomeOf(CheckKind.KeyBinding));
        Assert.Equal(CheckOutcome.NotChecked, result.OutcomeOf(CheckKind.Status));
        Assert.Equal(CheckOutcome.NotChecked, result.OutcomeOf(CheckKind.TypeMetadata));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task VerifyAsync_DraftExampleWithStrictOptions_FailsWithMissingRequiredClaim(string file, int block)
    {
        // The draft's examples carry no status (and some no cnf): a verifier that requires exp, cnf and status (exp and
        // cnf by default, status when asked), because a holder could withhold them if an issuer made them disclosable,
        // refuses them. The tests above turn the switches off.
        var example = Example.Load(file, block);
        var verifier = new SdJwtVcVerifier(new StaticIssuerKeyResolver(SdJwtVcDraftVectors.IssuerPublicJwk()), options: new SdJwtVcVerifierOptions { TimeProvider = Clock, RequireStatus = true });

        var result = await verifier.VerifyAsync(example.Text, example.Policy(null));

        Assert.Equal(SdJwtErrors.MissingRequiredClaim, result.Error!.Code);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task VerifyAsync_DraftExampleWithStaticIssuerKey_ProcessesToTheDraftPayload(string file, int block)
    {
        var example = Example.Load(file, block);
        var verifier = new SdJwtVcVerifier(new StaticIssuerKeyResolver(SdJwtVcDraftVectors.IssuerPublicJwk()), options: new SdJwtVcVerifierOptions { RequireStatus = false, RequireConfirmationKey = false, TimeProvider = Clock });

        var result = await verifier.VerifyAsync(example.Text, example.Policy(null));

        Assert.True(result.IsValid, result.Error?.ToString());
        SdJwtVectors.AssertJsonEqual(example.ExpectedPayload, result.Value.Claims);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task VerifyAsync_DraftExampleInJwsJsonSerialization_ProcessesToTheDraftPayload(string file, int block)
    {
        // Section 2.2: the JWS JSON serialization of RFC 9901 section 8 carries the same credential.
        var example = Example.Load(file, block);

        foreach (var text in new[] { example.Parsed.ToFlattenedJson(), example.Parsed.ToGeneralJson() })
        {
            var result = await Verifier().VerifyAsync(text, example.Policy(_trust));

            Assert.True(result.IsValid, result.Error?.ToString());
            SdJwtVectors.AssertJsonEqual(example.ExpectedPayload, result.Value.Claims);
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task VerifyAsync_DraftExampleWithVctInOtherCase_FailsWithVctNotAccepted(string file, int block)
    {
        // Section 2.2.2.1: vct is a case-sensitive string.
        var example = Example.Load(file, block);
        var vct = example.Payload.GetProperty("vct").GetString()!;

        var result = await Verifier().VerifyAsync(example.Text, example.Policy(_trust) with { AcceptedVcts = [vct.ToUpperInvariant()] });

        Assert.Equal(SdJwtVcErrors.VctNotAccepted, result.Error?.Code);
    }

    [Theory]
    [InlineData("""{"path":["is_over_65"],"sd":"always"},{"path":["address"],"sd":"always"},{"path":["given_name"],"sd":"always","mandatory":true}""", null)]
    [InlineData("""{"path":["is_over_65"],"sd":"never"}""", "typemetadata.sd_violation")]
    [InlineData("""{"path":["iss"],"sd":"always"}""", "typemetadata.sd_violation")]
    [InlineData("""{"path":["address",0]}""", "typemetadata.path_error")]
    public async Task VerifyAsync_Section232PresentationWithClaimMetadata_IsValidatedAgainstIt(string claims, string? expectedCode)
    {
        // Section 5.7 (-18: 4.7): processed type metadata is validated, and a failure rejects the credential; an
        // undisclosed mandatory claim (given_name) is not evidence of absence.
        var example = Example.Load("section_2_3_2.json", 0);
        var document = System.Text.Encoding.UTF8.GetBytes($$"""{"vct":"https://credentials.example.com/identity_credential","claims":[{{claims}}]}""");
        var registry = new LocalTypeMetadataRegistry([KeyValuePair.Create("https://credentials.example.com/identity_credential", (ReadOnlyMemory<byte>)document)]);
        var verifier = new SdJwtVcVerifier(_trust, typeMetadata: registry, options: new SdJwtVcVerifierOptions { RequireStatus = false, RequireConfirmationKey = false, TimeProvider = Clock });

        var result = await verifier.VerifyAsync(example.Text, example.Policy(_trust) with { TypeMetadata = TypeMetadataCheck.Required });

        Assert.Equal(expectedCode, result.Error?.Code.Value);
        Assert.Equal(expectedCode is null ? CheckOutcome.Passed : CheckOutcome.Failed, result.OutcomeOf(CheckKind.TypeMetadata));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Parse_DraftExample_MatchesTheDecodedHeaderPayloadAndDisclosures(string file, int block)
    {
        var example = Example.Load(file, block);
        var vector = SdJwtVcDraftVectors.Block(file, block);

        // Section 2.2.1 (Figure 2): explicit typing with dc+sd-jwt; the examples are signed with ES256.
        var header = SdJwtVcDraftVectors.DecodeSegment(example.Parsed.IssuerSignedJwt, 0);
        SdJwtVectors.AssertJsonEqual(vector.GetProperty("issuer_jwt_header"), header);
        SdJwtVectors.AssertJsonEqual(SdJwtVcDraftVectors.Value("section_2_2_1.json", 0), SdJwtVectors.Without(header, "kid"));
        SdJwtVectors.AssertJsonEqual(vector.GetProperty("issuer_jwt_payload"), example.Payload);
        Assert.True(vector.GetProperty("issuer_signature_valid_with_issuer_public_jwk").GetBoolean());

        var decoded = vector.GetProperty("disclosures_decoded").EnumerateArray().ToArray();
        Assert.Equal(decoded.Length, example.Parsed.Disclosures.Length);
        for (var i = 0; i < decoded.Length; i++)
        {
            var disclosure = example.Parsed.Disclosures[i];
            Assert.Equal(decoded[i].GetProperty("disclosure").GetString(), disclosure.Encoded);
            Assert.Equal(decoded[i].GetProperty("sha256_b64url").GetString(), disclosure.ComputeDigest(SdHashAlgorithm.Sha256));

            // Section 2.2.2.3: the registered claims are never inside a disclosure.
            Assert.DoesNotContain(disclosure.ClaimName ?? string.Empty, SdJwtVcClaimNames.NeverDisclosable);
        }
    }

    [Fact]
    public void Section_2_3_1_SdJwtPayloadFigure_IsThePayloadOfTheIssuedSdJwt()
    {
        var issued = Example.Load("section_2_3_1.json", 2);

        SdJwtVectors.AssertJsonEqual(SdJwtVcDraftVectors.Value("section_2_3_1.json", 1), issued.Payload);
    }

    [Fact]
    public void Section_A_1_PayloadFigure_IsThePayloadOfTheIssuedSdJwt()
    {
        var issued = Example.Load("section_A_1.json", 1);

        SdJwtVectors.AssertJsonEqual(SdJwtVcDraftVectors.Value("section_A_1.json", 2), issued.Payload);
    }

    [Theory]
    [InlineData("section_2_3_2.json", 0, "section_2_3_1.json", 2)]
    [InlineData("section_A_1.json", 3, "section_A_1.json", 1)]
    public void Presentation_OfIssuedExample_SharesItsIssuerSignedJwtAndDisclosures(string file, int block, string issuedFile, int issuedBlock)
    {
        var presentation = Example.Load(file, block).Parsed;
        var issued = Example.Load(issuedFile, issuedBlock).Parsed;

        Assert.Equal(issued.IssuerSignedJwt, presentation.IssuerSignedJwt);
        Assert.All(presentation.Disclosures, d => Assert.Contains(d.Encoded, issued.Disclosures.Select(i => i.Encoded)));
    }

    [Theory]
    [MemberData(nameof(KeyBindingExamples))]
    public async Task VerifyAsync_DraftExampleWithKeyBinding_ChecksCnfKeyAudNonceAndSdHash(string file, int block)
    {
        var example = Example.Load(file, block);
        var kb = example.KeyBindingPayload!.Value;
        var vector = SdJwtVcDraftVectors.Block(file, block);

        var result = await Verifier().VerifyAsync(example.Text, example.Policy(_trust));

        Assert.True(result.IsValid, result.Error?.ToString());
        var binding = result.Value.KeyBinding!;
        Assert.Equal(kb.GetProperty("aud").GetString(), binding.Audience);
        Assert.Equal(kb.GetProperty("nonce").GetString(), binding.Nonce);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(kb.GetProperty("iat").GetInt64()), binding.IssuedAt);

        // Section 2.4: the KB-JWT is verified with the key in the credential's cnf claim.
        var cnf = example.Payload.GetProperty("cnf").GetProperty("jwk");
        Assert.Equal(cnf.GetProperty("x").GetString(), binding.HolderKey.X);
        Assert.Equal(cnf.GetProperty("y").GetString(), binding.HolderKey.Y);
        Assert.Equal(vector.GetProperty("sd_hash_computed").GetString(), SdHashAlgorithm.Sha256.ComputeDigest(example.Parsed.GetSdHashInput()));
        Assert.Equal(kb.GetProperty("sd_hash").GetString(), SdHashAlgorithm.Sha256.ComputeDigest(example.Parsed.GetSdHashInput()));
    }

    [Theory]
    [MemberData(nameof(KeyBindingExamples))]
    public async Task VerifyAsync_DraftExampleWithWrongNonce_FailsWithNonceMismatch(string file, int block)
    {
        var example = Example.Load(file, block);
        var aud = example.KeyBindingPayload!.Value.GetProperty("aud").GetString()!;

        var result = await Verifier().VerifyAsync(example.Text, example.Policy(_trust) with { KeyBinding = KeyBindingRequirement.Required(aud, "0987654321") });

        Assert.Equal(KeyBindingErrors.NonceMismatch, result.Error?.Code);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(CheckKind.KeyBinding));
    }

    [Theory]
    [MemberData(nameof(KeyBindingExamples))]
    public async Task VerifyAsync_DraftExampleWithWrongAudience_FailsWithAudienceMismatch(string file, int block)
    {
        var example = Example.Load(file, block);
        var nonce = example.KeyBindingPayload!.Value.GetProperty("nonce").GetString()!;

        var result = await Verifier().VerifyAsync(example.Text, example.Policy(_trust) with { KeyBinding = KeyBindingRequirement.Required("https://other.example.org/verifier", nonce) });

        Assert.Equal(KeyBindingErrors.AudienceMismatch, result.Error?.Code);
    }

    [Theory]
    [MemberData(nameof(KeyBindingExamples))]
    public async Task VerifyAsync_DraftExampleWithKeyBindingStripped_FailsWithMissing(string file, int block)
    {
        var example = Example.Load(file, block);
        var stripped = example.Parsed.GetSdHashInput();

        var result = await Verifier().VerifyAsync(stripped, example.Policy(_trust));

        Assert.Equal(KeyBindingErrors.Missing, result.Error?.Code);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(CheckKind.KeyBinding));
    }

    [Theory]
    [MemberData(nameof(ExamplesWithoutKeyBinding))]
    public async Task VerifyAsync_DraftExampleWithoutKeyBindingWhenRequired_FailsWithMissing(string file, int block)
    {
        var example = Example.Load(file, block);

        var result = await Verifier().VerifyAsync(example.Text, example.Policy(_trust) with { KeyBinding = KeyBindingRequirement.Required("https://example.com/verifier", "1234567890") });

        Assert.Equal(KeyBindingErrors.Missing, result.Error?.Code);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task VerifyAsync_DraftExampleWithAnotherIssuerKey_FailsWithInvalidSignature(string file, int block)
    {
        var example = Example.Load(file, block);
        using var otherKey = SigningKey.Create(JwsAlgorithm.Es256);
        var verifier = new SdJwtVcVerifier(new StaticIssuerKeyResolver(otherKey.PublicJwk), options: new SdJwtVcVerifierOptions { RequireStatus = false, RequireConfirmationKey = false, TimeProvider = Clock });

        var result = await verifier.VerifyAsync(example.Text, example.Policy(null));

        Assert.Equal(JoseErrors.InvalidSignature, result.Error?.Code);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(CheckKind.Signature));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task VerifyAsync_DraftExampleFromIssuerNotOnTrustList_FailsWithUntrustedIssuer(string file, int block)
    {
        var example = Example.Load(file, block);
        using var otherIssuer = new TrustList([new TrustedIssuer { Issuer = "https://issuer.example.org", Keys = [SdJwtVcDraftVectors.IssuerPublicJwk()], CredentialTypes = ["*"] }]);

        var result = await new SdJwtVcVerifier(otherIssuer, options: new SdJwtVcVerifierOptions { RequireStatus = false, RequireConfirmationKey = false, TimeProvider = Clock }).VerifyAsync(example.Text, example.Policy(otherIssuer));

        Assert.Equal(TrustErrors.UntrustedIssuer, result.Error?.Code);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(CheckKind.IssuerTrust));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task VerifyAsync_DraftExampleFromIssuerNotAllowedItsVct_FailsWithVctNotAllowed(string file, int block)
    {
        var example = Example.Load(file, block);
        var issuer = example.Payload.GetProperty("iss").GetString()!;
        using var narrow = new TrustList([new TrustedIssuer { Issuer = issuer, Keys = [SdJwtVcDraftVectors.IssuerPublicJwk()], CredentialTypes = ["urn:example:other-type"] }]);

        var result = await new SdJwtVcVerifier(narrow, options: new SdJwtVcVerifierOptions { RequireStatus = false, RequireConfirmationKey = false, TimeProvider = Clock }).VerifyAsync(example.Text, example.Policy(narrow));

        Assert.Equal(TrustErrors.VctNotAllowed, result.Error?.Code);
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(CheckKind.Signature));
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(CheckKind.IssuerTrust));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task VerifyAsync_DraftExampleWhenVctNotAccepted_FailsWithVctNotAccepted(string file, int block)
    {
        var example = Example.Load(file, block);

        var result = await Verifier().VerifyAsync(example.Text, example.Policy(_trust) with { AcceptedVcts = ["urn:example:other-type"] });

        Assert.Equal(SdJwtVcErrors.VctNotAccepted, result.Error?.Code);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(CheckKind.CredentialType));
    }

    [Theory]
    [MemberData(nameof(ExamplesWithoutKeyBinding))]
    public async Task VerifyAsync_DraftExampleAfterItsExp_FailsWithExpired(string file, int block)
    {
        var example = Example.Load(file, block);
        var exp = example.Payload.GetProperty("exp").GetInt64();
        var verifier = new SdJwtVcVerifier(_trust, options: new SdJwtVcVerifierOptions { RequireStatus = false, RequireConfirmationKey = false, TimeProvider = TestClock.AtUnixSeconds(exp + 3600) });

        var result = await verifier.VerifyAsync(example.Text, example.Policy(_trust));

        Assert.Equal(SdJwtErrors.Expired, result.Error?.Code);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(CheckKind.Time));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task VerifyAsync_DraftExampleOlderThanMaxCredentialAge_FailsWithTooOld(string file, int block)
    {
        var example = Example.Load(file, block);

        var result = await Verifier().VerifyAsync(example.Text, example.Policy(_trust) with { MaxCredentialAge = TimeSpan.FromDays(365) });

        Assert.Equal(SdJwtVcErrors.TooOld, result.Error?.Code);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task VerifyAsync_DraftExampleWithLegacyTypeDisabled_StillVerifies(string file, int block)
    {
        // The examples use dc+sd-jwt, so turning off the transitional vc+sd-jwt changes nothing for them.
        var example = Example.Load(file, block);
        var strict = new SdJwtVcVerifier(_trust, options: new SdJwtVcVerifierOptions { RequireStatus = false, RequireConfirmationKey = false, TimeProvider = Clock, AcceptLegacyType = false });

        var result = await strict.VerifyAsync(example.Text, example.Policy(_trust));

        Assert.True(result.IsValid, result.Error?.ToString());
    }

    [Fact]
    public void Section_A_1_Figure23_IsTheGeneratorInputApartFromLineWrapsInThePortrait()
    {
        var figure = JsonNode.Parse(SdJwtVcDraftVectors.Value("section_A_1.json", 0).GetRawText())!.AsObject();
        var generator = JsonNode.Parse(GeneratorUserClaims("03-pid").GetRawText())!.AsObject();

        Assert.Equal(generator["portrait"]!.GetValue<string>(), figure["portrait"]!.GetValue<string>().Replace(" ", string.Empty, StringComparison.Ordinal));
        figure.Remove("portrait");
        generator.Remove("portrait");
        SdJwtVectors.AssertJsonEqual(SdJwtVectors.ToElement(generator), SdJwtVectors.ToElement(figure));
    }

    internal static JsonElement GeneratorUserClaims(string input)
        => SdJwtVectors.ToElement(SdJwtPythonYaml.ToJson(SdJwtPythonYaml.Get(SdJwtVcDraftVectors.LoadSpecInput($"{input}/specification.yml"), "user_claims")!));

    private static TheoryData<string, int> Data(Func<Example, bool> predicate)
    {
        var data = new TheoryData<string, int>();
        foreach (var (file, block, _) in s_examples)
        {
            if (predicate(Example.Load(file, block)))
            {
                data.Add(file, block);
            }
        }

        return data;
    }

    private SdJwtVcVerifier Verifier() => new(_trust, options: new SdJwtVcVerifierOptions { RequireStatus = false, RequireConfirmationKey = false, TimeProvider = Clock });

    /// <summary>One draft example presentation and what it must verify to.</summary>
    private sealed record Example(string Text, SdJwtToken Parsed, JsonElement Payload, JsonElement? KeyBindingPayload, JsonElement ExpectedPayload)
    {
        public static Example Load(string file, int blockIndex)
        {
            var blocks = SdJwtVcDraftVectors.Blocks(file);
            var block = blocks[blockIndex];
            Assert.Equal("compact", block.GetProperty("kind").GetString());
            var text = block.GetProperty("value").GetString()!;
            var parsed = SdJwtToken.Read(text);
            Assert.True(parsed.IsValid, parsed.Error?.ToString());
            var payload = SdJwtVcDraftVectors.DecodeSegment(parsed.Value.IssuerSignedJwt, 1);
            JsonElement? kb = block.TryGetProperty("kb_jwt_payload", out var kbPayload) ? kbPayload : null;
            var spec = s_examples.Single(e => e.File == file && e.Block == blockIndex).Expected;
            var argument = spec[(spec.IndexOf(':', StringComparison.Ordinal) + 1)..];
            var expected = spec.StartsWith("yaml:", StringComparison.Ordinal)
                ? InputWithRegisteredClaims(GeneratorUserClaims(argument), payload)
                : spec.StartsWith("input:", StringComparison.Ordinal)
                    ? InputWithRegisteredClaims(blocks[Index(argument)].GetProperty("value"), payload)
                    : blocks[Index(argument)].GetProperty("value");
            return new Example(text, parsed.Value, payload, kb, expected);
        }

        public SdJwtVcPolicy Policy(TrustList? authorization) => new()
        {
            KeyBinding = KeyBindingPayload is { } kb
                ? KeyBindingRequirement.Required(kb.GetProperty("aud").GetString()!, kb.GetProperty("nonce").GetString()!)
                : Payload.TryGetProperty("cnf", out _)
                    ? KeyBindingRequirement.Optional("https://example.com/verifier", "1234567890")
                    : KeyBindingRequirement.Forbidden,
            AcceptedVcts = [Payload.GetProperty("vct").GetString()!],
            IssuerAuthorization = authorization,
            Status = StatusCheck.Skip,
        };

        private static int Index(string text) => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        private static JsonElement InputWithRegisteredClaims(JsonElement input, JsonElement payload)
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
    }
}
