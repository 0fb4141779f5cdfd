using System;
using System.IO;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Keys;
using Credentials.Testing;
using Credentials.W3c;
using Credentials.W3c.BitstringStatus;
using Credentials.W3c.DataIntegrity;
using Credentials.W3c.JsonLd;
using Credentials.W3c.OpenBadges;
using Credentials.W3c.OpenBadges.Baking;
using Xunit;
using static Credentials.Tests.W3c.OpenBadges.OpenBadgeBakingImages;

namespace Credentials.Tests.W3c.OpenBadges;

/// <summary>
/// The verifier's entry point: a badge as bytes, text or a stream (baked PNG or SVG, JSON, compact JWS) is recognised,
/// extracted, verified (proof, issuer key, data model, validity, status), then checked as an Open Badge (model and
/// 1EdTech schema). The badges are signed here with eddsa-rdfc-2022 by a did:key issuer.
/// </summary>
public sealed class OpenBadgeVerifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly PinnedJsonLdDocumentLoader Loader = PinnedJsonLdDocumentLoader.Default.WithCatchAllContexts();
    private static readonly BadgeBaker Baker = new();

    [Fact]
    public async Task BakedPng_DataIntegrity_VerifiedWithEveryCheck()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var signed = await SignAsync(key, Badge(key));
        var png = Baker.BakePng(Png(), signed).Value;

        var result = await Verifier().VerifyAsync(png);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(OpenBadgeVerifierFormat.BakedPng, result.Format);
        Assert.Equal(signed, result.CredentialText);
        Assert.Equal(DidKey.Create(key).Value, result.Value.Issuer);
        Assert.Equal(W3cSecuringMechanisms.DataIntegrity("eddsa-rdfc-2022"), result.Value.SecuringMechanism);
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(W3cCheckKind.Proof));
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(W3cCheckKind.DataModel));
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(W3cCheckKind.ValidityPeriod));
        Assert.Equal(CheckOutcome.NotChecked, result.OutcomeOf(W3cCheckKind.Status));
        Assert.Equal(CheckOutcome.Passed, result.Model);
        Assert.Equal(CheckOutcome.Passed, result.Schema);
        Assert.Equal("https://exam.example.jp/achievements/fe", result.Badge!.Achievement.Id);
    }

    [Fact]
    public async Task BakedSvg_DataIntegrity_Verified()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var signed = await SignAsync(key, Badge(key));
        var svg = Baker.BakeSvg(SvgBytes, signed).Value;

        var fromBytes = await Verifier().VerifyAsync(svg);
        var fromText = await Verifier().VerifyTextAsync(Encoding.UTF8.GetString(svg));

        Assert.True(fromBytes.IsValid, fromBytes.Error?.ToString());
        Assert.Equal(OpenBadgeVerifierFormat.BakedSvg, fromBytes.Format);
        Assert.Equal(signed, fromBytes.CredentialText);
        Assert.True(fromText.IsValid, fromText.Error?.ToString());
        Assert.Equal(OpenBadgeVerifierFormat.BakedSvg, fromText.Format);
    }

    [Fact]
    public async Task Json_AsBytesTextAndStream_Verified()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var signed = await SignAsync(key, Badge(key));
        var verifier = Verifier();

        var bytes = await verifier.VerifyAsync(Concat([Encoding.UTF8.GetPreamble(), Encoding.UTF8.GetBytes(signed)]));
        var text = await verifier.VerifyTextAsync("\n " + signed + "\n");
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(signed));
        var streamed = await verifier.VerifyStreamAsync(stream);

        foreach (var result in new[] { bytes, text, streamed })
        {
            Assert.True(result.IsValid, result.Error?.ToString());
            Assert.Equal(OpenBadgeVerifierFormat.Json, result.Format);
            Assert.NotNull(result.Badge);
        }
    }

    [Fact]
    public async Task BakedPng_CredentialTamperedBeforeBaking_ProofFails()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var signed = JsonNode.Parse(await SignAsync(key, Badge(key)))!.AsObject();
        signed["credentialSubject"]!["achievement"]!["name"] = "応用情報技術者試験";
        var png = Baker.BakePng(Png(), signed.ToJsonString()).Value;

        var result = await Verifier().VerifyAsync(png);

        Assert.False(result.IsValid);
        Assert.Equal(DataIntegrityErrors.InvalidSignature, result.Error.Code);
        Assert.Equal(OpenBadgeVerifierFormat.BakedPng, result.Format);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(W3cCheckKind.Proof));
        Assert.Equal(CheckOutcome.NotReached, result.Model);
        Assert.Null(result.Badge);
    }

    [Fact]
    public async Task BakedPng_BytesEditedAfterBaking_CrcMismatchBeforeAnyCheck()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var signed = await SignAsync(key, Badge(key));
        var png = Baker.BakePng(Png(), signed).Value;
        var at = png.AsSpan().IndexOf("OpenBadgeCredential"u8);
        png[at + 2] ^= 1;

        var result = await Verifier().VerifyAsync(png);

        Assert.Equal(OpenBadgeBakingErrors.CrcMismatch, result.Error?.Code);
        Assert.Equal(OpenBadgeVerifierFormat.BakedPng, result.Format);
        Assert.Null(result.CredentialText);
        Assert.Empty(result.Checks);
    }

    [Fact]
    public async Task BakedSvg_TwoCredentials_MultipleCredentials()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var signed = await SignAsync(key, Badge(key));
        var svg = Encoding.UTF8.GetString(Baker.BakeSvg(SvgBytes, signed).Value)
            .Replace("<title>", "<openbadges:credential verify=\"a.b.c\"/><title>", StringComparison.Ordinal);

        var result = await Verifier().VerifyTextAsync(svg);

        Assert.Equal(OpenBadgeBakingErrors.MultipleCredentials, result.Error?.Code);
        Assert.Equal(OpenBadgeVerifierFormat.BakedSvg, result.Format);
    }

    [Fact]
    public async Task SignedW3cCredentialThatIsNotABadge_ModelFails()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var document = Badge(key);
        document["type"] = new JsonArray("VerifiableCredential");
        var signed = await SignAsync(key, document);
        var png = Baker.BakePng(Png(), signed).Value;

        var result = await Verifier().VerifyAsync(png);

        Assert.Equal(OpenBadgeErrors.InvalidType, result.Error?.Code);
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(W3cCheckKind.Proof));
        Assert.Equal(CheckOutcome.Failed, result.Model);
        Assert.Equal(CheckOutcome.NotReached, result.Schema);
    }

    [Fact]
    public async Task SchemaViolation_SchemaFails_UnlessTurnedOff()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var document = Badge(key);
        document["credentialSubject"]!["achievement"]!["criteria"] = new JsonObject { ["narrative"] = 42 };
        var signed = await SignAsync(key, document);

        var validated = await Verifier().VerifyTextAsync(signed);
        var unvalidated = await Verifier(new OpenBadgeVerifierOptions { ValidateSchema = false }).VerifyTextAsync(signed);

        Assert.Equal(CheckOutcome.Passed, validated.OutcomeOf(W3cCheckKind.Proof));
        Assert.Equal(CheckOutcome.Passed, validated.Model);
        Assert.Equal(OpenBadgeErrors.SchemaInvalid, validated.Error?.Code);
        Assert.Equal(CheckOutcome.Failed, validated.Schema);
        Assert.Null(validated.Badge);
        Assert.True(unvalidated.IsValid, unvalidated.Error?.ToString());
        Assert.Equal(CheckOutcome.NotChecked, unvalidated.Schema);
    }

    [Fact]
    public async Task StatusEntry_CheckedThroughBitstringStatusList()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var document = Badge(key);
        document["credentialStatus"] = new JsonObject
        {
            ["id"] = "https://exam.example.jp/status/1#94567",
            ["type"] = "BitstringStatusListEntry",
            ["statusPurpose"] = "revocation",
            ["statusListIndex"] = "94567",
            ["statusListCredential"] = "https://exam.example.jp/status/1",
        };
        var signed = await SignAsync(key, document);
        var png = Baker.BakePng(Png(), signed).Value;

        var checkedStatus = await Verifier().VerifyAsync(png);
        var skipped = await Verifier(new OpenBadgeVerifierOptions { Credential = W3cCredentialVerifierOptions.Default with { Status = StatusCheck.Skip } }).VerifyAsync(png);

        Assert.Equal(BitstringStatusErrors.RetrievalFailed, checkedStatus.Error?.Code);
        Assert.Equal(CheckOutcome.Failed, checkedStatus.OutcomeOf(W3cCheckKind.Status));
        Assert.True(skipped.IsValid, skipped.Error?.ToString());
        Assert.Equal(CheckOutcome.NotChecked, skipped.OutcomeOf(W3cCheckKind.Status));
    }

    [Fact]
    public async Task OpenBadgeJwt_BakedInSvg_VerifiedAsCompactJws()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var credential = W3cCredential.Read(Badge(key).ToJsonString()).Value;
        var jwt = await new OpenBadgeJwtIssuer(key, new OpenBadgeJwtIssuerOptions { PublicKey = key.PublicJwk }).IssueAsync(credential);
        var svg = Baker.BakeSvg(SvgBytes, jwt).Value;

        var baked = await Verifier().VerifyAsync(svg);
        var plain = await Verifier().VerifyTextAsync(jwt);

        Assert.True(baked.IsValid, baked.Error?.ToString());
        Assert.Equal(OpenBadgeVerifierFormat.BakedSvg, baked.Format);
        Assert.Equal(jwt, baked.CredentialText);
        Assert.True(plain.IsValid, plain.Error?.ToString());
        Assert.Equal(OpenBadgeVerifierFormat.CompactJws, plain.Format);
        Assert.NotNull(plain.Badge);
    }

    [Theory]
    [InlineData("GIF89a")]
    [InlineData("hello")]
    [InlineData("a.b")]
    [InlineData("")]
    public async Task NeitherImageJsonNorJws_UnrecognizedFormat(string input)
    {
        var result = await Verifier().VerifyAsync(Encoding.UTF8.GetBytes(input));

        Assert.Equal(OpenBadgeBakingErrors.UnrecognizedFormat, result.Error?.Code);
        Assert.Equal(OpenBadgeVerifierFormat.Unrecognized, result.Format);
    }

    [Fact]
    public async Task NotUtf8_UnrecognizedFormat()
        => Assert.Equal(OpenBadgeBakingErrors.UnrecognizedFormat, (await Verifier().VerifyAsync(new byte[] { 0xFF, 0xFE, 0x41 })).Error?.Code);

    [Fact]
    public async Task OverTheLimit_TooLarge_AlsoFromAStream()
    {
        var verifier = Verifier(new OpenBadgeVerifierOptions { Baking = new BadgeBakingOptions { MaxImageBytes = 100 } });
        var input = Encoding.UTF8.GetBytes("{\"a\":\"" + new string('x', 200) + "\"}");
        await using var stream = new MemoryStream(input);

        Assert.Equal(OpenBadgeBakingErrors.TooLarge, (await verifier.VerifyAsync(input)).Error?.Code);
        Assert.Equal(OpenBadgeBakingErrors.TooLarge, (await verifier.VerifyTextAsync(Encoding.UTF8.GetString(input))).Error?.Code);
        Assert.Equal(OpenBadgeBakingErrors.TooLarge, (await verifier.VerifyStreamAsync(stream)).Error?.Code);
    }

    [Fact]
    public async Task LargeStreamUnderTheLimit_ReadWhole()
    {
        // Larger than the first buffer, so the buffer grows; a PNG without credential reports that, not a size error.
        var png = Png(Chunk("tEXt", new byte[200_000]));
        await using var stream = new MemoryStream(png);

        var result = await Verifier().VerifyStreamAsync(stream);

        Assert.Equal(OpenBadgeBakingErrors.NoCredential, result.Error?.Code);
    }

    [Fact]
    public async Task NullInput_ProgrammerError()
    {
        Assert.Throws<ArgumentNullException>(() => new OpenBadgeVerifier(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await Verifier().VerifyTextAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await Verifier().VerifyStreamAsync(null!));
    }

    private static OpenBadgeVerifier Verifier(OpenBadgeVerifierOptions? options = null)
    {
        options ??= OpenBadgeVerifierOptions.Default;
        var clock = TestClock.At(Now);
        return new OpenBadgeVerifier(DidResolver.CreateDefault(), options with
        {
            Credential = options.Credential with
            {
                TimeProvider = clock,
                DataIntegrity = options.Credential.DataIntegrity with { TimeProvider = clock, DocumentLoader = Loader },
            },
        });
    }

    private static async Task<string> SignAsync(SigningKey key, JsonObject document)
    {
        var issuer = new DataIntegrityIssuer(key, DidKey.GetKeyId(DidKey.Create(key)).Value,
            new DataIntegrityIssuerOptions { TimeProvider = TestClock.At(Now), DocumentLoader = Loader });
        return (await issuer.AddProofAsync(document, new DataIntegrityProofOptions { Cryptosuite = Cryptosuite.EddsaRdfc2022 })).ToJsonString();
    }

    internal static JsonObject Badge(SigningKey key) => new()
    {
        ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"),
        ["id"] = "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
        ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
        ["name"] = "基本情報技術者試験 合格証書",
        ["issuer"] = new JsonObject { ["id"] = DidKey.Create(key).Value, ["type"] = new JsonArray("Profile"), ["name"] = "情報処理技術者試験センター" },
        ["validFrom"] = "2025-04-01T00:00:00+09:00",
        ["credentialSubject"] = new JsonObject
        {
            ["id"] = "did:example:ebfeb1f712ebc6f1c276e12ec21",
            ["type"] = new JsonArray("AchievementSubject"),
            ["achievement"] = new JsonObject
            {
                ["id"] = "https://exam.example.jp/achievements/fe",
                ["type"] = new JsonArray("Achievement"),
                ["name"] = "基本情報技術者試験",
                ["description"] = "情報処理技術者試験 レベル2",
                ["criteria"] = new JsonObject { ["narrative"] = "科目A・科目Bともに600点以上（1,000点満点）" },
            },
        },
    };
}
