using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Credentials.AspNetCore.Tests.Hosting;

/// <summary>A real Kestrel server on 127.0.0.1:0 with captured logs, configured by the test.</summary>
internal sealed class LoopbackHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackHost(WebApplication app, string origin, CapturedLogs logs)
    {
        _app = app;
        Origin = origin;
        Logs = logs;
    }

    public string Origin { get; }

    public CapturedLogs Logs { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a server; <paramref name="services"/> may read <paramref name="origin"/> lazily (it is set once the port is known).</summary>
    public static async Task<LoopbackHost> StartAsync(Action<IServiceCollection, Func<string>> services, Action<WebApplication> map)
    {
        var logs = new CapturedLogs();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        string? origin = null;
        services(builder.Services, () => origin ?? throw new InvalidOperationException("The server has not started."));
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        origin = "http://127.0.0.1:" + new Uri(address).Port;
        return new LoopbackHost(app, origin, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
