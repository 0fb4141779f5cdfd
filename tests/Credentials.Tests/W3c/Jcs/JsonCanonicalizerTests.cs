using System;
using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.W3c.Jcs;
using Xunit;

namespace Credentials.Tests.W3c.Jcs;

public class JsonCanonicalizerTests
{
    private static string Canonical(string json)
    {
        var result = JsonCanonicalizer.Read(Encoding.UTF8.GetBytes(json));
        Assert.True(result.IsValid, result.Error?.ToString());
        return Encoding.UTF8.GetString(result.Value);
    }

    private static ErrorCode Failure(string json)
    {
        var result = JsonCanonicalizer.Read(Encoding.UTF8.GetBytes(json));
        Assert.False(result.IsValid);
        return result.Error.Code;
    }

    // ECMA-262 Number::toString as RFC 8785 section 3.2.2.3 requires; each expected string is what JavaScript's
    // JSON.stringify(JSON.parse(input)) gives.
    [Theory]
    [InlineData("1e21", "1e+21")]
    [InlineData("1e20", "100000000000000000000")]
    [InlineData("1e-7", "1e-7")]
    [InlineData("-1e-7", "-1e-7")]
    [InlineData("1e-6", "0.000001")]
    [InlineData("5e-324", "5e-324")]
    [InlineData("1.7976931348623157e308", "1.7976931348623157e+308")]
    [InlineData("0.30000000000000004", "0.30000000000000004")]
    [InlineData("-0", "0")]
    [InlineData("-0.0", "0")]
    [InlineData("0", "0")]
    [InlineData("9007199254740993", "9007199254740992")]
    [InlineData("295147905179352825856", "295147905179352830000")]
    [InlineData("123456789012345678", "123456789012345680")]
    [InlineData("1e-400", "0")]
    [InlineData("4.50", "4.5")]
    [InlineData("2e-3", "0.002")]
    [InlineData("333333333.33333329", "333333333.3333333")]
    [InlineData("1.0", "1")]
    [InlineData("1E2", "100")]
    [InlineData("0.000001234", "0.000001234")]
    [InlineData("1.5e-7", "1.5e-7")]
    [InlineData("1.2345e21", "1.2345e+21")]
    [InlineData("-12", "-12")]
    [InlineData("999999999999999", "999999999999999")]
    [InlineData("0.1", "0.1")]
    public void Read_Number_EcmaScriptForm(string input, string expected)
    {
        Assert.Equal(expected, Canonical(input));
    }

