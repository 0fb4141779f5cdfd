using System;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.OpenId4Vp;
using Credentials.Protocols;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Trust;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Tests.OpenId4Vp;

public sealed class OpenId4VpVerifierOptionsTests
{
    private static readonly Uri s_response = new(OpenId4VpTestData.ResponseUri);

    private static OpenId4VpVerifier Create(OpenId4VpVerifierOptions options)
        => new(new InMemoryProtocolStateStore(), new SdJwtVcVerifier(new StaticIssuerKeyResolver([])), options);

    [Fact]
    public void Constructor_RedirectUriNotTheResponseUri_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => Create(new OpenId4VpVerifierOptions { ClientId = "redirect_uri:https://other.example/cb", ResponseUri = s_response }));
    }

    [Fact]
    public void Constructor_RedirectUriWithSigner_Throws()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);

        Assert.Throws<InvalidOperationException>(() => Create(new OpenId4VpVerifierOptions { ClientId = "redirect_uri:" + s_response.AbsoluteUri, ResponseUri = s_response, RequestSigner = key }));
    }

    [Fact]
    public void Constructor_DidWithoutSigner_Throws()
    {
        using var did = new DidVerifierKey();

        Assert.Throws<InvalidOperationException>(() => Create(new OpenId4VpVerifierOptions { ClientId = did.ClientId, ResponseUri = s_response }));
    }

    [Theory]
    [InlineData("x509_san_dns:verifier.example.jp")]
    [InlineData("pre-registered")]
    public void Constructor_UnsupportedPrefix_Throws(string clientId)
    {
        Assert.Throws<InvalidOperationException>(() => Create(new OpenId4VpVerifierOptions { ClientId = clientId, ResponseUri = s_response }));
    }

    [Fact]
    public void Constructor_InvalidRequestUriMethod_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => Create(new OpenId4VpVerifierOptions { ClientId = "redirect_uri:" + s_response.AbsoluteUri, ResponseUri = s_response, RequestUriMethod = "PUT" }));
    }

    [Fact]
    public async System.Threading.Tasks.Task CreateRequestAsync_RedirectUriClient_ByValueLinkReadsBackWithoutRequestUri()
    {
        var verifier = Create(new OpenId4VpVerifierOptions { ClientId = "redirect_uri:" + s_response.AbsoluteUri, ResponseUri = s_response });

        var transaction = await verifier.CreateRequestAsync(OpenId4VpTestData.AgeQuery());
        var read = await new OpenId4VpRequestReader().ReadAsync(AuthorizationRequestLink.Read(transaction.ByValueLink).GetValueOrThrow());

        Assert.Null(transaction.ByReferenceLink);
        Assert.True(read.IsValid, read.Error?.ToString());
        Assert.Equal(transaction.Request.Nonce, read.Value.Request.Nonce);
        Assert.Equal(transaction.Request.State, read.Value.Request.State);
        Assert.True(read.Value.Request.ClientMetadata!.Value.GetProperty("vp_formats_supported").TryGetProperty("dc+sd-jwt", out _));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await verifier.GetRequestObjectAsync(transaction.Request.State!));
    }

    [Fact]
    public async System.Threading.Tasks.Task CreateRequestAsync_TwoRequests_FreshNonceAndStateEachTime()
    {
        var verifier = Create(new OpenId4VpVerifierOptions { ClientId = "redirect_uri:" + s_response.AbsoluteUri, ResponseUri = s_response });

        var a = await verifier.CreateRequestAsync(OpenId4VpTestData.AgeQuery());
        var b = await verifier.CreateRequestAsync(OpenId4VpTestData.AgeQuery());

        Assert.NotEqual(a.Request.Nonce, b.Request.Nonce);
        Assert.NotEqual(a.Request.State, b.Request.State);
        Assert.NotEqual(a.TransactionId, b.TransactionId);
    }

    [Fact]
    public async System.Threading.Tasks.Task ReceiveResponseAsync_AfterRequestExpired_RefusedAsUnknownState()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-23T03:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var verifier = Create(new OpenId4VpVerifierOptions { ClientId = "redirect_uri:" + s_response.AbsoluteUri, ResponseUri = s_response, TimeProvider = clock });
        var transaction = await verifier.CreateRequestAsync(OpenId4VpTestData.AgeQuery());
        clock.Advance(TimeSpan.FromMinutes(5));

        var response = await verifier.ReceiveResponseAsync([new("error", "access_denied"), new("state", transaction.Request.State!)]);

        Assert.Equal(OpenId4VpErrors.UnknownState, response.Code);
        Assert.Equal(OpenId4VpTransactionStatus.Pending, (await verifier.GetResultAsync(transaction.TransactionId)).GetValueOrThrow().Status);
    }
}
