using System;
using System.Threading.Tasks;
using Credentials.OpenId4Vp;
using Xunit;

namespace Credentials.Tests.OpenId4Vp;

/// <summary>The request reader's HAIP 1.0 mode (<see cref="OpenId4VpRequestReaderOptions.RequireHaip"/>).</summary>
public sealed class X509ClientIdHaipTests : IDisposable
{
    private readonly X509ClientIdTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    private OpenId4VpRequestReader Haip => _bed.Reader(o => o with { RequireHaip = true });

    private AuthorizationRequest EncryptedRequest(string clientId)
    {
        using var metadata = System.Text.Json.JsonDocument.Parse(
            """{"jwks":{"keys":[{"kty":"EC","crv":"P-256","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM","use":"enc","alg":"ECDH-ES","kid":"1"}]},"encrypted_response_enc_values_supported":["A128GCM"]}""");
        return _bed.Request(clientId) with { ResponseMode = OpenId4VpConstants.ResponseModeDirectPostJwt, ClientMetadata = metadata.RootElement.Clone() };
    }

    [Fact]
    public async Task A_signed_x509_hash_request_with_an_encrypted_response_passes()
    {
        var result = await Haip.ReadAsync(X509ClientIdTestBed.Link(_bed.HashClientId, _bed.Sign(EncryptedRequest(_bed.HashClientId))));

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.True(result.Value.IsEncrypted);
    }

    [Fact]
    public async Task A_response_mode_without_encryption_breaks_haip()
    {
        var result = await Haip.ReadAsync(X509ClientIdTestBed.Link(_bed.HashClientId, _bed.Sign(_bed.Request(_bed.HashClientId))));

        Assert.Equal(OpenId4VpErrors.HaipViolation, result.Error?.Code);
    }

    [Fact]
    public async Task A_redirect_uri_client_breaks_haip()
    {
        var link = AuthorizationRequestLink.Read(OpenId4VpTestData.Link(OpenId4VpTestData.RedirectUriParameters())).GetValueOrThrow();

        var result = await Haip.ReadAsync(link);

        Assert.Equal(OpenId4VpErrors.HaipViolation, result.Error?.Code);
    }

    [Fact]
    public async Task A_trust_anchor_inside_x5c_breaks_haip_but_not_plain_openid4vp()
    {
        var requestObject = _bed.Sign(EncryptedRequest(_bed.HashClientId), chain: [_bed.Leaf, _bed.Root]);

        var haip = await Haip.ReadAsync(X509ClientIdTestBed.Link(_bed.HashClientId, requestObject));
        var plain = await _bed.Reader().ReadAsync(X509ClientIdTestBed.Link(_bed.HashClientId, requestObject));

        Assert.Equal(OpenId4VpErrors.HaipViolation, haip.Error?.Code);
        Assert.True(plain.IsValid, plain.Error?.ToString());
    }
}
