using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Credentials.Browser.Tests.Hosting;
using Credentials.Samples.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace Credentials.Browser.Tests.Web;

/// <summary>
/// The sample web app (<see cref="WebApp.Build"/>) on 127.0.0.1, a free port, a fresh temporary data folder and a
/// fake clock, with pages opened in the shared headless Chromium (<see cref="BrowserFixture"/>). Console errors (a CSP
/// violation is one) and page errors of every page land in <see cref="Errors"/>.
/// </summary>
internal sealed class WebAppBed : IAsyncDisposable
{
    /// <summary>A tablet in landscape.</summary>
    public static readonly ViewportSize Tablet = new() { Width = 1024, Height = 768 };

    /// <summary>A phone in portrait.</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private readonly BrowserFixture _browser;
    private readonly List<IBrowserContext> _contexts = [];

    private WebAppBed(BrowserFixture browser, WebApplication app, string folder, FakeTimeProvider clock)
    {
        _browser = browser;
        App = app;
        DataDirectory = folder;
        Clock = clock;
    }

    /// <summary>The running app.</summary>
    public WebApplication App { get; }

    /// <summary>The app's services.</summary>
    public IServiceProvider Services => App.Services;

    /// <summary>The app's data folder (deleted at the end).</summary>
    public string DataDirectory { get; }

    /// <summary>The app's clock (starts at the real time; advance it to expire things).</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>The app's origin, for example <c>http://127.0.0.1:41234</c>.</summary>
    public string Origin => WebApp.Origin(App);

    /// <summary>Console errors and page errors of every page opened here.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Starts the app.</summary>
    /// <param name="browser">The shared Chromium.</param>
    public static async Task<WebAppBed> StartAsync(BrowserFixture browser)
    {
        var folder = Path.Combine(Path.GetTempPath(), "credentials-web-tests", Guid.NewGuid().ToString("N"));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var app = WebApp.Build(new WebAppSettings { DataDirectory = folder, Port = 0, TimeProvider = clock, EnvironmentName = "Development" });
        await app.StartAsync();
        return new WebAppBed(browser, app, folder, clock);
    }

    /// <summary>
    /// A new browser (its own cookies) and page whose <c>Accept-Language</c> is <paramref name="language"/>, sized
    /// <paramref name="viewport"/> (default <see cref="Tablet"/>).
    /// </summary>
    /// <param name="language"><c>ja</c> or <c>en</c>.</param>
    /// <param name="viewport">The window size.</param>
    public async Task<IPage> NewPageAsync(string language = "ja", ViewportSize? viewport = null)
    {
        var context = await _browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = viewport ?? Tablet,
            Locale = language == "en" ? "en-US" : "ja-JP",
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = language == "en" ? "en-US,en;q=0.9" : "ja-JP,ja;q=0.9" },
        });
        // Generous: CI runs the pages on a loaded 2-core machine; a wait only costs time when something is wrong.
        context.SetDefaultTimeout(45_000);
        context.SetDefaultNavigationTimeout(60_000);
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (Errors)
                {
                    Errors.Add(message.Text + " (" + message.Location + ")");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (Errors)
            {
                Errors.Add(error);
            }
        };
        return page;
    }

    /// <summary>A full-page screenshot into the artifacts folder (<c>CREDENTIALS_BROWSER_ARTIFACTS</c>); returns its path.</summary>
    /// <param name="page">The page.</param>
    /// <param name="name">The file name without extension, for example <c>web-shop-ja</c>.</param>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(BrowserFixture.ArtifactsDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
