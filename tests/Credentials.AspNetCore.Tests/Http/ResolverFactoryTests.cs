using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Credentials.AspNetCore.Http;
using Credentials.AspNetCore.Tests.Hosting;
using Credentials.Dids;
using Credentials.Http;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwtVc.TypeMetadata.Resolution;
using Credentials.Status;
using Credentials.Testing;
using Credentials.Trust;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.AspNetCore.Tests.Http;

/// <summary>
/// The resolvers registered on <c>IHttpClientFactory</c> and <c>HybridCache</c>, fetching from a real Kestrel server on
/// loopback (allowed explicitly: the default address policy refuses it).
/// </summary>
public sealed class ResolverFactoryTests : IAsyncLifetime, IDisposable
{
    private static readonly HttpFetchOptions s_loopbackHttp = HttpFetchOptions.Default with { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback };
    private readonly SigningKey _old = SigningKey.Create(JwsAlgorithm.Es256, "key-1");
    private readonly SigningKey _new = SigningKey.Create(JwsAlgorithm.Es256, "key-2");
    private readonly FakeTimeProvider _clock = TestClock.At(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private volatile TaskCompletionSource _gate = Released();
    private LoopbackServer? _server;
    private volatile string _jwks = string.Empty;
    private volatile string _list = string.Empty;
    private volatile int _status = 200;
    private int _hits;

    private LoopbackServer Server => _server!;

    private string Issuer => Server.Origin + "/tenant";

    public async Task InitializeAsync()
    {
        _jwks = Jwks(_old);
        _server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/.well-known/jwt-vc-issuer/tenant", async () =>
            {
                Interlocked.Increment(ref _hits);
                await _gate.Task;
                return _status == 200
                    ? Results.Text("{\"issuer\":\"" + Issuer + "\",\"jwks\":" + _jwks + "}", "application/json")
                    : Results.StatusCode(_status);
            });
            app.MapGet("/lists/1", () =>
            {
                Interlocked.Increment(ref _hits);
                return _status == 200 ? Results.Text(_list, StatusListTokenIssuer.MediaType) : Results.StatusCode(_status);
            });
        });
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _old.Dispose();
        _new.Dispose();
    }

    [Fact]
    public void AddCredentialResolvers_RegistersEveryResolverAsAService()
    {
        using var services = Services();

        Assert.IsType<DidResolver>(services.GetService<IDidResolver>());
        Assert.IsType<HttpStatusListResolver>(services.GetService<IStatusListResolver>());
        Assert.IsType<HttpTypeMetadataResolver>(services.GetService<ITypeMetadataResolver>());
        Assert.NotNull(services.GetService<IIssuerKeyResolver>());
        Assert.Same(services.GetService<IStatusListResolver>(), services.GetService<IStatusListResolver>());
    }

    [Fact]
    public void AddCredentialResolvers_KeepsAResolverTheApplicationRegistered()
    {
        var mine = new StaticIssuerKeyResolver(_old.PublicJwk);
        using var services = Services(s => s.AddSingleton<IIssuerKeyResolver>(mine));

        Assert.Same(mine, services.GetService<IIssuerKeyResolver>());
    }

    [Theory]
    [InlineData(CredentialsHttpClients.DidWeb)]
    [InlineData(CredentialsHttpClients.StatusList)]
    [InlineData(CredentialsHttpClients.TypeMetadata)]
    [InlineData(CredentialsHttpClients.IssuerMetadata)]
    public void NamedClient_PrimaryHandlerIsTheGuardedHandler(string name)
    {
        using var services = Services();
        var handler = services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(name);
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler!;
        }

        var primary = Assert.IsType<SocketsHttpHandler>(handler);
        Assert.NotNull(primary.ConnectCallback);
        Assert.False(primary.AllowAutoRedirect);
        Assert.False(primary.UseProxy);
    }

    [Fact]
    public void NamedClient_PrimaryHandlerReplacedByTheApplication_IsRefused()
    {
        using var services = Services(after: s => s.AddHttpClient(CredentialsHttpClients.StatusList).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler()));

        Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IHttpClientFactory>().CreateClient(CredentialsHttpClients.StatusList));
        Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IStatusListResolver>());
    }

    [Fact]
    public void NamedClient_PrimaryHandlerConfiguredBeforeRegistration_IsReplacedByTheGuard()
    {
        using var services = Services(s => s.AddHttpClient(CredentialsHttpClients.StatusList).ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler()));
        var handler = services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(CredentialsHttpClients.StatusList);
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler!;
        }

        Assert.NotNull(Assert.IsType<SocketsHttpHandler>(handler).ConnectCallback);
    }

    [Fact]
    public async Task NamedClient_DelegatingHandlerAdded_RunsInFrontOfTheGuard()
    {
        var counting = new CountingHandler();
        using var services = Services(after: s => s.AddHttpClient(CredentialsHttpClients.IssuerMetadata).AddHttpMessageHandler(() => counting));
        var resolver = services.GetRequiredService<JwtVcIssuerMetadataResolver>();

        Assert.True((await resolver.ResolveAsync(Request("key-1"))).IsValid);
        Assert.Equal(1, counting.Requests);
    }

    [Fact]
    public async Task DefaultAddressPolicy_LoopbackThroughTheFactoryClient_IsRefused()
    {
        using var services = Services(configure: o => o.IssuerMetadata = o.IssuerMetadata with { Http = HttpFetchOptions.Default with { RequireHttps = false } });
        var resolver = services.GetRequiredService<JwtVcIssuerMetadataResolver>();

        var result = await resolver.ResolveAsync(Request("key-1"));

        Assert.Equal(HttpErrors.AddressNotAllowed, result.Error?.Code);
        Assert.Equal(0, Volatile.Read(ref _hits));
    }

    [Fact]
    public async Task HybridCache_ManyConcurrentVerificationsForOneIssuer_FetchOnce()
    {
        using var services = Services();
        var resolver = services.GetRequiredService<IIssuerKeyResolver>();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _gate = gate;

        var verifications = Enumerable.Range(0, 40).Select(_ => resolver.ResolveAsync(Request("key-1")).AsTask()).ToArray();
        await WaitForAsync(() => Volatile.Read(ref _hits) >= 1);
        await Task.Delay(100);
        gate.SetResult();
        var results = await Task.WhenAll(verifications);

        Assert.All(results, r => Assert.True(r.IsValid, r.Error?.ToString()));
        Assert.Equal(1, Volatile.Read(ref _hits));
        Assert.True((await resolver.ResolveAsync(Request("key-1"))).IsValid);
        Assert.Equal(1, Volatile.Read(ref _hits));
    }

    [Fact]
    public async Task HybridCache_IssuerDownAfterCacheDuration_ServesLastKeysMarkedStale()
    {
        using var services = Services();
        var resolver = services.GetRequiredService<JwtVcIssuerMetadataResolver>();
        Assert.True((await resolver.ResolveAsync(Request("key-1"))).IsValid);

        _clock.Advance(TimeSpan.FromMinutes(11));
        _status = 503;
        var keys = await resolver.GetKeysAsync(Issuer);

        Assert.True(keys.IsValid, keys.Error?.ToString());
        Assert.True(keys.Value.IsStaleAt(_clock.GetUtcNow()));
        Assert.Equal(2, Volatile.Read(ref _hits));

        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpErrors.ErrorStatus, (await resolver.GetKeysAsync(Issuer)).Error?.Code);
    }

    [Fact]
    public async Task HybridCache_TokenNamesARotatedInKey_RefetchesOnceWithinTheInterval()
    {
        using var services = Services();
        var resolver = services.GetRequiredService<IIssuerKeyResolver>();
        Assert.True((await resolver.ResolveAsync(Request("key-1"))).IsValid);

        _jwks = Jwks(_old, _new);
        _clock.Advance(TimeSpan.FromSeconds(31));
        var rotated = await resolver.ResolveAsync(Request("key-2"));
        var madeUp = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => resolver.ResolveAsync(Request("made-up-" + i)).AsTask()));

        Assert.True(rotated.IsValid, rotated.Error?.ToString());
        Assert.All(madeUp, r => Assert.Equal(TrustErrors.KeyNotFound, r.Error?.Code));
        Assert.Equal(2, Volatile.Read(ref _hits));
    }

    [Fact]
    public async Task HybridCache_StatusList_KeptForItsTtlThenServedStaleWhileTheProviderIsDown()
    {
        using var services = Services(s => s.AddSingleton<IIssuerKeyResolver>(new StaticIssuerKeyResolver(_old.PublicJwk)));
        var resolver = services.GetRequiredService<HttpStatusListResolver>();
        var reference = new StatusReference(Server.Origin + "/lists/1", 3);
        var issuer = new StatusListTokenIssuer(_old, new StatusListTokenIssuerOptions { TimeProvider = _clock, TimeToLive = TimeSpan.FromMinutes(5) });
        _list = await issuer.IssueAsync(reference.Uri, new StatusListBuilder(1, 16).Set(3, StatusValue.Invalid));

        Assert.Equal(StatusValue.Invalid, (await resolver.GetStatusAsync(reference)).Value);
        _clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(StatusValue.Invalid, (await resolver.GetStatusAsync(reference)).Value);
        Assert.Equal(1, Volatile.Read(ref _hits));

        _clock.Advance(TimeSpan.FromMinutes(2));
        _status = 503;
        var stale = await resolver.GetTokenEntryAsync(reference);

        Assert.True(stale.IsValid, stale.Error?.ToString());
        Assert.True(stale.Value.IsStaleAt(_clock.GetUtcNow()));
        Assert.Equal(2, Volatile.Read(ref _hits));
    }

    [Fact]
    public async Task HybridCache_StatusListInvalidated_FetchedAfreshWithoutTouchingTheDistributedCache()
    {
        var distributed = new RecordingDistributedCache();
        using var services = Services(s =>
        {
            s.AddSingleton<IIssuerKeyResolver>(new StaticIssuerKeyResolver(_old.PublicJwk));
            s.AddSingleton<IDistributedCache>(distributed);
        });
        var resolver = services.GetRequiredService<HttpStatusListResolver>();
        var reference = new StatusReference(Server.Origin + "/lists/1", 3);
        var issuer = new StatusListTokenIssuer(_old, new StatusListTokenIssuerOptions { TimeProvider = _clock, TimeToLive = TimeSpan.FromMinutes(5) });
        _list = await issuer.IssueAsync(reference.Uri, new StatusListBuilder(1, 16).Set(3, StatusValue.Invalid));
        Assert.Equal(StatusValue.Invalid, (await resolver.GetStatusAsync(reference)).Value);

        _list = await issuer.IssueAsync(reference.Uri, new StatusListBuilder(1, 16).Set(4, StatusValue.Invalid));
        await resolver.InvalidateAsync(reference.Uri);
        Assert.Equal(StatusValue.Invalid, (await resolver.GetStatusAsync(reference with { Index = 4 })).Value);
        Assert.Equal(StatusValue.Invalid, (await resolver.GetStatusAsync(reference with { Index = 4 })).Value);
        Assert.Equal(2, Volatile.Read(ref _hits));

        resolver.Invalidate(reference.Uri);
        Assert.Equal(StatusValue.Invalid, (await resolver.GetStatusAsync(reference with { Index = 4 })).Value);
        Assert.Equal(3, Volatile.Read(ref _hits));
        // HybridCache itself may read its tag-invalidation marker there; nothing of the resolvers' reaches that store.
        Assert.DoesNotContain(distributed.Calls, c => c.StartsWith("Remove", StringComparison.Ordinal) || c.Contains("credentials", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Logs_NameTheHostAndCodeOnly()
    {
        var logs = new CapturedLogs();
        using var services = Services(s => s.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug)));
        var resolver = services.GetRequiredService<JwtVcIssuerMetadataResolver>();
        _status = 500;

        await resolver.ResolveAsync(Request("key-1"));

        var entries = logs.Entries.Where(e => e.Category == typeof(HybridResolverCache).FullName).ToArray();
        Assert.Contains(entries, e => e.EventId.Id == 1500);
        var failed = Assert.Single(entries, e => e.EventId.Id == 1501);
        Assert.Contains("127.0.0.1", failed.Message, StringComparison.Ordinal);
        Assert.Contains("http.error_status", failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("/tenant", string.Join("\n", entries.Select(e => e.Message)), StringComparison.Ordinal);
    }

    private ServiceProvider Services(Action<IServiceCollection>? before = null, Action<CredentialResolverOptions>? configure = null, Action<IServiceCollection>? after = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        before?.Invoke(services);
        services.AddCredentialResolvers(o =>
        {
            o.DidWeb = o.DidWeb with { Http = s_loopbackHttp };
            o.StatusList = o.StatusList with { Http = s_loopbackHttp };
            o.TypeMetadata = o.TypeMetadata with { Http = s_loopbackHttp };
            o.IssuerMetadata = o.IssuerMetadata with { Http = s_loopbackHttp };
            configure?.Invoke(o);
        });
        after?.Invoke(services);
        return services.BuildServiceProvider();
    }

    private static TaskCompletionSource Released()
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        released.SetResult();
        return released;
    }

    private IssuerKeyRequest Request(string kid)
    {
        using var signer = SigningKey.Create(JwsAlgorithm.Es256, kid);
        return new IssuerKeyRequest(Issuer, Jws.ReadCompact(JwsWriter.SignCompact(signer, "{}"u8)).Value);
    }

    private static string Jwks(params SigningKey[] keys) => "{\"keys\":[" + string.Join(",", keys.Select(k => k.PublicJwk.ToJson())) + "]}";

    private static async Task WaitForAsync(Func<bool> condition)
    {
        // Up to 30 s: a loaded machine may take long to schedule the first request.
        for (var i = 0; i < 1200 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition());
    }

    /// <summary>A distributed cache that stores nothing and records every call made to it.</summary>
    private sealed class RecordingDistributedCache : IDistributedCache
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _calls = new();

        public string[] Calls => _calls.ToArray();

        public byte[]? Get(string key) => Record<byte[]?>(nameof(Get), key, null);

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Task.FromResult(Record<byte[]?>(nameof(GetAsync), key, null));

        public void Refresh(string key) => Record(nameof(Refresh), key, 0);

        public Task RefreshAsync(string key, CancellationToken token = default) => Task.FromResult(Record(nameof(RefreshAsync), key, 0));

        public void Remove(string key) => Record(nameof(Remove), key, 0);

        public Task RemoveAsync(string key, CancellationToken token = default) => Task.FromResult(Record(nameof(RemoveAsync), key, 0));

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Record(nameof(Set), key, 0);

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) => Task.FromResult(Record(nameof(SetAsync), key, 0));

        private T Record<T>(string method, string key, T result)
        {
            _calls.Enqueue(method + " " + key);
            return result;
        }
    }

    private sealed class CountingHandler : DelegatingHandler
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
