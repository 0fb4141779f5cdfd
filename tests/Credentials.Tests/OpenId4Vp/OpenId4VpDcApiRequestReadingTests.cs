using System.Text.Json;
using System.Threading.Tasks;
using Credentials.OpenId4Vp;
using Xunit;

namespace Credentials.Tests.OpenId4Vp;

/// <summary>
/// An unsigned Digital Credentials API request (OpenID4VP 1.0 Appendix A.2) reads its <c>dcql_query</c> and
/// <c>client_metadata</c> by the same rules as a redirect request.
/// </summary>
public sealed class OpenId4VpDcApiRequestReadingTests
{
    private const string Origin = "https://shop.example.jp";
    private const string Query = """{"credentials":[{"id":"age","format":"dc+sd-jwt","meta":{"vct_values":["https://credentials.example.jp/vct/age/v1"]},"claims":[{"path":["age_over_20"]}]}]}""";

    private static ValueTask<VerificationResult<DigitalCredentialsApiRequest>> ReadAsync(string members)
    {
        using var data = JsonDocument.Parse("{\"response_type\":\"vp_token\",\"response_mode\":\"dc_api\",\"nonce\":\"n-0S6_WzA2Mj\"" + members + "}");
        return new OpenId4VpRequestReader().ReadDigitalCredentialsApiAsync(OpenId4VpConstants.DcApiProtocolUnsigned, data.RootElement.Clone(), Origin);
    }

    [Fact]
    public async Task A_request_with_a_dcql_query_is_read()
    {
        var result = await ReadAsync(",\"dcql_query\":" + Query);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal("age", result.Value.DcqlQuery.Credentials[0].Id);
    }

    [Fact]
    public async Task A_request_with_both_dcql_query_and_scope_is_invalid()
    {
        var result = await ReadAsync(",\"dcql_query\":" + Query + ",\"scope\":\"age\"");

        Assert.Equal(OpenId4VpErrors.InvalidRequest, result.Error?.Code);
    }

    [Fact]
    public async Task A_request_by_scope_alone_is_unsupported()
    {
        var result = await ReadAsync(",\"scope\":\"age\"");

        Assert.Equal(OpenId4VpErrors.UnsupportedScope, result.Error?.Code);
    }

    [Fact]
    public async Task Client_metadata_that_is_not_an_object_is_invalid()
    {
        var result = await ReadAsync(",\"dcql_query\":" + Query + ",\"client_metadata\":[]");

        Assert.Equal(OpenId4VpErrors.InvalidRequest, result.Error?.Code);
    }
}
