using System;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Status;
using Credentials.Tests.SdJwt.Verification;
using Credentials.Trust;
using Xunit;

namespace Credentials.Tests.Security;

/// <summary>
/// Every option is checked when a verifier or issuer is built, so that none can make verification throw later; and
/// the time arithmetic saturates instead of overflowing.
/// </summary>
public sealed class OptionsValidationTests
{
    public static TheoryData<TimeSpan> OutOfRangeSkews => [TimeSpan.MaxValue, TimeSpan.MinValue, TimeSpan.FromDays(2), TimeSpan.FromTicks(-1)];

    [Theory]
    [MemberData(nameof(OutOfRangeSkews))]
    public void SdJwtVerifier_ClockSkewOutOfRange_ThrowsArgumentException(TimeSpan skew)
    {
        using var kit = new SdJwtTestKit();

        Assert.Throws<ArgumentException>(() => kit.Verifier(kit.Options() with { ClockSkew = skew }));
    }

    [Theory]
    [MemberData(nameof(OutOfRangeSkews))]
    public void SdJwtVerifier_KeyBindingMaxAgeOutOfRange_ThrowsArgumentException(TimeSpan age)
    {
        using var kit = new SdJwtTestKit();

        Assert.Throws<ArgumentException>(() => kit.Verifier(kit.Options() with { KeyBindingMaxAge = age }));
    }

    public static TheoryData<string> BadSdJwtVerifierOptions => ["limits0", "limitsDepth", "nullLimits", "nullTime", "noHash", "nullNeverDisclosable", "zeroMaxAge"];

    [Theory]
    [MemberData(nameof(BadSdJwtVerifierOptions))]
    public void SdJwtVerifier_InvalidOption_ThrowsArgumentException(string which)
    {
        using var kit = new SdJwtTestKit();
        var options = kit.Options();
        options = which switch
        {
            "limits0" => options with { Limits = new SdJwtReaderOptions { MaxLength = 0 } },
            "limitsDepth" => options with { Limits = new SdJwtReaderOptions { MaxDepth = -1 } },
            "nullLimits" => options with { Limits = null! },
            "nullTime" => options with { TimeProvider = null! },
            "noHash" => options with { AllowedHashAlgorithms = [] },
            "nullNeverDisclosable" => options with { NeverDisclosableClaims = null! },
            _ => options with { KeyBindingMaxAge = TimeSpan.Zero },
        };

        Assert.ThrowsAny<ArgumentException>(() => kit.Verifier(options));
    }

    [Theory]
    [MemberData(nameof(OutOfRangeSkews))]
    public void SdJwtVcVerifier_OutOfRangeTimes_ThrowArgumentException(TimeSpan value)
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var keys = new StaticIssuerKeyResolver(key.PublicJwk);

