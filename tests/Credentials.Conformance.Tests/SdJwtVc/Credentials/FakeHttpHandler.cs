using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.Conformance.Tests.SdJwtVc.Credentials;

/// <summary>
/// Answers HTTP requests from a table of canned responses, keyed by absolute URI, and records each request (URI and
/// Accept header). Unknown URIs get 404. No network, no TLS: the resolvers' own guards (scheme, address policy on IP
/// literals, redirects, size) still run before the handler is called.
/// </summary>
internal sealed class FakeHttpHandler : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, Func<HttpRequestMessage, HttpResponseMessage>> _responses = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(Uri Uri, string Accept)> _requests = new();

    public IReadOnlyList<(Uri Uri, string Accept)> Requests => [.. _requests];

    public void Serve(string uri, string body, string mediaType, HttpStatusCode status = HttpStatusCode.OK)
        => _responses[new Uri(uri).AbsoluteUri] = _ => new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };

    public void Redirect(string uri, string location)
        => _responses[new Uri(uri).AbsoluteUri] = _ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.Found);
            response.Headers.Location = new Uri(location);
            return response;
        };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue((request.RequestUri!, string.Join(", ", request.Headers.Accept.Select(a => a.MediaType))));
        var response = _responses.TryGetValue(request.RequestUri!.AbsoluteUri, out var respond)
            ? respond(request)
            : new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("not found") };
        response.RequestMessage = request;
        return Task.FromResult(response);
    }
}
