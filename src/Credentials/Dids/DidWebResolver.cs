using System;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Internal;

namespace Credentials.Dids;

/// <summary>
/// Resolves did:web DIDs over HTTPS through an injected <see cref="HttpClient"/> (so <c>IHttpClientFactory</c> works),
/// guarded against request forgery and abuse: HTTPS only, an address policy checked before connecting, no redirects
/// to another host, a response size cap read as a stream, and a timeout. The document's <c>id</c> must be the DID.
/// Thread-safe.
/// </summary>
/// <remarks>
/// Give it a client built on <see cref="CreateHttpHandler"/>: that handler does not follow redirects by itself and
/// applies the address policy to the address it actually connects to (which also defeats DNS rebinding). With any
/// other handler the resolver still checks the host's addresses before the request and refuses a final URI on
/// another host, but an auto-following handler will already have sent the redirected request.
/// </remarks>
public sealed class DidWebResolver : IDidMethodResolver
{
    private static readonly FetchErrorCodes s_codes = new(
        DidErrors.InsecureTransport, DidErrors.AddressNotAllowed, DidErrors.RedirectNotAllowed,
        DidErrors.NotFound, DidErrors.ResolutionFailed, DidErrors.DocumentTooLarge, DidErrors.Timeout);
    private readonly HttpClient _httpClient;
    private readonly DidWebResolverOptions _options;

    /// <summary>Creates the resolver.</summary>
    /// <param name="httpClient">The client (for example from <c>IHttpClientFactory</c>); not disposed by the resolver.</param>
    /// <param name="options">The guards; <see cref="DidWebResolverOptions.Default"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public DidWebResolver(HttpClient httpClient, DidWebResolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        options ??= DidWebResolverOptions.Default;
        ArgumentNullException.ThrowIfNull(options.AddressPolicy, nameof(options));
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxResponseBytes, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRedirects, nameof(options));
        if (options.Timeout <= TimeSpan.Zero && options.Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The timeout must be positive.");
        }

        _httpClient = httpClient;
        _options = options;
    }

    /// <inheritdoc />
    public string Method => DidMethodNames.Web;

    /// <summary>
    /// Creates an HTTP handler for did:web resolution: no automatic redirects, no cookies, and every connection checked
    /// against the address policy at connect time.
    /// </summary>
    /// <param name="addressPolicy">The policy; <see cref="DidWebAddressPolicy.PublicOnly"/> when <see langword="null"/>.</param>
    public static SocketsHttpHandler CreateHttpHandler(IDidWebAddressPolicy? addressPolicy = null)
    {
        var policy = addressPolicy ?? DidWebAddressPolicy.PublicOnly;
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken).ConfigureAwait(false);
                foreach (var address in addresses)
                {
                    if (!policy.IsAllowed(address))
                    {
                        throw new HttpRequestException(HttpRequestError.ConnectionError, "The did:web host resolves to an address the policy refuses.");
                    }
                }

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

    /// <inheritdoc />
    public async ValueTask<VerificationResult<DidDocument>> ResolveAsync(Did did, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(did);

        // did:web section 3.2: the document lives at an HTTPS URL derived from the DID.
        var scheme = _options.RequireHttps ? Uri.UriSchemeHttps : Uri.UriSchemeHttp;
        var uri = DidWeb.GetDocumentUri(did, scheme);
        if (!uri.IsValid)
        {
            return uri.Error;
        }

        var body = await GuardedHttp.GetAsync(
            _httpClient,
            uri.Value,
            ["application/did+json", "application/json"],
            new FetchSettings(_options.RequireHttps, _options.AddressPolicy, _options.MaxResponseBytes, _options.Timeout, _options.MaxRedirects, _options.TimeProvider, s_codes),
            cancellationToken).ConfigureAwait(false);
        if (!body.IsValid)
        {
            return body.Error;
        }

        var document = DidDocument.Read(body.Value, new DidDocumentReaderOptions { MaxLength = _options.MaxResponseBytes });
        if (!document.IsValid)
        {
            return document;
        }

        // did:web section 3.2 and DID Core 7.1: the resolved document's id MUST be the DID that was resolved.
        return document.Value.Id == did.Value
            ? document
            : new VerificationError(DidErrors.IdMismatch, VerificationFailureKind.Malformed, "The did:web document's 'id' is not the DID that was resolved.");
    }
}
