using System.Linq;
using System.Text.Json;
using Credentials.W3c.DataIntegrity;
using Xunit;

namespace Credentials.Tests.W3c.DataIntegrity;

public class StrictJsonTests
{
    private static bool IsStrict(string json, int maxDepth = 64)
    {
        using var document = JsonDocument.Parse(json);
        return StrictJson.IsStrict(document.RootElement, maxDepth);
    }

    [Theory]
    [InlineData("{\"a\":1,\"b\":{\"a\":1,\"c\":[{\"a\":1,\"b\":2}]}}")]
    [InlineData("{\"\\u0061\":1,\"b\":2}")]
    [InlineData("[\"\\ud83d\\ude00\",{}]")]
    public void IsStrict_StrictJson_True(string json)
    {
        Assert.True(IsStrict(json));
    }

    [Theory]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("{\"a\":1,\"\\u0061\":2}")]
    [InlineData("{\"x\":[{\"k\":1,\"b\":0,\"k\":2}]}")]
    [InlineData("{\"a\":\"\\ud800\"}")]
    [InlineData("{\"\\udc00\":1}")]
    public void IsStrict_DuplicateOrLoneSurrogate_False(string json)
    {
        Assert.False(IsStrict(json));
    }

    [Theory]
    [InlineData("\"\\ud83d\\ude00\"", true)]
    [InlineData("\"\\u00e9\\u3042\"", true)]
    [InlineData("\"\\\\ud800\"", true)]
    [InlineData("\"\\\\\\ud800\"", false)]
    [InlineData("\"\\ud800\"", false)]
    [InlineData("\"\\udc00\\ud800\"", false)]
    [InlineData("\"\\ud83d\\ud83d\\ude00\"", false)]
    [InlineData("\"\\uD83D\\uDE00x\\uDE00\"", false)]
    [InlineData("\"\\ud83dx\"", false)]
    public void HasNoLoneSurrogateEscapes_RawText_MatchesDecoding(string json, bool expected)
    {
        var utf8 = System.Text.Encoding.UTF8.GetBytes(json);

        Assert.Equal(expected, StrictJson.HasNoLoneSurrogateEscapes(utf8));
        Assert.Equal(expected, IsStrict("[" + json + "]"));
    }

    [Fact]
    public void IsStrict_ManyMembersWithOneDuplicate_False()
    {
        var members = Enumerable.Range(0, 40).Select(i => $"\"m{i}\":{i}").Append("\"m7\":0");

        Assert.False(IsStrict("{" + string.Join(",", members) + "}"));
        Assert.True(IsStrict("{" + string.Join(",", members.SkipLast(1)) + "}"));
    }

    [Fact]
    public void IsStrict_DeeperThanLimit_False()
    {
        Assert.True(IsStrict("{\"a\":[{\"b\":1}]}", maxDepth: 3));
        Assert.False(IsStrict("{\"a\":[{\"b\":1}]}", maxDepth: 2));
    }
}
