using System;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.Status;
using Xunit;
using Credentials.Trust;

namespace Credentials.Tests.Status;

public sealed class StatusListTokenTests : IDisposable
{
    private readonly StatusTestSupport _s = new();

    public void Dispose() => _s.Dispose();

    [Fact]
    public async Task IssueAsync_ThenVerifyAsync_ReturnsClaimsAndList()
    {
        var builder = new StatusListBuilder(2, 1000).Set(5, StatusValue.Invalid).Set(6, StatusValue.Suspended);
        var token = await _s.Issuer(ttl: TimeSpan.FromMinutes(10)).IssueAsync(StatusTestSupport.ListUri, builder);

        var result = await _s.Verifier().VerifyAsync(token, StatusTestSupport.ListUri);

        Assert.True(result.IsValid, result.Error?.ToString());
        var verified = result.Value;
        Assert.Equal(StatusTestSupport.ListUri, verified.Subject);
        Assert.Equal(StatusTestSupport.Start, verified.IssuedAt);
        Assert.Equal(StatusTestSupport.Start.AddDays(1), verified.ExpiresAt);
        Assert.Equal(TimeSpan.FromMinutes(10), verified.TimeToLive);
        Assert.Equal(StatusValue.Invalid, verified.StatusList.Get(5));
        Assert.Equal(StatusValue.Suspended, verified.StatusList.Get(6));
        Assert.Equal(StatusValue.Valid, verified.StatusList.Get(7));
        Assert.Equal(token, verified.Compact);
    }

    [Fact]
    public async Task IssueAsync_Header_HasStatusListTypeAndKid()
    {
        var token = await _s.Issuer().IssueAsync(StatusTestSupport.ListUri, new StatusListBuilder(1, 8));

        var jws = Jws.ReadCompact(token).Value;

        Assert.Equal("statuslist+jwt", jws.Type);
        Assert.Equal("status-key", jws.KeyId);
        Assert.Equal("ES256", jws.AlgorithmName);
    }

    [Fact]
    public async Task IssueAsync_WithAggregationUriAndIssuer_VerifierExposesThem()
    {
        var issuer = new StatusListTokenIssuer(_s.Key, new StatusListTokenIssuerOptions { TimeProvider = _s.Clock, Issuer = "https://issuer.example", AggregationUri = "https://issuer.example/statuslists" });
        var token = await issuer.IssueAsync(StatusTestSupport.ListUri, new StatusListBuilder(1, 8));

        var result = await _s.Verifier().VerifyAsync(token, StatusTestSupport.ListUri);

        Assert.Equal("https://issuer.example/statuslists", result.Value.AggregationUri);
        Assert.Equal("https://issuer.example", result.Value.Issuer);
    }

    [Theory]
    [InlineData("jwt")]
    [InlineData("statuslist+cwt")]
    [InlineData(null)]
    public async Task VerifyAsync_WrongTyp_FailsWithInvalidType(string? typ)
    {
        var token = _s.Sign($$$"""{"sub":"{{{StatusTestSupport.ListUri}}}","iat":{{{_s.Now}}},"status_list":{"bits":1,"lst":"{{{StatusTestSupport.Lst()}}}"}}""", typ);

        var result = await _s.Verifier().VerifyAsync(token, StatusTestSupport.ListUri);

        Assert.Equal(StatusErrors.InvalidType, result.Error?.Code);
    }

    [Theory]
    [InlineData("application/statuslist+jwt")]
    [InlineData("StatusList+JWT")]
    public async Task VerifyAsync_TypWithMediaTypePrefixOrCase_Succeeds(string typ)
    {
        var token = _s.Sign($$$"""{"sub":"{{{StatusTestSupport.ListUri}}}","iat":{{{_s.Now}}},"status_list":{"bits":1,"lst":"{{{StatusTestSupport.Lst()}}}"}}""", typ);

        var result = await _s.Verifier().VerifyAsync(token, StatusTestSupport.ListUri);

        Assert.True(result.IsValid, result.Error?.ToString());
    }

