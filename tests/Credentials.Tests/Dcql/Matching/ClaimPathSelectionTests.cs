using System.Linq;
using Credentials.Dcql;
using Credentials.Dcql.Matching;
using Credentials.SdJwt;
using Xunit;
using static Credentials.Tests.Dcql.Matching.DcqlTestCandidates;

namespace Credentials.Tests.Dcql.Matching;

/// <summary>Claims path pointer processing (OpenID4VP 1.0 section 7.1.1, SD-JWT VC section 8.1) through <see cref="ClaimPath.TrySelect"/>.</summary>
public class ClaimPathSelectionTests
{
    private const string Credential = """{"name":"A","address":{"locality":"M"},"degrees":[{"type":"BSc"},{"type":"MSc","extra":1},{"university":"U"}],"list":[1,"two"],"empty":[]}""";

    [Theory]
    [InlineData("""["name"]""", """["[\"name\"]"]""")]
    [InlineData("""["address","locality"]""", """["[\"address\",\"locality\"]"]""")]
    [InlineData("""["degrees",null,"type"]""", """["[\"degrees\",0,\"type\"]","[\"degrees\",1,\"type\"]"]""")]
    [InlineData("""["degrees",2,"university"]""", """["[\"degrees\",2,\"university\"]"]""")]
    [InlineData("""["list",null]""", """["[\"list\",0]","[\"list\",1]"]""")]
    public void TrySelect_ExistingClaims_ReturnsConcretePaths(string pointer, string expected)
    {
        var selected = Select(pointer);

        Assert.NotNull(selected);
        Assert.Equal(ParseJson(expected).EnumerateArray().Select(e => e.GetString()!).ToArray(), selected);
    }

    [Theory]
    [InlineData("""["missing"]""")] // key absent everywhere
    [InlineData("""["degrees",5]""")] // index out of range
    [InlineData("""["empty",null]""")] // wildcard over an empty array
    [InlineData("""["degrees",null,"missing"]""")] // absent from every element
    public void TrySelect_Missing_SelectsNothing(string pointer)
    {
        Assert.Equal([], Select(pointer)!);
    }

    [Theory]
    [InlineData("""["name","x"]""")] // string component on a non-object
    [InlineData("""["name",0]""")] // index on a non-array
    [InlineData("""["address",null]""")] // null on a non-array
    [InlineData("""["list",null,"x"]""")] // one selected element is not an object
    [InlineData("""[0]""")] // the root is an object
    public void TrySelect_MissingOrMistyped_Fails(string pointer)
    {
        Assert.Null(Select(pointer));
    }

    [Fact]
    public void TrySelect_ArrayRoot_SelectsByIndex_UndefinedRootFails()
    {
        Assert.True(ClaimPath.Create(0).TrySelect(ParseJson("[1]"), out var selected));
        Assert.Equal(1, Assert.Single(selected).Value.GetInt32());
        Assert.False(ClaimPath.Of("a").TrySelect(default, out _));
    }

    [Fact]
    public void StartsWith_ComparesComponentsExactly()
    {
        var path = ClaimPath.Create("degrees", null, "type");

        Assert.True(path.StartsWith(ClaimPath.Create("degrees", null)));
        Assert.True(path.StartsWith(path));
        Assert.False(path.StartsWith(ClaimPath.Create("degrees", 0)));
        Assert.False(ClaimPath.Of("degrees").StartsWith(path));
    }

    [Fact]
    public void EnumerateAll_ListsEveryMemberAndElement_ParentsFirst()
    {
        var paths = ClaimPath.EnumerateAll(ParseJson("""{"a":{"b":1},"c":[true]}""")).Select(p => p.ToString());

        Assert.Equal(["[\"a\"]", "[\"a\",\"b\"]", "[\"c\"]", "[\"c\",0]"], paths);
    }

    [Fact]
    public void ToDisplayString_RendersAllElementsAsStar()
    {
        Assert.Equal("degrees[*].type", ClaimPath.Create("degrees", null, "type").ToDisplayString());
        Assert.Equal("nationalities[0]", ClaimPath.Create("nationalities", 0).ToDisplayString());
    }

    [Fact]
    public void TrySelect_SelectedValue_IsTheClaimValue()
    {
        Assert.True(ClaimPath.Create("degrees", 1, "extra").TrySelect(ParseJson(Credential), out var selected));

        Assert.Equal(1, Assert.Single(selected).Value.GetInt32());
    }

    private static string[]? Select(string pointer)
        => ClaimPath.Parse(pointer).TrySelect(ParseJson(Credential), out var selected) ? [.. selected.Select(s => s.Path.ToString())] : null;
}
