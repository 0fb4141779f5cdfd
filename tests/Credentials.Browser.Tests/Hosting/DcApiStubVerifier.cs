using System;
using System.Collections.Concurrent;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Credentials.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Credentials.Browser.Tests.Hosting;

/// <summary>
/// A Kestrel app on 127.0.0.1 serving the test page and stand-in request/response endpoints whose answers the test
/// sets, to drive the script through each outcome without a real verifier. Bodies posted to the response endpoint are
/// recorded.
/// </summary>
internal sealed class DcApiStubVerifier : IAsyncDisposable
{
    public const string RequestPath = "/dc-api/request";
    public const string ResponsePath = "/dc-api/response";

    private readonly LoopbackServer _server;

    private DcApiStubVerifier(LoopbackServer server)
    {
        _server = server;
    }

    public string Origin => _server.Origin;

    public string PageUrl => _server.Origin + DcApiTestPage.Path;

    /// <summary>What the request endpoint answers (status, JSON).</summary>
    public (int Status, string Json) RequestAnswer { get; set; } =
        (200, """{"protocol":"openid4vp-v1-unsigned","data":{"response_type":"vp_token","response_mode":"dc_api","nonce":"n-0S6_WzA2Mj"},"transaction_id":"tx-1"}""");

    /// <summary>What the response endpoint answers (status, JSON).</summary>
    public (int Status, string Json) ResponseAnswer { get; set; } = (200, """{"status":"accepted","claims":{"age_over_20":true}}""");

    public ConcurrentQueue<string> RequestBodies { get; } = new();

    public ConcurrentQueue<string> ResponseBodies { get; } = new();

    public static async Task<DcApiStubVerifier> StartAsync()
    {
        DcApiStubVerifier? stub = null;
        var server = await LoopbackServer.StartAsync(app =>
        {
            DcApiTestPage.Map(app, RequestPath, ResponsePath);
            app.MapPost(RequestPath, async context => await AnswerAsync(context, stub!.RequestBodies, stub.RequestAnswer));
            app.MapPost(ResponsePath, async context => await AnswerAsync(context, stub!.ResponseBodies, stub.ResponseAnswer));
        });
        stub = new DcApiStubVerifier(server);
        return stub;
    }

    private static async Task AnswerAsync(HttpContext context, ConcurrentQueue<string> bodies, (int Status, string Json) answer)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        bodies.Enqueue(await reader.ReadToEndAsync());
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(answer.Json);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
