using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using Credentials.W3c.OpenBadges.Baking;
using Xunit;
using static Credentials.Tests.W3c.OpenBadges.OpenBadgeBakingImages;

namespace Credentials.Tests.W3c.OpenBadges;

/// <summary>
/// Open Badges 3.0 section 5.3, SVG: one <c>openbadges:credential</c> element in namespace
/// <c>https://purl.imsglobal.org/ob/v3p0</c> directly after the <c>svg</c> start tag, the JWT in its <c>verify</c>
/// attribute or the JSON in CDATA; reading refuses DTDs, deep nesting, non-SVG XML and more than one credential.
/// </summary>
public sealed class OpenBadgeBakingSvgTests
{
    private const string ObNamespace = "https://purl.imsglobal.org/ob/v3p0";
    private static readonly BadgeBaker Baker = new();
    private static readonly BakedBadgeReader Reader = new();

    [Theory]
    [InlineData(Jwt)]
    [InlineData(DiJson)]
    [InlineData("{\"a\":\"line\r\nbreaks\r and ]]]]>> and ]]\",\"b\":1}\r\n")]
    public void Bake_ThenRead_TextIsExactlyTheCredential(string credential)
    {
        var baked = Baker.BakeSvg(SvgBytes, credential).Value;

        var read = Reader.ReadSvg(baked);

        Assert.True(read.IsValid, read.Error?.ToString());
        Assert.Equal(credential, read.Value.Text);
        Assert.Equal(BadgeImageFormat.Svg, read.Value.ImageFormat);
        Assert.Equal(credential, Reader.Read(baked).Value.Text);
    }

    [Fact]
    public void Bake_Jwt_VerifyAttributeOfTheFirstChildInTheNamespace_DeclaredOnTheRoot()
    {
        var baked = Baker.BakeSvg(SvgBytes, Jwt).Value;

        var document = Load(baked);
        var root = document.DocumentElement!;
        Assert.Equal(ObNamespace, root.GetAttribute("xmlns:openbadges"));
        var first = Assert.IsType<XmlElement>(root.FirstChild);
        Assert.Equal("openbadges:credential", first.Name);
        Assert.Equal(ObNamespace, first.NamespaceURI);
        Assert.Equal(Jwt, first.GetAttribute("verify"));
        Assert.False(first.HasChildNodes);
    }

    [Fact]
    public void Bake_Json_InCdataWithoutVerify()
    {
        var baked = Baker.BakeSvg(SvgBytes, DiJson).Value;

        var first = Assert.IsType<XmlElement>(Load(baked).DocumentElement!.FirstChild);
        Assert.False(first.HasAttribute("verify"));
        Assert.All(first.ChildNodes.Cast<XmlNode>(), n => Assert.Equal(XmlNodeType.CDATA, n.NodeType));
        Assert.Equal(DiJson, first.InnerText);
    }

    [Fact]
    public void Bake_RestOfTheSvgKeptByteForByte()
    {
        var baked = Encoding.UTF8.GetString(Baker.BakeSvg(SvgBytes, Jwt).Value);

        var element = $"<openbadges:credential verify=\"{Jwt}\"></openbadges:credential>";
        var declaration = " xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\"";
        var rootEnd = Svg.IndexOf("512\">", StringComparison.Ordinal) + 5;
        var expected = Svg[..(Svg.IndexOf("<svg", StringComparison.Ordinal) + 4)] + declaration
            + Svg[(Svg.IndexOf("<svg", StringComparison.Ordinal) + 4)..rootEnd] + element + Svg[rootEnd..];
        Assert.Equal(expected, baked);
    }

    [Fact]
    public void Bake_AlreadyBaked_ReplacesTheCredential_DeclarationNotRepeated()
    {
        var first = Baker.BakeSvg(SvgBytes, DiJson).Value;

        var second = Baker.BakeSvg(first, Jwt).Value;

        Assert.Equal(Baker.BakeSvg(SvgBytes, Jwt).Value, second);
        Assert.Equal(Jwt, Reader.ReadSvg(second).Value.Text);
    }

