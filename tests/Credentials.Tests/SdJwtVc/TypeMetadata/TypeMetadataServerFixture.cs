using System;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Credentials.SdJwtVc.TypeMetadata;
using Credentials.SdJwtVc.TypeMetadata.Resolution;
using Credentials.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Credentials.Tests.SdJwtVc.TypeMetadata;

/// <summary>A real Kestrel server on 127.0.0.1 (dynamic port) serving Type Metadata documents and failure cases.</summary>
public sealed class TypeMetadataServerFixture : IAsyncLifetime
{
    private LoopbackServer? _server;
    private int _hits;

    public int Port { get; private set; }

    public int Hits => Volatile.Read(ref _hits);

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    public byte[] Document(string path, string? extends = null, string? extendsIntegrity = null)
    {
        var extra = extends is null ? string.Empty : $",\"extends\":\"{Url(extends)}\"" + (extendsIntegrity is null ? string.Empty : $",\"extends#integrity\":\"{extendsIntegrity}\"");
        return Encoding.UTF8.GetBytes($$"""{"vct":"{{Url(path)}}"{{extra}},"display":[{"locale":"ja-JP","name":"テスト資格"},{"locale":"en-US","name":"Test credential"}],"claims":[{"path":["name"],"display":[{"locale":"ja-JP","label":"氏名"},{"locale":"en-US","label":"Name"}],"mandatory":true}]}""");
    }

    public byte[] BaseDocument => Document("/types/base");

    public async Task InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync(app =>
        {
            app.Use(async (context, next) =>
            {
                Interlocked.Increment(ref _hits);
                await next(context);
            });

            app.MapGet("/types/base", () => Results.Bytes(BaseDocument, "application/json"));
            app.MapGet("/types/child", () => Results.Bytes(Document("/types/child", "/types/base", SubresourceIntegrity.Compute(BaseDocument)), "application/json"));
            app.MapGet("/types/child-bad-integrity", () => Results.Bytes(Document("/types/child-bad-integrity", "/types/base", SubresourceIntegrity.Compute(Encoding.UTF8.GetBytes("x"))), "application/json"));
            app.MapGet("/types/loop-a", () => Results.Bytes(Document("/types/loop-a", "/types/loop-b"), "application/json"));
            app.MapGet("/types/loop-b", () => Results.Bytes(Document("/types/loop-b", "/types/loop-a"), "application/json"));
            app.MapGet("/types/wrong-vct", () => Results.Bytes(BaseDocument, "application/json"));
            app.MapGet("/types/error", () => Results.StatusCode(500));
            app.MapGet("/types/gone", () => Results.StatusCode(410));
            app.MapGet("/types/invalid", () => Results.Text("{\"vct\":1}", "application/json"));
            app.MapGet("/types/big", () => Results.Text("{\"vct\":\"x\",\"d\":\"" + new string('a', 300 * 1024) + "\"}", "application/json"));
            app.MapGet("/types/chunked", async (HttpContext context) =>
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
            app.MapGet("/types/redirect-other-host", () => Results.Redirect($"http://localhost:{Port}/types/base"));
            app.MapGet("/types/redirect-same", () => Results.Redirect("/types/redirect-target"));
            app.MapGet("/types/redirect-target", () => Results.Bytes(Document("/types/redirect-same"), "application/json"));
            app.MapGet("/types/slow", async (HttpContext context) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
                return Results.Bytes(Document("/types/slow"), "application/json");
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
    }
}