    // RFC 8785 Appendix B: IEEE 754 bit patterns and their ECMAScript strings.
    [Theory]
    [InlineData(0x0000000000000000UL, "0")]
    [InlineData(0x8000000000000000UL, "0")]
    [InlineData(0x0000000000000001UL, "5e-324")]
    [InlineData(0x8000000000000001UL, "-5e-324")]
    [InlineData(0x7fefffffffffffffUL, "1.7976931348623157e+308")]
    [InlineData(0xffefffffffffffffUL, "-1.7976931348623157e+308")]
    [InlineData(0x4340000000000000UL, "9007199254740992")]
    [InlineData(0xc340000000000000UL, "-9007199254740992")]
    [InlineData(0x4430000000000000UL, "295147905179352830000")]
    [InlineData(0x44b52d02c7e14af5UL, "9.999999999999997e+22")]
    [InlineData(0x44b52d02c7e14af6UL, "1e+23")]
    [InlineData(0x44b52d02c7e14af7UL, "1.0000000000000001e+23")]
    [InlineData(0x444b1ae4d6e2ef4eUL, "999999999999999700000")]
    [InlineData(0x444b1ae4d6e2ef4fUL, "999999999999999900000")]
    [InlineData(0x444b1ae4d6e2ef50UL, "1e+21")]
    [InlineData(0x3eb0c6f7a0b5ed8cUL, "9.999999999999997e-7")]
    [InlineData(0x3eb0c6f7a0b5ed8dUL, "0.000001")]
    [InlineData(0x41b3de4355555553UL, "333333333.3333332")]
    [InlineData(0x41b3de4355555554UL, "333333333.33333325")]
    [InlineData(0x41b3de4355555555UL, "333333333.3333333")]
    [InlineData(0x41b3de4355555556UL, "333333333.3333334")]
    [InlineData(0x41b3de4355555557UL, "333333333.33333343")]
    [InlineData(0xbecbf647612f3696UL, "-0.0000033333333333333333")]
    [InlineData(0x43143ff3c1cb0959UL, "1424953923781206.2")]
    public void Canonicalize_DoubleBits_AppendixBString(ulong bits, string expected)
    {
        var value = BitConverter.UInt64BitsToDouble(bits);

        Assert.Equal(expected, Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(JsonValue.Create(value))));
    }

    [Fact]
    public void Canonicalize_SumOfPointOneAndPointTwo_ShortestRoundTripDigits()
    {
        Assert.Equal("0.30000000000000004", Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(JsonValue.Create(0.1 + 0.2))));
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    public void Read_NumberBeyondDouble_NumberOutOfRange(string input)
    {
        Assert.Equal(JcsErrors.NumberOutOfRange, Failure(input));
    }

    [Fact]
    public void Canonicalize_NaNNode_Throws()
    {
        Assert.Throws<ArgumentException>(() => JsonCanonicalizer.Canonicalize(JsonValue.Create(double.NaN)));
    }

    // RFC 8785 section 3.2.3: members sorted by UTF-16 code units, so U+1F600 (D83D DE00) sorts before U+FB33.
    [Fact]
    public void Read_Members_SortedByUtf16CodeUnitsNotCodePoints()
    {
        Assert.Equal("{\"a\":1,\"b\":2,\"\U0001F600\":4,\"\uFB33\":3}", Canonical("{\"\uFB33\":3,\"b\":2,\"\U0001F600\":4,\"a\":1}"));
    }

    [Fact]
    public void Read_NestedObjects_SortedAtEveryLevelArraysKeepOrder()
    {
        Assert.Equal("{\"a\":[3,1,{\"x\":1,\"y\":2}],\"b\":{\"c\":true,\"d\":null}}", Canonical(" { \"b\" : { \"d\" : null , \"c\" : true } , \"a\" : [ 3 , 1 , { \"y\" : 2 , \"x\" : 1 } ] } "));
    }

    [Theory]
    [InlineData("\"\\u0000\\u001f\\b\\t\\n\\f\\r\"", "\"\\u0000\\u001f\\b\\t\\n\\f\\r\"")]
    [InlineData("\"\\u0041\\u00e9\\u20ac\\ud83d\\ude00\"", "\"Aé€\U0001F600\"")]
    [InlineData("\"\\/\\\"\\\\\"", "\"/\\\"\\\\\"")]
    [InlineData("\"\\u007f\\u2028<>&'+\"", "\"\u007f\u2028<>&'+\"")]
    public void Read_String_MinimalEscapes(string input, string expected)
    {
        Assert.Equal(expected, Canonical(input));
    }

    [Theory]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("{\"a\":1,\"\\u0061\":2}")]
    [InlineData("[{\"x\":{\"k\":1,\"k\":1}}]")]
    public void Read_DuplicateMemberNames_DuplicateMember(string input)
    {
        Assert.Equal(JcsErrors.DuplicateMember, Failure(input));
    }

    [Fact]
    public void Canonicalize_ElementWithDuplicateMembers_Throws()
    {
        using var document = JsonDocument.Parse("{\"a\":1,\"a\":2}");

        Assert.Throws<ArgumentException>(() => JsonCanonicalizer.Canonicalize(document.RootElement));
    }

    [Theory]
    [InlineData("\"\\ud800\"")]
    [InlineData("\"\\udc00x\"")]
    [InlineData("{\"\\ud800\":1}")]
    [InlineData("[\"a\\ud83d\"]")]
    public void Read_LoneSurrogate_InvalidString(string input)
    {
        Assert.Equal(JcsErrors.InvalidString, Failure(input));
    }

    [Fact]
    public void Canonicalize_NodeWithLoneSurrogate_Throws()
    {
        Assert.Throws<ArgumentException>(() => JsonCanonicalizer.Canonicalize(new JsonObject { ["a"] = "x\ud800" }));
    }

    [Fact]
    public void Read_InvalidUtf8_InvalidJson()
    {
        var result = JsonCanonicalizer.Read([(byte)'"', 0xC3, 0x28, (byte)'"']);

        Assert.Equal(JcsErrors.InvalidJson, result.Error?.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[1,]")]
    [InlineData("{\"a\":1} x")]
    [InlineData("NaN")]
    [InlineData("// c\n1")]
    public void Read_NotJson_InvalidJson(string input)
    {
        Assert.Equal(JcsErrors.InvalidJson, Failure(input));
    }

    [Fact]
    public void Read_DeeperThanLimit_InvalidJson()
    {
        var deep = new string('[', 10) + new string(']', 10);

        Assert.Equal(JcsErrors.InvalidJson, JsonCanonicalizer.Read(Encoding.UTF8.GetBytes(deep), maxDepth: 9).Error?.Code);
        Assert.True(JsonCanonicalizer.Read(Encoding.UTF8.GetBytes(deep), maxDepth: 10).IsValid);
    }

    [Fact]
    public void Canonicalize_NodeOfClrValues_SameAsParsedText()
    {
        var node = new JsonObject
        {
            ["int"] = 42,
            ["long"] = 9007199254740993L,
            ["decimal"] = 4.50m,
            ["bool"] = false,
            ["null"] = null,
            ["array"] = new JsonArray(1, "two", 3.0),
        };

        var expected = Canonical("{\"int\":42,\"long\":9007199254740993,\"decimal\":4.50,\"bool\":false,\"null\":null,\"array\":[1,\"two\",3.0]}");

        Assert.Equal(expected, Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(node)));
    }

    [Fact]
    public void Canonicalize_BufferWriterOverload_WritesSameBytes()
    {
        using var document = JsonDocument.Parse("{\"b\":[1e21,\"x\"],\"a\":{}}");
        var buffer = new ArrayBufferWriter<byte>();

        JsonCanonicalizer.Canonicalize(document.RootElement, buffer);

        Assert.Equal(JsonCanonicalizer.Canonicalize(document.RootElement), buffer.WrittenSpan.ToArray());
        Assert.Equal("{\"a\":{},\"b\":[1e+21,\"x\"]}", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void Canonicalize_NullNode_JsonNull()
    {
        Assert.Equal("null"u8.ToArray(), JsonCanonicalizer.Canonicalize((JsonNode?)null));
    }

    [Fact]
    public void Canonicalize_DefaultElement_Throws()
    {
        Assert.Throws<ArgumentException>(() => JsonCanonicalizer.Canonicalize(default(JsonElement)));
    }
}
