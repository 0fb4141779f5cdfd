using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Credentials.Protocols;
using Credentials.Samples.Web.Localization;
using Credentials.Samples.Web.Security;
using Credentials.Samples.Web.Checker;
using Credentials.Samples.Web.Desk;
using Credentials.Samples.Web.Shop;
using Credentials.Samples.Web.Trust;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.WebEncoders;

namespace Credentials.Samples.Web;

/// <summary>
/// The sample web app: one ASP.NET Core app on loopback with the shop's age check (<c>/shop</c>), the exam body's
/// issuing desk (<c>/desk</c>) and the credential checker (<c>/checker</c>). <c>Program.cs</c> and the browser tests
/// both build it here.
/// </summary>
public static class WebApp
{
    /// <summary>The pages the index links to, and their titles.</summary>
    public static IReadOnlyList<(string Path, string Japanese, string English)> Pages { get; } =
    [
        ("/shop", "年齢確認", "Age check"),
        ("/desk", "発行デスク", "Issuing desk"),
        ("/checker", "バッジ確認", "Credential checker"),
    ];

    /// <summary>Builds the app (not started): services, security headers, static files and every feature.</summary>
    /// <param name="settings">The data folder, the port and the clock.</param>
    public static WebApplication Build(WebAppSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var baseDirectory = AppContext.BaseDirectory;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = settings.Arguments,
            ApplicationName = typeof(WebApp).Assembly.GetName().Name,
            ContentRootPath = baseDirectory,
            WebRootPath = Path.Combine(baseDirectory, "wwwroot"),
            EnvironmentName = settings.EnvironmentName,
        });

        // Loopback only: the sample keys are demo keys and the pages have no user accounts worth the name.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, settings.Port));
        var data = new WebData(settings.DataDirectory);
        builder.Services.AddSingleton(data);
        builder.Services.AddSingleton(settings.TimeProvider);
        builder.Services.AddSingleton<WebOrigin>();
        builder.Services.AddHttpContextAccessor();
        // Japanese text as text in the HTML, not as numeric character references.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddScoped<Texts>();
        builder.Services.AddRazorPages();
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = ".Credentials.Web.Antiforgery";
            o.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
        });
        builder.Services.AddDataProtection().SetApplicationName("credentials-samples-web").PersistKeysToFileSystem(new DirectoryInfo(data.PathOf("data-protection")));
        builder.Services.TryAddSingleton<IProtocolStateStore>(sp => new InMemoryProtocolStateStore(new InMemoryProtocolStateStoreOptions { TimeProvider = sp.GetRequiredService<TimeProvider>() }));
        builder.Services.AddSingleton<SampleTrust>();
        builder.Services.AddAuthorization();

        // One line per feature (each in its own folder).
        builder.AddShop();
        builder.AddDesk();
        builder.AddChecker();

        var app = builder.Build();
        app.UseSecurityHeaders();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseDeclaredBodyLimit();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapLanguageSwitch();
        app.MapRazorPages();

        app.MapShop();
        app.MapDesk();
        app.MapChecker();

        return app;
    }

    /// <summary>The origin the started app listens on, for example <c>http://127.0.0.1:5180</c>.</summary>
    /// <param name="app">The started app.</param>
    public static string Origin(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<WebOrigin>().Value;
    }
}
