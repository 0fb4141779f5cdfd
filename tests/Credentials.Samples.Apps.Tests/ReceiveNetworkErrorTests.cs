using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Testing.Ports;
using Xunit;

namespace Credentials.Samples.Apps.Tests;

/// <summary>
/// <c>holder receive</c> from an issuer it cannot reach says which URL and why: the host name does not resolve (DNS),
/// nothing listens there (refused), the TLS handshake fails, or no answer comes in time (timeout).
/// </summary>
public sealed class ReceiveNetworkErrorTests
{
    [Fact]
    public async Task Receive_NothingListens_SaysTheUrlAndRefused()
    {
        using var bed = new AppTestBed();
        await bed.CreateWalletWithKeyAsync();
        // Held bound without listening: connections are refused, and no other process can listen there meanwhile.
        using var refused = new RefusedPort();
        var url = refused.Url + "/credential-offer/1";

        var run = await ReceiveAsync(bed, url, "--allow-local-network");

        AssertNetworkError(run, "http.failed", url, "refused");
    }

    [Fact]
    public async Task Receive_HostNameDoesNotResolve_SaysTheUrlAndDns()
    {
        using var bed = new AppTestBed();
        await bed.CreateWalletWithKeyAsync();
        const string url = "https://issuer.no-such-host.invalid/credential-offer/1";

        // A slow name server must not turn the answer into a timeout.
        var run = await ReceiveAsync(bed, url, "--timeout", "60");

        AssertNetworkError(run, "http.not_found", url, "dns");
    }

    [Fact]
    public async Task Receive_ServerDoesNotSpeakTls_SaysTheUrlAndTls()
    {
        using var bed = new AppTestBed();
        await bed.CreateWalletWithKeyAsync();
        using var server = new RawServer(answer: "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
        var url = $"https://127.0.0.1:{server.Port}/credential-offer/1";

        var run = await ReceiveAsync(bed, url, "--allow-local-network");

        AssertNetworkError(run, "http.failed", url, "tls");
    }

    [Fact]
    public async Task Receive_ServerNeverAnswers_SaysTheUrlAndTimeout()
    {
        using var bed = new AppTestBed();
        await bed.CreateWalletWithKeyAsync();
        using var server = new RawServer(answer: null);
        var url = $"http://127.0.0.1:{server.Port}/credential-offer/1";

        var run = await ReceiveAsync(bed, url, "--allow-local-network", "--timeout", "1");

        AssertNetworkError(run, "http.timeout", url, "timeout");

        // Finding out what failed adds nothing to what the wallet sends (no trace headers).
        var received = await server.Received.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.StartsWith("GET /credential-offer/1 ", received, StringComparison.Ordinal);
        Assert.DoesNotContain("traceparent", received, StringComparison.OrdinalIgnoreCase);
    }

    private static Task<AppRun> ReceiveAsync(AppTestBed bed, string offerUri, params string[] extra)
        => bed.HolderAsync(["receive", "openid-credential-offer://?credential_offer_uri=" + Uri.EscapeDataString(offerUri), "--wallet", bed.WalletPath, "--trust", bed.IssuerPublicJwkPath, "--yes", "--json", .. extra]);

    private static void AssertNetworkError(AppRun run, string code, string url, string cause)
    {
        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal(code, run.ErrorCode);
        var error = run.Json["error"]!;
        Assert.Equal(url, (string?)error["url"]);
        Assert.Equal(cause, (string?)error["cause"]);
        Assert.Contains(url, (string?)error["message"], StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace((string?)error["hint"]));
    }

    /// <summary>A TCP server on loopback that answers every connection with fixed bytes, or never.</summary>
    private sealed class RawServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();

        public RawServer(string? answer)
        {
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _ = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    if (answer is null)
                    {
                        var buffer = new byte[4096];
                        var read = await client.GetStream().ReadAsync(buffer, _stop.Token);
                        _received.TrySetResult(Encoding.ASCII.GetString(buffer, 0, read));
                        await Task.Delay(Timeout.Infinite, _stop.Token);
                    }

                    await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(answer!), _stop.Token);
                }
            });
        }

        public int Port { get; }

        /// <summary>What the first connection sent, when the server never answers.</summary>
        private readonly TaskCompletionSource<string> _received = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The first request's bytes, once the server has read them.</summary>
        public Task<string> Received => _received.Task;

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }
    }
}
