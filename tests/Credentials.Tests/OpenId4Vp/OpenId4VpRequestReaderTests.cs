using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.OpenId4Vp;
using Xunit;

namespace Credentials.Tests.OpenId4Vp;

public sealed class OpenId4VpRequestReaderTests : IDisposable
{
    private readonly DidVerifierKey _verifier = new();
    private readonly OpenId4VpRequestReader _reader = new();

    public void Dispose() => _verifier.Dispose();

    private static AuthorizationRequestLink Parse(string link) => AuthorizationRequestLink.Read(link).GetValueOrThrow();

    private string SignedByValue(string jwt, string? clientId = null)
        => OpenId4VpTestData.Link([new("client_id", clientId ?? _verifier.ClientId), new("request", jwt)]);

    [Fact]
    public async Task ReadAsync_RedirectUriByValue_AcceptedUnsigned()
    {
        var result = await _reader.ReadAsync(Parse(OpenId4VpTestData.Link(OpenId4VpTestData.RedirectUriParameters())));

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.False(result.Value.IsSigned);
        Assert.Null(result.Value.ClientKey);
    }

    [Fact]
    public async Task ReadAsync_EmptyNonce_RefusedAtReadTimeByValueAndInSignedObject()
    {
        var byValue = await _reader.ReadAsync(Parse(OpenId4VpTestData.Link(OpenId4VpTestData.RedirectUriParameters().With("nonce", ""))));
        var signed = await _reader.ReadAsync(Parse(SignedByValue(_verifier.Sign(_verifier.Request() with { Nonce = "" }))));

        Assert.Equal(OpenId4VpErrors.InvalidRequest, byValue.Error?.Code);
        Assert.Equal(OpenId4VpErrors.InvalidRequest, signed.Error?.Code);
    }

    [Fact]
    public async Task ReadAsync_RedirectUriNotEqualToResponseUri_FailsAsInvalidClientId()
    {
        var parameters = OpenId4VpTestData.RedirectUriParameters().With("client_id", "redirect_uri:https://attacker.example/cb");

        var result = await _reader.ReadAsync(Parse(OpenId4VpTestData.Link(parameters)));

        Assert.Equal(OpenId4VpErrors.InvalidClientId, result.Error?.Code);
    }

    [Theory]
    [InlineData("origin:https://verifier.example.jp")]
    [InlineData("verifier_attestation:verifier.example.jp")]
    [InlineData("pre-registered-client")]
    public async Task ReadAsync_UnsupportedPrefix_FailsAsUnsupportedClientIdPrefix(string clientId)
    {
        var result = await _reader.ReadAsync(Parse(OpenId4VpTestData.Link(OpenId4VpTestData.RedirectUriParameters().With("client_id", clientId))));

        Assert.Equal(OpenId4VpErrors.UnsupportedClientIdPrefix, result.Error?.Code);
        Assert.Equal("invalid_request", OpenId4VpErrors.ToOAuthError(result.Error!.Code));
    }

    [Fact]
    public async Task ReadAsync_HttpResponseUri_RefusedUnlessAllowed()
    {
        var http = "http://127.0.0.1:8080/response";
        var parameters = OpenId4VpTestData.RedirectUriParameters().With("client_id", "redirect_uri:" + http).With("response_uri", http);

        var refused = await _reader.ReadAsync(Parse(OpenId4VpTestData.Link(parameters)));
        var allowed = await new OpenId4VpRequestReader(new OpenId4VpRequestReaderOptions { AllowHttpResponseUri = true }).ReadAsync(Parse(OpenId4VpTestData.Link(parameters)));

        Assert.Equal(OpenId4VpErrors.InsecureResponseUri, refused.Error?.Code);
        Assert.True(allowed.IsValid, allowed.Error?.ToString());
    }

    [Theory]
    [InlineData("{\"vp_formats_supported\":{\"mso_mdoc\":{}}}")]
    [InlineData("{\"vp_formats_supported\":{\"jwt_vc_json\":{\"alg_values\":[\"ES256\"]}}}")]
    public async Task ReadAsync_VerifierSupportsNoWalletFormat_FailsAsVpFormatsNotSupported(string metadata)
    {
        var result = await _reader.ReadAsync(Parse(OpenId4VpTestData.Link(OpenId4VpTestData.RedirectUriParameters().With("client_metadata", metadata))));

        Assert.Equal(OpenId4VpErrors.VpFormatsNotSupported, result.Error?.Code);
        Assert.Equal("vp_formats_not_supported", OpenId4VpErrors.ToOAuthError(result.Error!.Code));
    }