    [Theory]
    [InlineData("https://issuer.example/statuslists/2")]
    [InlineData("https://issuer.example/statuslists/1/")]
    [InlineData("https://ISSUER.example/statuslists/1")]
    public async Task VerifyAsync_SubjectNotTheReferencedUri_FailsWithSubjectMismatch(string expected)
    {
        var token = await _s.Issuer().IssueAsync(StatusTestSupport.ListUri, new StatusListBuilder(1, 8));

        var result = await _s.Verifier().VerifyAsync(token, expected);

        Assert.Equal(StatusErrors.SubjectMismatch, result.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_AfterExp_FailsWithListExpired()
    {
        var token = await _s.Issuer(lifetime: TimeSpan.FromHours(1)).IssueAsync(StatusTestSupport.ListUri, new StatusListBuilder(1, 8));
        _s.Clock.SetUtcNow(StatusTestSupport.Start.AddHours(1).AddMinutes(2));

        var result = await _s.Verifier().VerifyAsync(token, StatusTestSupport.ListUri);

        Assert.Equal(StatusErrors.ListExpired, result.Error?.Code);
        Assert.Equal(VerificationFailureKind.Expired, result.Error?.Kind);
    }

    [Fact]
    public async Task VerifyAsync_JustBeforeExpWithinSkew_Succeeds()
    {
        var token = await _s.Issuer(lifetime: TimeSpan.FromHours(1)).IssueAsync(StatusTestSupport.ListUri, new StatusListBuilder(1, 8));
        _s.Clock.SetUtcNow(StatusTestSupport.Start.AddHours(1).AddSeconds(30));

        var result = await _s.Verifier().VerifyAsync(token, StatusTestSupport.ListUri);

        Assert.True(result.IsValid);
    }

    [Fact]
    public async Task VerifyAsync_IssuedInTheFuture_FailsWithListNotYetValid()
    {
        var token = await _s.Issuer().IssueAsync(StatusTestSupport.ListUri, new StatusListBuilder(1, 8));
        _s.Clock.AdjustTime(StatusTestSupport.Start.AddMinutes(-5));

        var result = await _s.Verifier().VerifyAsync(token, StatusTestSupport.ListUri);

        Assert.Equal(StatusErrors.ListNotYetValid, result.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_NotBeforeInTheFuture_FailsWithListNotYetValid()
    {
        var token = _s.Sign($$$"""{"sub":"{{{StatusTestSupport.ListUri}}}","iat":{{{_s.Now}}},"nbf":{{{_s.Now + 3600}}},"status_list":{"bits":1,"lst":"{{{StatusTestSupport.Lst()}}}"}}""");

        var result = await _s.Verifier().VerifyAsync(token, StatusTestSupport.ListUri);

        Assert.Equal(StatusErrors.ListNotYetValid, result.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_OlderThanMaxAge_FailsWithListExpired()
    {
        var token = await _s.Issuer().IssueAsync(StatusTestSupport.ListUri, new StatusListBuilder(1, 8));
        _s.Clock.SetUtcNow(StatusTestSupport.Start.AddHours(2));

        var result = await _s.Verifier(new StatusListTokenVerifierOptions { MaxAge = TimeSpan.FromHours(1) }).VerifyAsync(token, StatusTestSupport.ListUri);

        Assert.Equal(StatusErrors.ListExpired, result.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_SignedByAnotherKey_FailsWithInvalidSignature()
    {
        using var other = SigningKey.Create(JwsAlgorithm.Es256);
        var token = await new StatusListTokenIssuer(other, new StatusListTokenIssuerOptions { TimeProvider = _s.Clock }).IssueAsync(StatusTestSupport.ListUri, new StatusListBuilder(1, 8));

        var result = await _s.Verifier().VerifyAsync(token, StatusTestSupport.ListUri);

        Assert.Equal(StatusErrors.InvalidSignature, result.Error?.Code);
        Assert.Equal(VerificationFailureKind.InvalidSignature, result.Error?.Kind);
    }

    [Fact]
    public async Task VerifyAsync_TamperedPayload_FailsWithInvalidSignature()
    {
        var token = await _s.Issuer().IssueAsync(StatusTestSupport.ListUri, new StatusListBuilder(1, 8));
        var forged = _s.Sign($$$"""{"sub":"{{{StatusTestSupport.ListUri}}}","iat":{{{_s.Now}}},"status_list":{"bits":1,"lst":"{{{StatusTestSupport.Lst()}}}"}}""");
        var parts = token.Split('.');
        var tampered = string.Join('.', parts[0], forged.Split('.')[1], parts[2]);

        var result = await _s.Verifier().VerifyAsync(tampered, StatusTestSupport.ListUri);

        Assert.Equal(StatusErrors.InvalidSignature, result.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_AlgorithmNotAllowed_FailsWithInvalidSignature()
    {
        var token = await _s.Issuer().IssueAsync(StatusTestSupport.ListUri, new StatusListBuilder(1, 8));

        var result = await _s.Verifier(new StatusListTokenVerifierOptions { AllowedAlgorithms = [JwsAlgorithm.EdDsa] }).VerifyAsync(token, StatusTestSupport.ListUri);

        Assert.Equal(StatusErrors.InvalidSignature, result.Error?.Code);
        Assert.Equal(VerificationFailureKind.InvalidSignature, result.Error?.Kind);
    }

    [Fact]
    public async Task VerifyAsync_NoTrustedKey_FailsWithUntrustedSigner()
    {
        var token = await _s.Issuer().IssueAsync(StatusTestSupport.ListUri, new StatusListBuilder(1, 8));
        var resolver = new StaticIssuerKeyResolver([new System.Collections.Generic.KeyValuePair<string, Jwk>("https://someone.else", _s.Key.PublicJwk)]);

        var result = await new StatusListTokenVerifier(resolver, new StatusListTokenVerifierOptions { TimeProvider = _s.Clock }).VerifyAsync(token, StatusTestSupport.ListUri);

        Assert.Equal(StatusErrors.UntrustedSigner, result.Error?.Code);
    }

    [Theory]
    [InlineData("""{"iat":NOW,"status_list":{"bits":1,"lst":"LST"}}""")]
    [InlineData("""{"sub":5,"iat":NOW,"status_list":{"bits":1,"lst":"LST"}}""")]
    [InlineData("""{"sub":"URI","status_list":{"bits":1,"lst":"LST"}}""")]
    [InlineData("""{"sub":"URI","iat":"NOW","status_list":{"bits":1,"lst":"LST"}}""")]
    [InlineData("""{"sub":"URI","iat":NOW,"exp":"never","status_list":{"bits":1,"lst":"LST"}}""")]
    [InlineData("""{"sub":"URI","iat":NOW}""")]
    [InlineData("""{"sub":"URI","iat":NOW,"status_list":"LST"}""")]
    [InlineData("""{"sub":"URI","iat":NOW,"status_list":{"lst":"LST"}}""")]
    [InlineData("""{"sub":"URI","iat":NOW,"status_list":{"bits":3,"lst":"LST"}}""")]
    [InlineData("""{"sub":"URI","iat":NOW,"status_list":{"bits":"1","lst":"LST"}}""")]
    [InlineData("""{"sub":"URI","iat":NOW,"status_list":{"bits":1}}""")]
    [InlineData("""{"sub":"URI","iat":NOW,"status_list":{"bits":1,"lst":"!!"}}""")]
    [InlineData("""{"sub":"URI","iat":NOW,"status_list":{"bits":1,"lst":"LST","aggregation_uri":"relative"}}""")]
    [InlineData("""{"sub":"URI","iat":NOW,"ttl":0,"status_list":{"bits":1,"lst":"LST"}}""")]
    [InlineData("""{"sub":"URI","iat":NOW,"ttl":-5,"status_list":{"bits":1,"lst":"LST"}}""")]
    [InlineData("""{"sub":"URI","iat":NOW,"ttl":"60","status_list":{"bits":1,"lst":"LST"}}""")]
    [InlineData("""{"sub":"URI","iss":7,"iat":NOW,"status_list":{"bits":1,"lst":"LST"}}""")]
    [InlineData("""{"sub":"URI","sub":"URI","iat":NOW,"status_list":{"bits":1,"lst":"LST"}}""")]
    public async Task VerifyAsync_MissingOrBadClaim_FailsWithInvalidListToken(string template)
    {
        var payload = template.Replace("URI", StatusTestSupport.ListUri).Replace("NOW", _s.Now.ToString(System.Globalization.CultureInfo.InvariantCulture)).Replace("LST", StatusTestSupport.Lst());

        var result = await _s.Verifier().VerifyAsync(_s.Sign(payload), StatusTestSupport.ListUri);

        Assert.Equal(StatusErrors.InvalidListToken, result.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_RequireExpirationWithoutExp_FailsWithInvalidListToken()
    {
        var token = await _s.Issuer().IssueAsync(StatusTestSupport.ListUri, new StatusListBuilder(1, 8));
        var noExp = await new StatusListTokenIssuer(_s.Key, new StatusListTokenIssuerOptions { TimeProvider = _s.Clock, Lifetime = null }).IssueAsync(StatusTestSupport.ListUri, new StatusListBuilder(1, 8));
        var verifier = _s.Verifier(new StatusListTokenVerifierOptions { RequireExpiration = true });

        Assert.True((await verifier.VerifyAsync(token, StatusTestSupport.ListUri)).IsValid);
        Assert.Equal(StatusErrors.InvalidListToken, (await verifier.VerifyAsync(noExp, StatusTestSupport.ListUri)).Error?.Code);
    }

    [Theory]
    [InlineData("not a jwt")]
    [InlineData("a.b")]
    [InlineData("eyJhbGciOiJub25lIn0.e30.")]
    public async Task VerifyAsync_NotAJws_FailsWithInvalidListToken(string token)
    {
        var result = await _s.Verifier().VerifyAsync(token, StatusTestSupport.ListUri);

        Assert.Equal(StatusErrors.InvalidListToken, result.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_SignedInflationBomb_FailsWithTooLarge()
    {
        var huge = new StatusListBuilder(8, 4 * 1024 * 1024).Encode();
        var token = _s.Sign($$$"""{"sub":"{{{StatusTestSupport.ListUri}}}","iat":{{{_s.Now}}},"status_list":{"bits":8,"lst":"{{{huge}}}"}}""");

        var result = await _s.Verifier(new StatusListTokenVerifierOptions { MaxDecompressedBytes = 1024 * 1024 }).VerifyAsync(token, StatusTestSupport.ListUri);

        Assert.Equal(StatusErrors.TooLarge, result.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_TokenLongerThanLimit_FailsWithTooLarge()
    {
        var token = await _s.Issuer().IssueAsync(StatusTestSupport.ListUri, new StatusListBuilder(1, 8));

        var result = await _s.Verifier(new StatusListTokenVerifierOptions { MaxTokenLength = 64 }).VerifyAsync(token, StatusTestSupport.ListUri);

        Assert.Equal(StatusErrors.TooLarge, result.Error?.Code);
    }

    [Fact]
    public void Constructor_NonPositiveTtl_Throws()
    {
        Assert.Throws<ArgumentException>(() => new StatusListTokenIssuer(_s.Key, new StatusListTokenIssuerOptions { TimeToLive = TimeSpan.Zero }));
        Assert.Throws<ArgumentException>(() => new StatusListTokenIssuer(_s.Key, new StatusListTokenIssuerOptions { Lifetime = TimeSpan.FromSeconds(-1) }));
    }

    [Fact]
    public async Task IssueAsync_RelativeUri_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(async () => await _s.Issuer().IssueAsync("statuslists/1", new StatusListBuilder(1, 8)));
    }
}
