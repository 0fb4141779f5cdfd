using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Http;

namespace Credentials.Samples.Web.Checker;

/// <summary>
/// The checker's only way out to the network (status lists, DID documents): requests to the app's own origin (the
/// sample issuer's status list on loopback, plain <c>http</c>) go through a guarded handler that allows loopback;
/// every other request must be <c>https</c> and goes through a guarded handler that allows public addresses only.
/// A credential is hostile input: its status list URL must not turn the checker into a probe of the local network.
/// </summary>
internal sealed class CheckerHttpHandler : HttpMessageHandler
{
    private readonly Func<Uri?> _ownOrigin;
    private readonly HttpMessageInvoker _own = new(GuardedHttpHandler.Create(HttpFetchOptions.Default with { AddressPolicy = HttpAddressPolicy.PublicAndLoopback }), disposeHandler: true);
    private readonly HttpMessageInvoker _public = new(GuardedHttpHandler.Create(HttpFetchOptions.Default), disposeHandler: true);

    /// <summary>Routes by origin.</summary>
    /// <param name="ownOrigin">The app's own origin, or <see langword="null"/> while it is not known.</param>
    public CheckerHttpHandler(Func<Uri?> ownOrigin) => _ownOrigin = ownOrigin;

    /// <summary>Whether a URL is on the app's own origin (same scheme, host and port).</summary>
    public static bool IsSameOrigin(Uri url, Uri? origin)
        => origin is not null
            && string.Equals(url.Scheme, origin.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(url.IdnHost, origin.IdnHost, StringComparison.OrdinalIgnoreCase)
            && url.Port == origin.Port;

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri ?? throw new HttpRequestException("A request without a URL.");
        if (IsSameOrigin(url, _ownOrigin()))
        {
            return _own.SendAsync(request, cancellationToken);
        }

        if (url.Scheme != Uri.UriSchemeHttps)
        {
            throw new HttpRequestException("Only https is fetched, except from this app's own origin.");
        }

        return _public.SendAsync(request, cancellationToken);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _own.Dispose();
            _public.Dispose();
        }

        base.Dispose(disposing);
    }
}