        Assert.Throws<ArgumentException>(() => new SdJwtVcVerifier(keys, options: new SdJwtVcVerifierOptions { ClockSkew = value }));
        Assert.Throws<ArgumentException>(() => new SdJwtVcVerifier(keys, options: new SdJwtVcVerifierOptions { KeyBindingMaxAge = value }));
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(2.0)]
    public void StatusListTokenVerifier_ClockSkewOutOfRange_ThrowsArgumentException(double days)
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);

        Assert.Throws<ArgumentException>(() => new StatusListTokenVerifier(new StaticIssuerKeyResolver(key.PublicJwk), new StatusListTokenVerifierOptions { ClockSkew = TimeSpan.FromDays(days) }));
    }

    [Fact]
    public void StatusListTokenVerifier_MaxSkew_ThrowsArgumentException()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);

        Assert.Throws<ArgumentException>(() => new StatusListTokenVerifier(new StaticIssuerKeyResolver(key.PublicJwk), new StatusListTokenVerifierOptions { ClockSkew = TimeSpan.MaxValue }));
    }

    [Fact]
    public async Task StatusListTokenVerifier_MaxAgeMaxValue_VerifiesWithoutThrowing()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var builder = new StatusListBuilder(1, 16);
        var token = await new StatusListTokenIssuer(key).IssueAsync("https://s.example/1", builder);
        var verifier = new StatusListTokenVerifier(new StaticIssuerKeyResolver(key.PublicJwk), new StatusListTokenVerifierOptions { MaxAge = TimeSpan.MaxValue });

        var result = await verifier.VerifyAsync(token, "https://s.example/1");

        Assert.True(result.IsValid, result.Error?.ToString());
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(0.0)]
    [InlineData(40000.0)]
    public void StatusListTokenIssuer_LifetimeOutOfRange_ThrowsArgumentException(double days)
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);

        Assert.Throws<ArgumentException>(() => new StatusListTokenIssuer(key, new StatusListTokenIssuerOptions { Lifetime = TimeSpan.FromDays(days) }));
        Assert.Throws<ArgumentException>(() => new StatusListTokenIssuer(key, new StatusListTokenIssuerOptions { TimeToLive = TimeSpan.FromDays(days) }));
    }

    [Fact]
    public void StatusListTokenIssuer_LifetimeMaxValue_ThrowsArgumentException()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);

        Assert.Throws<ArgumentException>(() => new StatusListTokenIssuer(key, new StatusListTokenIssuerOptions { Lifetime = TimeSpan.MaxValue }));
    }

    [Theory]
    [InlineData("validityMax")]
    [InlineData("validityZero")]
    [InlineData("precisionSubSecond")]
    [InlineData("precisionTooLong")]
    [InlineData("randomNegative")]
    [InlineData("randomMax")]
    [InlineData("nullSalt")]
    public void SdJwtVcIssuer_InvalidOption_ThrowsArgumentException(string which)
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var options = which switch
        {
            "validityMax" => new SdJwtVcIssuerOptions { DefaultValidity = TimeSpan.MaxValue },
            "validityZero" => new SdJwtVcIssuerOptions { DefaultValidity = TimeSpan.Zero },
            "precisionSubSecond" => new SdJwtVcIssuerOptions { IssuedAtPrecision = TimeSpan.FromMilliseconds(1500) },
            "precisionTooLong" => new SdJwtVcIssuerOptions { IssuedAtPrecision = TimeSpan.FromDays(400) },
            "randomNegative" => new SdJwtVcIssuerOptions { IssuedAtRandomization = TimeSpan.FromSeconds(-1) },
            "randomMax" => new SdJwtVcIssuerOptions { IssuedAtRandomization = TimeSpan.MaxValue },
            _ => new SdJwtVcIssuerOptions { SaltGenerator = null! },
        };

        Assert.ThrowsAny<ArgumentException>(() => new SdJwtVcIssuer(key, options));
    }

    [Theory]
    [InlineData("alg")]
    [InlineData("b64")]
    [InlineData("zip")]
    public void SdJwtIssuer_UnacceptableExtraHeader_ThrowsArgumentExceptionAtConstruction(string name)
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var options = new SdJwtIssuerOptions { ExtraHeaders = new System.Collections.Generic.Dictionary<string, System.Text.Json.Nodes.JsonNode?> { [name] = false } };

        Assert.Throws<ArgumentException>(() => new SdJwtIssuer(key, options));
    }

    [Theory]
    [InlineData(0, 32)]
    [InlineData(1024, 0)]
    [InlineData(1024, -1)]
    [InlineData(1024, 1000)]
    public void JwsReadCompact_InvalidReaderOptions_ThrowsArgumentException(int maxLength, int maxDepth)
        => Assert.Throws<ArgumentException>(() => Jws.ReadCompact("a.b.c", new JwsReaderOptions { MaxTokenLength = maxLength, MaxJsonDepth = maxDepth }));

    [Fact]
    public void SaturatingTime_AtTheEndsOfTheRange_ClampsInsteadOfThrowing()
    {
        Assert.Equal(DateTimeOffset.MaxValue, Credentials.Internal.SaturatingTime.Add(DateTimeOffset.MaxValue, TimeSpan.MaxValue));
        Assert.Equal(DateTimeOffset.MinValue, Credentials.Internal.SaturatingTime.Add(DateTimeOffset.MinValue, TimeSpan.MinValue));
        Assert.Equal(DateTimeOffset.MinValue, Credentials.Internal.SaturatingTime.Subtract(DateTimeOffset.MinValue, TimeSpan.MaxValue));
        Assert.Equal(DateTimeOffset.MaxValue, Credentials.Internal.SaturatingTime.Subtract(DateTimeOffset.MaxValue, TimeSpan.MinValue));
        Assert.Equal(TimeSpan.MaxValue, Credentials.Internal.SaturatingTime.Add(TimeSpan.MaxValue, TimeSpan.FromSeconds(60)));
        Assert.Equal(TimeSpan.MinValue, Credentials.Internal.SaturatingTime.Add(TimeSpan.MinValue, TimeSpan.FromTicks(-1)));
        Assert.Equal(TimeSpan.FromSeconds(61), Credentials.Internal.SaturatingTime.Add(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public void SdJwtHolder_InvalidLimits_ThrowsArgumentException()
        => Assert.ThrowsAny<ArgumentException>(() => new SdJwtHolder(new SdJwtHolderOptions { Limits = new SdJwtReaderOptions { MaxDepth = 0 } }));

    [Fact]
    public async Task SdJwtVcVerifier_MaxCredentialAgeMaxValue_VerifiesWithoutThrowing()
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = kit.SignPayload("{\"iss\":\"https://issuer.example\",\"vct\":\"https://credentials.example/vct/v1\",\"iat\":" + kit.NowSeconds + "}", "dc+sd-jwt") + "~";
        var verifier = new SdJwtVcVerifier(new StaticIssuerKeyResolver(kit.IssuerKey.PublicJwk), options: new SdJwtVcVerifierOptions
        {
            TimeProvider = kit.Clock,
            RequireExpirationTime = false,
            RequireConfirmationKey = false,
            RequireStatus = false,
        });

        var result = await verifier.VerifyAsync(sdJwt, new SdJwtVcPolicy { KeyBinding = KeyBindingRequirement.Forbidden, Status = StatusCheck.Skip, MaxCredentialAge = TimeSpan.MaxValue });

        Assert.True(result.IsValid, result.Error?.ToString());
    }

    [Fact]
    public async Task SdJwtVerifier_LargestSkewAndAgeAtTheEndsOfTime_DoNotThrow()
    {
        using var kit = new SdJwtTestKit();
        var options = kit.Options() with { ClockSkew = SdJwtVerifierOptions.MaxClockSkew, KeyBindingMaxAge = SdJwtVerifierOptions.MaxKeyBindingMaxAge };
        var sdJwt = kit.Compact("{\"exp\":253402300799,\"nbf\":0,\"iat\":0,\"cnf\":" + kit.CnfJson + "}");
        var presentation = sdJwt + kit.KeyBindingJwt(sdJwt, iat: 0);

        kit.Clock.AdjustTime(DateTimeOffset.MinValue);
        var early = await kit.VerifyAsync(presentation, KeyBindingRequirement.Required(SdJwtTestKit.Audience, SdJwtTestKit.Nonce), options);
        kit.Clock.SetUtcNow(DateTimeOffset.MaxValue);
        var late = await kit.VerifyAsync(presentation, KeyBindingRequirement.Required(SdJwtTestKit.Audience, SdJwtTestKit.Nonce), options);

        Assert.False(early.IsValid);
        Assert.False(late.IsValid);
    }
}
