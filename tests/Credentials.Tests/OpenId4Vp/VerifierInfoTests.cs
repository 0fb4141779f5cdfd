using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.OpenId4Vp;
using Credentials.Protocols;
using Credentials.SdJwtVc;
using Credentials.Trust;
using Xunit;

namespace Credentials.Tests.OpenId4Vp;

/// <summary><c>verifier_info</c> (OpenID4VP 1.0 section 5.1): carried by the verifier, shape-checked and exposed by the wallet.</summary>
public sealed class VerifierInfoTests : IDisposable
{
    private readonly X509ClientIdTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    private static VerifierInfo Registration(params string[] ids)
    {
        using var data = JsonDocument.Parse("\"eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ2ZXJpZmllciJ9.c2ln\"");
        return new VerifierInfo { Format = "registration_cert", Data = data.RootElement.Clone(), CredentialIds = ids.Length == 0 ? null : ids };
    }

    private Task<VerificationResult<VerifiedAuthorizationRequest>> ReadAsync(string verifierInfoJson)
    {
        var parameters = OpenId4VpTestData.RedirectUriParameters().With("verifier_info", verifierInfoJson);
        return new OpenId4VpRequestReader().ReadAsync(AuthorizationRequestLink.Read(OpenId4VpTestData.Link(parameters)).GetValueOrThrow()).AsTask();
    }

    [Fact]
    public async Task The_verifiers_attestations_reach_the_wallet_app_in_a_signed_request()
    {
        var verifier = new OpenId4VpVerifier(new InMemoryProtocolStateStore(), new SdJwtVcVerifier(new StaticIssuerKeyResolver([])), new OpenId4VpVerifierOptions
        {
            ClientId = _bed.SanDnsClientId,
            ResponseUri = new Uri(OpenId4VpTestData.ResponseUri),
            RequestSigner = _bed.LeafKey,
            RequestCertificateChain = [_bed.Leaf],
            VerifierInfo = [Registration("age")],
            TimeProvider = _bed.Clock,
        });

        var transaction = await verifier.CreateRequestAsync(OpenId4VpTestData.AgeQuery());
        var read = await _bed.Reader().ReadAsync(AuthorizationRequestLink.Read(transaction.ByValueLink).GetValueOrThrow());

        Assert.True(read.IsValid, read.Error?.ToString());
        var info = Assert.Single(read.Value.VerifierInfo);
        Assert.Equal("registration_cert", info.Format);
        Assert.StartsWith("eyJ", info.DataString, StringComparison.Ordinal);
        Assert.Equal(["age"], info.CredentialIds!);
    }

    [Fact]
    public async Task Object_data_and_entries_without_credential_ids_are_read()
    {
        var result = await ReadAsync("""[{"format":"policy","data":{"retention":"P30D"}}]""");

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(JsonValueKind.Object, result.Value.VerifierInfo[0].Data.ValueKind);
        Assert.Null(result.Value.VerifierInfo[0].CredentialIds);
        Assert.Null(result.Value.VerifierInfo[0].DataString);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""[{"data":"x"}]""")]
    [InlineData("""[{"format":"","data":"x"}]""")]
    [InlineData("""[{"format":"f"}]""")]
    [InlineData("""[{"format":"f","data":""}]""")]
    [InlineData("""[{"format":"f","data":7}]""")]
    [InlineData("""[{"format":"f","data":"x","credential_ids":[]}]""")]
    [InlineData("""[{"format":"f","data":"x","credential_ids":["not-a-query"]}]""")]
    [InlineData("""[{"format":"f","data":"x","credential_ids":[1]}]""")]
    public async Task A_malformed_verifier_info_is_an_invalid_request(string json)
    {
        var result = await ReadAsync(json);

        Assert.Equal(OpenId4VpErrors.InvalidRequest, result.Error?.Code);
    }

    [Fact]
    public async Task More_entries_than_the_limit_are_an_invalid_request()
    {
        var json = "[" + string.Join(",", Enumerable.Repeat("""{"format":"f","data":"x"}""", VerifierInfo.MaxEntries + 1)) + "]";

        var result = await ReadAsync(json);

        Assert.Equal(OpenId4VpErrors.InvalidRequest, result.Error?.Code);
    }

    [Fact]
    public async Task Verifier_info_survives_a_request_by_value_without_a_request_object()
    {
        var request = _bed.Request("redirect_uri:" + OpenId4VpTestData.ResponseUri) with { VerifierInfo = [Registration()] };
        var link = AuthorizationRequestLink.Read(OpenId4VpTestData.Link(request.ToParameters())).GetValueOrThrow();

        var read = await new OpenId4VpRequestReader().ReadAsync(link);

        Assert.True(read.IsValid, read.Error?.ToString());
        Assert.Equal("registration_cert", Assert.Single(read.Value.VerifierInfo).Format);
    }
}
