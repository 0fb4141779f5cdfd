using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.Http;

/// <summary>
/// The one guarded fetch every fetcher of the library uses: the scheme and the host's addresses checked for the URL and
/// for each redirect target, redirects of a <c>GET</c> only, within the origin unless allowed and at most
/// <see cref="HttpFetchOptions.MaxRedirects"/>, a timeout over the whole exchange, the body read as a stream and cut at
/// the cap, an optional media type check. Every failure is an <see cref="HttpErrors"/> code, never an exception
/// (except the caller's own cancellation). Thread-safe.
/// </summary>
/// <remarks>
/// Give it a client from <see cref="GuardedHttpHandler.CreateClient"/> (or one whose primary handler is
/// <see cref="GuardedHttpHandler.Create"/>): the address policy is then applied at connect time to the addresses actually
/// connected to, which stops DNS rebinding. For a client it did not see created by
/// <see cref="GuardedHttpHandler.CreateClient"/> with the same policy, it also resolves the host and checks its addresses
/// before each request, so a plain client is not left unguarded, though only the handler's check stops rebinding. A host
/// given as an IP address is always checked before anything is sent.
/// </remarks>
public sealed class HttpFetcher
{
    // The error-status errors that mean the server is unavailable (5xx, 408, 429), told apart without a new code.
    private static readonly ConditionalWeakTable<VerificationError, object> s_unavailable = [];
    private static readonly object s_marker = new();
    private readonly HttpClient _client;
    private readonly TimeProvider _timeProvider;
    private readonly bool _preCheckNames;