    [Fact]
    public async Task ReadAsync_QueryForMdocOnly_FailsAsVpFormatsNotSupported()
    {
        const string Mdoc = """{"credentials":[{"id":"mdl","format":"mso_mdoc","meta":{"doctype_value":"org.iso.18013.5.1.mDL"},"claims":[{"path":["org.iso.18013.5.1","age_over_20"]}]}]}""";

        var result = await _reader.ReadAsync(Parse(OpenId4VpTestData.Link(OpenId4VpTestData.RedirectUriParameters().With("dcql_query", Mdoc))));

        Assert.Equal(OpenId4VpErrors.VpFormatsNotSupported, result.Error?.Code);
    }

    [Fact]
    public async Task ReadAsync_SignedDidRequestByValue_VerifiedWithTheDidKey()
    {
        var jwt = _verifier.Sign(_verifier.Request());

        var result = await _reader.ReadAsync(Parse(SignedByValue(jwt)));

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.True(result.Value.IsSigned);
        Assert.Equal(_verifier.KeyId, result.Value.ClientKeyId);
        Assert.Equal(_verifier.Key.PublicJwk.ComputeThumbprint(), result.Value.ClientKey!.ComputeThumbprint());
        Assert.Equal("n-0S6_WzA2Mj", result.Value.Request.Nonce);
    }

    [Fact]
    public async Task ReadAsync_SignedDidRequestByReference_UsesOnlyTheFetchedObject()
    {
        var jwt = _verifier.Sign(_verifier.Request());
        var link = Parse(OpenId4VpTestData.Link([new("client_id", _verifier.ClientId), new("request_uri", "https://verifier.example.jp/request/1"), new("nonce", "ignored")]));

        var result = await _reader.ReadAsync(link, jwt);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal("n-0S6_WzA2Mj", result.Value.Request.Nonce);
    }

    [Fact]
    public async Task ReadAsync_ByReferenceWithoutFetchedObject_ThrowsProgrammerError()
    {
        var link = Parse(OpenId4VpTestData.Link([new("client_id", _verifier.ClientId), new("request_uri", "https://verifier.example.jp/request/1")]));

        await Assert.ThrowsAsync<ArgumentException>(async () => await _reader.ReadAsync(link));
    }

    [Fact]
    public async Task ReadAsync_TamperedSignature_FailsAsInvalidRequestSignature()
    {
        var jwt = _verifier.Sign(_verifier.Request());
        var i = jwt.Length - 5;
        var tampered = jwt[..i] + (jwt[i] == 'A' ? 'B' : 'A') + jwt[(i + 1)..];

        var result = await _reader.ReadAsync(Parse(SignedByValue(tampered)));

        Assert.Equal(OpenId4VpErrors.InvalidRequestSignature, result.Error?.Code);
        Assert.Equal(VerificationFailureKind.InvalidSignature, result.Error!.Kind);
        Assert.Equal("invalid_client", OpenId4VpErrors.ToOAuthError(result.Error.Code));
    }

    [Fact]
    public async Task ReadAsync_SignedByAnotherKeyUnderTheDidKid_FailsAsInvalidRequestSignature()
    {
        using var attacker = SigningKey.Create(JwsAlgorithm.Es256);
        var jwt = _verifier.Sign(_verifier.Request().ToRequestObjectPayload(DateTimeOffset.UtcNow, null), with: attacker);

        var result = await _reader.ReadAsync(Parse(SignedByValue(jwt)));

        Assert.Equal(OpenId4VpErrors.InvalidRequestSignature, result.Error?.Code);
    }

    [Fact]
    public async Task ReadAsync_KidOfAnotherDid_FailsAsClientKeyUnresolved()
    {
        using var other = new DidVerifierKey();
        var jwt = _verifier.Sign(_verifier.Request().ToRequestObjectPayload(DateTimeOffset.UtcNow, null), kid: other.KeyId, with: other.Key);

        var result = await _reader.ReadAsync(Parse(SignedByValue(jwt)));

        Assert.Equal(OpenId4VpErrors.ClientKeyUnresolved, result.Error?.Code);
    }

