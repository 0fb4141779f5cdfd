using Credentials.W3c.Rdfc;
using Xunit;

namespace Credentials.Tests.W3c.Rdfc.Parsing;

/// <summary>The strict N-Quads 1.1 reader: what it accepts, what it decodes, and the typed error for everything else.</summary>
public sealed class NQuadsReaderTests
{
    private const string Xsd = "http://www.w3.org/2001/XMLSchema#";

    [Fact]
    public void Read_TripleAndQuads_AllTermKinds()
    {
        var result = NQuads.Read("""
            <http://ex/s> <http://ex/p> <http://ex/o> .
            _:b0 <http://ex/p> "v" <http://ex/g> .
            <http://ex/s> <http://ex/p> _:b1 _:g .

            """);

        Assert.True(result.IsValid, result.Error?.ToString());
        var q = result.Value;
        Assert.Equal(3, q.Count);
        Assert.Equal(new RdfQuad(RdfTerm.Iri("http://ex/s"), RdfTerm.Iri("http://ex/p"), RdfTerm.Iri("http://ex/o")), q[0]);
        Assert.Equal(RdfTermKind.DefaultGraph, q[0].Graph.Kind);
        Assert.Equal(RdfTerm.BlankNode("b0"), q[1].Subject);
        Assert.Equal(RdfTerm.Literal("v"), q[1].Object);
        Assert.Equal(RdfTerm.XsdString, q[1].Object.Datatype);
        Assert.Equal(RdfTerm.Iri("http://ex/g"), q[1].Graph);
        Assert.Equal(RdfTerm.BlankNode("g"), q[2].Graph);
    }

    [Fact]
    public void Read_CommentsBlankLinesCrLfAndNoFinalEol_Accepted()
    {
        var result = NQuads.Read("# header\r\n\r\n<http://ex/s> <http://ex/p> <http://ex/o> . # trailing\r\n   \n\t<http://ex/s> <http://ex/p> <http://ex/o2>.");

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(2, result.Value.Count);
        Assert.Equal("http://ex/o2", result.Value[1].Object.Value);
    }

    [Fact]
    public void Read_NoWhitespaceBetweenTerms_Accepted()
    {
        var result = NQuads.Read("<http://ex/s><http://ex/p>\"v\"@en<http://ex/g>.\n");

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(RdfTerm.Literal("v", language: "en"), result.Value[0].Object);
        Assert.Equal("http://ex/g", result.Value[0].Graph.Value);
    }

    [Fact]
    public void Read_EcharAndUcharInLiteral_Decoded()
    {
        var result = NQuads.Read("<http://ex/s> <http://ex/p> \"t\\tb\\bn\\nr\\rf\\fq\\\"a\\'s\\\\ \\u00E9\\U0001F600\" .\n");

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal("t\tb\bn\nr\rf\fq\"a's\\ é😀", result.Value[0].Object.Value);
    }

    [Fact]
    public void Read_NonAsciiUnescaped_Kept()
    {
        var result = NQuads.Read("<http://ex/s> <http://ex/p> \"日本語 😀 ～\" .\n");

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal("日本語 😀 ～", result.Value[0].Object.Value);
    }

    [Fact]
    public void Read_UcharInIri_Decoded()
    {
        var result = NQuads.Read("<http://ex/caf\\u00E9> <http://ex/p> <http://ex/\\U0001F600> .\n");

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal("http://ex/café", result.Value[0].Subject.Value);
        Assert.Equal("http://ex/😀", result.Value[0].Object.Value);
    }

    [Fact]
    public void Read_LanguageTag_KeptAsWrittenWithLangStringDatatype()
    {
        var result = NQuads.Read("<http://ex/s> <http://ex/p> \"colour\"@en-GB .\n");

        Assert.True(result.IsValid, result.Error?.ToString());
        var o = result.Value[0].Object;
        Assert.Equal("en-GB", o.Language);
        Assert.Equal(RdfTerm.RdfLangString, o.Datatype);
    }

    [Fact]
    public void Read_DatatypedLiteral_KeepsDatatype()
    {
        var result = NQuads.Read($"<http://ex/s> <http://ex/p> \"01\"^^<{Xsd}integer> .\n<http://ex/s> <http://ex/p> \"x\"^^<{Xsd}string> .\n");

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(RdfTerm.Literal("01", Xsd + "integer"), result.Value[0].Object);
        Assert.Equal(RdfTerm.Literal("x"), result.Value[1].Object);
    }

    [Theory]
    [InlineData("_:a.b <http://ex/p> <http://ex/o> .", "a.b")]
    [InlineData("<http://ex/s> <http://ex/p> _:o.", "o")]
    [InlineData("<http://ex/s> <http://ex/p> _:o..", null)]
    [InlineData("_:0x-y_z <http://ex/p> <http://ex/o> .", "0x-y_z")]
    [InlineData("_:日本 <http://ex/p> <http://ex/o> .", "日本")]
    public void Read_BlankNodeLabels_DotsBelongInsideOnly(string line, string? label)
    {
        var result = NQuads.Read(line + "\n");

        if (label is null)
        {
            Assert.False(result.IsValid);
            Assert.Equal(RdfcErrors.InvalidNQuads, result.Error.Code);
            return;
        }

        Assert.True(result.IsValid, result.Error?.ToString());
        var q = result.Value[0];
        Assert.Contains(label, new[] { q.Subject.Value, q.Object.Value });
    }

    [Fact]
    public void Read_RepeatedQuad_KeptOnce()
    {
        var result = NQuads.Read("<http://ex/s> <http://ex/p> _:o .\n<http://ex/s> <http://ex/p> _:o .\n<http://ex/s> <http://ex/p> _:o <http://ex/g> .\n");

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(2, result.Value.Count);
    }

