using System;
using System.Threading.Tasks;
using Credentials.AspNetCore;
using Credentials.AspNetCore.StatusLists;
using Credentials.AspNetCore.Storage;
using Credentials.OpenId4Vci;
using Credentials.Protocols;
using Credentials.Samples.Web.Trust;
using Credentials.Status;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Credentials.Samples.Web.Desk;

/// <summary>
/// Registers the issuing desk (発行デスク): the app's sample issuer (key, OpenID4VCI endpoints at the app's base URL,
/// Token Status List kept fresh and served), the staff sign-in, and the desk's pages and endpoints.
/// </summary>
public static partial class DeskExtensions
{
    /// <summary>The protocol state database's name in the data folder (offers, codes, tokens survive a restart).</summary>
    public const string ProtocolStateFileName = "protocol-state.db";

    /// <summary>The status list token's <c>ttl</c>: how long verifiers may cache it. Short, so a revocation shows soon.</summary>
    public static readonly TimeSpan StatusListTimeToLive = TimeSpan.FromMinutes(1);

    /// <summary>Registers the desk's services.</summary>
    /// <param name="builder">The app's builder.</param>
    public static WebApplicationBuilder AddDesk(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton(sp => new SampleIssuer(sp.GetRequiredService<WebData>().Directory, OriginOf(sp.GetRequiredService<WebOrigin>())));
        services.AddSingleton<ISampleIssuer>(sp => sp.GetRequiredService<SampleIssuer>());
        services.AddSingleton(sp => new DeskStore(sp.GetRequiredService<WebData>().Directory, sp.GetRequiredService<IDataProtectionProvider>()));
        services.AddSingleton(sp => new DeskStaffAccounts(sp.GetRequiredService<WebData>().Directory, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new DeskStatusListStore(SqliteStatusListStore.ForFile(sp.GetRequiredService<WebData>().PathOf(DeskStatusListStore.FileName))));
        services.AddSingleton<DeskIssuance>();
        services.AddSingleton<DeskLastUploads>();

        // The issuer's protocol state (offers, pre-authorized codes, tokens, nonces) in SQLite in the data folder: an
        // offer on the desk must still work after a restart. Replaces an in-memory store.
        services.Replace(ServiceDescriptor.Singleton<IProtocolStateStore>(sp => new SqliteProtocolStateStore(sp.GetRequiredService<WebData>().PathOf(ProtocolStateFileName))));

        // Built on first use, after the server has started: the Credential Issuer Identifier is the app's base URL.
        services.AddOpenId4VciIssuer(sp =>
        {
            var identity = sp.GetRequiredService<SampleIssuer>();
            var desk = sp.GetRequiredService<DeskIssuance>();
            var type = new IpaExamCredentialType();
            return new OpenId4VciIssuerOptions
            {
                CredentialIssuer = identity.Issuer,
                Signer = identity.Key,
                AllowHttp = identity.Issuer.StartsWith("http://", StringComparison.Ordinal),
                TimeProvider = sp.GetRequiredService<TimeProvider>(),
                StatusLists = sp.GetRequiredService<StatusListIssuer>(),
                StatusListUri = identity.StatusListUri,
                BatchSize = 1,
                Display = [new IssuerDisplay { Name = "情報処理技術者試験センター（サンプル）", Locale = "ja-JP" }, new IssuerDisplay { Name = "Exam centre (sample)", Locale = "en-US" }],
                CredentialConfigurations =
                [
                    new IssuerCredentialConfiguration
                    {
                        Id = type.Name,
                        Vct = type.Vct,
                        VctIntegrity = type.MetadataIntegrity,
                        Scope = type.Name,
                        Display = [new CredentialDisplay { Name = type.GetDisplayName(UiLanguage.Japanese), Locale = "ja-JP" }, new CredentialDisplay { Name = type.GetDisplayName(UiLanguage.English), Locale = "en-US" }],
                    },
                ],
                ResolveDataset = desk.ResolveDatasetAsync,
            };
        });

        // The Token Status List: signed by the issuer's key, re-signed before it expires and on every change.
        services.AddStatusLists(o => o.TimeToLive = StatusListTimeToLive);
        services.AddOptions<StatusListHostingOptions>().Configure<SampleIssuer, DeskStatusListStore>((o, identity, store) =>
        {
            o.Signer = identity.Key;
            o.Store = store.Store;

            // The token names its issuer, the app's base URL, known only once the server listens: resolved when the
            // first token is signed (after start). iss is optional in a Status List Token (draft-ietf-oauth-status-list
            // §5.1; sub, the list's URI, is required): with it, a verifier finds the signing key through its ordinary
            // issuer trust.
            o.ResolveIssuer = sp => sp.GetRequiredService<SampleIssuer>().Issuer;
        });

        services.AddAuthentication().AddCookie(DeskAuth.Scheme, o =>
        {
            o.LoginPath = DeskAuth.LoginPath;
            o.AccessDeniedPath = DeskAuth.LoginPath;
            o.ReturnUrlParameter = "returnUrl";
            o.Cookie.Name = ".Credentials.Web.Desk";
            o.Cookie.Path = DeskAuth.DeskPath;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
        });
        services.AddAuthorizationBuilder().AddPolicy(DeskAuth.Policy, p => p.AddAuthenticationSchemes(DeskAuth.Scheme).RequireAuthenticatedUser().RequireRole(DeskAuth.Role));
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeFolder("/Desk", DeskAuth.Policy);
            o.Conventions.AllowAnonymousToPage("/Desk/Login");
        });
        return builder;
    }

    /// <summary>Maps the desk: the OpenID4VCI issuer at the app's root, the status list, the desk's endpoints; creates the staff account on first start.</summary>
    /// <param name="app">The app.</param>
    public static WebApplication MapDesk(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var data = app.Services.GetRequiredService<WebData>();
        if (DeskStaffAccounts.EnsureCreated(data.Directory) is { } password)
        {
            // Shown once: only its hash is kept.
            Console.Out.WriteLine($"発行デスクのスタッフアカウント / Issuing desk staff account: {DeskStaffAccounts.DefaultUserName} / {password}");
            Console.Out.WriteLine("（このパスワードは今回だけ表示されます / this password is shown only this once）");
        }

        // The endpoint tells the desk which offer (its subject id) each issuance redeemed, and the credential's status
        // entry: the row is found by the offer itself, never by the wallet's holder key (one key may serve two offers).
        app.MapOpenId4VciIssuer(issuerPath: string.Empty, new OpenId4VciEndpointOptions
        {
            OnCredentialIssued = issued => issued.HttpContext.RequestServices.GetRequiredService<DeskIssuance>().RecordIssuedAsync(issued, issued.HttpContext.RequestAborted),
        });
        var identity = app.Services.GetRequiredService<SampleIssuer>();
        app.MapStatusLists(SampleIssuer.StatusListPath, _ => identity.StatusListUri, app.Services.GetRequiredService<DeskStatusListStore>().Store);
        DeskEndpoints.Map(app);

        // The status list exists (and is published) as soon as the app's address is known.
        var desk = app.Services.GetRequiredService<DeskIssuance>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Credentials.Samples.Web.Desk");
        app.Lifetime.ApplicationStarted.Register(() => _ = Task.Run(ReadyAsync));
        return app;

        async Task ReadyAsync()
        {
            try
            {
                await desk.EnsureReadyAsync(app.Lifetime.ApplicationStopping).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogNotReady(logger, ex);
            }
        }
    }

    private static Func<string?> OriginOf(WebOrigin origin) => () =>
    {
        try
        {
            return origin.Value;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    };

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "The desk's status list could not be created or published")]
    private static partial void LogNotReady(ILogger logger, Exception exception);
}