    /// <summary>Creates a fetcher.</summary>
    /// <param name="client">The client (not disposed by the fetcher).</param>
    /// <param name="options">The guards; <see cref="HttpFetchOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock of the timeout; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public HttpFetcher(HttpClient client, HttpFetchOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        options ??= HttpFetchOptions.Default;
        options.Validate(nameof(options));
        _client = client;
        Options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _preCheckNames = !GuardedHttpHandler.IsGuarded(client, options.AddressPolicy);
    }

    /// <summary>The guards.</summary>
    public HttpFetchOptions Options { get; }

    /// <summary>GETs a document; a non-success status is an error.</summary>
    /// <param name="uri">The URL.</param>
    /// <param name="accept">The media types for <c>Accept</c>, most preferred first.</param>
    /// <param name="acceptedMediaTypes">The media types the response may have, or <see langword="null"/> for any.</param>
    /// <param name="cancellationToken">Cancels the fetch (then <see cref="OperationCanceledException"/> is thrown).</param>
    public Task<VerificationResult<HttpFetchResponse>> GetAsync(Uri uri, IReadOnlyList<string>? accept = null, IReadOnlyList<string>? acceptedMediaTypes = null, CancellationToken cancellationToken = default)
        => SendAsync(new HttpFetchRequest { Uri = uri, Accept = accept ?? [], AcceptedMediaTypes = acceptedMediaTypes }, cancellationToken);

    /// <summary>Sends a request under the guards and reads the response within the size cap.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the fetch (then <see cref="OperationCanceledException"/> is thrown).</param>
    /// <returns>The response, or an <see cref="HttpErrors"/> code.</returns>
    public async Task<VerificationResult<HttpFetchResponse>> SendAsync(HttpFetchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Uri);
        if (!request.Uri.IsAbsoluteUri)
        {
            throw new ArgumentException("The URL must be absolute.", nameof(request));
        }

        using var timeout = new CancellationTokenSource(Options.Timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await SendCoreAsync(request, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The fetch's own timeout (or the HttpClient's, when it is shorter).
            return new VerificationError(HttpErrors.Timeout, "The server did not answer in time.");
        }
        catch (HttpRequestException e)
        {
            return FromException(e);
        }
        catch (Exception e) when (e is IOException or SocketException or HttpAddressRefusedException)
        {
            return FromException(e);
        }
    }

    private async Task<VerificationResult<HttpFetchResponse>> SendCoreAsync(HttpFetchRequest request, CancellationToken cancellationToken)
    {
        var uri = request.Uri;
        var origin = uri;
        for (var redirects = 0; ; redirects++)
        {
            if (await CheckTargetAsync(uri, cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }

            using var message = new HttpRequestMessage(request.Method, uri) { Content = request.Content };
            for (var i = 0; i < request.Accept.Count; i++)
            {
                message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(request.Accept[i], i == 0 ? 1.0 : 0.9));
            }

            message.Headers.Authorization = request.Authorization;
            foreach (var (name, value) in request.Headers)
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);

            // A client that follows redirects by itself has already sent them: judge the hops it took by where it ended.
            if (response.RequestMessage?.RequestUri is { } final && final != uri)
            {
                if (Options.MaxRedirects == 0 || !IsAllowedHop(final, origin) || request.Method != HttpMethod.Get)
                {
                    return new VerificationError(HttpErrors.RedirectNotAllowed, "The client followed a redirect the options do not allow.");
                }

                if (await CheckTargetAsync(final, cancellationToken).ConfigureAwait(false) is { } refusedFinal)
                {
                    return refusedFinal;
                }

                uri = final;
            }

            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                var target = location.IsAbsoluteUri ? location : new Uri(uri, location);
                if (request.Method != HttpMethod.Get)
                {
                    return new VerificationError(HttpErrors.RedirectNotAllowed, "The server redirected a request that is not a GET.");
                }

                if (redirects >= Options.MaxRedirects)
                {
                    return new VerificationError(HttpErrors.RedirectNotAllowed, "The server redirected more often than allowed.");
                }

                if (!IsAllowedHop(target, origin))
                {
                    return new VerificationError(HttpErrors.RedirectNotAllowed, "The server redirected to another origin.");
                }

                uri = target;
                continue;
            }

            var success = response.IsSuccessStatusCode;
            if (!success && !request.ReturnErrorResponses)
            {
                if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
                {
                    return new VerificationError(HttpErrors.NotFound, "The document does not exist.");
                }

                var error = new VerificationError(HttpErrors.ErrorStatus, $"The server answered HTTP {status}.");
                if (status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
                {
                    s_unavailable.AddOrUpdate(error, s_marker);
                }

                return error;
            }

            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (success && request.AcceptedMediaTypes is { } accepted && !Contains(accepted, mediaType))
            {
                return new VerificationError(HttpErrors.UnexpectedMediaType, $"The response's media type is not one of: {string.Join(", ", accepted)}.");
            }

            var body = await ReadCappedAsync(response.Content, Options.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
            if (body is null)
            {
                return new VerificationError(HttpErrors.TooLarge, "The response exceeds the size limit.");
            }

            var fetched = new HttpFetchResponse { StatusCode = status, MediaType = mediaType, Body = body, Uri = uri };
            return request.ResponseHeaders.Count == 0 ? fetched : fetched with { Headers = SelectHeaders(response, request.ResponseHeaders) };
        }
    }

    private static Dictionary<string, string> SelectHeaders(HttpResponseMessage response, IReadOnlyList<string> names)
    {
        var selected = new Dictionary<string, string>(names.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var name in names)
        {
            if (response.Headers.TryGetValues(name, out var values))
            {
                selected[name] = string.Join(", ", values);
            }
        }

        return selected;
    }

    private bool IsAllowedHop(Uri target, Uri origin)
        => target.Scheme == Uri.UriSchemeHttps || target.Scheme == Uri.UriSchemeHttp
            ? Options.AllowCrossOriginRedirects || SameOrigin(target, origin)
            : false;

    private async Task<VerificationError?> CheckTargetAsync(Uri uri, CancellationToken cancellationToken)
    {
        if (!(uri.Scheme == Uri.UriSchemeHttps || (!Options.RequireHttps && uri.Scheme == Uri.UriSchemeHttp)))
        {
            return new VerificationError(HttpErrors.InsecureTransport, "Documents are fetched over HTTPS only.");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return new VerificationError(HttpErrors.InsecureTransport, "URLs with user information are not fetched.");
        }

        IPAddress[] addresses;
        var host = uri.IdnHost.TrimStart('[').TrimEnd(']');
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else if (!_preCheckNames)
        {
            return null; // The guarded handler checks the addresses it connects to.
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                return new VerificationError(HttpErrors.NotFound, "The host name does not resolve.");
            }
        }

        if (addresses.Length == 0)
        {
            return new VerificationError(HttpErrors.NotFound, "The host name does not resolve.");
        }

        foreach (var address in addresses)
        {
            if (!Options.AddressPolicy.IsAllowed(address))
            {
                return new VerificationError(HttpErrors.AddressNotAllowed, "The host resolves to an address the policy refuses.");
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a fetch error means the source is unavailable rather than the document absent or bad: the connection or
    /// read failed (<see cref="HttpErrors.Failed"/>), the fetch timed out (<see cref="HttpErrors.Timeout"/>), or the
    /// server answered 5xx, 408 or 429 (<see cref="HttpErrors.ErrorStatus"/> from this fetcher). A 404, a refused
    /// address or redirect, an oversized or mistyped response is not.
    /// </summary>
    internal static bool IsSourceUnavailable(VerificationError error)
        => error.Code == HttpErrors.Failed || error.Code == HttpErrors.Timeout
            || (error.Code == HttpErrors.ErrorStatus && s_unavailable.TryGetValue(error, out _));

    private static VerificationError FromException(Exception e)
    {
        for (var inner = (Exception?)e; inner is not null; inner = inner.InnerException)
        {
            if (inner is HttpAddressRefusedException)
            {
                return new VerificationError(HttpErrors.AddressNotAllowed, "The host resolves to an address the policy refuses.");
            }

            if (inner is SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData }
                || inner is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError })
            {
                return new VerificationError(HttpErrors.NotFound, "The host name does not resolve.");
            }
        }

        return new VerificationError(HttpErrors.Failed, e is IOException ? "The response could not be read." : "The server could not be reached.");
    }



    private static bool Contains(IReadOnlyList<string> mediaTypes, string? mediaType)
    {
        if (mediaType is null)
        {
            return false;
        }

        foreach (var candidate in mediaTypes)
        {
            if (string.Equals(candidate, mediaType, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool SameOrigin(Uri candidate, Uri origin)
        => string.Equals(candidate.Scheme, origin.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(candidate.IdnHost, origin.IdnHost, StringComparison.OrdinalIgnoreCase)
            && candidate.Port == origin.Port;

    private static async Task<byte[]?> ReadCappedAsync(HttpContent content, int max, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > max)
        {
            return null;
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            // Never trust Content-Length: read at most max + 1 bytes.
            var buffer = new byte[Math.Min(max + 1, 16 * 1024)];
            var total = 0;
            while (true)
            {
                if (total == buffer.Length)
                {
                    if (buffer.Length > max)
                    {
                        return null;
                    }

                    Array.Resize(ref buffer, (int)Math.Min(max + 1L, buffer.Length * 2L));
                }

                var read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            return total > max ? null : buffer.AsSpan(0, total).ToArray();
        }
    }
}
