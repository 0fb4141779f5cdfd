using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Credentials.AspNetCore.Storage;
using Credentials.AspNetCore.Tests.Storage;
using Credentials.Dids;
using Credentials.Http;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.Status;
using Credentials.Testing;
using Credentials.Trust;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.AspNetCore.Tests.Status;

/// <summary>A real Kestrel server on 127.0.0.1 serving Status List Tokens from a SQLite store.</summary>
public sealed class StatusListServerTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan s_ttl = TimeSpan.FromMinutes(5);
    private readonly TempDatabase _db = new();
    private readonly SigningKey _key = SigningKey.Create(JwsAlgorithm.Es256, "status-1");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));
    private readonly HttpClient _http = new();
    private LoopbackServer? _server;
    private SqliteStatusListStore _store = null!;
    private int _hits;

    private string BaseUrl { get; set; } = string.Empty;

    public async Task InitializeAsync()
    {
        _store = SqliteStatusListStore.ForFile(_db.Path);
        _server = await LoopbackServer.StartAsync(
            app =>
            {
                app.Use(async (context, next) =>
                {
                    Interlocked.Increment(ref _hits);
                    await next(context);
                });

                // The list URI is the public URL of the request, as credentials reference it.
                app.MapStatusLists("/statuslists/{id}", context => $"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}");
            },
            configure: builder => builder.Services.AddSingleton<IStatusListStore>(_store));
        BaseUrl = _server.Origin;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Dispose();
    }

    public void Dispose()
    {
        _http.Dispose();
        _key.Dispose();
        _db.Dispose();
    }

    [Fact]
    public async Task GetStatusAsync_RevokeAndRepublish_RevokedOnlyAfterCachedTtlPasses()
    {
        var uri = $"{BaseUrl}/statuslists/1";
        var manager = Manager();
        await manager.CreateListAsync(uri, 2, 4096);
        var credential = (await manager.TryAllocateAsync(uri))!;
        var neighbour = (await manager.TryAllocateAsync(uri))!;
        await manager.PublishAsync(uri);
        var resolver = Resolver();

        Assert.Equal(StatusValue.Valid, (await resolver.GetStatusAsync(credential)).Value);
        var hitsAfterFirstFetch = Volatile.Read(ref _hits);

        await manager.RevokeAsync(credential);
        await manager.PublishAsync(uri);
        _clock.Advance(s_ttl - TimeSpan.FromSeconds(1));

        Assert.Equal(StatusValue.Valid, (await resolver.GetStatusAsync(credential)).Value);
        Assert.Equal(hitsAfterFirstFetch, Volatile.Read(ref _hits));

        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(StatusValue.Invalid, (await resolver.GetStatusAsync(credential)).Value);
        Assert.Equal(StatusValue.Valid, (await resolver.GetStatusAsync(neighbour)).Value);
        Assert.Equal(hitsAfterFirstFetch + 1, Volatile.Read(ref _hits));
    }

    [Fact]
    public async Task GetStatusAsync_SuspendThenUnsuspend_FollowsEachPublishedList()
    {
        var uri = $"{BaseUrl}/statuslists/2";
        var manager = Manager();
        await manager.CreateListAsync(uri, 2, 1024);
        var credential = (await manager.TryAllocateAsync(uri))!;
        var resolver = Resolver();

        await manager.SuspendAsync(credential);
        await manager.PublishAsync(uri);
        Assert.Equal(StatusValue.Suspended, (await resolver.GetStatusAsync(credential)).Value);

        await manager.UnsuspendAsync(credential);
        await manager.PublishAsync(uri);
        _clock.Advance(s_ttl);
        Assert.Equal(StatusValue.Valid, (await resolver.GetStatusAsync(credential)).Value);
    }

    [Fact]
    public async Task Get_PublishedList_ServesStatusListJwtContentTypeWithoutCorsOfItsOwn()
    {
        var uri = $"{BaseUrl}/statuslists/3";
        var manager = Manager();
        await manager.CreateListAsync(uri, 1, 1024);
        var published = await manager.PublishAsync(uri);

        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/statuslist+jwt"));
        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/statuslist+jwt", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(published, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_UnknownOrUnpublishedList_Returns404()
    {
        await Manager().CreateListAsync($"{BaseUrl}/statuslists/4", 1, 64);

        using var unknown = await _http.GetAsync($"{BaseUrl}/statuslists/404");
        using var unpublished = await _http.GetAsync($"{BaseUrl}/statuslists/4");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unpublished.StatusCode);
    }

    [Fact]
    public async Task Get_HistoricalTimeQuery_Returns501()
    {
        var uri = $"{BaseUrl}/statuslists/5";
        await Manager().CreateListAsync(uri, 1, 64);
        await Manager().PublishAsync(uri);

        using var response = await _http.GetAsync(uri + "?time=1686925000");

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task GetStatusAsync_UnpublishedList_FailsWithNotFound()
    {
        var result = await Resolver().GetStatusAsync(new StatusReference($"{BaseUrl}/statuslists/999", 0));

        Assert.Equal(HttpErrors.NotFound, result.Error?.Code);
    }

    private StatusListIssuer Manager()
        => new(_store, new StatusListTokenIssuer(_key, new StatusListTokenIssuerOptions { TimeProvider = _clock, TimeToLive = s_ttl, Lifetime = TimeSpan.FromDays(1) }));

    private HttpStatusListResolver Resolver()
    {
        var verifier = new StatusListTokenVerifier(new StaticIssuerKeyResolver(_key.PublicJwk), new StatusListTokenVerifierOptions { TimeProvider = _clock });
        return new HttpStatusListResolver(_http, verifier, new HttpStatusListResolverOptions
        {
            Http = new() { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback },
            TimeProvider = _clock,
        });
    }

}
