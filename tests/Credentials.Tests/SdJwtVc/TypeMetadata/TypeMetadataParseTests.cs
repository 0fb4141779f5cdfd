using System.Linq;
using System.Text;
using Credentials.SdJwt;
using Credentials.SdJwtVc.TypeMetadata;
using Xunit;
using Metadata = Credentials.SdJwtVc.TypeMetadata.TypeMetadataDocument;

namespace Credentials.Tests.SdJwtVc.TypeMetadata;

public sealed class TypeMetadataParseTests
{
    private static VerificationResult<Metadata> Parse(string json, TypeMetadataReaderOptions? options = null)
        => Metadata.Read(Encoding.UTF8.GetBytes(json), options);

    [Theory]
    [InlineData(DomainTypeMetadata.IpaExamPass, 16)]
    [InlineData(DomainTypeMetadata.DssSkillAchievement, 0)]
    [InlineData(DomainTypeMetadata.Age, 0)]
    [InlineData(DomainTypeMetadata.DrivingLicence, 0)]
    public void Parse_DomainExamples_ReadsJapaneseAndEnglishDisplay(string json, int expectedClaims)
    {
        var result = Parse(json);

        Assert.True(result.IsValid, result.Error?.ToString());
        var metadata = result.Value;
        Assert.StartsWith("https://credentials.example.jp/vct/", metadata.Vct);
        Assert.Contains(metadata.Display, d => d.Locale == "ja-JP");
        Assert.Contains(metadata.Display, d => d.Locale == "en-US");
        Assert.NotEmpty(metadata.Claims);
        Assert.All(metadata.Claims, c => Assert.Contains(c.Display, d => d.Locale == "ja-JP"));
        if (expectedClaims > 0)
        {
            Assert.Equal(expectedClaims, metadata.Claims.Length);
        }
    }

    [Fact]
    public void Parse_IpaExample_ReadsClaimPropertiesAndRendering()
    {
        var metadata = Parse(DomainTypeMetadata.IpaExamPass).Value;

        var ja = metadata.Display.Single(d => d.Locale == "ja-JP");
        Assert.Equal("情報処理技術者試験 合格証明書", ja.Name);
        Assert.Equal("#0B3D91", ja.Rendering!.Simple!.BackgroundColor);
        Assert.Equal("#FFFFFF", ja.Rendering.Simple.TextColor);
        Assert.Equal("合格証明書ロゴ（サンプル）", ja.Rendering.Simple.Logo!.AltText);
        var number = metadata.Claims.Single(c => c.Path.Equals(ClaimPath.Of("certificate_number")));
        Assert.Equal(ClaimSelectiveDisclosure.Always, number.Sd);
        Assert.True(number.Mandatory);
        Assert.Equal("合格証書番号", number.Display.Single(d => d.Locale == "ja-JP").Label);
        var session = metadata.Claims.Single(c => c.Path.Equals(ClaimPath.Of("exam", "session")));
        Assert.Equal(ClaimSelectiveDisclosure.Never, session.Sd);
        Assert.False(session.Mandatory);
        Assert.False(session.HasMandatory);
    }

    [Fact]
    public void Parse_Lang_IsAcceptedAndWrittenAsLocale()
    {
        const string json = """
            {"vct":"urn:example:old","display":[{"lang":"ja-JP","name":"旧形式"}],
             "claims":[{"path":["name"],"display":[{"lang":"en-US","label":"Name"}]}]}
            """;

        var metadata = Parse(json).Value;
        Assert.Equal("ja-JP", metadata.Display[0].Locale);
        Assert.Equal("en-US", metadata.Claims[0].Display[0].Locale);

        var written = metadata.ToJson();
        Assert.DoesNotContain("\"lang\"", written);
        Assert.Contains("\"locale\":\"ja-JP\"", written);
        Assert.Contains("旧形式", written); // non-ASCII stays unescaped
    }