    [Fact]
    public void Bake_SeveralNestedOrEmptyCredentialElements_AllReplacedByOne()
    {
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0" viewBox="0 0 1 1"
            ><title>🏅 𠮷</title><g><openbadges:credential verify="a.b.c"/></g>
              <ob:credential xmlns:ob="https://purl.imsglobal.org/ob/v3p0">
                <![CDATA[{"x":1}]]>
              </ob:credential><rect width="1" height="1"/></svg>
            """;

        var baked = Encoding.UTF8.GetString(Baker.BakeSvg(Encoding.UTF8.GetBytes(svg), Jwt).Value);

        Assert.Equal(Jwt, Reader.ReadSvg(Encoding.UTF8.GetBytes(baked)).Value.Text);
        Assert.Equal(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\" viewBox=\"0 0 1 1\"\n>"
            + $"<openbadges:credential verify=\"{Jwt}\"></openbadges:credential><title>🏅 𠮷</title><g></g>\n  <rect width=\"1\" height=\"1\"/></svg>",
            baked);
    }

    [Fact]
    public void Bake_SelfClosingRootWithPrefixAndBomAndCrLf_BecomesAnElementWithContent()
    {
        var svg = "\uFEFF<?xml version=\"1.0\"?>\r\n<s:svg xmlns:s=\"http://www.w3.org/2000/svg\"\r\n  data-x='a>b'/>\r\n";

        var baked = Baker.BakeSvg(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(svg[1..])).ToArray(), Jwt).Value;

        Assert.Equal(Encoding.UTF8.GetPreamble(), baked[..3]);
        Assert.Equal(
            "<?xml version=\"1.0\"?>\r\n<s:svg xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\" xmlns:s=\"http://www.w3.org/2000/svg\"\r\n  data-x='a>b'>"
            + $"<openbadges:credential verify=\"{Jwt}\"></openbadges:credential></s:svg>\r\n",
            Encoding.UTF8.GetString(baked[3..]));
        Assert.Equal(Jwt, Reader.ReadSvg(baked).Value.Text);
    }

    [Fact]
    public void Read_SpecExampleWithWhitespaceAroundCdata_JsonTrimmedToTheCdata()
    {
        var svg = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg"
              xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"
              viewBox="0 0 512 512">
              <openbadges:credential>
                <![CDATA[
                  {"id": "http://example.edu/credentials/3732"}
                ]]>
              </openbadges:credential>
            </svg>
            """;

        var read = Reader.ReadSvg(Encoding.UTF8.GetBytes(svg));

        Assert.True(read.IsValid, read.Error?.ToString());
        Assert.Equal("{\"id\": \"http://example.edu/credentials/3732\"}", read.Value.Text.Trim());
        Assert.False(read.Value.IsCompactJws);
    }

    [Fact]
    public void Read_JsonAsPlainEscapedText_Accepted()
    {
        var svg = """<svg xmlns="http://www.w3.org/2000/svg"><credential xmlns="https://purl.imsglobal.org/ob/v3p0"> {"a":"&lt;b&gt;"} </credential></svg>""";

        Assert.Equal("{\"a\":\"<b>\"}", Reader.ReadSvg(Encoding.UTF8.GetBytes(svg)).Value.Text);
    }

    [Fact]
    public void Read_CredentialInAnotherNamespace_NoCredential()
        => AssertCode(OpenBadgeBakingErrors.NoCredential,
            """<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org"><openbadges:assertion verify="https://example.org/a"/><openbadges:credential verify="a.b.c"/></svg>""");

    [Fact]
    public void Read_TwoCredentialElements_MultipleCredentials()
        => AssertCode(OpenBadgeBakingErrors.MultipleCredentials, Encoding.UTF8.GetString(Baker.BakeSvg(SvgBytes, Jwt).Value)
            .Replace("<title>", $"<openbadges:credential verify=\"{Jwt}\"/><title>", StringComparison.Ordinal));

    [Fact]
    public void Read_VerifyAndBody_InvalidCredential()
        => AssertCode(OpenBadgeBakingErrors.InvalidCredential,
            $"""<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="{ObNamespace}"><openbadges:credential verify="a.b.c">{"{}"}</openbadges:credential></svg>""");

    [Fact]
    public void Read_ChildElement_InvalidCredential()
        => AssertCode(OpenBadgeBakingErrors.InvalidCredential,
            $"""<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="{ObNamespace}"><openbadges:credential><x/>{"{}"}</openbadges:credential></svg>""");

    [Fact]
    public void Read_EmptyElement_InvalidCredential()
        => AssertCode(OpenBadgeBakingErrors.InvalidCredential,
            $"""<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="{ObNamespace}"><openbadges:credential>  </openbadges:credential></svg>""");

    [Fact]
    public void Read_InternalEntityExpansion_RefusedAsDtd()
        => AssertCode(OpenBadgeBakingErrors.InvalidSvg, """
            <?xml version="1.0"?>
            <!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential>&c;</openbadges:credential></svg>
            """);

