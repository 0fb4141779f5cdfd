using System.Linq;
using Credentials.Dcql;
using Credentials.OpenId4Vp;
using Xunit;

namespace Credentials.Tests.OpenId4Vp;

public sealed class AuthorizationRequestParsingTests
{
    [Fact]
    public void FromParameters_ValidRedirectUriRequest_ReadsEveryParameter()
    {
        var result = AuthorizationRequest.FromParameters(OpenId4VpTestData.RedirectUriParameters());

        Assert.True(result.IsValid, result.Error?.ToString());
        var request = result.Value;
        Assert.Equal("redirect_uri:" + OpenId4VpTestData.ResponseUri, request.ClientId);
        Assert.Equal(ClientIdPrefixes.RedirectUri, request.ClientIdentifier.Prefix);
        Assert.Equal(OpenId4VpTestData.ResponseUri, request.ClientIdentifier.OriginalClientId);
        Assert.Equal("n-0S6_WzA2Mj", request.Nonce);
        Assert.Equal("st4te_-.~", request.State);
        Assert.Equal("age", request.DcqlQuery.Credentials.Single().Id);
    }

    [Theory]
    [InlineData("nonce", null, "openid4vp.invalid_request")]
    [InlineData("nonce", "", "openid4vp.invalid_request")]
    [InlineData("client_id", "", "openid4vp.invalid_request")]
    [InlineData("nonce", "has space", "openid4vp.invalid_request")]
    [InlineData("nonce", "ノンス", "openid4vp.invalid_request")]
    [InlineData("state", "a/b", "openid4vp.invalid_request")]
    [InlineData("client_id", null, "openid4vp.invalid_request")]
    [InlineData("response_uri", null, "openid4vp.invalid_request")]
    [InlineData("response_uri", "/relative", "openid4vp.invalid_request")]
    [InlineData("response_type", "code", "openid4vp.unsupported_response_mode")]
    [InlineData("response_mode", "fragment", "openid4vp.unsupported_response_mode")]
    [InlineData("response_mode", "dc_api", "openid4vp.unsupported_response_mode")]
    [InlineData("response_mode", null, "openid4vp.unsupported_response_mode")]
    [InlineData("redirect_uri", "https://verifier.example.jp/cb", "openid4vp.invalid_request")]
    [InlineData("transaction_data", "eyJ0eXBlIjoieCJ9", "openid4vp.unsupported_transaction_data")]
    [InlineData("scope", "com.example.age", "openid4vp.invalid_request")]
    [InlineData("dcql_query", "{\"credentials\":[]}", "openid4vp.invalid_request")]
    [InlineData("dcql_query", "not json", "openid4vp.invalid_request")]
    [InlineData("client_metadata", "[]", "openid4vp.invalid_request")]
    public void FromParameters_InvalidParameter_FailsWithCode(string name, string? value, string code)
    {
        var result = AuthorizationRequest.FromParameters(OpenId4VpTestData.RedirectUriParameters().With(name, value));

        Assert.False(result.IsValid);
        Assert.Equal(code, result.Error.Code.Value);
    }

    [Fact]
    public void FromParameters_ScopeInsteadOfDcql_FailsAsUnsupportedScopeMappedToInvalidScope()
    {
        var result = AuthorizationRequest.FromParameters(OpenId4VpTestData.RedirectUriParameters().With("dcql_query", null).With("scope", "com.example.age"));

        Assert.Equal(OpenId4VpErrors.UnsupportedScope, result.Error?.Code);
        Assert.Equal("invalid_scope", OpenId4VpErrors.ToOAuthError(result.Error!.Code));
    }

    [Fact]
    public void FromParameters_InvalidDcql_KeepsTheDcqlCodeInside()
    {
        var result = AuthorizationRequest.FromParameters(OpenId4VpTestData.RedirectUriParameters().With("dcql_query", "{\"credentials\":[]}"));

        Assert.Equal(DcqlErrors.Malformed, result.Error?.Inner?.Code);
    }

    [Fact]
    public void FromParameters_RepeatedParameter_FailsAsInvalidRequest()
    {
        var parameters = OpenId4VpTestData.RedirectUriParameters();
        parameters.Add(new("nonce", "second"));

        var result = AuthorizationRequest.FromParameters(parameters);

        Assert.Equal(OpenId4VpErrors.InvalidRequest, result.Error?.Code);
    }

