using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.OpenId4Vp;
using Xunit;

namespace Credentials.Tests.OpenId4Vp;

/// <summary>The OpenID4VP 1.0 examples in specs/vectors/openid4vp (see its README for sources and changes).</summary>
public sealed class OpenId4VpSpecVectorTests
{
    private static readonly string[] s_listed =
    [
        "README.md", "request_object_direct_post.json", "request_uri_response_payload.json", "request_object_client_id_did.json",
        "request_header_client_id_did.json", "client_metadata_sd_jwt_vc.json", "kb_jwt_unsecured.json", "vp_token_single.json",
        "response_direct_post.form", "error_response_direct_post.form", "response_endpoint_redirect.json",
        "authorization_request_redirect_uri.url", "authorization_request_by_reference.url",
    ];

    private static JsonElement Json(string name) => JsonDocument.Parse(File.ReadAllText(OpenId4VpTestData.Vector(name))).RootElement;

    private static System.Collections.Immutable.ImmutableArray<KeyValuePair<string, string>> Form(string name)
        => AuthorizationRequestLink.Read("?" + File.ReadAllText(OpenId4VpTestData.Vector(name))).GetValueOrThrow().Parameters;

    [Fact]
    public void Folder_HoldsExactlyTheListedVectors()
    {
        var files = Directory.GetFiles(OpenId4VpTestData.VectorsFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(s_listed.Order(StringComparer.Ordinal), files);
    }

    [Fact]
    public void RequestObjectDirectPost_Section82_ReadsAsRedirectUriRequest()
    {
        var request = AuthorizationRequest.FromRequestObjectPayload(Json("request_object_direct_post.json"));

        Assert.True(request.IsValid, request.Error?.ToString());
        Assert.Equal("redirect_uri", request.Value.ClientIdentifier.Prefix);
        Assert.Equal(request.Value.ClientIdentifier.OriginalClientId, request.Value.ResponseUri);
        Assert.Equal("eyJhb...6-sVA", request.Value.State);
        Assert.Equal("my_credential", request.Value.DcqlQuery.Credentials.Single().Id);
    }

    [Fact]
    public void RequestUriResponsePayload_Section5101_KeepsWalletNonce()
    {
        var request = AuthorizationRequest.FromRequestObjectPayload(Json("request_uri_response_payload.json")).GetValueOrThrow();

        Assert.Equal("qPmxiNFCR3QTm19POc8u", request.WalletNonce);
        Assert.Equal("x509_san_dns", request.ClientIdentifier.Prefix);
    }

    [Fact]
    public void RequestObjectClientIdDid_Section593_RefusedForItsRedirectMode()
    {
        var request = AuthorizationRequest.FromRequestObjectPayload(Json("request_object_client_id_did.json"));

        Assert.Equal(OpenId4VpErrors.UnsupportedResponseMode, request.Error?.Code);
    }

    [Fact]
    public void RequestHeaderClientIdDid_Section593_TypAndKidAsTheReaderRequires()
    {
        var header = Json("request_header_client_id_did.json");
        var body = Json("request_object_client_id_did.json");

        Assert.Equal(OpenId4VpConstants.RequestObjectType, header.GetProperty("typ").GetString());
        var did = ClientIdentifier.TryParse(body.GetProperty("client_id").GetString())!.OriginalClientId;
        Assert.StartsWith(did + "#", header.GetProperty("kid").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientMetadata_AppendixB34_PassesTheFormatCheck()
    {
        var metadata = File.ReadAllText(OpenId4VpTestData.Vector("client_metadata_sd_jwt_vc.json"));
        var link = AuthorizationRequestLink.Read(OpenId4VpTestData.Link(OpenId4VpTestData.RedirectUriParameters().With("client_metadata", metadata))).GetValueOrThrow();

        var result = await new OpenId4VpRequestReader().ReadAsync(link);

        Assert.True(result.IsValid, result.Error?.ToString());
    }

    [Fact]
    public void KbJwtUnsecured_AppendixB36_AudIsTheFullClientIdentifier()
    {
        var kb = Json("kb_jwt_unsecured.json");

        var aud = ClientIdentifier.TryParse(kb.GetProperty("aud").GetString())!;
        Assert.Equal("x509_san_dns", aud.Prefix);
        Assert.True(AuthorizationRequest.IsUrlSafe(kb.GetProperty("nonce").GetString()));
    }

    [Fact]
    public void VpTokenSingle_Section811_ParsesAsQueryIdToPresentations()
    {
        var token = AuthorizationResponse.ReadVpToken(File.ReadAllText(OpenId4VpTestData.Vector("vp_token_single.json")));

        Assert.True(token.IsValid, token.Error?.ToString());
        Assert.Equal(["eyJhbGci...QMA"], token.Value["my_credential"].ToArray());
    }

    [Fact]
    public void ResponseForm_Section82_ReadsVpTokenAndState()
    {
        var response = AuthorizationResponse.FromForm(Form("response_direct_post.form")).GetValueOrThrow();

        Assert.False(response.IsError);
        Assert.Equal("eyJhb...6-sVA", response.State);
        Assert.Equal(["eyJhbGci...QMA"], response.VpToken!["my_credential"].ToArray());
    }

    [Fact]
    public void ErrorResponseForm_Section82_ReadsErrorDescriptionAndState()
    {
        var response = AuthorizationResponse.FromForm(Form("error_response_direct_post.form")).GetValueOrThrow();

        Assert.True(response.IsError);
        Assert.Equal("invalid_request", response.Error);
        Assert.Equal("unsupported client_id_prefix", response.ErrorDescription);
        Assert.Equal("eyJhb...6-sVA", response.State);
    }

    [Fact]
    public void ResponseEndpointRedirect_Section82_CarriesResponseCodeInFragment()
    {
        var redirect = new Uri(Json("response_endpoint_redirect.json").GetProperty("redirect_uri").GetString()!);

        Assert.StartsWith("#response_code=", redirect.Fragment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedirectUriExample_Section593_ParsesButIsRefusedForRedirectUri()
    {
        var link = AuthorizationRequestLink.Read(File.ReadAllText(OpenId4VpTestData.Vector("authorization_request_redirect_uri.url"))).GetValueOrThrow();

        var result = await new OpenId4VpRequestReader().ReadAsync(link);

        Assert.Equal("redirect_uri:https://client.example.org/cb", link.ClientId);
        Assert.Equal(OpenId4VpErrors.UnsupportedResponseMode, result.Error?.Code);
    }

    [Fact]
    public void ByReferenceExample_Section82_IsByReferenceWithAPreRegisteredClientId()
    {
        var link = AuthorizationRequestLink.Read(File.ReadAllText(OpenId4VpTestData.Vector("authorization_request_by_reference.url"))).GetValueOrThrow();

        Assert.True(link.IsByReference);
        Assert.Equal("https://client.example.org/567545564", link.RequestUri);
        Assert.Null(OpenId4VpRequestReader.CheckLink(link));
        Assert.Equal("https", ClientIdentifier.TryParse(link.ClientId)!.Prefix);
    }
}
