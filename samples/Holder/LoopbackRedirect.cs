using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.Samples.Holder;

/// <summary>
/// The redirect URI of a native app on loopback (RFC 8252 section 7.3): <c>http://127.0.0.1:PORT/callback</c> on an
/// ephemeral (or given) port, answering the browser's one redirect with a short page and handing its URL over.
/// </summary>
internal sealed class LoopbackRedirect : IDisposable
{
    private const string CallbackPath = "/callback";
    private readonly HttpListener _listener;
    private readonly Uri _origin;

    private LoopbackRedirect(HttpListener listener, int port)
    {
        _listener = listener;
        _origin = new Uri($"http://127.0.0.1:{port}");
        RedirectUri = new Uri(_origin, CallbackPath);
    }

    /// <summary>The redirect URI to register in the authorization request.</summary>
    public Uri RedirectUri { get; }

    /// <summary>Starts listening on 127.0.0.1 only.</summary>
    /// <param name="port">The port; 0 for a free one.</param>
    public static LoopbackRedirect Start(int port)
    {
        if (port != 0)
        {
            return Listen(port);
        }

        // HttpListener cannot bind port 0: ask the system for a free one first. Another process may take it before
        // the listener binds it, so a few fresh ports are tried.
        for (var attempt = 1; ; attempt++)
        {
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }

            try
            {
                return Listen(port);
            }
            catch (Exception ex) when (attempt < 5 && ex is HttpListenerException or SocketException)
            {
            }
        }
    }

    private static LoopbackRedirect Listen(int port)
    {
        var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        try
        {
            listener.Start();
        }
        catch
        {
            listener.Close();
            throw;
        }

        return new LoopbackRedirect(listener, port);
    }

    /// <summary>Waits for the browser to arrive at the callback path; other paths get 404 and are ignored.</summary>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="timeProvider">The clock of the timeout.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The full redirect URL, or <see langword="null"/> on timeout.</returns>
    public async Task<Uri?> WaitAsync(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null;
            }

            var raw = context.Request.RawUrl ?? "/";
            var url = new Uri(_origin, raw);
            var callback = string.Equals(url.AbsolutePath, CallbackPath, StringComparison.Ordinal);
            var page = Encoding.UTF8.GetBytes(callback
                ? "<!doctype html><meta charset=\"utf-8\"><title>holder</title><p>The wallet has the answer; you can close this window.</p><p>ウォレットが応答を受け取りました。このウィンドウを閉じてください。</p>"
                : "Not found");
            context.Response.StatusCode = callback ? 200 : 404;
            context.Response.ContentType = callback ? "text/html; charset=utf-8" : "text/plain";
            context.Response.ContentLength64 = page.Length;
            await context.Response.OutputStream.WriteAsync(page, cancellationToken).ConfigureAwait(false);
            context.Response.Close();
            if (callback)
            {
                return url;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => ((IDisposable)_listener).Dispose();
}
