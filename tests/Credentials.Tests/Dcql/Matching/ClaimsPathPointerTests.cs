using System.Linq;
using Credentials.Dcql;
using Credentials.Dcql.Matching;
using Credentials.SdJwt;
using Xunit;
using static Credentials.Tests.Dcql.Matching.DcqlTestCandidates;

namespace Credentials.Tests.Dcql.Matching;

public class ClaimsPathPointerTests
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
        Assert.Equal(Json(expected).EnumerateArray().Select(e => e.GetString()!).ToArray(), selected);
    }

    [Theory]
    [InlineData("""["missing"]""")] // key absent everywhere: empty selection
    [InlineData("""["degrees",5]""")] // index out of range: empty selection
    [InlineData("""["empty",null]""")] // wildcard over an empty array: empty selection
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
    public void TrySelect_NonObjectRoot_Fails()
    {
        Assert.False(ClaimsPathPointer.TrySelect(Json("[1]"), ClaimPath.Create(0), out _));
        Assert.False(ClaimsPathPointer.TrySelect(default, ClaimPath.Of("a"), out _));
    }

    [Fact]
    public void TrySelect_SelectedValue_IsTheClaimValue()
    {
        Assert.True(ClaimsPathPointer.TrySelect(Json(Credential), ClaimPath.Create("degrees", 1, "extra"), out var selected));

        Assert.Equal(1, Assert.Single(selected).Value.GetInt32());
    }

    private static string[]? Select(string pointer)
        => ClaimsPathPointer.TrySelect(Json(Credential), ClaimPath.Parse(pointer), out var selected) ? [.. selected.Select(s => s.Path.ToString())] : null;
}
