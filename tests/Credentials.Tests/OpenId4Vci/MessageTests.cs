using System.Text;
using Credentials.OpenId4Vci;
using Xunit;

namespace Credentials.Tests.OpenId4Vci;

public sealed class MessageTests
{
    [Fact]
    public void CredentialResponse_SpecSdJwtExample_ReadsOneCredential()
    {
        var response = CredentialResponse.Read(Vectors.ReadBytes("credential_response_sd_jwt_vc.json"));

        Assert.True(response.IsValid, response.Error?.ToString());
        var credential = Assert.Single(response.Value.Credentials!);
        Assert.True(global::Credentials.SdJwt.SdJwtToken.Read(credential).IsValid);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"credentials\":[]}")]
    [InlineData("{\"credentials\":[{\"credential\":{}}]}")]
    [InlineData("{\"credentials\":[{\"credential\":\"a\"}],\"transaction_id\":\"t\"}")]
    public void CredentialResponse_Invalid_FailsWithInvalidResponse(string json)
    {
        Assert.Equal(OpenId4VciErrors.InvalidResponse, CredentialResponse.Read(Encoding.UTF8.GetBytes(json)).Error?.Code);
    }

    [Fact]
    public void CredentialRequest_ToJsonParse_RoundTrips()
    {
        var request = new CredentialRequest { CredentialConfigurationId = "ipa", JwtProofs = ["a.b.c", "d.e.f"] };

        var parsed = CredentialRequest.Read(Encoding.UTF8.GetBytes(request.ToJson()));

        Assert.True(parsed.IsValid, parsed.Error?.ToString());
        Assert.Equal("ipa", parsed.Value.CredentialConfigurationId);
        Assert.Equal(["a.b.c", "d.e.f"], parsed.Value.JwtProofs);
    }

    [Theory]
    [InlineData("[]", "openid4vci.invalid_credential_request")]
    [InlineData("{}", "openid4vci.invalid_credential_request")]
    [InlineData("{\"credential_configuration_id\":\"a\",\"credential_identifier\":\"b\"}", "openid4vci.invalid_credential_request")]
    [InlineData("{\"credential_configuration_id\":1}", "openid4vci.invalid_credential_request")]
    [InlineData("{\"credential_configuration_id\":\"a\",\"credential_configuration_id\":\"b\"}", "openid4vci.invalid_credential_request")]
    [InlineData("{\"credential_configuration_id\":\"a\",\"proofs\":[]}", "openid4vci.invalid_proof")]
    [InlineData("{\"credential_configuration_id\":\"a\",\"proofs\":{}}", "openid4vci.invalid_proof")]
    [InlineData("{\"credential_configuration_id\":\"a\",\"proofs\":{\"jwt\":[]}}", "openid4vci.invalid_proof")]
    [InlineData("{\"credential_configuration_id\":\"a\",\"proofs\":{\"jwt\":[\"x\"],\"di_vp\":[{}]}}", "openid4vci.invalid_proof")]
    [InlineData("{\"credential_configuration_id\":\"a\",\"proofs\":{\"di_vp\":[{}]}}", "openid4vci.invalid_proof")]
    [InlineData("{\"credential_configuration_id\":\"a\",\"proofs\":{\"jwt\":[1]}}", "openid4vci.invalid_proof")]
    [InlineData("{\"credential_configuration_id\":\"a\",\"credential_response_encryption\":{}}", "openid4vci.invalid_encryption_parameters")]
    public void CredentialRequest_Invalid_FailsWithProtocolCode(string json, string code)
    {
        Assert.Equal(code, CredentialRequest.Read(Encoding.UTF8.GetBytes(json)).Error?.Code.Value);
    }

    [Fact]
    public void CredentialRequest_UnknownMembers_AreIgnored()
    {
        var parsed = CredentialRequest.Read(Encoding.UTF8.GetBytes("{\"credential_configuration_id\":\"a\",\"future\":{\"x\":1}}"));

        Assert.True(parsed.IsValid, parsed.Error?.ToString());
        Assert.Null(parsed.Value.JwtProofs);
    }

    [Fact]
    public void TokenResponse_WithoutAccessToken_FailsWithInvalidResponse()
    {
        Assert.Equal(OpenId4VciErrors.InvalidResponse, TokenResponse.Read(Encoding.UTF8.GetBytes("{\"token_type\":\"Bearer\"}")).Error?.Code);
    }

    [Fact]
    public void ProtocolErrorResponse_From_WritesWireCodeAndSanitizedAsciiDescription()
    {
        var json = ProtocolErrorResponse.From(OpenId4VciErrors.InvalidNonce, "nonce \"stale\" – ナンス").ToJson();

        var parsed = ProtocolErrorResponse.TryParse(Encoding.UTF8.GetBytes(json));

        Assert.Equal("invalid_nonce", parsed!.Error);
        Assert.Equal(OpenId4VciErrors.InvalidNonce, parsed.Code);
        Assert.Equal("nonce ?stale? ? ???", parsed.ErrorDescription);
    }

    [Fact]
    public void ProtocolErrorResponse_FromWalletSideCode_Throws()
    {
        Assert.Throws<System.ArgumentException>(() => ProtocolErrorResponse.From(OpenId4VciErrors.InvalidOffer));
    }

    [Theory]
    [InlineData("invalid_request")]
    [InlineData("invalid_grant")]
    [InlineData("invalid_client")]
    [InlineData("unsupported_grant_type")]
    [InlineData("invalid_token")]
    [InlineData("insufficient_scope")]
    [InlineData("invalid_credential_request")]
    [InlineData("unknown_credential_configuration")]
    [InlineData("unknown_credential_identifier")]
    [InlineData("invalid_proof")]
    [InlineData("invalid_nonce")]
    [InlineData("credential_request_denied")]
    [InlineData("invalid_encryption_parameters")]
    [InlineData("server_error")]
    public void FromProtocolError_EveryDefinedError_RoundTrips(string error)
    {
        var code = OpenId4VciErrors.FromProtocolError(error);

        Assert.NotNull(code);
        Assert.Equal(error, OpenId4VciErrors.ToProtocolError(code.Value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("invalid_offer")]
    [InlineData("slow_down")]
    public void FromProtocolError_UnknownOrWalletSide_ReturnsNull(string? error)
    {
        Assert.Null(OpenId4VciErrors.FromProtocolError(error));
    }
}
