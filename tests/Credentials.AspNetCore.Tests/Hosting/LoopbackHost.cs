using System;
using System.Threading.Tasks;
using Credentials.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Credentials.AspNetCore.Tests.Hosting;

/// <summary>The shared <see cref="LoopbackServer"/> with captured logs, configured by the test.</summary>
internal sealed class LoopbackHost : IAsyncDisposable
{
    private readonly LoopbackServer _server;

    private LoopbackHost(LoopbackServer server, CapturedLogs logs)
    {
        _server = server;
        Logs = logs;
    }

    public string Origin => _server.Origin;

    public CapturedLogs Logs { get; }

    public IServiceProvider Services => _server.Services;

    /// <summary>Starts a server; <paramref name="services"/> may read <paramref name="origin"/> lazily (it is set once the port is known).</summary>
    public static async Task<LoopbackHost> StartAsync(Action<IServiceCollection, Func<string>> services, Action<WebApplication> map)
    {
        var logs = new CapturedLogs();
        LoopbackServer? server = null;
        server = await LoopbackServer.StartAsync(map, builder =>
        {
            builder.Logging.AddProvider(logs);
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
            services(builder.Services, () => server?.Origin ?? throw new InvalidOperationException("The server has not started."));
        });
        return new LoopbackHost(server, logs);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
