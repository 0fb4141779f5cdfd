using System;
using System.Linq;
using System.Threading.Tasks;
using Credentials.AspNetCore.Storage;
using Credentials.Keys;
using Credentials.OpenId4Vci;
using Credentials.OpenId4Vp;
using Credentials.Protocols;
using Credentials.SdJwtVc;
using Credentials.Testing;
using Credentials.Trust;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace Credentials.AspNetCore.Tests.Hosting;

/// <summary>Every registration that keeps protocol state also purges it: at start-up and then at every interval of the app's clock.</summary>
public sealed class RegistrationCleanupTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly SigningKey _key = SigningKey.Create(JwsAlgorithm.Es256, "issuer-1");

    public void Dispose() => _key.Dispose();

    [Fact]
    public async Task AddOpenId4VciIssuer_Alone_PurgesAtStartAndEveryDefaultIntervalOfTheRegisteredClock()
    {
        var clock = TestClock.At(Start);
        var store = new PurgeRecordingStore();
        await store.TryAddAsync("openid4vci.c_nonce", "expired", "1", Start.AddMinutes(-1));
        await store.TryAddAsync("openid4vci.c_nonce", "live", "1", Start.AddHours(1));
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton<IProtocolStateStore>(store);
        builder.Services.AddOpenId4VciIssuer(RegistrationFixtures.Issuer("https://issuer.example", _key));
        using var host = builder.Build();

        await host.StartAsync();
        Assert.Equal(Start, await store.NextPurgeAsync());
        clock.Advance(ProtocolStateCleanupOptions.DefaultInterval);
        Assert.Equal(Start + ProtocolStateCleanupOptions.DefaultInterval, await store.NextPurgeAsync());
        await host.StopAsync();

        Assert.Null(await store.TryGetAsync("openid4vci.c_nonce", "expired", Start.AddMinutes(-2)));
        Assert.Equal("1", await store.TryGetAsync("openid4vci.c_nonce", "live", Start));
    }

    [Fact]
    public async Task AddProtocolStateCleanup_AfterTheVerifier_SetsTheIntervalAndClock()
    {
        var clock = TestClock.At(Start);
        var store = new PurgeRecordingStore();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<IProtocolStateStore>(store);
        builder.Services.AddSdJwtVcVerifier(o => o.IssuerKeys = new StaticIssuerKeyResolver(_key.PublicJwk));
        builder.Services.AddOpenId4VpVerifier(o =>
        {
            o.ClientId = "redirect_uri:https://shop.example/response";
            o.ResponseUri = new Uri("https://shop.example/response");
        });
        builder.Services.AddProtocolStateCleanup(new ProtocolStateCleanupOptions { Interval = TimeSpan.FromMinutes(1), TimeProvider = clock });
        using var host = builder.Build();

        await host.StartAsync();
        Assert.Equal(Start, await store.NextPurgeAsync());
        clock.Advance(TimeSpan.FromSeconds(59));
        await Task.Delay(100);
        Assert.Empty(store.Drain());
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(Start.AddMinutes(1), await store.NextPurgeAsync());
        await host.StopAsync();
    }

    [Fact]
    public async Task AddOpenId4VciIssuer_OptionsWithTheirOwnClock_PurgeWaitsForTheIssuerAndUsesItsClock()
    {
        // The issuer's clock is years behind the system clock: a purge on the system clock would remove live state.
        var past = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var clock = TestClock.At(past);
        var store = new PurgeRecordingStore();
        await store.TryAddAsync("openid4vci.c_nonce", "live", "1", past.AddHours(1));
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<IProtocolStateStore>(store);
        builder.Services.AddOpenId4VciIssuer(_ => new OpenId4VciIssuerOptions
        {
            CredentialIssuer = "https://issuer.example",
            Signer = _key,
            CredentialConfigurations = [new IssuerCredentialConfiguration { Id = "age", Vct = RegistrationFixtures.AgeVct }],
            ResolveDataset = (_, _) => ValueTask.FromResult<CredentialDataset?>(null),
            TimeProvider = clock,
        });
        using var host = builder.Build();

        await host.StartAsync();
        await Task.Delay(200);
        Assert.Empty(store.Drain());
        host.Services.GetRequiredService<OpenId4VciIssuer>();
        Assert.Equal(past, await store.NextPurgeAsync());
        await host.StopAsync();

        Assert.Equal("1", await store.TryGetAsync("openid4vci.c_nonce", "live", past));
    }

    [Fact]
    public void EveryRegistrationWithState_RegistersOneCleanupService()
    {
        var services = new ServiceCollection();
        services.AddSqliteProtocolStateStore("unused.db");
        services.AddProtocolStateCleanup();
        services.AddOpenId4VciIssuer(RegistrationFixtures.Issuer("https://issuer.example", _key));
        services.AddOpenId4VciIssuer("second", RegistrationFixtures.Issuer("https://issuer.example/second", _key));
        services.AddOpenId4VpVerifier(_ => new OpenId4VpVerifierOptions { ClientId = "redirect_uri:https://shop.example/response", ResponseUri = new Uri("https://shop.example/response") });
        services.AddOpenId4VpVerifier("shop", _ => { });
        services.AddInMemoryProtocolStateStore();

        var hosted = services.Where(d => d.ServiceType == typeof(IHostedService)).ToList();

        var cleanup = Assert.Single(hosted);
        Assert.Equal(typeof(ProtocolStateCleanupService), cleanup.ImplementationType ?? cleanup.ImplementationFactory?.Method.ReturnType);
    }

    [Fact]
    public void AddOpenId4VpVerifier_FuncOverload_RegistersTheCleanup()
    {
        var services = new ServiceCollection();
        services.AddSingleton(new SdJwtVcVerifier(new StaticIssuerKeyResolver(_key.PublicJwk)));
        services.AddOpenId4VpVerifier(_ => new OpenId4VpVerifierOptions { ClientId = "redirect_uri:https://shop.example/response", ResponseUri = new Uri("https://shop.example/response") });

        Assert.Single(services, d => d.ServiceType == typeof(IHostedService));
    }
}