    [Fact]
    public void Parse_LangWhenNotAccepted_IsInvalid()
    {
        var result = Parse("""{"vct":"urn:x","display":[{"lang":"en","name":"X"}]}""", new TypeMetadataReaderOptions { AcceptLang = false });

        Assert.Equal(TypeMetadataErrors.Invalid, result.Error!.Code);
    }

    [Fact]
    public void Parse_LocaleAndLang_LocaleWins()
    {
        var metadata = Parse("""{"vct":"urn:x","display":[{"locale":"en-US","lang":"de","name":"X"}]}""").Value;

        Assert.Equal("en-US", metadata.Display[0].Locale);
    }

    [Theory]
    [InlineData(DomainTypeMetadata.IpaExamPass)]
    [InlineData(DomainTypeMetadata.DrivingLicence)]
    public void ToUtf8Json_RoundTrip_PreservesEverything(string json)
    {
        var metadata = Parse(json).Value;

        var again = Metadata.Read(metadata.ToUtf8Json()).Value;

        Assert.Equal(metadata.ToJson(), again.ToJson());
        Assert.Equal(metadata.Claims.Length, again.Claims.Length);
        Assert.Equal(metadata.Claims.Select(c => (c.Path, c.Sd, c.Mandatory, c.HasSd, c.HasMandatory)), again.Claims.Select(c => (c.Path, c.Sd, c.Mandatory, c.HasSd, c.HasMandatory)));
    }

    [Fact]
    public void Parse_UnknownMembersAndSchema_AreIgnored()
    {
        var result = Parse("""{"vct":"urn:x","schema":{"type":"object"},"schema_uri":"https://example.com/s","x-extra":[1,2],"claims":[{"path":["a"],"future":true}]}""");

        Assert.True(result.IsValid);
        Assert.Single(result.Value.Claims);
    }

    [Fact]
    public void Parse_MinimalDocument_HasDefaults()
    {
        var metadata = Parse("""{"vct":"urn:x"}""").Value;

        Assert.Null(metadata.Name);
        Assert.Null(metadata.Extends);
        Assert.Empty(metadata.Display);
        Assert.False(metadata.HasDisplay);
        Assert.Empty(metadata.Claims);
    }

