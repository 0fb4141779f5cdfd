using System;
using System.Threading.Tasks;
using Credentials.AspNetCore.StatusLists;
using Credentials.Http;
using Credentials.Status;
using Credentials.Trust;
using Microsoft.AspNetCore.Builder;
using Xunit;

namespace Credentials.AspNetCore.Tests.Status;

/// <summary>
/// A relying party resolving a credential's status from a running issuer host over a day of fake time: it sees the
/// revocation after the issuer asks for a publication, and never gets an expired Status List Token.
/// </summary>
public sealed class StatusListRelyingPartyEndToEndTests
{
    [Fact]
    public async Task Resolver_OneDayAgainstAnIssuerHost_SeesTheRevocationAndNeverAnExpiredList()
    {
        await using var bed = await StatusListHostBed.StartAsync(
            [],
            map: app => app.MapStatusLists("/live/{id}", context => $"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}"));
        var uri = bed.Host.Origin + "/live/1";
        await bed.Store.CreateListAsync(uri, 2, 1024);
        var credential = (await bed.Issuer.TryAllocateAsync(uri))!;
        bed.Publisher.RequestPublish(uri);
        var first = await bed.WaitForTokenAsync(uri);
        var resolver = new HttpStatusListResolver(
            StatusListHostBed.Http,
            new StatusListTokenVerifier(new StaticIssuerKeyResolver(bed.Key.PublicJwk), new StatusListTokenVerifierOptions { TimeProvider = bed.Clock, ClockSkew = TimeSpan.Zero }),
            new HttpStatusListResolverOptions { Http = new() { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback }, TimeProvider = bed.Clock });

        Assert.Equal(StatusValue.Valid, (await resolver.GetStatusAsync(credential)).Value);

        await bed.Issuer.RevokeAsync(credential);
        bed.Publisher.RequestPublish(uri);
        await bed.WaitForTokenAsync(uri, t => t != first);
        bed.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(StatusValue.Invalid, (await resolver.GetStatusAsync(credential)).Value);

        for (var i = 0; i < 288; i++)
        {
            bed.Clock.Advance(TimeSpan.FromMinutes(5));
            var now = bed.Clock.GetUtcNow();
            await bed.WaitForTokenAsync(uri, t => StatusListHostBed.Times(t).RefreshDue(StatusListHostingOptions.DefaultRefreshMargin) + TimeSpan.FromMinutes(5) > now);

            var status = await resolver.GetStatusAsync(credential);
            Assert.True(status.IsValid, $"At {now:O}: {status.Error?.Code}");
            Assert.Equal(StatusValue.Invalid, status.Value);
        }
    }
}
