using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Samples.Issuer;
using Credentials.Testing.Ports;
using Xunit;

namespace Credentials.Samples.Tests.Issuer;

/// <summary>Runs <c>issuer serve</c> in-process until disposed (a normal stop, like Ctrl+C), keeping what it printed.</summary>
internal sealed class ServedIssuer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task<int> _serving;
    private readonly StringWriter _output;
    private readonly StringWriter _error;

    private ServedIssuer(string url, CancellationTokenSource stop, Task<int> serving, StringWriter output, StringWriter error)
    {
        Url = url;
        _stop = stop;
        _serving = serving;
        _output = output;
        _error = error;
    }

    /// <summary>The URL it listens on, <c>http://127.0.0.1:port</c>.</summary>
    public string Url { get; }

    /// <summary>What <c>serve</c> printed on standard output so far (readable after the stop too).</summary>
    public string Output => _output.ToString();

    /// <summary>What <c>serve</c> printed on standard error so far.</summary>
    public string Error => _error.ToString();

    /// <summary>
    /// Starts <c>serve</c> with <paramref name="args"/> and waits until <paramref name="readyUrl"/> answers. The
    /// address in <paramref name="args"/> is bound again while it is in use (a restart on the address of a server
    /// that was stopped: another process may hold the port for a moment).
    /// </summary>
    public static Task<ServedIssuer> StartAsync(TimeProvider clock, string[] args, HttpClient http, string readyUrl)
        => LoopbackPort.OnSamePortAsync(() => StartOnceAsync(clock, new Uri(readyUrl).GetLeftPart(UriPartial.Authority), args, http, readyUrl));

    /// <summary>
    /// Starts <c>serve</c> with <c>args(url)</c> on a fresh loopback URL and waits until <c>url + readyPath</c>
    /// answers; picks another port when the one picked was taken before <c>serve</c> could bind it.
    /// </summary>
    public static Task<ServedIssuer> StartOnFreshPortAsync(TimeProvider clock, Func<string, string[]> args, HttpClient http, string readyPath = "/.well-known/openid-credential-issuer")
        => LoopbackPort.OnFreshPortAsync(url => StartOnceAsync(clock, url, args(url), http, url + readyPath));

    private static async Task<ServedIssuer> StartOnceAsync(TimeProvider clock, string url, string[] args, HttpClient http, string readyUrl)
    {
        var stop = new CancellationTokenSource();
        var output = new StringWriter();
        var error = new StringWriter();
        var host = new CliHost(TextWriter.Synchronized(output), TextWriter.Synchronized(error), clock, UiLanguage.English, _ => null);
        var serving = CliApp.InvokeAsync(IssuerApp.CreateRootCommand(host), args, host, stop.Token);
        try
        {
            await WaitForAsync(http, readyUrl, serving);
        }
        catch (InvalidOperationException ex)
        {
            stop.Dispose();
            var printed = error.ToString() + output;
            if (printed.Contains(IssuerErrors.AddressInUse, StringComparison.Ordinal))
            {
                throw new PortTakenException(printed, ex);
            }

            throw new InvalidOperationException(ex.Message + " " + printed, ex);
        }

        return new ServedIssuer(url, stop, serving, output, error);
    }

    /// <summary>Polls <paramref name="url"/> until it answers, failing if <paramref name="serving"/> exits first.</summary>
    public static async Task<string> WaitForAsync(HttpClient http, string url, Task<int> serving)
    {
        // Up to a minute: a slow, shared machine may take long to start the server (and to load a PKCS#11 module).
        for (var i = 0; i < 600; i++)
        {
            if (serving.IsCompleted)
            {
                throw new InvalidOperationException($"serve exited early with {await serving}.");
            }

            try
            {
                return await http.GetStringAsync(url);
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException("The issuer did not start listening.");
    }

    /// <summary>Asks the server at <paramref name="url"/> for a new offer of <paramref name="type"/> and returns its link.</summary>
    public static async Task<string> OfferLinkAsync(HttpClient http, string url, string type)
    {
        using var response = await http.PostAsync(url + "/offers?types=" + type, null);
        response.EnsureSuccessStatusCode();
        using var document = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("link").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Assert.Equal(0, await _serving);
        _stop.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
