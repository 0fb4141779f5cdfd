using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

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
    private static readonly MediaTypeWithQualityHeaderValue s_didJson = new("application/did+json");
    private static readonly MediaTypeWithQualityHeaderValue s_json = new("application/json", 0.9);
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

        using var timeout = new CancellationTokenSource(_options.Timeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var body = await FetchAsync(uri.Value, linked.Token).ConfigureAwait(false);
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
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return DidErrors.ResolutionError(DidErrors.Timeout, "did:web resolution timed out.");
        }
        catch (HttpRequestException)
        {
            return DidErrors.ResolutionError(DidErrors.ResolutionFailed, "The did:web document could not be fetched.");
        }
        catch (IOException)
        {
            return DidErrors.ResolutionError(DidErrors.ResolutionFailed, "The did:web document could not be read.");
        }
        catch (SocketException)
        {
            return DidErrors.ResolutionError(DidErrors.ResolutionFailed, "The did:web host could not be resolved.");
        }
    }

    private async Task<VerificationResult<byte[]>> FetchAsync(Uri uri, CancellationToken cancellationToken)
    {
        var origin = uri;
        for (var redirects = 0; ; redirects++)
        {
            var refused = await CheckAddressesAsync(uri, cancellationToken).ConfigureAwait(false);
            if (refused is not null)
            {
                return refused;
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Accept.Add(s_didJson);
            request.Headers.Accept.Add(s_json);
            using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);

            // A handler that follows redirects by itself: the final URI must still be on the same origin.
            if (response.RequestMessage?.RequestUri is { } final && !SameOrigin(final, origin))
            {
                return DidErrors.PolicyError(DidErrors.RedirectNotAllowed, "The did:web server redirected to another host.");
            }

            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                var target = location.IsAbsoluteUri ? location : new Uri(uri, location);
                if (!SameOrigin(target, origin) || redirects >= _options.MaxRedirects)
                {
                    return DidErrors.PolicyError(DidErrors.RedirectNotAllowed, "The did:web server redirected to another host or too often.");
                }

                uri = target;
                continue;
            }

            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                return DidErrors.ResolutionError(DidErrors.NotFound, "The did:web document does not exist.");
            }

            if (!response.IsSuccessStatusCode)
            {
                return DidErrors.ResolutionError(DidErrors.ResolutionFailed, $"The did:web server answered HTTP {status}.");
            }

            return await ReadCappedAsync(response.Content, cancellationToken).ConfigureAwait(false);
        }
    }

    private bool SameOrigin(Uri candidate, Uri origin)
        => string.Equals(candidate.Scheme, origin.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(candidate.IdnHost, origin.IdnHost, StringComparison.OrdinalIgnoreCase)
            && candidate.Port == origin.Port
            && (!_options.RequireHttps || candidate.Scheme == Uri.UriSchemeHttps);

    private async Task<VerificationError?> CheckAddressesAsync(Uri uri, CancellationToken cancellationToken)
    {
        if (_options.RequireHttps && uri.Scheme != Uri.UriSchemeHttps)
        {
            return DidErrors.PolicyError(DidErrors.InsecureTransport, "did:web documents are fetched over HTTPS only.");
        }

        IPAddress[] addresses;
        if (IPAddress.TryParse(uri.IdnHost, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(uri.IdnHost, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                return DidErrors.ResolutionError(DidErrors.NotFound, "The did:web host name does not resolve.");
            }
        }

        if (addresses.Length == 0)
        {
            return DidErrors.ResolutionError(DidErrors.NotFound, "The did:web host name does not resolve.");
        }

        foreach (var address in addresses)
        {
            if (!_options.AddressPolicy.IsAllowed(address))
            {
                return DidErrors.PolicyError(DidErrors.AddressNotAllowed, "The did:web host resolves to an address the policy refuses.");
            }
        }

        return null;
    }

    private async Task<VerificationResult<byte[]>> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var max = _options.MaxResponseBytes;
        if (content.Headers.ContentLength > max)
        {
            return new VerificationError(DidErrors.DocumentTooLarge, VerificationFailureKind.Malformed, "The did:web document exceeds the size limit.");
        }

        // Read at most max + 1 bytes, whatever Content-Length claimed (or if it is absent): never buffer unbounded.
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[Math.Min(max + 1, 16 * 1024)];
            var total = 0;
            while (true)
            {
                if (total == buffer.Length)
                {
                    if (buffer.Length > max)
                    {
                        return new VerificationError(DidErrors.DocumentTooLarge, VerificationFailureKind.Malformed, "The did:web document exceeds the size limit.");
                    }

                    Array.Resize(ref buffer, (int)Math.Min((long)max + 1, buffer.Length * 2L));
                }

                var read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            if (total > max)
            {
                return new VerificationError(DidErrors.DocumentTooLarge, VerificationFailureKind.Malformed, "The did:web document exceeds the size limit.");
            }

            return buffer.AsSpan(0, total).ToArray();
        }
    }
}
