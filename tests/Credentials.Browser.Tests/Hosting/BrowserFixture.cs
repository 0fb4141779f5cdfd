using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Xunit;

namespace Credentials.Browser.Tests.Hosting;

/// <summary>
/// One headless Chromium (the system's, see <see cref="Chromium"/>) for the whole collection, driven by Playwright's
/// bundled driver; each test opens its own context (fresh storage, its own init scripts). A missing Chromium fails
/// every test with a message that says how to install it.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The Chromium executable in use.</summary>
    public string ExecutablePath { get; private set; } = string.Empty;

    /// <summary>The browser's version string.</summary>
    public string Version => Browser.Version;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    /// <summary>
    /// Where screenshots go: <c>CREDENTIALS_BROWSER_ARTIFACTS</c> when set (CI sets it inside its results directory),
    /// else <c>TestResults/browser</c> of this test project.
    /// </summary>
    public static string ArtifactsDirectory
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("CREDENTIALS_BROWSER_ARTIFACTS");
            var path = !string.IsNullOrWhiteSpace(configured)
                ? configured
                : Path.Combine(Credentials.Testing.RepositoryRoot.Path, "tests", "Credentials.Browser.Tests", "TestResults", "browser");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    public async Task InitializeAsync()
    {
        ExecutablePath = Chromium.Locate();
        // Playwright must never fetch a browser build: the system Chromium is launched by path.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
            Timeout = 60_000,
        });
    }

    /// <summary>A fresh context and page; console errors and page errors are collected into <paramref name="errors"/>.</summary>
    /// <param name="errors">Receives console errors (a CSP violation is one) and uncaught page errors.</param>
    /// <param name="initScript">Runs before the page's scripts (see <see cref="InjectedWallet"/>).</param>
    /// <param name="wallet">The injected wallet: gets <c>{origin, digital}</c> as JSON and the frame the call came from, answers JSON.</param>
    public async Task<(IBrowserContext Context, IPage Page)> NewPageAsync(List<string> errors, string? initScript = null, Func<string, string, Task<string>>? wallet = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 800, Height = 600 } });
        // Generous: CI runs the pages on a loaded 2-core machine; a wait only costs time when something is wrong.
        context.SetDefaultTimeout(45_000);
        context.SetDefaultNavigationTimeout(60_000);
        if (wallet is not null)
        {
            // The frame's URL as the browser reports it, not what the page says about itself.
            await context.ExposeBindingAsync(InjectedWallet.BindingName, (BindingSource source, string request) => wallet(source.Frame.Url, request));
        }

        if (initScript is not null)
        {
            await context.AddInitScriptAsync(initScript);
        }

        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (errors)
                {
                    errors.Add(message.Text + " (" + message.Location + ")");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (errors)
            {
                errors.Add(error);
            }
        };
        return (context, page);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
