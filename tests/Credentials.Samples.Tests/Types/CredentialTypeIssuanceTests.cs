using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Samples.Tests.Types;

public sealed class CredentialTypeIssuanceTests
{
    public static TheoryData<string> TypeNames() => new(Samples.CredentialTypes.Names);

    private static readonly FakeTimeProvider s_clock = new(Jst.At(2026, 11, 24, 10, 0));

    [Theory]
    [MemberData(nameof(TypeNames))]
    public async Task Prepare_SampleClaims_IssuesCredentialThatVerifies(string name)
    {
        var type = Samples.CredentialTypes.Get(name);
        using var holderKey = SigningKey.Create(JwsAlgorithm.Es256);
        var issued = await IssueAsync(type, type.GetSampleClaims(), holderKey.PublicJwk);

        var result = await CredentialChecks.PresentAllAndVerifyAsync(issued, holderKey, s_clock);

        CredentialChecks.AssertValid(result);
        Assert.Equal(type.Vct, result.Value!.Vct);
        Assert.NotNull(result.Value.TypeMetadata);
    }

    [Theory]
    [MemberData(nameof(TypeNames))]
    public async Task Prepare_SampleClaims_SatisfiesTypeMetadataCompletely(string name)
    {
        var type = Samples.CredentialTypes.Get(name);
        var issued = await IssueAsync(type, type.GetSampleClaims(), holderKey: null);

        CredentialChecks.AssertSatisfiesMetadata(issued, type);
    }

    [Theory]
    [MemberData(nameof(TypeNames))]
    public void Metadata_EveryClaim_HasJapaneseAndEnglishLabels(string name)
    {
        var type = Samples.CredentialTypes.Get(name);
        Assert.NotNull(type.Metadata.GetName("ja-JP"));
        Assert.NotNull(type.Metadata.GetName("en-US"));
        Assert.NotEqual(type.Metadata.GetName("ja-JP"), type.Metadata.GetName("en-US"));
        foreach (var claim in type.Metadata.Claims)
        {
            Assert.Contains(claim.Display, d => d.Locale == "ja-JP");
            Assert.Contains(claim.Display, d => d.Locale == "en-US");
        }
    }

    [Theory]
    [MemberData(nameof(TypeNames))]
    public async Task Prepare_SampleClaims_RegisteredClaimsArePlaintext(string name)
    {
        var type = Samples.CredentialTypes.Get(name);
        using var holderKey = SigningKey.Create(JwsAlgorithm.EdDsa);
        var issued = SdJwtToken.Read(await IssueAsync(type, type.GetSampleClaims(), holderKey.PublicJwk)).Value;

        var disclosed = new SdJwtHolder().GetDisclosableClaims(issued).Value.Select(c => c.Path.Components[0].Name).ToHashSet();

        foreach (var registered in new[] { "iss", "iat", "nbf", "exp", "cnf", "vct", "vct#integrity", "status" })
        {
            Assert.DoesNotContain(registered, disclosed);
        }
    }

    [Fact]
    public async Task Prepare_IpaExam_ExamIsPlainAndPersonalDataDisclosable()
    {
        var issued = SdJwtToken.Read(await IssueAsync(Samples.CredentialTypes.IpaExam, Samples.CredentialTypes.IpaExam.GetSampleClaims(), null)).Value;

        var disclosable = new SdJwtHolder().GetDisclosableClaims(issued).Value.Select(c => c.Path.ToString()).ToHashSet();

        Assert.Contains(ClaimPath.Of("family_name#ja-Kana-JP").ToString(), disclosable);
        Assert.Contains(ClaimPath.Of("certificate_number").ToString(), disclosable);
        Assert.Contains(ClaimPath.Of("birthdate").ToString(), disclosable);
        Assert.DoesNotContain(ClaimPath.Of("exam").ToString(), disclosable);
        Assert.DoesNotContain(ClaimPath.Of("exam", "category_code").ToString(), disclosable);
    }

