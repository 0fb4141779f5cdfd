using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.PostgreSql.Tests.MultiInstance;

/// <summary>
/// Plays the load balancer in front of the instances: wallets address every request to the public origin (where nothing
/// listens), and this handler forwards it to the instance a routing rule picks, keeping the public <c>Host</c> as a
/// reverse proxy does (so DPoP proofs, which name the public URL, match what the instance sees). It counts the
/// requests each instance received.
/// </summary>
internal sealed class LoadBalancer : IDisposable
{
    private readonly SocketsHttpHandler _connections = new() { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) };
    private readonly long[] _forwarded;

    public LoadBalancer(Uri publicOrigin, IReadOnlyList<IssuerInstance> instances)
    {
        PublicOrigin = publicOrigin;
        Instances = instances;
        _forwarded = new long[instances.Count];
    }

    public Uri PublicOrigin { get; }

    public IReadOnlyList<IssuerInstance> Instances { get; }

    /// <summary>How many requests instance <paramref name="index"/> received.</summary>
    public long Forwarded(int index) => Interlocked.Read(ref _forwarded[index]);

    /// <summary>A client whose requests to the public origin go to the instance <paramref name="route"/> picks (its index).</summary>
    /// <remarks>
    /// The router is not disposed with the client: disposing it would close the connection pool all clients share.
    /// </remarks>
    public HttpClient CreateClient(Func<HttpRequestMessage, int> route) => new(new Router(this, route), disposeHandler: false);

    /// <summary>A client whose every request goes to instance <paramref name="index"/> (a request pinned there).</summary>
    public HttpClient CreatePinnedClient(int index) => CreateClient(_ => index);

    public void Dispose() => _connections.Dispose();

    private sealed class Router(LoadBalancer balancer, Func<HttpRequestMessage, int> route) : DelegatingHandler(balancer._connections)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            if (!string.Equals(uri.GetLeftPart(UriPartial.Authority), balancer.PublicOrigin.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"A request left the load balancer's origin: {uri.GetLeftPart(UriPartial.Authority)}.");
            }

            var index = route(request);
            var target = balancer.Instances[index].Origin;
            request.Headers.Host = balancer.PublicOrigin.Authority;
            request.RequestUri = new UriBuilder(uri) { Host = target.Host, Port = target.Port }.Uri;
            Interlocked.Increment(ref balancer._forwarded[index]);
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);

            // The client sees the URL it asked for, as behind a real load balancer (a changed URL reads as a redirect).
            request.RequestUri = uri;
            return response;
        }
    }
}