    [Fact]
    public void ToParameters_RoundTrip_GivesTheSameRequest()
    {
        var original = AuthorizationRequest.FromParameters(OpenId4VpTestData.RedirectUriParameters()).GetValueOrThrow();

        var again = AuthorizationRequest.FromParameters(original.ToParameters()).GetValueOrThrow();

        Assert.Equal(original.ClientId, again.ClientId);
        Assert.Equal(original.Nonce, again.Nonce);
        Assert.Equal(original.State, again.State);
        Assert.Equal(original.DcqlQuery.ToJson(), again.DcqlQuery.ToJson());
    }

    [Fact]
    public void Link_CreateThenParse_KeepsParametersIncludingJapanese()
    {
        var parameters = OpenId4VpTestData.RedirectUriParameters().With("extra", "年齢確認 & more=+");

        var link = AuthorizationRequestLink.Read(OpenId4VpTestData.Link(parameters)).GetValueOrThrow();

        Assert.Equal(parameters, link.Parameters);
        Assert.False(link.IsByReference);
        Assert.Null(link.Request);
    }

    [Theory]
    [InlineData("openid4vp://")]
    [InlineData("openid4vp://?")]
    [InlineData("openid4vp://?client_id=a&client_id=b")]
    [InlineData("openid4vp://?client_id=%FF")]
    public void Link_Malformed_FailsAsInvalidRequest(string text)
    {
        var link = AuthorizationRequestLink.Read(text);

        Assert.Equal(OpenId4VpErrors.InvalidRequest, link.Error?.Code);
    }

    [Fact]
    public void Link_LongerThanLimit_FailsAsInvalidRequest()
    {
        var link = AuthorizationRequestLink.Read("openid4vp://?client_id=" + new string('a', 100), maxLength: 64);

        Assert.Equal(OpenId4VpErrors.InvalidRequest, link.Error?.Code);
    }

    [Theory]
    [InlineData("openid4vp://?client_id=x&request=a.b.c&request_uri=https%3A%2F%2Fv.example%2Fr", "openid4vp.invalid_request")]
    [InlineData("openid4vp://?client_id=x&request_uri_method=post", "openid4vp.invalid_request")]
    [InlineData("openid4vp://?client_id=x&request_uri=https%3A%2F%2Fv.example%2Fr&request_uri_method=PUT", "openid4vp.invalid_request_uri_method")]
    [InlineData("openid4vp://?client_id=x&request_uri=https%3A%2F%2Fv.example%2Fr&request_uri_method=POST", "openid4vp.invalid_request_uri_method")]
    [InlineData("openid4vp://?request_uri=https%3A%2F%2Fv.example%2Fr", "openid4vp.invalid_request")]
    [InlineData("openid4vp://?client_id=x&request_uri=relative", "openid4vp.invalid_request")]
    public void CheckLink_BrokenCombination_FailsWithCode(string text, string code)
    {
        var error = OpenId4VpRequestReader.CheckLink(AuthorizationRequestLink.Read(text).GetValueOrThrow());

        Assert.Equal(code, error?.Code.Value);
    }

    [Fact]
    public void ToOAuthError_InvalidRequestUriMethod_MapsToItsOwnProtocolCode()
    {
        Assert.Equal("invalid_request_uri_method", OpenId4VpErrors.ToOAuthError(OpenId4VpErrors.InvalidRequestUriMethod));
        Assert.Equal("invalid_client", OpenId4VpErrors.ToOAuthError(OpenId4VpErrors.InvalidRequestSignature));
        Assert.Equal("invalid_client", OpenId4VpErrors.ToOAuthError(OpenId4VpErrors.ClientKeyUnresolved));
        Assert.Equal("vp_formats_not_supported", OpenId4VpErrors.ToOAuthError(OpenId4VpErrors.VpFormatsNotSupported));
        Assert.Equal("invalid_transaction_data", OpenId4VpErrors.ToOAuthError(OpenId4VpErrors.UnsupportedTransactionData));
        Assert.Equal("invalid_request", OpenId4VpErrors.ToOAuthError(OpenId4VpErrors.UnsupportedClientIdPrefix));
        Assert.Equal("invalid_request", OpenId4VpErrors.ToOAuthError(OpenId4VpErrors.ClientIdMismatch));
    }

    [Theory]
    [InlineData("redirect_uri:https://a.example/cb", "redirect_uri", "https://a.example/cb")]
    [InlineData("decentralized_identifier:did:key:z6Mk", "decentralized_identifier", "did:key:z6Mk")]
    [InlineData("example-client", null, "example-client")]
    [InlineData(":x", null, ":x")]
    public void ClientIdentifier_TryParse_SplitsAtTheFirstColon(string value, string? prefix, string original)
    {
        var id = ClientIdentifier.TryParse(value)!;

        Assert.Equal(prefix, id.Prefix);
        Assert.Equal(original, id.OriginalClientId);
        Assert.Equal(value, id.Value);
    }
}
