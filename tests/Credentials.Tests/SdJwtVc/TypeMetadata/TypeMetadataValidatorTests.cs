using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.SdJwtVc.TypeMetadata;
using Xunit;
using Credentials.Trust;
using Metadata = Credentials.SdJwtVc.TypeMetadata.TypeMetadataDocument;

namespace Credentials.Tests.SdJwtVc.TypeMetadata;

public sealed class TypeMetadataValidatorTests
{
    private static ResolvedTypeMetadata Resolved(string json)
        => ResolvedTypeMetadata.Create([Metadata.Read(Encoding.UTF8.GetBytes(json)).Value]).Value;

    private static ResolvedTypeMetadata Ipa => Resolved(DomainTypeMetadata.IpaExamPass);

    private static JsonElement Claims(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private const string IpaFull = """
        {"vct":"https://credentials.example.jp/vct/ipa/exam-pass/v1","iss":"https://issuer.credentials.example.jp/ipa",
         "certificate_number":"2026-05-01234",
         "exam":{"category_code":"FE","name":"基本情報技術者試験","level":2,"session":"2026-05"},
         "pass_date":"2026-06-15","document_kind":"certificate_of_passing",
         "family_name":"高橋","given_name":"結衣","birthdate":"2003-11-08",
         "issuing_authority":"独立行政法人情報処理推進機構（サンプル）","issuing_country":"JP"}
        """;

    private static readonly ClaimPath[] s_ipaAlwaysDisclosed =
    [
        ClaimPath.Of("certificate_number"), ClaimPath.Of("pass_date"), ClaimPath.Of("family_name"), ClaimPath.Of("given_name"), ClaimPath.Of("birthdate"),
    ];

    [Fact]
    public void Validate_FullPresentationFollowingMetadata_IsValid()
    {
        Assert.Null(TypeMetadataValidator.Validate(Ipa, Claims(IpaFull), s_ipaAlwaysDisclosed));
    }

    [Fact]
    public void Validate_MinimalPresentation_UndisclosedMandatoryIsNotMissing()
    {
        // Only the sd: never core of the credential: the mandatory sd: always claims were simply not disclosed.
        var claims = Claims("""
            {"vct":"https://credentials.example.jp/vct/ipa/exam-pass/v1",
             "exam":{"category_code":"FE","name":"基本情報技術者試験"},"document_kind":"certificate_of_passing",
             "issuing_authority":"IPA","issuing_country":"JP"}
            """);

        Assert.Null(TypeMetadataValidator.Validate(Ipa, claims, []));
    }

    [Fact]
    public void Validate_AlwaysClaimInPlaintext_IsSdViolation()
    {
        var disclosed = s_ipaAlwaysDisclosed.Where(p => !p.Equals(ClaimPath.Of("birthdate"))).ToArray();

        var error = TypeMetadataValidator.Validate(Ipa, Claims(IpaFull), disclosed);

        Assert.Equal(TypeMetadataErrors.SdViolation, error!.Code);
        Assert.Equal("[\"birthdate\"]", error.Path?.ToString());
    }

    [Fact]
    public void Validate_NeverClaimSelectivelyDisclosed_IsSdViolation()
    {
        var error = TypeMetadataValidator.Validate(Ipa, Claims(IpaFull), [.. s_ipaAlwaysDisclosed, ClaimPath.Of("issuing_country")]);

        Assert.Equal(TypeMetadataErrors.SdViolation, error!.Code);
        Assert.Equal(VerificationFailureKind.PolicyViolation, error.Kind);
    }

    [Fact]
    public void Validate_NestedNeverClaimDisclosed_IsSdViolation()
    {
        var error = TypeMetadataValidator.Validate(Ipa, Claims(IpaFull), [.. s_ipaAlwaysDisclosed, ClaimPath.Of("exam", "name")]);

        Assert.Equal(TypeMetadataErrors.SdViolation, error!.Code);
        Assert.Equal("[\"exam\",\"name\"]", error.Path?.ToString());
    }

    [Fact]
    public void Validate_MandatoryNeverClaimMissingUnderPresentParent_IsMandatoryMissing()
    {
        // exam is present, exam.name is sd: never and mandatory: it cannot have been left undisclosed.
        var claims = Claims(IpaFull.Replace("\"name\":\"基本情報技術者試験\",", string.Empty));

        var error = TypeMetadataValidator.Validate(Ipa, claims, s_ipaAlwaysDisclosed);

        Assert.Equal(TypeMetadataErrors.MandatoryClaimMissing, error!.Code);
        Assert.Equal("[\"exam\",\"name\"]", error.Path?.ToString());
    }

    [Fact]
    public void Validate_MandatoryTopLevelNeverClaimMissing_IsMandatoryMissing()
    {
        var claims = Claims(IpaFull.Replace("\"issuing_country\":\"JP\"", "\"x\":1"));

        Assert.Equal(TypeMetadataErrors.MandatoryClaimMissing, TypeMetadataValidator.Validate(Ipa, claims, s_ipaAlwaysDisclosed)!.Code);
    }

    [Fact]
    public void Validate_HolderWithAllPaths_MandatoryAlwaysClaimMissing_IsMandatoryMissing()
    {
        var claims = Claims(IpaFull.Replace("\"birthdate\":\"2003-11-08\",", string.Empty));
        var disclosed = s_ipaAlwaysDisclosed.Where(p => !p.Equals(ClaimPath.Of("birthdate"))).ToArray();

        Assert.Null(TypeMetadataValidator.Validate(Ipa, claims, disclosed)); // a verifier cannot tell
        var error = TypeMetadataValidator.ValidateComplete(Ipa, claims, disclosed);

        Assert.Equal(TypeMetadataErrors.MandatoryClaimMissing, error!.Code);
        Assert.Equal("[\"birthdate\"]", error.Path?.ToString());
    }

    [Fact]
    public void Validate_HolderWithAllPaths_Complete_IsValid()
    {
        Assert.Null(TypeMetadataValidator.ValidateComplete(Ipa, Claims(IpaFull), s_ipaAlwaysDisclosed));
    }

    [Fact]
    public void Validate_IssuedPathsGiven_MandatoryWithinUndisclosedParentCountsAsPresent()
    {
        var metadata = Resolved("""{"vct":"urn:x","claims":[{"path":["address","city"],"mandatory":true}]}""");
        IReadOnlyList<ClaimPath> issued = [ClaimPath.Of("address"), ClaimPath.Of("address", "city")];

        Assert.Null(TypeMetadataValidator.Validate(metadata, Claims("{}"), [], issued));
        Assert.Equal(TypeMetadataErrors.MandatoryClaimMissing, TypeMetadataValidator.Validate(metadata, Claims("{}"), [], [ClaimPath.Of("address")])!.Code);
    }

    [Theory]
    [InlineData("""{"exam":"FE"}""", "[\"exam\",\"name\"]")]
    [InlineData("""{"degrees":{"a":1}}""", "[\"degrees\",null]")]
    [InlineData("""{"degrees":[1,2]}""", "[\"degrees\",null,\"x\"]")]
    [InlineData("""{"degrees":"none"}""", "[\"degrees\",0]")]
    public void Validate_PathMeetsWrongType_IsPathError(string claims, string path)
    {
        var metadata = Resolved($$"""{"vct":"urn:x","claims":[{"path":{{path}}}]}""");

        var error = TypeMetadataValidator.Validate(metadata, Claims(claims), []);

        Assert.Equal(TypeMetadataErrors.PathError, error!.Code);
    }

    [Fact]
    public void Validate_ArrayWildcardAlways_EachElementMustBeDisclosed()
    {
        // Section A.2: degrees is sd: never, each element sd: always, field_of_study inside never.
        var metadata = Resolved("""
            {"vct":"urn:x","claims":[
              {"path":["degrees"],"sd":"never"},
              {"path":["degrees",null],"sd":"always"},
              {"path":["degrees",null,"field_of_study"],"sd":"never"}]}
            """);
        var claims = Claims("""{"degrees":[{"field_of_study":"A"},{"field_of_study":"B"}]}""");

        Assert.Null(TypeMetadataValidator.Validate(metadata, claims, [ClaimPath.Create("degrees", 0), ClaimPath.Create("degrees", 1)]));
        Assert.Equal(TypeMetadataErrors.SdViolation, TypeMetadataValidator.Validate(metadata, claims, [ClaimPath.Create("degrees", 0)])!.Code);
        Assert.Equal(TypeMetadataErrors.SdViolation, TypeMetadataValidator.Validate(metadata, claims, [ClaimPath.Create("degrees", 0), ClaimPath.Create("degrees", 1), ClaimPath.Create("degrees", 1, "field_of_study")])!.Code);
        Assert.Equal(TypeMetadataErrors.SdViolation, TypeMetadataValidator.Validate(metadata, claims, [ClaimPath.Of("degrees"), ClaimPath.Create("degrees", 0), ClaimPath.Create("degrees", 1)])!.Code);
    }

    [Fact]
    public void Validate_AlwaysChildInsideDisclosedParent_IsNotSelectivelyDisclosable()
    {
        // A claim is not selectively disclosable merely because its parent is (section 5.6).
        var metadata = Resolved("""{"vct":"urn:x","claims":[{"path":["address","street_address"],"sd":"always"}]}""");
        var claims = Claims("""{"address":{"street_address":"1-1 Chiyoda"}}""");

        Assert.Equal(TypeMetadataErrors.SdViolation, TypeMetadataValidator.Validate(metadata, claims, [ClaimPath.Of("address")])!.Code);
        Assert.Null(TypeMetadataValidator.Validate(metadata, claims, [ClaimPath.Of("address", "street_address")]));
    }

    [Fact]
    public void Validate_AllowedClaims_AnyWay()
    {
        var metadata = Resolved("""{"vct":"urn:x","claims":[{"path":["a"]},{"path":["b"],"sd":"allowed"}]}""");

        Assert.Null(TypeMetadataValidator.Validate(metadata, Claims("""{"a":1,"b":2}"""), [ClaimPath.Of("a")]));
    }

    [Fact]
    public void Validate_ExtendedTypeRulesApply()
    {
        var parent = Metadata.Read(Encoding.UTF8.GetBytes("""{"vct":"urn:base","claims":[{"path":["name"],"sd":"never","mandatory":true}]}""")).Value;
        var child = Metadata.Read(Encoding.UTF8.GetBytes("""{"vct":"urn:child","extends":"urn:base","claims":[{"path":["name"],"display":[{"locale":"ja-JP","label":"氏名"}]}]}""")).Value;
        var resolved = ResolvedTypeMetadata.Create([child, parent]).Value;

        Assert.Equal(TypeMetadataErrors.SdViolation, TypeMetadataValidator.Validate(resolved, Claims("""{"name":"結衣"}"""), [ClaimPath.Of("name")])!.Code);
        Assert.Equal(TypeMetadataErrors.MandatoryClaimMissing, TypeMetadataValidator.Validate(resolved, Claims("{}"), [])!.Code);
    }

    [Fact]
    public void Create_UnlinkedChain_Throws()
    {
        var a = Metadata.Read(Encoding.UTF8.GetBytes("""{"vct":"urn:a","extends":"urn:b"}""")).Value;
        var c = Metadata.Read(Encoding.UTF8.GetBytes("""{"vct":"urn:c"}""")).Value;

        Assert.Throws<ArgumentException>(() => ResolvedTypeMetadata.Create([a, c]));
        Assert.Throws<ArgumentException>(() => ResolvedTypeMetadata.Create([a]));
        Assert.Throws<ArgumentException>(() => ResolvedTypeMetadata.Create([]));
    }

    [Fact]
    public async Task Validate_RealSdJwt_IssuedAccordingToMetadata_IsValidAndViolationsDetected()
    {
        using var issuerKey = SigningKey.Create(JwsAlgorithm.Es256);
        var issuer = new SdJwtIssuer(issuerKey, options: new SdJwtIssuerOptions());
        var verifier = new SdJwtVerifier(new StaticIssuerKeyResolver(issuerKey.PublicJwk), options: new SdJwtVerifierOptions());

        var good = await issuer.IssueAsync(SdJwtPayload.Create()
            .Claim("vct", "https://credentials.example.jp/vct/ipa/exam-pass/v1")
            .Disclosable("certificate_number", "2026-05-01234")
            .Object("exam", e => e.Claim("category_code", "FE").Claim("name", "基本情報技術者試験").Claim("session", "2026-05"))
            .Disclosable("pass_date", "2026-06-15")
            .Claim("document_kind", "certificate_of_passing")
            .Disclosable("family_name", "高橋")
            .Disclosable("given_name", "結衣")
            .Disclosable("birthdate", "2003-11-08")
            .Claim("issuing_authority", "IPA")
            .Claim("issuing_country", "JP"));
        var verified = (await verifier.VerifyAsync(good.Serialize(), KeyBindingRequirement.Forbidden)).Value;
        Assert.Null(TypeMetadataValidator.Validate(Ipa, verified.Claims, verified.DisclosedPaths));

        var bad = await issuer.IssueAsync(SdJwtPayload.Create()
            .Claim("vct", "https://credentials.example.jp/vct/ipa/exam-pass/v1")
            .Claim("family_name", "高橋") // sd: always, issued in plaintext
            .Object("exam", e => e.Claim("category_code", "FE").Claim("name", "基本情報技術者試験"))
            .Claim("issuing_authority", "IPA")
            .Claim("issuing_country", "JP")
            .Claim("document_kind", "certificate_of_passing"));
        var badVerified = (await verifier.VerifyAsync(bad.Serialize(), KeyBindingRequirement.Forbidden)).Value;
        var error = TypeMetadataValidator.Validate(Ipa, badVerified.Claims, badVerified.DisclosedPaths);
        Assert.Equal(TypeMetadataErrors.SdViolation, error!.Code);
        Assert.Equal("[\"family_name\"]", error.Path?.ToString());

        var hidden = await issuer.IssueAsync(SdJwtPayload.Create()
            .Claim("vct", "https://credentials.example.jp/vct/ipa/exam-pass/v1")
            .Object("exam", e => e.Claim("category_code", "FE").Disclosable("name", "基本情報技術者試験")) // sd: never, issued disclosable
            .Claim("issuing_authority", "IPA")
            .Claim("issuing_country", "JP"));
        var hiddenVerified = (await verifier.VerifyAsync(hidden.Serialize(), KeyBindingRequirement.Forbidden)).Value;
        Assert.Equal(TypeMetadataErrors.SdViolation, TypeMetadataValidator.Validate(Ipa, hiddenVerified.Claims, hiddenVerified.DisclosedPaths)!.Code);
    }
}
