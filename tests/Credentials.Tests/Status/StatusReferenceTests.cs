using System.Text.Json;
using Credentials.Status;
using Xunit;

namespace Credentials.Tests.Status;

public sealed class StatusReferenceTests
{
    [Fact]
    public void Read_ValidStatusList_ReturnsUriAndIndex()
    {
        var result = StatusReference.Read(Parse("""{"status_list":{"idx":1234,"uri":"https://example.com/statuslists/1"},"other":{}}"""));

        Assert.True(result.IsValid);
        Assert.Equal(new StatusReference("https://example.com/statuslists/1", 1234), result.Value);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"x\"")]
    [InlineData("{}")]
    [InlineData("""{"status_list":[]}""")]
    [InlineData("""{"status_list":{"uri":"https://example.com/1"}}""")]
    [InlineData("""{"status_list":{"idx":-1,"uri":"https://example.com/1"}}""")]
    [InlineData("""{"status_list":{"idx":1.5,"uri":"https://example.com/1"}}""")]
    [InlineData("""{"status_list":{"idx":"1","uri":"https://example.com/1"}}""")]
    [InlineData("""{"status_list":{"idx":99999999999999999999,"uri":"https://example.com/1"}}""")]
    [InlineData("""{"status_list":{"idx":1}}""")]
    [InlineData("""{"status_list":{"idx":1,"uri":5}}""")]
    [InlineData("""{"status_list":{"idx":1,"uri":"statuslists/1"}}""")]
    [InlineData("""{"status_list":{"idx":1,"uri":""}}""")]
    [InlineData("""{"status_list":{"idx":1,"uri":"/statuslists/1"}}""")]
    [InlineData("""{"status_list":{"idx":1,"uri":" https://example.com/1"}}""")]
    public void Read_BadShape_FailsWithInvalidReference(string json)
    {
        var result = StatusReference.Read(Parse(json));

        Assert.Equal(StatusErrors.InvalidReference, result.Error?.Code);
    }

    [Fact]
    public void Read_OnlyOtherMechanisms_FailsWithUnsupportedMechanism()
    {
        var result = StatusReference.Read(Parse("""{"status_bitstring":{"idx":1}}"""));

        Assert.Equal(StatusErrors.UnsupportedMechanism, result.Error?.Code);
    }

    [Fact]
    public void ToStatusClaim_ReadBack_RoundTrips()
    {
        var reference = new StatusReference("https://issuer.example/statuslists/7", 42);

        var read = StatusReference.Read(Parse(reference.ToStatusClaim().ToJsonString()));

        Assert.Equal(reference, read.Value);
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