    [Fact]
    public async Task Prepare_DssSkill_EachResultIsItsOwnDisclosure()
    {
        var issued = SdJwtToken.Read(await IssueAsync(Samples.CredentialTypes.DssSkill, Samples.CredentialTypes.DssSkill.GetSampleClaims(), null)).Value;

        var disclosable = new SdJwtHolder().GetDisclosableClaims(issued).Value.Select(c => c.Path.ToString()).ToHashSet();

        Assert.Contains(ClaimPath.Create("results", 0).ToString(), disclosable);
        Assert.Contains(ClaimPath.Create("results", 2).ToString(), disclosable);
        Assert.DoesNotContain(ClaimPath.Of("achievement").ToString(), disclosable);
    }

    [Fact]
    public async Task Prepare_DrivingLicence_AddressMembersNestedAndAgeStatementsComputed()
    {
        var prepared = Samples.CredentialTypes.DrivingLicence.Prepare(Samples.CredentialTypes.DrivingLicence.GetSampleClaims(), s_clock.GetUtcNow());
        Assert.True(prepared.Claims["age_equal_or_over"]!["20"]!.GetValue<bool>());
        var issued = SdJwtToken.Read(await IssueAsync(Samples.CredentialTypes.DrivingLicence, Samples.CredentialTypes.DrivingLicence.GetSampleClaims(), null)).Value;

        var disclosable = new SdJwtHolder().GetDisclosableClaims(issued).Value.Select(c => c.Path.ToString()).ToHashSet();

        Assert.Contains(ClaimPath.Of("address").ToString(), disclosable);
        Assert.Contains(ClaimPath.Of("address", "region").ToString(), disclosable);
        Assert.Contains(ClaimPath.Of("age_equal_or_over", "20").ToString(), disclosable);
        Assert.DoesNotContain(ClaimPath.Of("issuing_authority").ToString(), disclosable);
    }

    [Fact]
    public void Prepare_DrivingLicence_ValidityEndsWithLicenceExpiryInJst()
    {
        var claims = Samples.CredentialTypes.DrivingLicence.GetSampleClaims();
        claims["expiry_date"] = "2026-12-01";

        var prepared = Samples.CredentialTypes.DrivingLicence.Prepare(claims, s_clock.GetUtcNow());

        Assert.Equal(Jst.At(2026, 12, 2, 0, 0), prepared.ExpiresAt);
    }

    [Fact]
    public void Prepare_IpaExam_ValidForTwoYears()
    {
        var prepared = Samples.CredentialTypes.IpaExam.Prepare(Samples.CredentialTypes.IpaExam.GetSampleClaims(), s_clock.GetUtcNow());

        Assert.Equal(s_clock.GetUtcNow().AddDays(730), prepared.ExpiresAt);
        Assert.Equal(Samples.CredentialTypes.IpaExam.MetadataIntegrity, prepared.ToIssuance().VctIntegrity);
    }

    [Fact]
    public void CreateMetadataRegistry_AllTypes_AreResolvable()
    {
        var registry = Samples.CredentialTypes.CreateMetadataRegistry();

        Assert.Equal(Samples.CredentialTypes.All.Select(t => t.Vct).Order(), registry.Types.Order());
    }

    [Fact]
    public void Get_UnknownName_ThrowsCliErrorListingTypes()
    {
        var ex = Assert.Throws<CliException>(() => Samples.CredentialTypes.Get("passport"));

        Assert.Equal(CliErrors.UnknownTypeCode, ex.Error.Code);
        Assert.Contains("ipa-exam", ex.Error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void TryGet_CaseInsensitive_Finds()
        => Assert.True(Samples.CredentialTypes.TryGet("IPA-Exam", out _));

    internal static async Task<string> IssueAsync(CredentialType type, JsonObject claims, Jwk? holderKey, FakeTimeProvider? clock = null)
    {
        clock ??= s_clock;
        using var issuerKey = SigningKey.Create(JwsAlgorithm.EdDsa);
        var did = DidKey.Create(issuerKey.PublicJwk);
        using var key = SigningKey.FromJwk(issuerKey.ExportPrivateJwk() with { Kid = DidKey.GetKeyId(did).ToString() });
        var issuer = new SdJwtVcIssuer(key, options: new SdJwtVcIssuerOptions { Issuer = did.ToString(), TimeProvider = clock });
        var prepared = type.Prepare(claims, clock.GetUtcNow());
        return (await issuer.IssueAsync(prepared.ToIssuance(holderKey))).Serialize();
    }
}