    [Fact]
    public void Read_EmptyOrCommentOnly_NoQuads()
    {
        Assert.Empty(NQuads.Read("").Value);
        Assert.Empty(NQuads.Read("# nothing\n\n").Value);
    }

    [Theory]
    [InlineData("<s> <http://ex/p> <http://ex/o> .")]                       // relative IRI
    [InlineData("<http://ex/s> <http://ex/p> <http://ex/o>")]               // no '.'
    [InlineData("<http://ex/s> <http://ex/p> <http://ex/o> . <http://ex/x>")] // text after '.'
    [InlineData("<http://ex/s> <http://ex/p> \"open .")]                    // unterminated literal
    [InlineData("<http://ex/s> <http://ex/p> \"a\nb\" .")]                   // raw line break in a literal
    [InlineData("<http://ex/s> <http://ex/p> \"\\x\" .")]                   // unknown escape
    [InlineData("<http://ex/s> <http://ex/p> \"\\u00ZZ\" .")]               // bad hex
    [InlineData("<http://ex/s> <http://ex/p> \"\\u00E\" .")]                // short escape
    [InlineData("<http://ex/s> <http://ex/p> \"\\uD800\" .")]               // escaped surrogate
    [InlineData("<http://ex/s> <http://ex/p> \"\\U00110000\" .")]           // beyond U+10FFFF
    [InlineData("<http://ex/s> <http://ex/p> \"\\U0000004+\" .")]           // sign inside the hex digits
    [InlineData("<http://ex/a b> <http://ex/p> <http://ex/o> .")]           // space in an IRI
    [InlineData("<http://ex/a\\u0020b> <http://ex/p> <http://ex/o> .")]     // escaped space in an IRI
    [InlineData("<http://ex/a\\u003Eb> <http://ex/p> <http://ex/o> .")]     // escaped '>' in an IRI
    [InlineData("<http://ex/a{b> <http://ex/p> <http://ex/o> .")]           // '{' in an IRI
    [InlineData("<http://ex/s <http://ex/p> <http://ex/o> .")]              // unterminated IRI
    [InlineData("\"lit\" <http://ex/p> <http://ex/o> .")]                   // literal subject
    [InlineData("<http://ex/s> _:p <http://ex/o> .")]                        // blank node predicate
    [InlineData("<http://ex/s> \"p\" <http://ex/o> .")]                      // literal predicate
    [InlineData("<http://ex/s> <http://ex/p> <http://ex/o> \"g\" .")]       // literal graph
    [InlineData("<http://ex/s> <http://ex/p> \"v\"@ .")]                     // empty language tag
    [InlineData("<http://ex/s> <http://ex/p> \"v\"@-en .")]                  // language tag starting with '-'
    [InlineData("<http://ex/s> <http://ex/p> \"v\"@en- .")]                  // language tag ending with '-'
    [InlineData("<http://ex/s> <http://ex/p> \"v\"@1en .")]                  // digit in the first subtag
    [InlineData("<http://ex/s> <http://ex/p> \"v\"^<http://ex/t> .")]       // single '^'
    [InlineData("<http://ex/s> <http://ex/p> \"v\"^^\"t\" .")]              // datatype not an IRI
    [InlineData("_: <http://ex/p> <http://ex/o> .")]                          // empty label
    [InlineData("_:-a <http://ex/p> <http://ex/o> .")]                        // label starting with '-'
    [InlineData("_a <http://ex/p> <http://ex/o> .")]                          // '_' without ':'
    [InlineData("<http://ex/s> <http://ex/p> <http://ex/o> <http://ex/g> <http://ex/h> .")] // five terms
    [InlineData("@prefix ex: <http://ex/> .")]                                // Turtle, not N-Quads
    public void Read_Malformed_InvalidNQuads(string line)
    {
        var result = NQuads.Read(line + "\n");

        Assert.False(result.IsValid);
        Assert.Equal(RdfcErrors.InvalidNQuads, result.Error.Code);
    }

    [Fact]
    public void Read_UnpairedSurrogateInText_InvalidNQuads()
    {
        // Not in [InlineData]: attribute strings cannot carry unpaired surrogates.
        string[] lines =
        [
            "<http://ex/s> <http://ex/p> \"a\uD800b\" .\n",
            "<http://ex/s> <http://ex/p> \"a\\n\uD800\" .\n",
            "<http://ex/s\uDC00> <http://ex/p> <http://ex/o> .\n",
            "<http://ex/\\u00E9\uDC00> <http://ex/p> <http://ex/o> .\n",
            "_:a\uD800 <http://ex/p> <http://ex/o> .\n",
        ];

        Assert.All(lines, line => Assert.Equal(RdfcErrors.InvalidNQuads, NQuads.Read(line).Error?.Code));
    }

    [Fact]
    public void Read_ErrorOnLaterLine_StillTyped()
    {
        var result = NQuads.Read("<http://ex/s> <http://ex/p> <http://ex/o> .\n<http://ex/s> <http://ex/p> .\n");

        Assert.False(result.IsValid);
        Assert.Equal(RdfcErrors.InvalidNQuads, result.Error.Code);
        Assert.Equal(VerificationFailureKind.Malformed, result.Error.Kind);
    }

    [Fact]
    public void Read_SuiteInputs_ReadWithoutErrors()
    {
        var directory = System.IO.Path.Combine(Credentials.Testing.RepositoryRoot.Path, "specs", "vectors", "rdf-canon", "rdfc10");
        var files = System.IO.Directory.GetFiles(directory, "*.nq");

        Assert.Equal(65 + 64, files.Length);
        Assert.All(files, f => Assert.True(NQuads.Read(System.IO.File.ReadAllText(f)).IsValid, f));
    }
}