    [Fact]
    public void Parse_ClaimDefaults_AreAllowedAndOptional()
    {
        var claim = Parse("""{"vct":"urn:x","claims":[{"path":["a",null,0]}]}""").Value.Claims[0];

        Assert.Equal(ClaimSelectiveDisclosure.Allowed, claim.Sd);
        Assert.False(claim.Mandatory);
        Assert.False(claim.HasSd);
        Assert.Empty(claim.Display);
        Assert.Equal(ClaimPath.Create("a", null, 0), claim.Path);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"vct\"")]
    [InlineData("{}")]
    [InlineData("""{"vct":42}""")]
    [InlineData("""{"vct":""}""")]
    [InlineData("""{"vct":"urn:x","vct":"urn:y"}""")]
    [InlineData("""{"vct":"urn:x","name":1}""")]
    [InlineData("""{"vct":"urn:x","extends":5}""")]
    [InlineData("""{"vct":"urn:x","extends#integrity":5}""")]
    [InlineData("""{"vct":"urn:x","display":{}}""")]
    [InlineData("""{"vct":"urn:x","display":[{"name":"X"}]}""")]
    [InlineData("""{"vct":"urn:x","display":[{"locale":"en"}]}""")]
    [InlineData("""{"vct":"urn:x","display":[{"locale":"en","name":"X","rendering":[]}]}""")]
    [InlineData("""{"vct":"urn:x","display":[{"locale":"en","name":"X","rendering":{"simple":{"logo":{"alt_text":"no uri"}}}}]}""")]
    [InlineData("""{"vct":"urn:x","display":[{"locale":"en","name":"X","rendering":{"simple":{"logo":{"uri":"http://example.com/logo.png"}}}}]}""")]
    [InlineData("""{"vct":"urn:x","display":[{"locale":"en","name":"X","rendering":{"svg_templates":[{"uri":"https://a/1.svg"},{"uri":"https://a/2.svg"}]}}]}""")]
    [InlineData("""{"vct":"urn:x","display":[{"locale":"en","name":"X","rendering":{"svg_templates":[{"uri":"https://a/1.svg","properties":{}}]}}]}""")]
    [InlineData("""{"vct":"urn:x","display":[{"locale":"en","name":"X","rendering":{"svg_templates":[{"uri":"https://a/1.svg","properties":{"orientation":"diagonal"}}]}}]}""")]
    [InlineData("""{"vct":"urn:x","claims":{}}""")]
    [InlineData("""{"vct":"urn:x","claims":[{}]}""")]
    [InlineData("""{"vct":"urn:x","claims":[{"path":[]}]}""")]
    [InlineData("""{"vct":"urn:x","claims":[{"path":["a",-1]}]}""")]
    [InlineData("""{"vct":"urn:x","claims":[{"path":["a",true]}]}""")]
    [InlineData("""{"vct":"urn:x","claims":[{"path":"a"}]}""")]
    [InlineData("""{"vct":"urn:x","claims":[{"path":["a"],"sd":"sometimes"}]}""")]
    [InlineData("""{"vct":"urn:x","claims":[{"path":["a"],"sd":true}]}""")]
    [InlineData("""{"vct":"urn:x","claims":[{"path":["a"],"mandatory":"yes"}]}""")]
    [InlineData("""{"vct":"urn:x","claims":[{"path":["a"],"display":[{"locale":"en"}]}]}""")]
    [InlineData("""{"vct":"urn:x","claims":[{"path":["a"],"display":[{"label":"A"}]}]}""")]
    [InlineData("""{"vct":"urn:x","claims":[{"path":["a"],"svg_id":"1abc"}]}""")]
    [InlineData("""{"vct":"urn:x","claims":[{"path":["a"],"svg_id":"a-b"}]}""")]
    [InlineData("""{"vct":"urn:x","claims":[{"path":["a"],"svg_id":"id"},{"path":["b"],"svg_id":"id"}]}""")]
    [InlineData("""{"vct":"urn:x",}""")]
    [InlineData("not json")]
    public void Parse_InvalidDocument_IsInvalid(string json)
    {
        var result = Parse(json);

        Assert.False(result.IsValid);
        Assert.Equal(TypeMetadataErrors.Invalid, result.Error.Code);
        Assert.Equal(VerificationFailureKind.Malformed, result.Error.Kind);
    }

    [Fact]
    public void Parse_DataUriAndSingleSvgWithoutProperties_AreValid()
    {
        var result = Parse("""{"vct":"urn:x","display":[{"locale":"en","name":"X","rendering":{"simple":{"logo":{"uri":"data:image/png;base64,iVBORw0KGgo="}},"svg_templates":[{"uri":"https://a.example/1.svg"}],"future_method":{}}}]}""");

        Assert.True(result.IsValid);
        Assert.Single(result.Value.Display[0].Rendering!.SvgTemplates);
    }

    [Fact]
    public void Parse_Oversized_IsTooLarge()
    {
        var json = "{\"vct\":\"urn:x\",\"description\":\"" + new string('a', 300 * 1024) + "\"}";

        var result = Parse(json);

        Assert.Equal(TypeMetadataErrors.TooLarge, result.Error!.Code);
    }

    [Fact]
    public void Parse_TooDeep_IsInvalid()
    {
        var json = "{\"vct\":\"urn:x\",\"x\":" + new string('[', 40) + new string(']', 40) + "}";

        Assert.Equal(TypeMetadataErrors.Invalid, Parse(json).Error!.Code);
    }

    [Fact]
    public void Parse_TooManyClaims_IsInvalid()
    {
        var claims = string.Join(",", Enumerable.Range(0, 11).Select(i => $"{{\"path\":[\"c{i}\"]}}"));

        var result = Parse($"{{\"vct\":\"urn:x\",\"claims\":[{claims}]}}", new TypeMetadataReaderOptions { MaxEntries = 10 });

        Assert.Equal(TypeMetadataErrors.Invalid, result.Error!.Code);
    }
}
