using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Credentials.OpenId4Vp;
using Xunit;

namespace Credentials.Tests.OpenId4Vp;

public sealed class AuthorizationResponseTests
{
    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"a\":[]}")]
    [InlineData("{\"a\":\"x\"}")]
    [InlineData("{\"a\":[1]}")]
    [InlineData("{\"a\":[\"\"]}")]
    [InlineData("{\"a\":[{\"ldp\":true}]}")]
    [InlineData("{\"a\":[\"x\"],\"a\":[\"y\"]}")]
    [InlineData("not json")]
    public void ParseVpToken_Malformed_FailsAsInvalidResponse(string json)
    {
        Assert.Equal(OpenId4VpErrors.InvalidResponse, AuthorizationResponse.ReadVpToken(json).Error?.Code);
    }

    [Fact]
    public void ToFormThenFromForm_Success_RoundTrips()
    {
        var original = AuthorizationResponse.Success(new Dictionary<string, ImmutableArray<string>> { ["age"] = ["a~b~c"], ["pid"] = ["d~", "e~"] }, "s1");

        var read = AuthorizationResponse.FromForm(original.ToForm()).GetValueOrThrow();

        Assert.Equal("s1", read.State);
        Assert.Equal(["a~b~c"], read.VpToken!["age"].ToArray());
        Assert.Equal(["d~", "e~"], read.VpToken["pid"].ToArray());
    }

    [Fact]
    public void ToFormThenFromForm_Denial_RoundTripsAsAccessDenied()
    {
        var read = AuthorizationResponse.FromForm(AuthorizationResponse.Failure(OpenId4VpOAuthErrors.AccessDenied, "s1").ToForm()).GetValueOrThrow();

        Assert.True(read.IsError);
        Assert.Equal("access_denied", read.Error);
        Assert.Null(read.VpToken);
    }

    [Fact]
    public void FromForm_BothTokenAndError_FailsAsInvalidResponse()
    {
        var result = AuthorizationResponse.FromForm([new("vp_token", "{\"a\":[\"x\"]}"), new("error", "access_denied"), new("state", "s")]);

        Assert.Equal(OpenId4VpErrors.InvalidResponse, result.Error?.Code);
    }

    [Fact]
    public void FromForm_NeitherTokenNorError_FailsAsInvalidResponse()
    {
        Assert.Equal(OpenId4VpErrors.InvalidResponse, AuthorizationResponse.FromForm([new("state", "s")]).Error?.Code);
    }

    [Fact]
    public void FromForm_RepeatedVpToken_FailsAsInvalidResponse()
    {
        var result = AuthorizationResponse.FromForm([new("vp_token", "{\"a\":[\"x\"]}"), new("vp_token", "{\"a\":[\"y\"]}")]);

        Assert.Equal(OpenId4VpErrors.InvalidResponse, result.Error?.Code);
    }

    [Fact]
    public void FromForm_VpTokenOverLimit_FailsAsInvalidResponse()
    {
        var result = AuthorizationResponse.FromForm([new("vp_token", "{\"a\":[\"" + new string('x', 100) + "\"]}")], maxVpTokenLength: 50);

        Assert.Equal(OpenId4VpErrors.InvalidResponse, result.Error?.Code);
    }

    [Fact]
    public void FromForm_UnknownParameter_IsIgnored()
    {
        var result = AuthorizationResponse.FromForm([new("vp_token", "{\"a\":[\"x\"]}"), new("iss", "https://wallet.example"), new("state", "s")]);

        Assert.True(result.IsValid, result.Error?.ToString());
    }
}
