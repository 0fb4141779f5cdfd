using System.Buffers;
using System.Text;
using Credentials.W3c.Rdfc;
using Xunit;

namespace Credentials.Tests.W3c.Rdfc.Serialization;

/// <summary>The canonical n-quads form (RDFC-1.0 appendix A) as the serializer writes it.</summary>
public sealed class NQuadsSerializerTests
{
    private static readonly RdfTerm s_s = RdfTerm.Iri("http://ex/s");
    private static readonly RdfTerm s_p = RdfTerm.Iri("http://ex/p");

    private static string Line(RdfTerm obj, RdfTerm? graph = null) =>
        NQuads.Serialize([new RdfQuad(s_s, s_p, obj, graph ?? RdfTerm.DefaultGraph)]);

    [Fact]
    public void Serialize_DefaultGraph_ThreeTermsSingleSpacesDotLf()
    {
        Assert.Equal("<http://ex/s> <http://ex/p> <http://ex/o> .\n", Line(RdfTerm.Iri("http://ex/o")));
    }

    [Fact]
    public void Serialize_NamedGraphs_GraphLabelLikeASubject()
    {
        Assert.Equal("<http://ex/s> <http://ex/p> _:o <http://ex/g> .\n", Line(RdfTerm.BlankNode("o"), RdfTerm.Iri("http://ex/g")));
        Assert.Equal("<http://ex/s> <http://ex/p> _:o _:g .\n", Line(RdfTerm.BlankNode("o"), RdfTerm.BlankNode("g")));
    }

    [Theory]
    [InlineData("\b", "\\b")]
    [InlineData("\t", "\\t")]
    [InlineData("\n", "\\n")]
    [InlineData("\f", "\\f")]
    [InlineData("\r", "\\r")]
    [InlineData("\"", "\\\"")]
    [InlineData("\\", "\\\\")]
    [InlineData("\0", "\\u0000")]
    [InlineData("\u0007", "\\u0007")]
    [InlineData("\u000B", "\\u000B")]
    [InlineData("\u000E", "\\u000E")]
    [InlineData("\u001F", "\\u001F")]
    [InlineData("\u007F", "\\u007F")]
    [InlineData("\uFFFE", "\\uFFFE")]
    [InlineData("\uFFFF", "\\uFFFF")]
    [InlineData("'", "'")]
    [InlineData("é日本語", "é日本語")]
    [InlineData("😀", "😀")]
    [InlineData("\uFFFD\uE000", "\uFFFD\uE000")]
    public void Serialize_LiteralCharacters_EscapedExactlyAsAppendixARequires(string value, string written)
    {
        Assert.Equal($"<http://ex/s> <http://ex/p> \"{written}\" .\n", Line(RdfTerm.Literal(value)));
    }

    [Fact]
    public void Serialize_UnpairedSurrogates_Uchar()
    {
        // Not in [InlineData]: attribute strings cannot carry unpaired surrogates.
        Assert.Equal("<http://ex/s> <http://ex/p> \"a\\uD800b\\uDC00\" .\n", Line(RdfTerm.Literal("a\uD800b\uDC00")));
        Assert.Equal("<http://ex/s> <http://ex/p> \"\\uDBFF😀\" .\n", Line(RdfTerm.Literal("\uDBFF\uD83D\uDE00")));
    }

    [Fact]
    public void Serialize_XsdString_WithoutDatatype()
    {
        Assert.Equal("<http://ex/s> <http://ex/p> \"v\" .\n", Line(RdfTerm.Literal("v", RdfTerm.XsdString)));
    }

    [Fact]
    public void Serialize_LanguageTag_AsGivenWithoutDatatype()
    {
        Assert.Equal("<http://ex/s> <http://ex/p> \"v\"@en-US .\n", Line(RdfTerm.Literal("v", language: "en-US")));
    }

    [Fact]
    public void Serialize_OtherDatatype_AfterCarets()
    {
        Assert.Equal("<http://ex/s> <http://ex/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n", Line(RdfTerm.Literal("1", "http://www.w3.org/2001/XMLSchema#integer")));
    }

    [Fact]
    public void Serialize_NonAsciiIri_Native()
    {
        Assert.Equal("<http://ex/s> <http://ex/p> <http://ex/café/😀> .\n", Line(RdfTerm.Iri("http://ex/café/😀")));
    }

    [Fact]
    public void Serialize_IriWithCharactersIriRefExcludes_Uchar()
    {
        Assert.Equal("<http://ex/s> <http://ex/p> <http://ex/a\\u0020b\\u003E> .\n", Line(RdfTerm.Iri("http://ex/a b>")));
    }

    [Fact]
    public void Serialize_Utf8Bytes_AreTheStringsBytes()
    {
        var quad = new RdfQuad(s_s, s_p, RdfTerm.Literal("日本 😀\n"));
        var writer = new ArrayBufferWriter<byte>();
        var builder = new StringBuilder();

        NQuads.SerializeQuad(quad, writer);
        NQuads.SerializeQuad(quad, builder);

        Assert.Equal(Encoding.UTF8.GetBytes(NQuads.Serialize([quad])), writer.WrittenSpan.ToArray());
        Assert.Equal(NQuads.Serialize([quad]), builder.ToString());
    }

    [Fact]
    public void Serialize_ThenRead_SameQuads()
    {
        RdfQuad[] quads =
        [
            new(s_s, s_p, RdfTerm.Literal("all\b\t\n\f\r\"\\\0\u007F\uFFFE é 😀")),
            new(RdfTerm.BlankNode("b0"), s_p, RdfTerm.Literal("x", language: "ja-JP"), RdfTerm.Iri("http://ex/g")),
            new(RdfTerm.BlankNode("b0"), s_p, RdfTerm.Literal("5", "http://www.w3.org/2001/XMLSchema#integer"), RdfTerm.BlankNode("g")),
            new(s_s, s_p, RdfTerm.Iri("urn:x:日本")),
        ];

        var read = NQuads.Read(NQuads.Serialize(quads));

        Assert.True(read.IsValid, read.Error?.ToString());
        Assert.Equal(quads, read.Value);
    }
}
