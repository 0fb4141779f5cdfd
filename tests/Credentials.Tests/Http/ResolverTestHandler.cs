using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Http;

namespace Credentials.Tests.Http;

/// <summary>
/// A stub primary handler that counts requests and answers what the test says (a body, a status, or a connection
/// failure), optionally holding every answer until <see cref="Release"/>. Its clients are marked guarded, so the
/// fetcher does not resolve the (made-up) host names.
/// </summary>
internal sealed class ResolverTestHandler : HttpMessageHandler
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _requests;

    public ResolverTestHandler(bool hold = false)
    {
        if (!hold)
        {
            _gate.SetResult();
        }
    }

    /// <summary>The answer's body for a request (default: <see cref="Body"/>).</summary>
    public Func<HttpRequestMessage, string>? BodyFor { get; set; }

    public string Body { get; set; } = "{}";

    public string MediaType { get; set; } = "application/json";

    public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

    /// <summary>Whether the connection fails (as when the server is down).</summary>
    public bool Unreachable { get; set; }

    public int Requests => Volatile.Read(ref _requests);

    public void Release() => _gate.TrySetResult();

    /// <summary>A client on this handler that the fetchers treat as guarded by <paramref name="policy"/>.</summary>
    public HttpClient Client(IHttpAddressPolicy? policy = null)
        => GuardedHttpHandler.MarkGuarded(new HttpClient(this, disposeHandler: false), policy ?? HttpAddressPolicy.PublicOnly);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        await _gate.Task.WaitAsync(cancellationToken);
        if (Unreachable)
        {
            throw new HttpRequestException("Connection refused (test).");
        }

        return new HttpResponseMessage(Status)
        {
            RequestMessage = request,
            Content = new StringContent(BodyFor?.Invoke(request) ?? Body, Encoding.UTF8, MediaType),
        };
    }
}