    [Fact]
    public async Task ReadAsync_KidNotInTheDocument_FailsAsClientKeyUnresolvedWithDidCode()
    {
        var jwt = _verifier.Sign(_verifier.Request().ToRequestObjectPayload(DateTimeOffset.UtcNow, null), kid: _verifier.Did.Value + "#nope");

        var result = await _reader.ReadAsync(Parse(SignedByValue(jwt)));

        Assert.Equal(OpenId4VpErrors.ClientKeyUnresolved, result.Error?.Code);
        Assert.NotNull(result.Error!.Inner);
        Assert.True(result.Error.Inner!.Code.IsInFamily("did"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("JWT")]
    [InlineData("oauth-authz-req+JWT")]
    public async Task ReadAsync_WrongTyp_FailsAsInvalidRequestObject(string? type)
    {
        var jwt = _verifier.Sign(_verifier.Request().ToRequestObjectPayload(DateTimeOffset.UtcNow, null), type: type);

        var result = await _reader.ReadAsync(Parse(SignedByValue(jwt)));

        Assert.Equal(OpenId4VpErrors.InvalidRequestObject, result.Error?.Code);
    }

    [Fact]
    public async Task ReadAsync_NotAJws_FailsAsInvalidRequestObjectWithJoseCode()
    {
        var result = await _reader.ReadAsync(Parse(SignedByValue("not-a-jws")));

        Assert.Equal(OpenId4VpErrors.InvalidRequestObject, result.Error?.Code);
        Assert.Equal(JoseErrors.Malformed, result.Error!.Inner?.Code);
    }

    [Fact]
    public async Task ReadAsync_Expired_FailsAsRequestObjectExpired()
    {
        var jwt = _verifier.Sign(_verifier.Request(), expires: DateTimeOffset.UtcNow.AddMinutes(-5));

        var result = await _reader.ReadAsync(Parse(SignedByValue(jwt)));

        Assert.Equal(OpenId4VpErrors.RequestObjectExpired, result.Error?.Code);
        Assert.Equal(VerificationFailureKind.Expired, result.Error!.Kind);
    }

    [Fact]
    public async Task ReadAsync_OuterClientIdDiffers_FailsAsClientIdMismatch()
    {
        var jwt = _verifier.Sign(_verifier.Request());

        var result = await _reader.ReadAsync(Parse(SignedByValue(jwt, clientId: "decentralized_identifier:did:key:zOther")));

        Assert.Equal(OpenId4VpErrors.ClientIdMismatch, result.Error?.Code);
    }

    [Fact]
    public async Task ReadAsync_DidClientUnsigned_FailsAsUnsignedRequest()
    {
        var parameters = _verifier.Request().ToParameters();

        var result = await _reader.ReadAsync(Parse(OpenId4VpTestData.Link(parameters)));

        Assert.Equal(OpenId4VpErrors.UnsignedRequest, result.Error?.Code);
    }

    [Fact]
    public async Task ReadAsync_RedirectUriClientInSignedObject_FailsAsInvalidClientId()
    {
        var request = _verifier.Request() with { ClientId = "redirect_uri:" + OpenId4VpTestData.ResponseUri };
        var jwt = _verifier.Sign(request);

        var result = await _reader.ReadAsync(Parse(SignedByValue(jwt, clientId: request.ClientId)));

        Assert.Equal(OpenId4VpErrors.InvalidClientId, result.Error?.Code);
    }

    [Fact]
    public async Task ReadAsync_WalletNonceMissingFromObject_FailsAsWalletNonceMismatch()
    {
        var link = Parse(OpenId4VpTestData.Link([new("client_id", _verifier.ClientId), new("request_uri", "https://verifier.example.jp/request/1"), new("request_uri_method", "post")]));

        var missing = await _reader.ReadAsync(link, _verifier.Sign(_verifier.Request()), walletNonce: "w-1");
        var echoed = await _reader.ReadAsync(link, _verifier.Sign(_verifier.Request(walletNonce: "w-1")), walletNonce: "w-1");

        Assert.Equal(OpenId4VpErrors.WalletNonceMismatch, missing.Error?.Code);
        Assert.True(echoed.IsValid, echoed.Error?.ToString());
    }

    [Fact]
    public async Task ReadAsync_AlgorithmNotAllowed_FailsAsInvalidRequestSignature()
    {
        using var ed = new DidVerifierKey(JwsAlgorithm.EdDsa);
        var jwt = ed.Sign(ed.Request());
        var reader = new OpenId4VpRequestReader(new OpenId4VpRequestReaderOptions { AllowedAlgorithms = [JwsAlgorithm.Es256] });

        var result = await reader.ReadAsync(Parse(OpenId4VpTestData.Link([new("client_id", ed.ClientId), new("request", jwt)])));

        Assert.Equal(OpenId4VpErrors.InvalidRequestSignature, result.Error?.Code);
        Assert.Equal(JoseErrors.AlgorithmNotAllowed, result.Error!.Inner?.Code);
    }
}
