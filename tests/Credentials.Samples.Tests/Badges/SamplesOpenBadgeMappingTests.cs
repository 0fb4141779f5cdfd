using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Samples.Badges;
using Credentials.SdJwtVc;
using Credentials.W3c;
using Credentials.W3c.DataIntegrity;
using Credentials.W3c.OpenBadges;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Samples.Tests.Badges;

/// <summary>One award, two formats: the SD-JWT VC and the Open Badges 3.0 credential made from one claims file.</summary>
public sealed class SamplesOpenBadgeMappingTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 10, 1, 3, 0, 0, TimeSpan.Zero));

    public static TheoryData<string> AwardTypes => new() { "ipa-exam", "dss-skill" };

    [Theory]
    [MemberData(nameof(AwardTypes))]
    public async Task SameClaims_BothFormatsVerified_VerifierSeesTheSameFacts(string typeName)
    {
        var type = CredentialTypes.Get(typeName);
        var prepared = type.Prepare(type.GetSampleClaims(), _clock.GetUtcNow());

        // The SD-JWT VC, every disclosure presented, verified as a verifier would.
        using var sdKey = SigningKey.Create(JwsAlgorithm.Es256);
        var did = DidKey.Create(sdKey.PublicJwk);
        using var sdSigner = SigningKey.FromJwk(sdKey.ExportPrivateJwk() with { Kid = DidKey.GetKeyId(did).ToString() });
        var sdJwt = (await new SdJwtVcIssuer(sdSigner, options: new SdJwtVcIssuerOptions { Issuer = did.ToString(), TimeProvider = _clock }).IssueAsync(prepared.ToIssuance())).Serialize();
        var sdResult = await CredentialChecks.PresentAllAndVerifyAsync(sdJwt, null, _clock);
        CredentialChecks.AssertValid(sdResult);
        var fromSdJwt = BadgeFacts.FromSdJwtVc(type, JsonNode.Parse(sdResult.Value.Claims.GetRawText())!.AsObject());

        // The Open Badge, signed with eddsa-rdfc-2022 by a did:key and verified.
        var badge = await SignAsync(prepared, holderDid: null);
        var verified = await new W3cCredentialVerifier(DidResolver.CreateDefault(), new W3cCredentialVerifierOptions { TimeProvider = _clock }).VerifyAsync(badge.ToJsonString());
        Assert.True(verified.IsValid, verified.IsValid ? null : verified.Error.Code + " " + verified.Error.Message);
        Assert.True(verified.Value.Credential.HasType("OpenBadgeCredential"));
        var fromBadge = BadgeFacts.FromOpenBadge(JsonNode.Parse(verified.Value.Credential.Json.GetRawText())!.AsObject());

        Assert.NotNull(fromBadge);
        Assert.Null(OpenBadgeSchemaValidator.Validate(verified.Value.Credential.Json, OpenBadgeSchema.AchievementCredential));
        Assert.Equal(fromSdJwt.AchievementId, fromBadge.AchievementId);
        Assert.Equal(fromSdJwt.Name, fromBadge.Name);
        Assert.Equal(fromSdJwt.EnglishName, fromBadge.EnglishName);
        Assert.NotNull(fromBadge.EnglishName);
        Assert.Equal(fromSdJwt.AlignmentCodes, fromBadge.AlignmentCodes);
        Assert.Equal(fromSdJwt.AwardedDate, fromBadge.AwardedDate);
        Assert.Equal(fromSdJwt.Results, fromBadge.Results);
        Assert.NotEmpty(fromBadge.Results);
        Assert.Equal(fromSdJwt.IssuerName, fromBadge.IssuerName);
    }

    [Fact]
    public void DssSkill_SampleClaims_SharesTheAchievementUrlAndRoleCodes()
    {
        var prepared = CredentialTypes.DssSkill.Prepare(CredentialTypes.DssSkill.GetSampleClaims(), _clock.GetUtcNow());
        var badge = OpenBadgeMapping.ToOpenBadge(prepared, new OpenBadgeIssue { Issuer = "https://badges.example.jp" });
        var achievement = badge["credentialSubject"]!["achievement"]!;

        Assert.Equal("https://credentials.example.jp/achievements/dss-p/SE-BE/level-3", (string?)achievement["id"]);
        Assert.Equal(["SE-BE", "SE"], achievement["alignment"]!.AsArray().Select(a => (string?)a!["targetCode"]));
        Assert.Equal("ext:DSSRole", (string?)achievement["alignment"]![0]!["targetType"]);
        Assert.Equal("Competency", (string?)achievement["achievementType"]);
        Assert.Equal("2026-09-30T00:00:00+09:00", (string?)badge["awardedDate"]);
        Assert.Equal("https://badges.example.jp", (string?)badge["issuer"]!["url"]);
        Assert.Equal(OpenBadgeMapping.SchemaUri, (string?)badge["credentialSchema"]![0]!["id"]);
    }

    [Theory]
    [MemberData(nameof(AwardTypes))]
    public void Languages_JapaneseIsPrimary_EnglishIsALanguageEdition(string typeName)
    {
        var type = CredentialTypes.Get(typeName);
        var prepared = type.Prepare(type.GetSampleClaims(), _clock.GetUtcNow());
        var badge = OpenBadgeMapping.ToOpenBadge(prepared, new OpenBadgeIssue { Issuer = "https://badges.example.jp" });
        var read = OpenBadgeCredential.Read(badge.ToJsonString());

        Assert.True(read.IsValid, read.IsValid ? null : read.Error.Code.ToString());
        var achievement = read.Value.Achievement;
        var facts = BadgeFacts.FromSdJwtVc(type, prepared.Claims);
        Assert.Equal("ja", achievement.InLanguage);
        Assert.Equal(facts.Name, (string?)badge["credentialSubject"]!["achievement"]!["name"]);
        Assert.Equal(facts.Name, achievement.Name.Get("ja"));
        Assert.Equal(facts.EnglishName, achievement.Name.Get("en"));
        Assert.NotNull(achievement.Description.Get("en"));
        var edition = Assert.Single(achievement.Related);
        Assert.Equal("en", edition.InLanguage);
        Assert.Equal(OpenBadgeMapping.EnglishEdition(achievement.Id), edition.Id);

        // No sample-defined terms: the library's contexts only (VCDM 2.0, Open Badges 3.0, its extensions).
        Assert.Equal(
            [W3cContexts.CredentialsV2, OpenBadgeContexts.Context, OpenBadgeContexts.Extensions],
            badge["@context"]!.AsArray().Select(c => (string?)c));
        Assert.DoesNotContain("localized", badge.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(OpenBadgeSchemaValidator.Validate(read.Value.Json, OpenBadgeSchema.AchievementCredential));
    }

    [Fact]
    public void NoHolderDid_RecipientIsASaltedHashOfTheEmail()
    {
        var prepared = CredentialTypes.DssSkill.Prepare(CredentialTypes.DssSkill.GetSampleClaims(), _clock.GetUtcNow());
        var badge = OpenBadgeMapping.ToOpenBadge(prepared, new OpenBadgeIssue { Issuer = "did:web:badges.example.jp", Salt = "s4lt" });
        var subject = badge["credentialSubject"]!.AsObject();
        var identity = subject["identifier"]![0]!;

        Assert.False(subject.ContainsKey("id"));
        Assert.Equal("emailAddress", (string?)identity["identityType"]);
        var expected = "sha256$" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("kenta.sato@example.jps4lt"u8));
        Assert.Equal(expected, (string?)identity["identityHash"]);
        Assert.DoesNotContain("kenta.sato", badge.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void HolderDid_IsTheSubjectId_NoIdentifier()
    {
        var prepared = CredentialTypes.IpaExam.Prepare(CredentialTypes.IpaExam.GetSampleClaims(), _clock.GetUtcNow());
        var badge = OpenBadgeMapping.ToOpenBadge(prepared, new OpenBadgeIssue { Issuer = "did:web:ipa.example.jp", HolderDid = "did:example:holder" });

        Assert.Equal("did:example:holder", (string?)badge["credentialSubject"]!["id"]);
        Assert.False(badge["credentialSubject"]!.AsObject().ContainsKey("identifier"));
        Assert.Equal(IpaExamCredentialType.AchievementId("FE"), (string?)badge["credentialSubject"]!["achievement"]!["id"]);
    }

    [Fact]
    public void IpaExam_SdJwtVcCarriesTheAchievementUrl()
    {
        var prepared = CredentialTypes.IpaExam.Prepare(CredentialTypes.IpaExam.GetSampleClaims(), _clock.GetUtcNow());

        Assert.Equal("https://credentials.example.jp/achievements/ipa/FE", (string?)prepared.Claims["exam"]!["achievement_id"]);
    }

    private async Task<JsonObject> SignAsync(PreparedCredential prepared, string? holderDid)
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var did = DidKey.Create(key.PublicJwk);
        var unsigned = OpenBadgeMapping.ToOpenBadge(prepared, new OpenBadgeIssue { Issuer = did.ToString(), HolderDid = holderDid });
        var issuer = new DataIntegrityIssuer(key, DidKey.GetKeyId(did).ToString(), new DataIntegrityIssuerOptions { TimeProvider = _clock });
        return await issuer.AddProofAsync(unsigned, new DataIntegrityProofOptions { Cryptosuite = Cryptosuite.EddsaRdfc2022 });
    }
}
