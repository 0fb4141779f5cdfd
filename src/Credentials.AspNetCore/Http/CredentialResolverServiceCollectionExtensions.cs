using System;
using System.Linq;
using System.Net.Http;
using Credentials.Dids;
using Credentials.Http;
using Credentials.SdJwtVc.TypeMetadata.Resolution;
using Credentials.Status;
using Credentials.Trust;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Credentials.AspNetCore.Http;

/// <summary>Registers the resolvers that fetch over HTTP, on <c>IHttpClientFactory</c> and <c>HybridCache</c>.</summary>
public static class CredentialResolverServiceCollectionExtensions
{
    /// <summary>
    /// Registers, as singletons, the resolvers that fetch over HTTP, each on its named client
    /// (<see cref="CredentialsHttpClients"/>) whose primary handler is <see cref="GuardedHttpHandler"/>: the
    /// <see cref="DidResolver"/> (did:key, did:jwk, did:web) as <see cref="IDidResolver"/>, the
    /// <see cref="HttpStatusListResolver"/> as <see cref="IStatusListResolver"/>, the <see cref="HttpTypeMetadataResolver"/>
    /// as <see cref="ITypeMetadataResolver"/>, and the <see cref="JwtVcIssuerMetadataResolver"/> and
    /// <see cref="DidIssuerKeyResolver"/> behind one <see cref="IIssuerKeyResolver"/> (DIDs to the one, HTTPS issuers to
    /// the other). Services the application registered before are kept. Their caches are on <see cref="HybridCache"/>
    /// (registered if missing) unless <see cref="CredentialResolverOptions.UseHybridCache"/> is off.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Add resilience or other delegating handlers to the named clients, for example
    /// <c>services.AddHttpClient(CredentialsHttpClients.StatusList).AddStandardResilienceHandler()</c>. Do not replace
    /// their primary handler: it is where each connection's address is checked (request forgery, DNS rebinding), and a
    /// client whose primary handler was replaced is refused with an <see cref="InvalidOperationException"/> when created.
    /// </para>
    /// <para>
    /// The <see cref="IIssuerKeyResolver"/> proves a key belongs to the issuer named in the token, not that the issuer is
    /// trusted: combine it with the verifier's trusted issuers, or register your own resolver (a trust list) first.
    /// The Status List Tokens are verified with the registered <see cref="IIssuerKeyResolver"/>.
    /// </para>
    /// </remarks>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the resolvers' options (optional).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCredentialResolvers(this IServiceCollection services, Action<CredentialResolverOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<CredentialResolverOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(Registered)))
        {
            return services;
        }

