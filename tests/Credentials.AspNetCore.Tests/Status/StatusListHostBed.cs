using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net.Http;
using System.Threading.Tasks;
using Credentials.AspNetCore.StatusLists;
using Credentials.AspNetCore.Tests.Hosting;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Status;
using Credentials.Testing;
using Credentials.Trust;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.AspNetCore.Tests.Status;

/// <summary>
/// A Kestrel host on loopback with <c>AddStatusLists</c> over a store, a fake clock that only the test moves, and the
/// lists created before the host starts; plus polling helpers, since the background service runs on its own.
/// </summary>
internal sealed class StatusListHostBed : IAsyncDisposable
{
    public const string ListPath = "/statuslists/";

    public static HttpClient Http { get; } = new();

    private StatusListHostBed(LoopbackHost host, FakeTimeProvider clock, IStatusListStore store, SigningKey key)
    {
        Host = host;
        Clock = clock;
        Store = store;
        Key = key;
    }

    public LoopbackHost Host { get; }

    public FakeTimeProvider Clock { get; }

    public IStatusListStore Store { get; }

    public SigningKey Key { get; }

    public IStatusListPublisher Publisher => Host.Services.GetRequiredService<IStatusListPublisher>();

    public StatusListIssuer Issuer => Host.Services.GetRequiredService<StatusListIssuer>();

    public static DateTimeOffset Start { get; } = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    public static string ListUri(int n) => "https://issuer.example" + ListPath + n;

    /// <summary>Creates the lists (2 bits, 1024 entries), then starts a host serving them at <c>/statuslists/{n}</c>.</summary>
    public static async Task<StatusListHostBed> StartAsync(
        IEnumerable<string> lists,
        Action<StatusListHostingOptions>? configure = null,
        IStatusListStore? store = null,
        Func<ISigner, ISigner>? wrapSigner = null,
        Action<IServiceCollection, Func<string>>? services = null,
        Action<WebApplication>? map = null)
    {
        var clock = new FakeTimeProvider(Start);
        var key = SigningKey.Create(JwsAlgorithm.Es256, "status-1");
        var baseStore = store ?? new InMemoryStatusListStore();
        foreach (var uri in lists)
        {
            await baseStore.CreateListAsync(uri, 2, 1024);
        }

        var host = await LoopbackHost.StartAsync(
            (s, origin) =>
            {
                s.AddSingleton<TimeProvider>(clock);
                s.AddSingleton(baseStore);
                s.AddStatusLists(o =>
                {
                    foreach (var uri in lists)
                    {
                        o.Lists.Add(uri);
                    }

                    o.Signer = wrapSigner is null ? key : wrapSigner(key);
                    o.TokenLifetime = TimeSpan.FromHours(1);
                    o.TimeToLive = TimeSpan.FromMinutes(10);
                    o.CheckInterval = TimeSpan.FromMinutes(5);
                    configure?.Invoke(o);
                });
                services?.Invoke(s, origin);
            },
            app =>
            {
                map?.Invoke(app);
                app.MapStatusLists(ListPath + "{id}", context => "https://issuer.example" + context.Request.Path);
            });
        return new StatusListHostBed(host, clock, baseStore, key);
    }

    /// <summary>Polls (real time, up to 10 s) until <paramref name="condition"/> holds; fails the test otherwise.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(10))
            {
                Assert.Fail("Timed out waiting: " + what);
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Waits until the store holds a token for <paramref name="uri"/> satisfying <paramref name="condition"/>.</summary>
    public async Task<string> WaitForTokenAsync(string uri, Func<string, bool>? condition = null)
    {
        string? token = null;
        await EventuallyAsync(async () =>
        {
            token = await Store.GetPublishedTokenAsync(uri);
            return token is not null && (condition is null || condition(token));
        }, "a token for " + uri);
        return token!;
    }

    /// <summary>GETs the list from the running endpoint.</summary>
    public async Task<string> GetServedAsync(int n)
    {
        using var response = await Http.GetAsync(new Uri(Host.Origin + ListPath + n));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Verifies a token as a relying party would, at the fake clock's time.</summary>
    public async Task<VerificationResult<StatusListToken>> VerifyAsync(string token, string uri)
    {
        var verifier = new StatusListTokenVerifier(new StaticIssuerKeyResolver(Key.PublicJwk), new StatusListTokenVerifierOptions { TimeProvider = Clock, ClockSkew = TimeSpan.Zero });
        return await verifier.VerifyAsync(token, uri);
    }

    public static StatusListTokenTimes Times(string token) => StatusListTokenTimes.TryRead(token) ?? throw new InvalidOperationException("Unreadable token.");

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Key.Dispose();
    }
}
