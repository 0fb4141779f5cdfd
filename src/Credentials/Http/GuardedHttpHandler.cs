using System;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.Http;

/// <summary>
/// Creates the HTTP handler every fetcher of the library is meant to run on: it resolves the host itself, checks every
/// address against the <see cref="HttpFetchOptions.AddressPolicy"/> and connects only to those checked addresses, at
/// connect time, so a host name that resolves to a public address for a pre-check and to an internal one for the
/// connection (DNS rebinding) is refused too. It follows no redirects (<see cref="HttpFetcher"/> checks each one), keeps
/// no cookies, uses no proxy (a proxy would be the address checked) and does not decompress.
/// </summary>
/// <remarks>
/// With <c>IHttpClientFactory</c>: <c>services.AddHttpClient("credentials").ConfigurePrimaryHttpMessageHandler(() =>
/// GuardedHttpHandler.Create(options))</c> (<c>Credentials.AspNetCore</c>'s <c>AddCredentialResolvers</c> registers its
/// named clients so, and refuses a client whose primary handler was replaced). Delegating handlers (resilience,
/// logging) may be added in front of it; the primary handler must stay this one, since it is the only place that
/// sees the addresses actually connected to. A refused connection fails the request with an
/// <see cref="HttpRequestException"/>; through an <see cref="HttpFetcher"/> it is <see cref="HttpErrors.AddressNotAllowed"/>.
/// Pooled connections are renewed every two minutes, so a client kept for long follows DNS changes.
/// </remarks>
public static class GuardedHttpHandler
{
    // Clients made by CreateClient, with the policy their handler enforces: HttpFetcher skips its own pre-check for them.
    private static readonly ConditionalWeakTable<HttpClient, IHttpAddressPolicy> s_guarded = [];

    // Handlers made by Create, with their policy: the factory integration checks a named client's primary handler is one.
    private static readonly ConditionalWeakTable<HttpMessageHandler, IHttpAddressPolicy> s_handlers = [];

    /// <summary>Creates a handler that checks every connection against the options' address policy.</summary>
    /// <param name="options">The options (only <see cref="HttpFetchOptions.AddressPolicy"/> is used); <see cref="HttpFetchOptions.Default"/> when <see langword="null"/>.</param>
    public static SocketsHttpHandler Create(HttpFetchOptions? options = null)
    {
        var policy = (options ?? HttpFetchOptions.Default).AddressPolicy ?? throw new ArgumentException("An address policy is required.", nameof(options));
        var handler = CreateHandler(policy, ResolveAsync);
        s_handlers.AddOrUpdate(handler, policy);
        return handler;
    }

    /// <summary>
    /// Creates an <see cref="HttpClient"/> on a new <see cref="Create"/> handler. Fetchers given this client rely on the
    /// handler's connect-time check alone; with any other client they also resolve and check the host before each request.
    /// </summary>
    /// <param name="options">The options (only <see cref="HttpFetchOptions.AddressPolicy"/> is used); <see cref="HttpFetchOptions.Default"/> when <see langword="null"/>.</param>
    public static HttpClient CreateClient(HttpFetchOptions? options = null)
    {
        var policy = (options ?? HttpFetchOptions.Default).AddressPolicy ?? throw new ArgumentException("An address policy is required.", nameof(options));
        return Register(new HttpClient(CreateHandler(policy, ResolveAsync), disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan }, policy);
    }

    /// <summary>A client on a handler with a replaced name resolver (tests simulate DNS rebinding with it).</summary>
    internal static HttpClient CreateClientWithResolver(IHttpAddressPolicy policy, Func<string, CancellationToken, ValueTask<IPAddress[]>> resolve)
        => Register(new HttpClient(CreateHandler(policy, resolve), disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan }, policy);

    /// <summary>Whether the client was made by <see cref="CreateClient(HttpFetchOptions?)"/> with exactly this policy.</summary>
    internal static bool IsGuarded(HttpClient client, IHttpAddressPolicy policy)
        => s_guarded.TryGetValue(client, out var guardedBy) && ReferenceEquals(guardedBy, policy);

    /// <summary>Whether the handler was made by <see cref="Create"/> with exactly this policy.</summary>
    internal static bool IsGuardedHandler(HttpMessageHandler? handler, IHttpAddressPolicy policy)
        => handler is not null && s_handlers.TryGetValue(handler, out var guardedBy) && ReferenceEquals(guardedBy, policy);

    /// <summary>
    /// Records that a client's primary handler is a <see cref="Create"/> handler with this policy (the factory
    /// integration has checked it), so fetchers rely on its connect-time check instead of resolving names twice.
    /// </summary>
    internal static HttpClient MarkGuarded(HttpClient client, IHttpAddressPolicy policy) => Register(client, policy);

    private static HttpClient Register(HttpClient client, IHttpAddressPolicy policy)
    {
        s_guarded.AddOrUpdate(client, policy);
        return client;
    }

    private static async ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
        => await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);

    private static SocketsHttpHandler CreateHandler(IHttpAddressPolicy policy, Func<string, CancellationToken, ValueTask<IPAddress[]>> resolve) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host.TrimStart('[').TrimEnd(']');
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await resolve(host, cancellationToken).ConfigureAwait(false);
            if (addresses.Length == 0)
            {
                throw new SocketException((int)SocketError.HostNotFound);
            }

            foreach (var address in addresses)
            {
                if (!policy.IsAllowed(address))
                {
                    throw new HttpAddressRefusedException();
                }
            }

            // Connect to exactly the addresses that were checked: no second lookup can swap them.
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}

/// <summary>Thrown (inside the <see cref="HttpRequestException"/>) when the guarded handler refuses an address.</summary>
internal sealed class HttpAddressRefusedException() : Exception("The host resolves to an address the address policy refuses.");
