using System;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.OpenId4Vp;
using Credentials.Protocols;
using Credentials.SdJwtVc;
using Credentials.Trust;
using Xunit;

namespace Credentials.Tests.OpenId4Vp;

/// <summary>The verifier side of <c>x509_san_dns</c> and <c>x509_hash</c>: configuration checks and Request Objects with <c>x5c</c> that a wallet accepts.</summary>
public sealed class X509ClientIdVerifierTests : IDisposable
{
    private static readonly Uri s_response = new(OpenId4VpTestData.ResponseUri);
    private readonly X509ClientIdTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    private OpenId4VpVerifier Create(string clientId, Func<OpenId4VpVerifierOptions, OpenId4VpVerifierOptions>? change = null)
    {
        var options = new OpenId4VpVerifierOptions
        {
            ClientId = clientId,
            ResponseUri = s_response,
            RequestUriBase = new Uri("https://verifier.example.jp/openid4vp/request"),
            RequestSigner = _bed.LeafKey,
            RequestCertificateChain = [_bed.Leaf],
            TimeProvider = _bed.Clock,
        };
        return new OpenId4VpVerifier(new InMemoryProtocolStateStore(), new SdJwtVcVerifier(new StaticIssuerKeyResolver([])), change is null ? options : change(options));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_signed_request_by_value_and_by_reference_is_accepted_by_the_wallet(bool sanDns)
    {
        var clientId = sanDns ? _bed.SanDnsClientId : _bed.HashClientId;
        var verifier = Create(clientId);

        var transaction = await verifier.CreateRequestAsync(OpenId4VpTestData.AgeQuery());
        var byValue = await _bed.Reader().ReadAsync(AuthorizationRequestLink.Read(transaction.ByValueLink).GetValueOrThrow());
        var requestObject = await verifier.GetRequestObjectAsync(transaction.Request.State!);
        var byReference = await _bed.Reader().ReadAsync(AuthorizationRequestLink.Read(transaction.ByReferenceLink!).GetValueOrThrow(), requestObject.Value);

        Assert.True(byValue.IsValid, byValue.Error?.ToString());
        Assert.True(byReference.IsValid, byReference.Error?.ToString());
        Assert.Equal(clientId, byReference.Value.Request.ClientId);
        Assert.Equal(_bed.Leaf.RawData, byReference.Value.ClientCertificate!.RawData);
        var header = Jws.ReadCompact(requestObject.Value).GetValueOrThrow();
        Assert.Equal(OpenId4VpConstants.RequestObjectType, header.Type);
        Assert.Equal(1, header.Header.GetProperty("x5c").GetArrayLength());
    }

    [Fact]
    public void The_configuration_must_fit_the_client_identifier()
    {
        using var other = SigningKey.Create(JwsAlgorithm.Es256);

        Assert.Throws<InvalidOperationException>(() => Create("x509_san_dns:other.example.jp"));
        Assert.Throws<InvalidOperationException>(() => Create(ClientIdentifier.ForX509Hash(_bed.Root).Value));
        Assert.Throws<InvalidOperationException>(() => Create(_bed.SanDnsClientId, o => o with { RequestCertificateChain = [] }));
        Assert.Throws<InvalidOperationException>(() => Create(_bed.SanDnsClientId, o => o with { RequestSigner = null }));
        Assert.Throws<InvalidOperationException>(() => Create(_bed.SanDnsClientId, o => o with { RequestSigner = other }));
    }
}
