using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using Credentials.SdJwt;
using Credentials.SdJwtVc.TypeMetadata;
using Xunit;
using Metadata = Credentials.SdJwtVc.TypeMetadata.TypeMetadataDocument;

namespace Credentials.Tests.SdJwtVc.TypeMetadata;

public sealed class ClaimLabelerTests
{
    private static ResolvedTypeMetadata Resolved(string json)
        => ResolvedTypeMetadata.Create([Metadata.Read(Encoding.UTF8.GetBytes(json)).Value]).Value;

    private static readonly ResolvedTypeMetadata s_ipa = Resolved(DomainTypeMetadata.IpaExamPass);

    private static readonly JsonElement s_claims = JsonDocument.Parse("""
        {"vct":"https://credentials.example.jp/vct/ipa/exam-pass/v1","iss":"https://issuer.credentials.example.jp/ipa","iat":1781481600,
         "exp":1844553600,"cnf":{"jwk":{}},"status":{"status_list":{"idx":1,"uri":"https://x"}},
         "exam":{"category_code":"FE","name":"基本情報技術者試験","level":2},
         "family_name":"高橋","family_name#ja-Kana-JP":"タカハシ","birthdate":"2003-11-08"}
        """).RootElement.Clone();

    [Fact]
    public void Label_JaJP_UsesJapaneseLabels()
    {
        var labeled = ClaimLabeler.Label(s_ipa, s_claims, "ja-JP");

        Assert.Equal(
            ["試験区分コード", "試験名", "exam.level", "氏（姓）", "フリガナ（姓）", "生年月日"],
            labeled.Select(c => c.Label));
        Assert.Equal("高橋", labeled.Single(c => c.Path.Equals(ClaimPath.Of("family_name"))).Value.GetString());
        Assert.False(labeled.Single(c => c.Label == "exam.level").HasLabel);
        Assert.True(labeled.Single(c => c.Label == "生年月日").HasLabel);
    }

    [Fact]
    public void Label_EnUS_UsesEnglishLabels()
    {
        var labeled = ClaimLabeler.Label(s_ipa, s_claims, CultureInfo.GetCultureInfo("en-US"));

        Assert.Equal(
            ["Category code", "Examination name", "exam.level", "Family name", "Family name (katakana)", "Date of birth"],
            labeled.Select(c => c.Label));
    }

    [Theory]
    [InlineData("ja", "生年月日")]
    [InlineData("JA-jp", "生年月日")]
    [InlineData("ja-Jpan-JP", "生年月日")]
    [InlineData("ja_JP", "生年月日")]
    [InlineData("en", "Date of birth")]
    [InlineData("en-GB", "Date of birth")]
    [InlineData("de-DE", "Date of birth")]
    [InlineData("", "Date of birth")]
    public void GetClaimLabel_Fallback(string locale, string expected)
    {
        Assert.Equal(expected, s_ipa.GetClaimLabel(ClaimPath.Of("birthdate"), locale));
    }

    [Fact]
    public void GetClaimLabel_NoEnglish_FallsBackToFirst()
    {
        var metadata = Resolved("""{"vct":"urn:x","claims":[{"path":["a"],"display":[{"locale":"ja-JP","label":"エー"},{"locale":"de","label":"A-de"}]}]}""");

        Assert.Equal("エー", metadata.GetClaimLabel(ClaimPath.Of("a"), "fr-FR"));
        Assert.Equal("A-de", metadata.GetClaimLabel(ClaimPath.Of("a"), "de-AT"));
        Assert.Null(metadata.GetClaimLabel(ClaimPath.Of("b"), "ja-JP"));
    }

    [Fact]
    public void GetName_JapaneseAndEnglish()
    {
        Assert.Equal("情報処理技術者試験 合格証明書", s_ipa.GetName(CultureInfo.GetCultureInfo("ja-JP")));
        Assert.Equal("Information-Technology Engineers Examination – Certificate of Passing", s_ipa.GetName("en-US"));
        Assert.Equal("Information-Technology Engineers Examination – Certificate of Passing", s_ipa.GetName(CultureInfo.InvariantCulture));
        Assert.Equal("合格証明書ロゴ（サンプル）", s_ipa.GetDisplay("ja")!.Rendering!.Simple!.Logo!.AltText);
    }

    [Fact]
    public void FindClaim_PrefersMostSpecificPath()
    {
        var metadata = Resolved("""
            {"vct":"urn:x","claims":[
              {"path":["degrees",null,"type"],"display":[{"locale":"en","label":"Degree type"}]},
              {"path":["degrees",0,"type"],"display":[{"locale":"en","label":"First degree type"}]}]}
            """);

        Assert.Equal("First degree type", metadata.GetClaimLabel(ClaimPath.Create("degrees", 0, "type"), "en"));
        Assert.Equal("Degree type", metadata.GetClaimLabel(ClaimPath.Create("degrees", 1, "type"), "en"));
    }

    [Fact]
    public void Label_ArraysWithWildcardMetadata_AreListedPerElement()
    {
        var metadata = Resolved("""
            {"vct":"urn:x","claims":[
              {"path":["degrees",null,"type"],"display":[{"locale":"ja-JP","label":"学位"},{"locale":"en-US","label":"Degree"}]},
              {"path":["nationalities"],"display":[{"locale":"ja-JP","label":"国籍"}]}]}
            """);
        var claims = JsonDocument.Parse("""{"degrees":[{"type":"学士"},{"type":"修士","university":"X"}],"nationalities":["JP","DE"]}""").RootElement;

        var labeled = ClaimLabeler.Label(metadata, claims, "ja-JP");

        Assert.Equal(["学位", "学位", "degrees[1].university", "国籍"], labeled.Select(c => c.Label));
        Assert.Equal(ClaimPath.Create("degrees", 1, "type"), labeled[1].Path);
        Assert.Equal(JsonValueKind.Array, labeled[3].Value.ValueKind);
    }

    [Fact]
    public void Label_TechnicalClaimWithMetadata_IsListed()
    {
        var metadata = Resolved("""{"vct":"urn:x","claims":[{"path":["iat"],"display":[{"locale":"ja-JP","label":"発行日時"}]}]}""");
        var claims = JsonDocument.Parse("""{"iss":"x","iat":1,"vct":"urn:x"}""").RootElement;

        var labeled = ClaimLabeler.Label(metadata, claims, "ja-JP");

        Assert.Equal("発行日時", Assert.Single(labeled).Label);
    }
}
