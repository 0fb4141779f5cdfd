using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.OpenId4Vp;
using Credentials.Protocols;
using Credentials.SdJwtVc;
using Credentials.Trust;
using Xunit;

namespace Credentials.Tests.OpenId4Vp;

/// <summary>
/// <c>request_uri_method=post</c> (OpenID4VP 1.0 section 5.10): the verifier echoes the <c>wallet_nonce</c> and tailors
/// the Request Object to the <c>wallet_metadata</c>; the wallet checks the nonce.
/// </summary>
public sealed class RequestUriPostTests : IDisposable
{
    private readonly X509ClientIdTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    private OpenId4VpVerifier Create(string responseMode = OpenId4VpConstants.ResponseModeDirectPost) => new(
        new InMemoryProtocolStateStore(),
        new SdJwtVcVerifier(new StaticIssuerKeyResolver([])),
        new OpenId4VpVerifierOptions
        {
            ClientId = _bed.SanDnsClientId,
            ResponseUri = new Uri(OpenId4VpTestData.ResponseUri),
            RequestUriBase = new Uri("https://verifier.example.jp/openid4vp/request"),
            RequestUriMethod = OpenId4VpConstants.RequestUriMethodPost,
            RequestSigner = _bed.LeafKey,
            RequestCertificateChain = [_bed.Leaf],
            ResponseMode = responseMode,
            TimeProvider = _bed.Clock,
        });

    private static JsonElement Payload(string jws) => Jws.ReadCompact(jws).GetValueOrThrow().ParsePayload().GetValueOrThrow();

    [Fact]
    public async Task The_wallet_nonce_is_echoed_and_checked_by_the_wallet()
    {
        var verifier = Create();
        var transaction = await verifier.CreateRequestAsync(OpenId4VpTestData.AgeQuery());
        var link = AuthorizationRequestLink.Read(transaction.ByReferenceLink!).GetValueOrThrow();
        var reader = _bed.Reader();

        var jws = await verifier.GetRequestObjectForPostAsync(transaction.Request.State!, "wn-1", reader.CreateWalletMetadata());
        var accepted = await reader.ReadAsync(link, jws.Value, walletNonce: "wn-1");
        var mismatch = await reader.ReadAsync(link, jws.Value, walletNonce: "wn-2");

        Assert.Equal("post", link.RequestUriMethod);
        Assert.True(accepted.IsValid, accepted.Error?.ToString());
        Assert.Equal(OpenId4VpErrors.WalletNonceMismatch, mismatch.Error?.Code);
    }

    [Fact]
    public async Task A_request_object_without_the_wallet_nonce_is_refused()
    {
        var verifier = Create();
        var transaction = await verifier.CreateRequestAsync(OpenId4VpTestData.AgeQuery());
        var link = AuthorizationRequestLink.Read(transaction.ByReferenceLink!).GetValueOrThrow();

        var jws = await verifier.GetRequestObjectAsync(transaction.Request.State!);
        var result = await _bed.Reader().ReadAsync(link, jws.Value, walletNonce: "wn-1");

        Assert.Equal(OpenId4VpErrors.WalletNonceMismatch, result.Error?.Code);
    }

    [Fact]
    public async Task The_request_is_tailored_to_the_wallets_formats_and_encryption()
    {
        var verifier = Create(OpenId4VpConstants.ResponseModeDirectPostJwt);
        var transaction = await verifier.CreateRequestAsync(OpenId4VpTestData.AgeQuery());
        const string metadata = """{"vp_formats_supported":{"dc+sd-jwt":{},"mso_mdoc":{}},"client_id_prefixes_supported":["x509_san_dns"],"request_object_signing_alg_values_supported":["ES256"],"authorization_encryption_alg_values_supported":["ECDH-ES"],"authorization_encryption_enc_values_supported":["A256GCM"],"unknown":1}""";

        var jws = await verifier.GetRequestObjectForPostAsync(transaction.Request.State!, "wn-1", metadata);

        Assert.True(jws.IsValid, jws.Error?.ToString());
        var clientMetadata = Payload(jws.Value).GetProperty("client_metadata");
        Assert.Equal(["A256GCM"], clientMetadata.GetProperty("encrypted_response_enc_values_supported").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(["dc+sd-jwt"], clientMetadata.GetProperty("vp_formats_supported").EnumerateObject().Select(p => p.Name));
        Assert.Equal("wn-1", Payload(jws.Value).GetProperty("wallet_nonce").GetString());
    }

    [Theory]
    [InlineData("""{"vp_formats_supported":{"dc+sd-jwt":{}},"client_id_prefixes_supported":["x509_hash"]}""")]
    [InlineData("""{"vp_formats_supported":{"dc+sd-jwt":{}},"client_id_prefixes_supported":["x509_san_dns"],"request_object_signing_alg_values_supported":["EdDSA"]}""")]
    [InlineData("""{"vp_formats_supported":{"mso_mdoc":{}},"client_id_prefixes_supported":["x509_san_dns"]}""")]
    [InlineData("""{"vp_formats_supported":{"dc+sd-jwt":{}}}""")]
    public async Task A_wallet_that_cannot_handle_the_request_is_told_so(string metadata)
    {
        var verifier = Create();
        var transaction = await verifier.CreateRequestAsync(OpenId4VpTestData.AgeQuery());

        var result = await verifier.GetRequestObjectForPostAsync(transaction.Request.State!, "wn-1", metadata);

        Assert.Equal(OpenId4VpErrors.WalletUnsupported, result.Error?.Code);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("not json")]
    [InlineData("""{"client_id_prefixes_supported":"x509_san_dns"}""")]
    [InlineData("""{"vp_formats_supported":[]}""")]
    public async Task Malformed_wallet_metadata_is_refused(string metadata)
    {
        var verifier = Create();
        var transaction = await verifier.CreateRequestAsync(OpenId4VpTestData.AgeQuery());

        var result = await verifier.GetRequestObjectForPostAsync(transaction.Request.State!, "wn-1", metadata);
        var tooLong = await verifier.GetRequestObjectForPostAsync(transaction.Request.State!, "wn-1", "{\"x\":\"" + new string('a', OpenId4VpVerifier.MaxWalletMetadataLength) + "\"}");

        Assert.Equal(OpenId4VpErrors.InvalidWalletMetadata, result.Error?.Code);
        Assert.Equal(OpenId4VpErrors.InvalidWalletMetadata, tooLong.Error?.Code);
    }

    [Fact]
    public void The_wallets_metadata_lists_what_its_reader_accepts()
    {
        using var metadata = JsonDocument.Parse(_bed.Reader(o => o with { RequireHaip = true }).CreateWalletMetadata());
        var root = metadata.RootElement;

        Assert.True(root.GetProperty("vp_formats_supported").TryGetProperty("dc+sd-jwt", out _));
        Assert.Contains("x509_hash", root.GetProperty("client_id_prefixes_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("ES256", root.GetProperty("request_object_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["direct_post.jwt"], root.GetProperty("response_modes_supported").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(["ECDH-ES"], root.GetProperty("authorization_encryption_alg_values_supported").EnumerateArray().Select(e => e.GetString()!));
    }
}