        services.AddSingleton<Registered>();
        services.AddHybridCache();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHybridCacheSerializerFactory, ResolverCacheEntrySerializerFactory>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHttpMessageHandlerBuilderFilter, GuardedPrimaryHandlerFilter>());
        AddGuardedClient(services, CredentialsHttpClients.DidWeb, o => o.DidWeb.Http);
        AddGuardedClient(services, CredentialsHttpClients.StatusList, o => o.StatusList.Http);
        AddGuardedClient(services, CredentialsHttpClients.TypeMetadata, o => o.TypeMetadata.Http);
        AddGuardedClient(services, CredentialsHttpClients.IssuerMetadata, o => o.IssuerMetadata.Http);

        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<CredentialResolverOptions>>().Value;
            var web = o.DidWeb with { TimeProvider = Clock(sp, o.DidWeb.TimeProvider) };
            var dids = o.Dids with { TimeProvider = Clock(sp, o.Dids.TimeProvider) };
            dids = dids with { Cache = dids.Cache ?? Cache(sp, o, "did", dids.CacheDuration + dids.LastKnownGoodPeriod) };
            return DidResolver.CreateDefault(Client(sp, CredentialsHttpClients.DidWeb, web.Http), web, dids);
        });
        services.TryAddSingleton<IDidResolver>(sp => sp.GetRequiredService<DidResolver>());
        services.TryAddSingleton(sp => new DidIssuerKeyResolver(sp.GetRequiredService<DidResolver>()));

        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<CredentialResolverOptions>>().Value;
            var metadata = o.IssuerMetadata with { TimeProvider = Clock(sp, o.IssuerMetadata.TimeProvider) };
            metadata = metadata with { Cache = metadata.Cache ?? Cache(sp, o, "issuer-keys", metadata.CacheDuration + metadata.LastKnownGoodPeriod) };
            return new JwtVcIssuerMetadataResolver(Client(sp, CredentialsHttpClients.IssuerMetadata, metadata.Http), metadata);
        });
        services.TryAddSingleton<IIssuerKeyResolver>(sp => new IssuerKeyResolverRouter(sp.GetRequiredService<DidIssuerKeyResolver>(), sp.GetRequiredService<JwtVcIssuerMetadataResolver>()));

        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<CredentialResolverOptions>>().Value;
            var lists = o.StatusList with { TimeProvider = Clock(sp, o.StatusList.TimeProvider) };
            lists = lists with { Cache = lists.Cache ?? Cache(sp, o, "status-list", lists.MaxTimeToLive + lists.LastKnownGoodPeriod) };
            var tokens = o.StatusListTokens with { TimeProvider = Clock(sp, o.StatusListTokens.TimeProvider) };
            var verifier = new StatusListTokenVerifier(sp.GetRequiredService<IIssuerKeyResolver>(), tokens);
            return new HttpStatusListResolver(Client(sp, CredentialsHttpClients.StatusList, lists.Http), verifier, lists);
        });
        services.TryAddSingleton<IStatusListResolver>(sp => sp.GetRequiredService<HttpStatusListResolver>());

        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<CredentialResolverOptions>>().Value;
            var types = o.TypeMetadata with { TimeProvider = Clock(sp, o.TypeMetadata.TimeProvider) };
            types = types with { Cache = types.Cache ?? Cache(sp, o, "type-metadata", types.CacheDuration + types.LastKnownGoodPeriod) };
            return new HttpTypeMetadataResolver(Client(sp, CredentialsHttpClients.TypeMetadata, types.Http), types, o.TypeMetadataResolution);
        });
        services.TryAddSingleton<ITypeMetadataResolver>(sp => sp.GetRequiredService<HttpTypeMetadataResolver>());
        return services;
    }

    private static void AddGuardedClient(IServiceCollection services, string name, Func<CredentialResolverOptions, HttpFetchOptions> http)
        => services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(sp => GuardedHttpHandler.Create(http(sp.GetRequiredService<IOptions<CredentialResolverOptions>>().Value)));

    // The factory's client: its primary handler is checked by GuardedPrimaryHandlerFilter when created, so the fetcher
    // may rely on the handler's connect-time check. The resolvers are singletons and keep it; the guarded handler renews
    // its pooled connections, so DNS changes are followed.
    private static HttpClient Client(IServiceProvider services, string name, HttpFetchOptions http)
        => GuardedHttpHandler.MarkGuarded(services.GetRequiredService<IHttpClientFactory>().CreateClient(name), http.AddressPolicy);

    private static TimeProvider Clock(IServiceProvider services, TimeProvider configured)
        => ReferenceEquals(configured, TimeProvider.System) ? services.GetService<TimeProvider>() ?? configured : configured;

    private static HybridResolverCache? Cache(IServiceProvider services, CredentialResolverOptions options, string kind, TimeSpan maxLifetime)
        => options.UseHybridCache
            ? new HybridResolverCache(services.GetRequiredService<HybridCache>(), services.GetRequiredService<ILogger<HybridResolverCache>>(), kind, maxLifetime)
            : null;

    /// <summary>Marks the registration done, so a second call only adds its configuration.</summary>
    private sealed class Registered;
}