    [Fact]
    public void Read_ExternalEntity_RefusedAsDtd_NothingFetched()
        => AssertCode(OpenBadgeBakingErrors.InvalidSvg, """
            <!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential>&x;</openbadges:credential></svg>
            """);

    [Fact]
    public void Read_PublicDoctype_RefusedAsDtd()
        => AssertCode(OpenBadgeBakingErrors.InvalidSvg, """
            <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
            <svg xmlns="http://www.w3.org/2000/svg"/>
            """);

    [Fact]
    public void Read_DeepNesting_TooDeep()
        => AssertCode(OpenBadgeBakingErrors.TooDeep,
            "<svg xmlns=\"http://www.w3.org/2000/svg\">" + string.Concat(Enumerable.Repeat("<g>", 100_000)) + string.Concat(Enumerable.Repeat("</g>", 100_000)) + "</svg>");

    [Fact]
    public void Read_DeepNestingInsideTheCredential_TooDeep()
    {
        var options = new BadgeBakingOptions { MaxSvgDepth = 4 };
        var svg = $"""<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="{ObNamespace}"><openbadges:credential><a><b><c/></b></a></openbadges:credential></svg>""";

        Assert.Equal(OpenBadgeBakingErrors.TooDeep, new BakedBadgeReader(options).ReadSvg(Encoding.UTF8.GetBytes(svg)).Error?.Code);
        Assert.Equal(OpenBadgeBakingErrors.TooDeep, new BadgeBaker(options).BakeSvg(Encoding.UTF8.GetBytes(svg), Jwt).Error?.Code);
    }

    [Theory]
    [InlineData("<html xmlns=\"http://www.w3.org/1999/xhtml\"><openbadges:credential xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\" verify=\"a.b.c\"/></html>")]
    [InlineData("<svg><openbadges:credential xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\" verify=\"a.b.c\"/></svg>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg-not\"/>")]
    public void Read_NotSvg_NotSvg(string xml)
    {
        AssertCode(OpenBadgeBakingErrors.NotSvg, xml);
        Assert.Equal(OpenBadgeBakingErrors.NotSvg, Baker.BakeSvg(Encoding.UTF8.GetBytes(xml), Jwt).Error?.Code);
    }

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\">")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"></g></svg>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"/><svg xmlns=\"http://www.w3.org/2000/svg\"/>")]
    [InlineData("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:openbadges=\"http://openbadges.org\"/>")]
    public void Bake_MalformedSvg_InvalidSvg(string xml)
        => Assert.Equal(OpenBadgeBakingErrors.InvalidSvg, Baker.BakeSvg(Encoding.UTF8.GetBytes(xml), Jwt).Error?.Code);

    [Fact]
    public void Read_NotUtf8_InvalidSvg()
        => Assert.Equal(OpenBadgeBakingErrors.InvalidSvg, Reader.ReadSvg(Encoding.Unicode.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"/>")).Error?.Code);

    [Fact]
    public void Read_CredentialOverTheLimit_CredentialTooLarge()
    {
        var baked = Baker.BakeSvg(SvgBytes, DiJson).Value;

        Assert.Equal(OpenBadgeBakingErrors.CredentialTooLarge, new BakedBadgeReader(new BadgeBakingOptions { MaxCredentialBytes = 32 }).ReadSvg(baked).Error?.Code);
    }

    [Fact]
    public void Read_ImageOverTheLimit_TooLarge()
        => Assert.Equal(OpenBadgeBakingErrors.TooLarge, new BakedBadgeReader(new BadgeBakingOptions { MaxImageBytes = 100 }).ReadSvg(SvgBytes).Error?.Code);

    [Fact]
    public void Bake_CharacterXmlCannotCarry_ProgrammerError()
        => Assert.Throws<ArgumentException>(() => Baker.BakeSvg(SvgBytes, "{\"a\":\"\u0001\"}"));

    [Fact]
    public void Read_EveryPrefixOfABakedSvg_FailsWithoutThrowing()
    {
        var baked = Baker.BakeSvg(SvgBytes, DiJson).Value;
        for (var length = 0; length < baked.Length - 8; length++)
        {
            Assert.False(Reader.Read(baked.AsSpan(0, length)).IsValid);
        }
    }

    private static XmlDocument Load(byte[] svg)
    {
        var document = new XmlDocument { XmlResolver = null };
        using var reader = XmlReader.Create(new MemoryStream(svg), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        document.Load(reader);
        return document;
    }

    private static void AssertCode(ErrorCode expected, string svg)
    {
        var result = Reader.Read(Encoding.UTF8.GetBytes(svg));
        Assert.False(result.IsValid);
        Assert.Equal(expected, result.Error.Code);
    }
}
