using System;
using System.Text.Json.Nodes;
using Credentials.W3c;
using Xunit;
using static Credentials.Tests.W3c.W3cTestData;

namespace Credentials.Tests.W3c;

/// <summary>VCDM 2.0 section 4.9 and A.7: the validity period against a clock, with skew.</summary>
public sealed class W3cValidityPeriodTests
{
    private static readonly W3cCredential s_credential = W3cCredential.Read(Credential).Value; // 2025-04-01T00:00+09:00 to 2035-04-01T00:00+09:00
    private static readonly DateTimeOffset s_from = new(2025, 3, 31, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_until = new(2035, 3, 31, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void CheckValidityPeriod_Inside_IsValid() => Assert.Null(s_credential.CheckValidityPeriod(s_from.AddDays(1)));

    [Fact]
    public void CheckValidityPeriod_AtTheBoundaries_IsValid()
    {
        Assert.Null(s_credential.CheckValidityPeriod(s_from));
        Assert.Null(s_credential.CheckValidityPeriod(s_until));
    }

    [Fact]
    public void CheckValidityPeriod_BeforeValidFrom_FailsWithNotYetValid()
        => Assert.Equal(VcErrors.NotYetValid, s_credential.CheckValidityPeriod(s_from.AddSeconds(-1))!.Code);

    [Fact]
    public void CheckValidityPeriod_AfterValidUntil_FailsWithExpired()
    {
        var error = s_credential.CheckValidityPeriod(s_until.AddSeconds(1))!;

        Assert.Equal(VcErrors.Expired, error.Code);
        Assert.Equal(VerificationFailureKind.Expired, error.Kind);
    }

    [Fact]
    public void CheckValidityPeriod_WithinTheSkew_IsValid()
    {
        var skew = TimeSpan.FromMinutes(2);

        Assert.Null(s_credential.CheckValidityPeriod(s_from.AddMinutes(-1), skew));
        Assert.Null(s_credential.CheckValidityPeriod(s_until.AddMinutes(1), skew));
        Assert.Equal(VcErrors.NotYetValid, s_credential.CheckValidityPeriod(s_from.AddMinutes(-3), skew)!.Code);
    }

    [Fact]
    public void CheckValidityPeriod_NoValidityPeriod_IsValidForever()
    {
        var credential = W3cCredential.Read(CredentialWith(c =>
        {
            c.Remove("validFrom");
            c.Remove("validUntil");
        })).Value;

        Assert.Null(credential.CheckValidityPeriod(DateTimeOffset.MinValue, TimeSpan.MaxValue));
        Assert.Null(credential.CheckValidityPeriod(DateTimeOffset.MaxValue));
    }

    [Fact]
    public void CheckValidityPeriod_ExtremeSkewAndTimes_NeverThrow()
    {
        Assert.Null(s_credential.CheckValidityPeriod(DateTimeOffset.MaxValue, TimeSpan.MaxValue));
        Assert.Equal(VcErrors.NotYetValid, s_credential.CheckValidityPeriod(DateTimeOffset.MinValue)!.Code);
        Assert.Throws<ArgumentOutOfRangeException>(() => s_credential.CheckValidityPeriod(s_from, TimeSpan.FromSeconds(-1)));
    }
}
