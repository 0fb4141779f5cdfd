using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Credentials.Testing;

/// <summary>
/// A real Kestrel server on 127.0.0.1 with a port chosen by the system, serving what the test maps. Logging is off
/// unless <c>configure</c> adds a provider.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private LoopbackServer(WebApplication app, int port)
    {
        App = app;
        Port = port;
        Origin = "http://127.0.0.1:" + port;
        BaseAddress = new Uri(Origin + "/");
        Client = new HttpClient { BaseAddress = BaseAddress };
    }

    /// <summary>The running application.</summary>
    public WebApplication App { get; }

    /// <summary>The application's services.</summary>
    public IServiceProvider Services => App.Services;

    /// <summary>The port the server listens on.</summary>
    public int Port { get; }

    /// <summary>The origin, <c>http://127.0.0.1:port</c> (no trailing slash).</summary>
    public string Origin { get; }

    /// <summary>The base address, <c>http://127.0.0.1:port/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>A plain client whose <see cref="HttpClient.BaseAddress"/> is this server; disposed with the server.</summary>
    public HttpClient Client { get; }

    /// <summary>The absolute URL of <paramref name="pathAndQuery"/> on this server, for example <c>Url("/a?b=1")</c>.</summary>
    /// <param name="pathAndQuery">A path starting with <c>/</c>, with an optional query.</param>
    public Uri Url(string pathAndQuery) => new(Origin + pathAndQuery);

    /// <summary>Builds the application, maps its endpoints and starts listening.</summary>
    /// <param name="map">Adds middleware and endpoints to the built application.</param>
    /// <param name="configure">Adds services or logging before the application is built (optional).</param>
    public static async Task<LoopbackServer> StartAsync(Action<WebApplication> map, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        configure?.Invoke(builder);
        var app = builder.Build();
        try
        {
            map(app);
            await app.StartAsync().ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new LoopbackServer(app, new Uri(address).Port);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops the server and releases the client and the application.</summary>
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync().ConfigureAwait(false);
        await App.DisposeAsync().ConfigureAwait(false);
    }
}
