using System;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Credentials.Tests.Dids;

/// <summary>A real Kestrel server on 127.0.0.1 (dynamic port) serving did:web documents and failure cases.</summary>
public sealed class DidWebServerFixture : IAsyncLifetime
{
    private LoopbackServer? _server;

    public SigningKey Key { get; } = SigningKey.Create(JwsAlgorithm.Es256);

    public int Port { get; private set; }

    private int _hits;

    public int Hits => Volatile.Read(ref _hits);

    /// <summary>The did:web for a path on this server, for example <c>ok</c> → <c>did:web:127.0.0.1%3Aport:ok</c>.</summary>
    public Did DidFor(string? path) => path is null ? DidWeb.Create("127.0.0.1", Port) : DidWeb.Create("127.0.0.1", Port, path.Split('/'));

    public string DocumentFor(Did did) => DidWeb.CreateDocument(did, [Key.PublicJwk with { Kid = null }]).ToJson();

    public async Task InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync(app =>
        {
            app.Use(async (context, next) =>
            {
                Interlocked.Increment(ref _hits);
                await next(context);
            });

            app.MapGet("/.well-known/did.json", () => Results.Text(DocumentFor(DidFor(null)), "application/did+json"));
            app.MapGet("/ok/did.json", () => Results.Text(DocumentFor(DidFor("ok")), "application/did+json"));
            app.MapGet("/wrongid/did.json", () => Results.Text(DocumentFor(DidFor("ok")), "application/did+json"));
            app.MapGet("/invalid/did.json", () => Results.Text("{\"id\":\"x\",\"id\":\"y\"}", "application/json"));
            app.MapGet("/big/did.json", () => Results.Text("{\"id\":\"" + DidFor("big").Value + "\",\"x\":\"" + new string('a', 300 * 1024) + "\"}", "application/json"));
            app.MapGet("/chunked/did.json", async (HttpContext context) =>
            {
                // No Content-Length: the resolver must stop reading at its cap.
                context.Response.ContentType = "application/json";
                var chunk = new byte[16 * 1024];
                Array.Fill(chunk, (byte)' ');
                for (var i = 0; i < 64 && !context.RequestAborted.IsCancellationRequested; i++)
                {
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                }
            });
            app.MapGet("/html/did.json", () => Results.Text(DocumentFor(DidFor("html")), "text/html"));
            app.MapGet("/text/did.json", () => Results.Text(DocumentFor(DidFor("text")), "text/plain"));
            app.MapGet("/untyped/did.json", async (HttpContext context) => await context.Response.Body.WriteAsync(System.Text.Encoding.UTF8.GetBytes(DocumentFor(DidFor("untyped")))));
            app.MapGet("/json/did.json", () => Results.Text(DocumentFor(DidFor("json")), "application/json"));
            app.MapGet("/ld/did.json", () => Results.Text(DocumentFor(DidFor("ld")), "application/did+ld+json"));
            app.MapGet("/charset/did.json", () => Results.Text(DocumentFor(DidFor("charset")), "application/did+json; charset=utf-8"));
            app.MapGet("/redirect-other/did.json", () => Results.Redirect($"http://localhost:{Port}/ok/did.json"));
            app.MapGet("/redirect-same/did.json", () => Results.Redirect("/redirect-target/did.json"));
            app.MapGet("/redirect-target/did.json", () => Results.Text(DocumentFor(DidFor("redirect-same")), "application/did+json"));
            app.MapGet("/slow/did.json", async (HttpContext context) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
                return Results.Text(DocumentFor(DidFor("slow")));
            });
        });
        Port = _server.Port;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Key.Dispose();
    }
}
