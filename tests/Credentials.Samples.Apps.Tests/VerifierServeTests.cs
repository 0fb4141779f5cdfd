using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Samples.Verifier;
using Credentials.Testing.Ports;
using Xunit;

namespace Credentials.Samples.Apps.Tests;

/// <summary><c>verifier serve</c> on loopback: the caller's query is never replaced, state survives a restart, a busy port is named.</summary>
public sealed class VerifierServeTests : IDisposable
{
    private const string OwnQuery = """{"credentials":[{"id":"own_query","format":"dc+sd-jwt","meta":{"vct_values":["https://credentials.example.jp/vct/own/v1"]},"claims":[{"path":["given_name"]}]}]}""";
    private readonly AppTestBed _bed = new();
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _bed.Dispose();
    }

    [Fact]
    public async Task Requests_ChunkedDcqlBody_CreatesThatQueryNotTheDefault()
    {
        await using var server = await ServeOnFreshPortAsync();
        var url = server.Url;
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(OwnQuery)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, url + "/requests") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await _http.SendAsync(request);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var link = Uri.UnescapeDataString(body.RootElement.GetProperty("link").GetString()!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("own_query", link, StringComparison.Ordinal);
        Assert.DoesNotContain("age_over_20", link, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Requests_BodyOverTheLimit_413InvalidRequest(bool chunked)
    {
        await using var server = await ServeOnFreshPortAsync();
        var url = server.Url;
        var huge = OwnQuery.Replace("given_name", new string('a', 64 * 1024), StringComparison.Ordinal);
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, url + "/requests") { Content = content };
        request.Headers.TransferEncodingChunked = chunked;
        if (!chunked)
        {
            content.Headers.ContentLength = Encoding.UTF8.GetByteCount(huge);
        }

        using var response = await _http.SendAsync(request);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("invalid_request", body.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Requests_NamedQueryAndBody_400InvalidRequest()
    {
        await using var server = await ServeOnFreshPortAsync();
        var url = server.Url;

        using var response = await _http.PostAsync(url + "/requests?query=age-over-20", new StringContent(OwnQuery, Encoding.UTF8, "application/json"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", body.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Serve_RestartedOnTheSameState_PendingRequestIsStillKnown()
    {
        string url;
        string transactionId;
        await using (var first = await ServeOnFreshPortAsync())
        {
            url = first.Url;
            using var created = await _http.PostAsync(url + "/requests?query=age-over-20", null);
            using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
            transactionId = body.RootElement.GetProperty("transaction_id").GetString()!;
        }

        // A restart on the same address (the pending request's response URI names it), again while it is in use.
        await using var second = await LoopbackPort.OnSamePortAsync(() => ServeAsync(url));
        using var result = await _http.GetAsync(url + "/requests/" + transactionId);

        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        Assert.True(File.Exists(_bed.PathOf("verifier-state.db")));
    }

    [Fact]
    public async Task Serve_PortInUse_AddressInUseError()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var run = await _bed.VerifierAsync("serve", "--trust", _bed.IssuerPublicJwkPath, "--urls", $"http://127.0.0.1:{port}", "--state", _bed.PathOf("verifier-state.db"), "--json");

        Assert.Equal("verifier.address_in_use", run.ErrorCode);
    }

    /// <summary>Starts <c>serve</c> on a fresh loopback URL: another port if the one picked was taken before it could bind.</summary>
    private Task<Serving> ServeOnFreshPortAsync() => LoopbackPort.OnFreshPortAsync(ServeAsync);

    private async Task<Serving> ServeAsync(string url)
    {
        var stop = new CancellationTokenSource();
        var error = new StringWriter();
        var host = new CliHost(TextWriter.Synchronized(error), TextWriter.Synchronized(error), environment: name => _bed.Environment.GetValueOrDefault(name));
        var serving = CliApp.InvokeAsync(VerifierApp.CreateRootCommand(host), ["serve", "--trust", _bed.IssuerPublicJwkPath, "--urls", url, "--state", _bed.PathOf("verifier-state.db"), "--json"], host, stop.Token);
        for (var i = 0; ; i++)
        {
            if (serving.IsCompleted)
            {
                var exit = await serving;
                stop.Dispose();
                if (error.ToString().Contains("verifier.address_in_use", StringComparison.Ordinal))
                {
                    throw new PortTakenException(error.ToString());
                }

                throw new InvalidOperationException($"serve exited early with {exit}.");
            }

            try
            {
                using var probe = await _http.GetAsync(url + "/requests/none");
                break;
            }
            catch (HttpRequestException) when (i < 600)
            {
                await Task.Delay(100);
            }
        }

        return new Serving(url, stop, serving);
    }

    private sealed class Serving(string url, CancellationTokenSource stop, Task<int> serving) : IAsyncDisposable
    {
        public string Url => url;

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            Assert.Equal(0, await serving);
            stop.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }
}
