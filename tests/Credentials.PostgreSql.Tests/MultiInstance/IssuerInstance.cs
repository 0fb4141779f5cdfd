using System;
using System.Linq;
using System.Threading.Tasks;
using Credentials.AspNetCore;
using Credentials.Keys;
using Credentials.OAuth;
using Credentials.OpenId4Vci;
using Credentials.SdJwt;
using Credentials.Status;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Credentials.PostgreSql.Tests.MultiInstance;

/// <summary>
/// One issuer instance as a deployment runs it: its own <see cref="WebApplication"/> (DI container) on real Kestrel at
/// 127.0.0.1 on a port of its own, its own <c>NpgsqlDataSource</c> (registered by the library's
/// <c>AddPostgreSql*Store</c>), and the configuration every instance shares: the public Credential Issuer Identifier
/// (the load balancer's URL), the signing key, the status list, DPoP with server nonces.
/// </summary>
internal sealed class IssuerInstance : IAsyncDisposable
{
    public const string AgeConfiguration = "age_sd_jwt";
    public const string AgeVct = "https://credentials.example.jp/vct/age/v1";

    private readonly WebApplication _app;

    private IssuerInstance(string name, WebApplication app, Uri origin)
    {
        Name = name;
        _app = app;
        Origin = origin;
        Issuer = app.Services.GetRequiredService<OpenId4VciIssuer>();
        StatusLists = app.Services.GetRequiredService<StatusListIssuer>();
        StatusStore = app.Services.GetRequiredService<IStatusListStore>();
    }

    /// <summary>A name for the test output (A, B).</summary>
    public string Name { get; }

    /// <summary>Where this instance listens (http://127.0.0.1:port); wallets never see it, only the load balancer does.</summary>
    public Uri Origin { get; }

    /// <summary>This instance's issuer (its own singleton, over the shared database).</summary>
    public OpenId4VciIssuer Issuer { get; }

    /// <summary>This instance's status list manager (its own singleton, over the shared database).</summary>
    public StatusListIssuer StatusLists { get; }

    /// <summary>This instance's status list store (its own data source, the shared database).</summary>
    public IStatusListStore StatusStore { get; }

    public static async Task<IssuerInstance> StartAsync(string name, string connectionString, SharedIssuerConfiguration shared)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddPostgreSqlProtocolStateStore(connectionString);
        builder.Services.AddPostgreSqlStatusListStore(connectionString);
        builder.Services.AddSingleton(services => new StatusListIssuer(
            services.GetRequiredService<IStatusListStore>(),
            new StatusListTokenIssuer(shared.SigningKey, new StatusListTokenIssuerOptions { Issuer = shared.CredentialIssuer, TimeProvider = shared.Clock })));
        builder.Services.AddOpenId4VciIssuer(services => new OpenId4VciIssuerOptions
        {
            CredentialIssuer = shared.CredentialIssuer,
            Signer = shared.SigningKey,
            AllowHttp = true,
            TimeProvider = shared.Clock,
            StatusLists = services.GetRequiredService<StatusListIssuer>(),
            StatusListUri = shared.StatusListUri,

            // DPoP with server nonces: the nonce keys, the proofs' jti and the token bindings all live in the shared store.
            Dpop = new OpenId4VciDpopOptions { Validation = new DpopProofValidatorOptions { RequireNonce = true } },
            CredentialConfigurations =
            [
                new IssuerCredentialConfiguration
                {
                    Id = AgeConfiguration,
                    Vct = AgeVct,
                    Display = [new CredentialDisplay { Name = "年齢確認証明書", Locale = "ja-JP" }],
                },
            ],
            ResolveDataset = (context, _) => ValueTask.FromResult<CredentialDataset?>(new CredentialDataset
            {
                Claims = SdJwtPayload.Create().Object("age_equal_or_over", a => a.Disclosable("18", true).Disclosable("20", true)).Claim("issuing_country", "JP"),
                ExpiresAt = shared.Clock.GetUtcNow().AddDays(365),
            }),
        });

        var app = builder.Build();
        app.MapOpenId4VciIssuer();
        app.MapStatusList(new Uri(shared.StatusListUri).AbsolutePath, shared.StatusListUri);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new IssuerInstance(name, app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>What every instance behind the load balancer is configured with alike.</summary>
internal sealed record SharedIssuerConfiguration(string CredentialIssuer, string StatusListUri, SigningKey SigningKey, TimeProvider Clock);
