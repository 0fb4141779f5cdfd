using System.Threading.Tasks;
using Credentials.W3c.JsonLd;
using Xunit;
using static Credentials.Tests.W3c.JsonLd.JsonLdTestSupport;

namespace Credentials.Tests.W3c.JsonLd;

/// <summary>
/// Literals as JSON-LD 1.1 API section 8.1.3 and section 8.6 write them: canonical xsd:integer and xsd:double forms,
/// booleans, and JSON literals in their JCS form.
/// </summary>
public sealed class JsonLdLiteralTests
{
    [Theory]
    [InlineData("1", "1", "http://www.w3.org/2001/XMLSchema#integer")]
    [InlineData("-0", "0", "http://www.w3.org/2001/XMLSchema#integer")]
    [InlineData("1.0", "1", "http://www.w3.org/2001/XMLSchema#integer")]
    [InlineData("1e2", "100", "http://www.w3.org/2001/XMLSchema#integer")]
    [InlineData("9007199254740993", "9007199254740992", "http://www.w3.org/2001/XMLSchema#integer")]
    [InlineData("123456789012345678901", "123456789012345683968", "http://www.w3.org/2001/XMLSchema#integer")]
    [InlineData("1e21", "1.0E21", "http://www.w3.org/2001/XMLSchema#double")]
    [InlineData("1.1", "1.1E0", "http://www.w3.org/2001/XMLSchema#double")]
    [InlineData("11.5", "1.15E1", "http://www.w3.org/2001/XMLSchema#double")]
    [InlineData("-0.000005", "-5.0E-6", "http://www.w3.org/2001/XMLSchema#double")]
    [InlineData("0.1234567890123456789", "1.234567890123457E-1", "http://www.w3.org/2001/XMLSchema#double")]
    [InlineData("true", "true", "http://www.w3.org/2001/XMLSchema#boolean")]
    public async Task ToRdf_NativeValue_CanonicalLexicalForm(string json, string lexical, string datatype)
    {
        var result = await ToRdf("{\"@context\": {\"@vocab\": \"http://example.com/\"}, \"@id\": \"http://example.com/s\", \"p\": " + json + "}");

        var literal = Assert.Single(result.Value).Object;
        Assert.Equal(lexical, literal.Value);
        Assert.Equal(datatype, literal.Datatype);
    }

    [Theory]
    [InlineData(2.0, "2.0E0")]
    [InlineData(0.0, "0.0E0")]
    [InlineData(1e21, "1.0E21")]
    [InlineData(1.5e-7, "1.5E-7")]
    [InlineData(123456.789, "1.23456789E5")]
    [InlineData(double.PositiveInfinity, "INF")]
    public void CanonicalDouble_Value_JsonLdForm(double value, string expected)
    {
        Assert.Equal(expected, JsonLdRun.CanonicalDouble(value));
    }

    [Fact]
    public async Task ToRdf_NumberTypedDouble_DoubleForm()
    {
        var result = await ToRdf("""{"@context": {"p": {"@id": "http://example.com/p", "@type": "http://www.w3.org/2001/XMLSchema#double"}}, "@id": "http://example.com/s", "p": 5}""");

        Assert.Equal("5.0E0", Assert.Single(result.Value).Object.Value);
    }

    [Fact]
    public async Task ToRdf_JsonLiteral_JcsForm()
    {
        var result = await ToRdf("""{"@context": {"j": {"@id": "http://example.com/j", "@type": "@json"}}, "@id": "http://example.com/s", "j": {"b": [1.0, 1e21, "\u00e9"], "a": true, "€": null}}""");

        var literal = Assert.Single(result.Value).Object;
        Assert.Equal("{\"a\":true,\"b\":[1,1e+21,\"é\"],\"€\":null}", literal.Value);
        Assert.Equal("http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON", literal.Datatype);
    }

    [Fact]
    public async Task ToRdf_LanguageTag_LowerCased()
    {
        var result = await ToRdf("""{"@context": {"@vocab": "http://example.com/", "@language": "ja-JP"}, "@id": "http://example.com/s", "p": "日本語"}""");

        Assert.Equal("ja-jp", Assert.Single(result.Value).Object.Language);
    }
}
