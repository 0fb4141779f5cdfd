using System;
using System.Linq;
using System.Threading.Tasks;
using Credentials.OpenId4Vci;
using Xunit;

namespace Credentials.AspNetCore.Tests.OpenId4Vci;

/// <summary>The token endpoint over HTTP: Pre-Authorized Code single use, PIN checks and attempt limit, expiry, errors.</summary>
public sealed class OpenId4VciTokenEndpointTests : IAsyncLifetime
{
    private const string Grant = CredentialOffer.PreAuthorizedCodeGrantType;
    private IssuerTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await IssuerTestBed.StartAsync(o => o with { MaxTransactionCodeAttempts = 3 });

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Token_RightPin_BearerTokenWithExpiryAndNoStore()
    {
        var offer = await _bed.OfferAsync(pin: "493536");
        using var content = new System.Net.Http.FormUrlEncodedContent([new("grant_type", Grant), new("pre-authorized_code", Code(offer)), new("tx_code", "493536")]);

        using var response = await _bed.Http.PostAsync(_bed.Issuer.TokenEndpoint, content);
        var token = TokenResponse.Read(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("Bearer", token.Value.TokenType);
        Assert.Equal(300, token.Value.ExpiresIn);
    }

    [Fact]
    public async Task Token_WrongPin_InvalidGrantThenRightPinStillWorks()
    {
        var offer = await _bed.OfferAsync(pin: "493536");

        var wrong = await _bed.PostTokenRawAsync(("grant_type", Grant), ("pre-authorized_code", Code(offer)), ("tx_code", "111111"));
        var right = await _bed.PostTokenRawAsync(("grant_type", Grant), ("pre-authorized_code", Code(offer)), ("tx_code", "493536"));

        Assert.Equal((400, "invalid_grant"), wrong);
        Assert.Equal(200, right.Status);
    }

    [Fact]
    public async Task Token_TooManyWrongPins_CodeInvalidatedEvenForRightPin()
    {
        var offer = await _bed.OfferAsync(pin: "493536");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("invalid_grant", (await _bed.PostTokenRawAsync(("grant_type", Grant), ("pre-authorized_code", Code(offer)), ("tx_code", "00000" + i))).Error);
        }

        var right = await _bed.PostTokenRawAsync(("grant_type", Grant), ("pre-authorized_code", Code(offer)), ("tx_code", "493536"));

        Assert.Equal((400, "invalid_grant"), right);
    }

    [Fact]
    public async Task Token_PinMissingOrUnexpected_InvalidRequest()
    {
        var withPin = await _bed.OfferAsync(pin: "493536");
        var withoutPin = await _bed.OfferAsync();

        Assert.Equal((400, "invalid_request"), await _bed.PostTokenRawAsync(("grant_type", Grant), ("pre-authorized_code", Code(withPin))));
        Assert.Equal((400, "invalid_request"), await _bed.PostTokenRawAsync(("grant_type", Grant), ("pre-authorized_code", Code(withoutPin)), ("tx_code", "1")));
    }

    [Fact]
    public async Task Token_ReusedCode_InvalidGrant()
    {
        var offer = await _bed.OfferAsync();

        var first = await _bed.PostTokenRawAsync(("grant_type", Grant), ("pre-authorized_code", Code(offer)));
        var second = await _bed.PostTokenRawAsync(("grant_type", Grant), ("pre-authorized_code", Code(offer)));

        Assert.Equal(200, first.Status);
        Assert.Equal((400, "invalid_grant"), second);
    }

    [Fact]
    public async Task Token_ExpiredCode_InvalidGrant()
    {
        var offer = await _bed.OfferAsync();
        _bed.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        Assert.Equal((400, "invalid_grant"), await _bed.PostTokenRawAsync(("grant_type", Grant), ("pre-authorized_code", Code(offer))));
    }

    [Fact]
    public async Task Token_UnknownCode_InvalidGrant()
    {
        Assert.Equal((400, "invalid_grant"), await _bed.PostTokenRawAsync(("grant_type", Grant), ("pre-authorized_code", "made-up")));
    }

    [Fact]
    public async Task Token_ConcurrentRequestsWithSameCode_ExactlyOneSucceeds()
    {
        var offer = await _bed.OfferAsync(pin: "493536");

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => _bed.PostTokenRawAsync(("grant_type", Grant), ("pre-authorized_code", Code(offer)), ("tx_code", "493536"))));

        Assert.Equal(1, results.Count(r => r.Status == 200));
        Assert.All(results.Where(r => r.Status != 200), r => Assert.Equal((400, "invalid_grant"), r));
    }

    [Fact]
    public async Task Token_ConcurrentWrongPins_CountEveryAttempt()
    {
        var offer = await _bed.OfferAsync(pin: "493536");

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => _bed.PostTokenRawAsync(("grant_type", Grant), ("pre-authorized_code", Code(offer)), ("tx_code", "99999" + i))));
        var right = await _bed.PostTokenRawAsync(("grant_type", Grant), ("pre-authorized_code", Code(offer)), ("tx_code", "493536"));

        Assert.All(results, r => Assert.Equal("invalid_grant", r.Error));
        Assert.Equal("invalid_grant", right.Error);
    }

    [Fact]
    public async Task Token_OtherGrantType_UnsupportedGrantType()
    {
        Assert.Equal((400, "unsupported_grant_type"), await _bed.PostTokenRawAsync(("grant_type", "authorization_code"), ("code", "x")));
    }

    [Fact]
    public async Task Token_MissingParametersOrRepeated_InvalidRequest()
    {
        var offer = await _bed.OfferAsync();

        Assert.Equal((400, "invalid_request"), await _bed.PostTokenRawAsync(("pre-authorized_code", Code(offer))));
        Assert.Equal((400, "invalid_request"), await _bed.PostTokenRawAsync(("grant_type", Grant)));
        Assert.Equal((400, "invalid_request"), await _bed.PostTokenRawAsync(("grant_type", Grant), ("pre-authorized_code", Code(offer)), ("pre-authorized_code", Code(offer))));
    }

    [Fact]
    public async Task Token_JsonBody_InvalidRequest()
    {
        using var content = new System.Net.Http.StringContent("{\"grant_type\":\"x\"}", System.Text.Encoding.UTF8, "application/json");

        using var response = await _bed.Http.PostAsync(_bed.Issuer.TokenEndpoint, content);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("invalid_request", ProtocolErrorResponse.TryParse(await response.Content.ReadAsByteArrayAsync())?.Error);
    }

    private static string Code(CreatedCredentialOffer offer) => offer.Offer.PreAuthorizedCode!.PreAuthorizedCode;
}
