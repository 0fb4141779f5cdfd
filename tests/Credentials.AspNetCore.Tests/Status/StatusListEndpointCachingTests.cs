using System;
using System.Buffers.Text;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Credentials.AspNetCore.StatusLists;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Credentials.AspNetCore.Tests.Status;

/// <summary>The endpoint's HTTP caching (ETag, If-None-Match, Cache-Control), HEAD, and CORS taken from the app's policy.</summary>
public sealed class StatusListEndpointCachingTests
{
    private const string Wallet = "https://wallet.example";

    [Fact]
    public async Task Get_PublishedList_StrongETagAndMaxAgeOfTheTtl()
    {
        await using var bed = await StatusListHostBed.StartAsync([StatusListHostBed.ListUri(1)]);
        var token = await bed.WaitForTokenAsync(StatusListHostBed.ListUri(1));

        using var response = await SendAsync(bed, HttpMethod.Get);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.Equal("public, max-age=600", response.Headers.CacheControl!.ToString());
        Assert.Equal(token, await response.Content.ReadAsStringAsync());
        Assert.Equal("\"" + Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(token))) + "\"", response.Headers.ETag.Tag);
    }

    [Fact]
    public async Task Get_IfNoneMatchWithTheCurrentTag_304WithoutBody()
    {
        await using var bed = await StatusListHostBed.StartAsync([StatusListHostBed.ListUri(1)]);
        await bed.WaitForTokenAsync(StatusListHostBed.ListUri(1));
        using var first = await SendAsync(bed, HttpMethod.Get);
        var etag = first.Headers.ETag!.Tag;

        using var same = await SendAsync(bed, HttpMethod.Get, r => r.Headers.TryAddWithoutValidation("If-None-Match", etag));
        using var weak = await SendAsync(bed, HttpMethod.Get, r => r.Headers.TryAddWithoutValidation("If-None-Match", "\"other\", W/" + etag));
        using var any = await SendAsync(bed, HttpMethod.Get, r => r.Headers.TryAddWithoutValidation("If-None-Match", "*"));
        using var other = await SendAsync(bed, HttpMethod.Get, r => r.Headers.TryAddWithoutValidation("If-None-Match", "\"other\""));

        Assert.Equal(HttpStatusCode.NotModified, same.StatusCode);
        Assert.Empty(await same.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, same.Headers.ETag!.Tag);
        Assert.Equal("public, max-age=600", same.Headers.CacheControl!.ToString());
        Assert.Equal(HttpStatusCode.NotModified, weak.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, any.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Get_AfterReSigning_NewETagAndTheOldTagGets200()
    {
        var uri = StatusListHostBed.ListUri(1);
        await using var bed = await StatusListHostBed.StartAsync([uri]);
        var first = await bed.WaitForTokenAsync(uri);
        using var before = await SendAsync(bed, HttpMethod.Get);

        bed.Publisher.RequestPublish(uri);
        await bed.Issuer.RevokeAsync((await bed.Issuer.TryAllocateAsync(uri))!);
        bed.Publisher.RequestPublish(uri);
        await bed.WaitForTokenAsync(uri, t => t != first);
        using var after = await SendAsync(bed, HttpMethod.Get, r => r.Headers.TryAddWithoutValidation("If-None-Match", before.Headers.ETag!.Tag));

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(before.Headers.ETag!.Tag, after.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Get_CloseToTheRefresh_MaxAgeIsTheTimeUntilTheTokenIsReSigned()
    {
        await using var bed = await StatusListHostBed.StartAsync([StatusListHostBed.ListUri(1)]);
        await bed.WaitForTokenAsync(StatusListHostBed.ListUri(1));

        // Lifetime 1 h, ttl 10 min: re-signed at 40 min; at 35 min a cache may keep it 5 more minutes, not 10.
        bed.Clock.Advance(TimeSpan.FromMinutes(35));
        using var response = await SendAsync(bed, HttpMethod.Get);

        Assert.Equal("public, max-age=300", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Head_PublishedList_HeadersAndLengthWithoutBody()
    {
        await using var bed = await StatusListHostBed.StartAsync([StatusListHostBed.ListUri(1)]);
        var token = await bed.WaitForTokenAsync(StatusListHostBed.ListUri(1));

        using var response = await SendAsync(bed, HttpMethod.Head);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/statuslist+jwt", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(token.Length, response.Content.Headers.ContentLength);
        Assert.NotNull(response.Headers.ETag);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_NoCorsPolicy_NoAccessControlHeader()
    {
        await using var bed = await StatusListHostBed.StartAsync([StatusListHostBed.ListUri(1)]);
        await bed.WaitForTokenAsync(StatusListHostBed.ListUri(1));

        using var response = await SendAsync(bed, HttpMethod.Get, r => r.Headers.Add("Origin", Wallet));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Get_AppCorsPolicy_AllowsOnlyItsOrigins()
    {
        await using var bed = await StatusListHostBed.StartAsync(
            [],
            services: (s, _) => s.AddCors(),
            map: app =>
            {
                app.UseCors();
                app.MapStatusList("/cors/1", StatusListHostBed.ListUri(1)).RequireCors(p => p.WithOrigins(Wallet).WithMethods("GET", "HEAD"));
            });
        await bed.Store.CreateListAsync(StatusListHostBed.ListUri(1), 1, 64);
        await bed.Publisher.PublishAsync(StatusListHostBed.ListUri(1));

        using var allowed = await SendAsync(bed, HttpMethod.Get, r => r.Headers.Add("Origin", Wallet), "/cors/1");
        using var refused = await SendAsync(bed, HttpMethod.Get, r => r.Headers.Add("Origin", "https://elsewhere.example"), "/cors/1");
        using var preflight = await SendAsync(bed, HttpMethod.Options, r =>
        {
            r.Headers.Add("Origin", Wallet);
            r.Headers.Add("Access-Control-Request-Method", "GET");
        }, "/cors/1");

        Assert.Equal(Wallet, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.True(preflight.IsSuccessStatusCode);
        Assert.Equal(Wallet, preflight.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public void CacheControl_TokenClaims_MaxAgeIsTheEarliestOfTtlExpAndRefresh()
    {
        var iat = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
        var both = new StatusListTokenTimes(iat, iat.AddHours(1), TimeSpan.FromMinutes(10));

        Assert.Equal("public, max-age=600", StatusListEndpointRouteBuilderExtensions.CacheControl(both, iat, null));
        Assert.Equal("public, max-age=120", StatusListEndpointRouteBuilderExtensions.CacheControl(both, iat.AddMinutes(58), null));
        Assert.Equal("public, max-age=0", StatusListEndpointRouteBuilderExtensions.CacheControl(both, iat.AddHours(2), null));
        Assert.Equal("public, max-age=60", StatusListEndpointRouteBuilderExtensions.CacheControl(both, iat.AddMinutes(39), 1.0 / 3));
        Assert.Equal("public, max-age=3600", StatusListEndpointRouteBuilderExtensions.CacheControl(both with { TimeToLive = null }, iat, null));
        Assert.Equal("public, max-age=400", StatusListEndpointRouteBuilderExtensions.CacheControl(both with { ExpiresAt = null }, iat, 1.0 / 3));
        Assert.Equal("no-cache", StatusListEndpointRouteBuilderExtensions.CacheControl(new StatusListTokenTimes(iat, null, null), iat, 1.0 / 3));
        Assert.Equal("no-cache", StatusListEndpointRouteBuilderExtensions.CacheControl(null, iat, null));
    }

    private static async Task<HttpResponseMessage> SendAsync(StatusListHostBed bed, HttpMethod method, Action<HttpRequestMessage>? configure = null, string path = "/statuslists/1")
    {
        using var request = new HttpRequestMessage(method, bed.Host.Origin + path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/statuslist+jwt"));
        configure?.Invoke(request);
        return await StatusListHostBed.Http.SendAsync(request);
    }
}
