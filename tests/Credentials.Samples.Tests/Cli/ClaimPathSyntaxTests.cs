using Credentials.SdJwt;
using Xunit;

namespace Credentials.Samples.Tests.Cli;

public sealed class ClaimPathSyntaxTests
{
    [Theory]
    [InlineData("family_name", "[\"family_name\"]")]
    [InlineData("address.region", "[\"address\",\"region\"]")]
    [InlineData("results[]", "[\"results\",null]")]
    [InlineData("results[*]", "[\"results\",null]")]
    [InlineData("results[2].level", "[\"results\",2,\"level\"]")]
    [InlineData("age_equal_or_over.20", "[\"age_equal_or_over\",\"20\"]")]
    [InlineData("family_name#ja-Kana-JP", "[\"family_name#ja-Kana-JP\"]")]
    [InlineData("[\"a.b\",\"c\"]", "[\"a.b\",\"c\"]")]
    public void Parse_Syntax_GivesClaimPath(string text, string json)
        => Assert.Equal(ClaimPath.Parse(json), ClaimPathSyntax.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData(".a")]
    [InlineData("a.")]
    [InlineData("a..b")]
    [InlineData("a[x]")]
    [InlineData("a[1")]
    [InlineData("a]")]
    [InlineData("[not json")]
    public void Parse_Malformed_ThrowsCliError(string text)
    {
        var ex = Assert.Throws<CliException>(() => ClaimPathSyntax.Parse(text));
        Assert.Equal(CliErrors.InvalidClaimPathCode, ex.Error.Code);
        Assert.Equal(ExitCodes.Usage, ex.Error.ExitCode);
    }

    [Fact]
    public void ParseList_MixedForms_SplitsOutsideJsonArrays()
    {
        var paths = ClaimPathSyntax.ParseList("given_name, address.region,[\"x,y\",\"z\"],results[]");

        Assert.Equal(4, paths.Count);
        Assert.Equal(ClaimPath.Create("x,y", "z"), paths[2]);
        Assert.Equal(ClaimPath.Create("results", null), paths[3]);
    }

    [Theory]
    [InlineData("address.region")]
    [InlineData("results[]")]
    [InlineData("results[0].level")]
    public void Format_Parsed_RoundTrips(string text)
        => Assert.Equal(text, ClaimPathSyntax.Format(ClaimPathSyntax.Parse(text)));
}
