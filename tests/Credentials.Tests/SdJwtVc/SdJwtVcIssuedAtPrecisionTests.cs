using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Tests.SdJwtVc;

/// <summary>
/// Credentials of one batch must not share an exact issuance second that links them: iat can be rounded down
/// (IssuedAtPrecision) or moved back at random within a window (IssuedAtRandomization).
/// </summary>
public sealed class SdJwtVcIssuedAtPrecisionTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 23, 13, 47, 11, TimeSpan.Zero);

    [Fact]
    public async Task IssueAsync_DayPrecision_WritesMidnightUtcAndCountsExpiryFromIt()
    {
        var claims = await IssueClaimsAsync(new SdJwtVcIssuerOptions { TimeProvider = new FakeTimeProvider(s_now), IssuedAtPrecision = TimeSpan.FromDays(1), DefaultValidity = TimeSpan.FromDays(30) });

        var midnight = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        Assert.Equal(midnight, claims.GetProperty("iat").GetInt64());
        Assert.Equal(midnight + (30 * 86400), claims.GetProperty("exp").GetInt64());
    }

    [Fact]
    public async Task IssueAsync_DefaultPrecision_WritesTheExactSecond()
    {
        var claims = await IssueClaimsAsync(new SdJwtVcIssuerOptions { TimeProvider = new FakeTimeProvider(s_now) });

        Assert.Equal(s_now.ToUnixTimeSeconds(), claims.GetProperty("iat").GetInt64());
    }

    [Fact]
    public async Task IssueAsync_Randomization_MovesIatBackWithinTheWindowAndVariesAcrossABatch()
    {
        var options = new SdJwtVcIssuerOptions { TimeProvider = new FakeTimeProvider(s_now), IssuedAtRandomization = TimeSpan.FromHours(24) };
        var seen = new HashSet<long>();
        for (var i = 0; i < 20; i++)
        {
            var iat = (await IssueClaimsAsync(options)).GetProperty("iat").GetInt64();
            Assert.InRange(iat, s_now.ToUnixTimeSeconds() - 86399, s_now.ToUnixTimeSeconds());
            seen.Add(iat);
        }

        // Twenty draws from 86,400 seconds: all equal only with negligible probability.
        Assert.True(seen.Count > 1);
    }

    private static async Task<System.Text.Json.JsonElement> IssueClaimsAsync(SdJwtVcIssuerOptions options)
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var issued = await new SdJwtVcIssuer(key, options).IssueAsync(new SdJwtVcIssuance { Vct = "https://credentials.example/vct/v1", Claims = SdJwtPayload.Create().Claim("a", 1) });
        return new SdJwtHolder().GetClaims(issued).Value;
    }
}
