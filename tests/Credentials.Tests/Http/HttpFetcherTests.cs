using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Http;
using Credentials.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Credentials.Tests.Http;

/// <summary>The one guarded fetch and the guarded handler, against a real Kestrel server on 127.0.0.1.</summary>
public sealed class HttpFetcherTests : IAsyncLifetime, IDisposable
{
    private static readonly HttpFetchOptions Loopback = new() { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback, Timeout = TimeSpan.FromSeconds(5) };
    private readonly HttpClient _guarded = GuardedHttpHandler.CreateClient(Loopback);
    private readonly HttpClient _plain = new();
    private LoopbackServer? _server;
    private int _hits;
    private int _port;

    private string Origin => "http://127.0.0.1:" + _port;

    public async Task InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync(app =>
        {
            app.Use(async (context, next) =>
            {
                Interlocked.Increment(ref _hits);
                await next(context);
            });
            app.MapGet("/doc", () => Results.Text("{\"ok\":true}", "application/json"));
            app.MapGet("/html", () => Results.Text("<html/>", "text/html"));
            app.MapGet("/error", () => Results.Text("{\"error\":\"nope\"}", "application/json", statusCode: 500));
            app.MapGet("/gone", () => Results.StatusCode(410));
            app.MapGet("/big", () => Results.Text(new string('a', 4096), "application/json"));
            app.MapGet("/chunked", async (HttpContext context) =>
            {
                // No Content-Length: the fetch must stop reading at its cap.
                context.Response.ContentType = "application/json";
                var chunk = new byte[1024];
                for (var i = 0; i < 64 && !context.RequestAborted.IsCancellationRequested; i++)
                {
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                }
            });
            app.MapGet("/slow", async (HttpContext context) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
                return Results.Text("late");
            });
            app.MapGet("/redirect-same", () => Results.Redirect("/doc"));
            app.MapGet("/redirect-loop", () => Results.Redirect("/redirect-loop"));
            app.MapGet("/redirect-private", () => Results.Redirect("http://10.0.0.1/doc"));
            app.MapGet("/redirect-metadata", () => Results.Redirect("http://169.254.169.254/latest/meta-data/"));
            app.MapGet("/redirect-internal-name", () => Results.Redirect($"http://internal.test:{_port}/doc"));
            app.MapGet("/redirect-localhost", () => Results.Redirect($"http://localhost:{_port}/doc"));
            app.MapPost("/post-redirect", () => Results.Redirect("/doc"));
        });
        _port = _server.Port;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _guarded.Dispose();
        _plain.Dispose();
    }

    private Uri Url(string path) => new(Origin + path);

    [Fact]
    public async Task GetAsync_Served_ReturnsBodyStatusAndMediaType()
    {
        var result = await new HttpFetcher(_guarded, Loopback).GetAsync(Url("/doc"), ["application/json"], ["application/json"]);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(200, result.Value.StatusCode);
        Assert.Equal("application/json", result.Value.MediaType);
        Assert.Equal("{\"ok\":true}", Encoding.UTF8.GetString(result.Value.Body.Span));
    }

    [Fact]
    public async Task GetAsync_HostResolvingToRefusedAddress_RefusedAtConnectTime()
    {
        // A guarded client checks at connect time only: the fetcher does no pre-check of its own for it.
        using var client = GuardedHttpHandler.CreateClient(new HttpFetchOptions { AddressPolicy = HttpAddressPolicy.PublicOnly });
        var fetcher = new HttpFetcher(client, new HttpFetchOptions { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicOnly });
        var before = _hits;

        var result = await fetcher.GetAsync(new Uri($"http://localhost:{_port}/doc"));

        Assert.Equal(HttpErrors.AddressNotAllowed, result.Error?.Code);
        Assert.Equal(VerificationFailureKind.PolicyViolation, result.Error?.Kind);
        Assert.Equal(before, _hits);
    }

    [Fact]
    public async Task GetAsync_NameAnsweringPublicAndInternalAddresses_RefusedAtConnectTime()
    {
        // Rebinding with several records: a public address to pass a check, an internal one to be connected to. The
        // handler checks the very answer it connects with, and every address in it must be allowed.
        using var client = GuardedHttpHandler.CreateClientWithResolver(HttpAddressPolicy.PublicOnly, (_, _) =>
            ValueTask.FromResult(new[] { IPAddress.Parse("93.184.216.34"), IPAddress.Loopback }));
        var fetcher = new HttpFetcher(client, new HttpFetchOptions { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicOnly, Timeout = TimeSpan.FromSeconds(5) });
        var before = _hits;

        var result = await fetcher.GetAsync(new Uri($"http://rebind.test:{_port}/doc"));

        Assert.Equal(HttpErrors.AddressNotAllowed, result.Error?.Code);
        Assert.Equal(before, _hits);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    [InlineData("localhost")]
    public async Task Handler_UsedDirectly_RefusesTheConnectionWithAnHttpRequestException(string host)
    {
        // Any HttpClient on the guarded handler is protected, with or without HttpFetcher.
        using var client = new HttpClient(GuardedHttpHandler.Create());
        var before = _hits;

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"http://{host}:{_port}/doc"));

        Assert.IsType<HttpAddressRefusedException>(e.InnerException);
        Assert.Equal(before, _hits);
    }

    [Fact]
    public async Task GetAsync_PlainClientAndRefusedName_RefusedBeforeAnyRequest()
    {
        var before = _hits;

        var result = await new HttpFetcher(_plain, Loopback with { AddressPolicy = HttpAddressPolicy.PublicOnly }).GetAsync(new Uri($"http://localhost:{_port}/doc"));

        Assert.Equal(HttpErrors.AddressNotAllowed, result.Error?.Code);
        Assert.Equal(before, _hits);
    }

    [Fact]
    public async Task GetAsync_LiteralRefusedAddress_RefusedBeforeAnyRequestWhateverTheClient()
    {
        var before = _hits;

        var result = await new HttpFetcher(GuardedHttpHandler.CreateClient(Loopback), Loopback with { AddressPolicy = HttpAddressPolicy.PublicOnly }).GetAsync(Url("/doc"));

        Assert.Equal(HttpErrors.AddressNotAllowed, result.Error?.Code);
        Assert.Equal(before, _hits);
    }

    [Fact]
    public async Task GetAsync_HostNameDoesNotResolve_FailsWithNotFound()
    {
        using var client = GuardedHttpHandler.CreateClientWithResolver(HttpAddressPolicy.PublicAndLoopback, (_, _) => ValueTask.FromResult(Array.Empty<IPAddress>()));

        var result = await new HttpFetcher(client, Loopback).GetAsync(new Uri("http://nowhere.test/doc"));

        Assert.Equal(HttpErrors.NotFound, result.Error?.Code);
    }

    [Theory]
    [InlineData("/redirect-private")]
    [InlineData("/redirect-metadata")]
    public async Task GetAsync_RedirectToRefusedAddress_Refused(string path)
    {
        var options = Loopback with { AllowCrossOriginRedirects = true };

        var guarded = await new HttpFetcher(_guarded, options).GetAsync(Url(path));
        var plain = await new HttpFetcher(new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }), options).GetAsync(Url(path));

        Assert.Equal(HttpErrors.AddressNotAllowed, guarded.Error?.Code);
        Assert.Equal(HttpErrors.AddressNotAllowed, plain.Error?.Code);
    }

    [Fact]
    public async Task GetAsync_RedirectToNameResolvingToRefusedAddress_RefusedAtConnectTime()
    {
        using var client = GuardedHttpHandler.CreateClientWithResolver(HttpAddressPolicy.PublicAndLoopback, (host, _) =>
            ValueTask.FromResult(host == "internal.test" ? [IPAddress.Parse("10.1.2.3")] : new[] { IPAddress.Loopback }));
        var fetcher = new HttpFetcher(client, Loopback with { AllowCrossOriginRedirects = true });

        var result = await fetcher.GetAsync(Url("/redirect-internal-name"));

        Assert.Equal(HttpErrors.AddressNotAllowed, result.Error?.Code);
    }

    [Fact]
    public async Task GetAsync_RedirectToAnotherOrigin_RefusedUnlessAllowed()
    {
        var refused = await new HttpFetcher(_guarded, Loopback).GetAsync(Url("/redirect-localhost"));
        var allowed = await new HttpFetcher(_guarded, Loopback with { AllowCrossOriginRedirects = true }).GetAsync(Url("/redirect-localhost"));

        // A client that follows redirects by itself is judged by where it ended.
        var followed = await new HttpFetcher(_plain, Loopback).GetAsync(Url("/redirect-localhost"));

        Assert.Equal(HttpErrors.RedirectNotAllowed, refused.Error?.Code);
        Assert.True(allowed.IsValid, allowed.Error?.ToString());
        Assert.Equal(new Uri($"http://localhost:{_port}/doc"), allowed.Value.Uri);
        Assert.Equal(HttpErrors.RedirectNotAllowed, followed.Error?.Code);
    }

    [Fact]
    public async Task GetAsync_RedirectToAnotherOriginOverHttpWhenHttpsRequired_InsecureTransport()
    {
        var fetcher = new HttpFetcher(_guarded, Loopback with { AllowCrossOriginRedirects = true, RequireHttps = true });

        var result = await fetcher.GetAsync(Url("/doc"));

        Assert.Equal(HttpErrors.InsecureTransport, result.Error?.Code);
    }

    [Fact]
    public async Task GetAsync_SameOriginRedirects_FollowedUpToTheLimit()
    {
        var followed = await new HttpFetcher(_guarded, Loopback).GetAsync(Url("/redirect-same"));
        var loop = await new HttpFetcher(_guarded, Loopback).GetAsync(Url("/redirect-loop"));
        var none = await new HttpFetcher(_guarded, Loopback with { MaxRedirects = 0 }).GetAsync(Url("/redirect-same"));

        Assert.True(followed.IsValid, followed.Error?.ToString());
        Assert.Equal(Url("/doc"), followed.Value.Uri);
        Assert.Equal(HttpErrors.RedirectNotAllowed, loop.Error?.Code);
        Assert.Equal(HttpErrors.RedirectNotAllowed, none.Error?.Code);
    }

    [Fact]
    public async Task SendAsync_PostRedirected_Refused()
    {
        var result = await new HttpFetcher(_guarded, Loopback).SendAsync(new HttpFetchRequest { Uri = Url("/post-redirect"), Method = HttpMethod.Post, Content = new StringContent("x") });

        Assert.Equal(HttpErrors.RedirectNotAllowed, result.Error?.Code);
    }

    [Theory]
    [InlineData("/big")]
    [InlineData("/chunked")]
    public async Task GetAsync_OversizedBody_FailsWithTooLarge(string path)
    {
        var result = await new HttpFetcher(_guarded, Loopback with { MaxResponseBytes = 1024 }).GetAsync(Url(path));

        Assert.Equal(HttpErrors.TooLarge, result.Error?.Code);
    }

    [Fact]
    public async Task GetAsync_BodyExactlyAtTheCap_Read()
    {
        var result = await new HttpFetcher(_guarded, Loopback with { MaxResponseBytes = 4096 }).GetAsync(Url("/big"));

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(4096, result.Value.Body.Length);
    }

    [Fact]
    public async Task GetAsync_UnexpectedMediaType_Refused()
    {
        var result = await new HttpFetcher(_guarded, Loopback).GetAsync(Url("/html"), acceptedMediaTypes: ["application/json"]);

        Assert.Equal(HttpErrors.UnexpectedMediaType, result.Error?.Code);
    }

    [Theory]
    [InlineData("/missing", "http.not_found")]
    [InlineData("/gone", "http.not_found")]
    [InlineData("/error", "http.error_status")]
    public async Task GetAsync_ErrorStatus_FailsWithItsCode(string path, string code)
    {
        var result = await new HttpFetcher(_guarded, Loopback).GetAsync(Url(path));

        Assert.Equal(code, result.Error?.Code.Value);
        Assert.Equal(VerificationFailureKind.ResolutionFailed, result.Error?.Kind);
    }

    [Fact]
    public async Task SendAsync_ErrorResponsesReturned_BodyReadForTheCaller()
    {
        var result = await new HttpFetcher(_guarded, Loopback).SendAsync(new HttpFetchRequest { Uri = Url("/error"), ReturnErrorResponses = true });

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(500, result.Value.StatusCode);
        Assert.False(result.Value.IsSuccessStatusCode);
        Assert.Equal("{\"error\":\"nope\"}", Encoding.UTF8.GetString(result.Value.Body.Span));
    }

    [Fact]
    public async Task GetAsync_SlowServer_FailsWithTimeoutQuickly()
    {
        var stopwatch = Stopwatch.StartNew();

        var result = await new HttpFetcher(_guarded, Loopback with { Timeout = TimeSpan.FromMilliseconds(300) }).GetAsync(Url("/slow"));

        Assert.Equal(HttpErrors.Timeout, result.Error?.Code);
        // The server answers after 10 s: well under that proves the fetcher gave up, however slow the machine.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(8), stopwatch.Elapsed.ToString());
    }

    [Fact]
    public async Task GetAsync_CallerCancels_Throws()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new HttpFetcher(_guarded, Loopback).GetAsync(Url("/slow"), cancellationToken: cts.Token));
    }

    [Fact]
    public async Task GetAsync_HttpWhenHttpsRequired_RefusedWithoutAnyRequest()
    {
        var before = _hits;

        var result = await new HttpFetcher(_guarded, Loopback with { RequireHttps = true }).GetAsync(Url("/doc"));

        Assert.Equal(HttpErrors.InsecureTransport, result.Error?.Code);
        Assert.Equal(before, _hits);
    }

    [Fact]
    public async Task GetAsync_ConnectionRefused_FailsWithFailed()
    {
        // Held bound without listening: refused for the whole test, and no other process can listen there meanwhile.
        using var refused = new Credentials.Testing.Ports.RefusedPort();

        var result = await new HttpFetcher(_guarded, Loopback).GetAsync(new Uri(refused.Url + "/doc"));

        Assert.Equal(HttpErrors.Failed, result.Error?.Code);
    }

    [Fact]
    public void Constructor_BadOptions_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HttpFetcher(_plain, new HttpFetchOptions { MaxResponseBytes = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HttpFetcher(_plain, new HttpFetchOptions { Timeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HttpFetcher(_plain, new HttpFetchOptions { MaxRedirects = -1 }));
        Assert.Throws<ArgumentNullException>(() => new HttpFetcher(_plain, new HttpFetchOptions { AddressPolicy = null! }));
        Assert.Throws<ArgumentNullException>(() => new HttpFetcher(null!));
    }
}
