using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dids;

namespace Credentials.Internal;

/// <summary>
/// Fetches a small document from an untrusted location with the guards every resolver needs: HTTPS only (unless a
/// test opts out), addresses checked against a policy before connecting, redirects only within the same origin and
/// at most a few, a response size cap enforced while reading, and a timeout.
/// </summary>
internal static class GuardedHttp
{
    public static readonly ErrorCode InsecureTransport = new("http.insecure_transport");
    public static readonly ErrorCode AddressNotAllowed = new("http.address_not_allowed");
    public static readonly ErrorCode RedirectNotAllowed = new("http.redirect_not_allowed");
    public static readonly ErrorCode NotFound = new("http.not_found");
    public static readonly ErrorCode Failed = new("http.failed");
    public static readonly ErrorCode TooLarge = new("http.too_large");
    public static readonly ErrorCode Timeout = new("http.timeout");

    public static async Task<VerificationResult<byte[]>> GetAsync(
        HttpClient client, Uri uri, string accept, bool requireHttps, IDidWebAddressPolicy addressPolicy,
        int maxBytes, TimeSpan timeout, int maxRedirects, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            return await GetCoreAsync(client, uri, accept, requireHttps, addressPolicy, maxBytes, maxRedirects, cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Error(Timeout, VerificationFailureKind.ResolutionFailed, "The server did not answer in time.");
        }
        catch (HttpRequestException)
        {
            return Error(Failed, VerificationFailureKind.ResolutionFailed, "The document could not be fetched.");
        }
    }

    private static async Task<VerificationResult<byte[]>> GetCoreAsync(
        HttpClient client, Uri uri, string accept, bool requireHttps, IDidWebAddressPolicy addressPolicy, int maxBytes, int maxRedirects, CancellationToken cancellationToken)
    {
        var origin = uri;
        for (var redirects = 0; ; redirects++)
        {
            if (requireHttps && uri.Scheme != Uri.UriSchemeHttps)
            {
                return Error(InsecureTransport, VerificationFailureKind.PolicyViolation, "Documents are fetched over HTTPS only.");
            }

            var refused = await CheckAddressesAsync(uri, addressPolicy, cancellationToken).ConfigureAwait(false);
            if (refused is not null)
            {
                return refused;
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.RequestMessage?.RequestUri is { } final && !SameOrigin(final, origin))
            {
                return Error(RedirectNotAllowed, VerificationFailureKind.PolicyViolation, "The server redirected to another origin.");
            }

            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                var target = location.IsAbsoluteUri ? location : new Uri(uri, location);
                if (!SameOrigin(target, origin) || redirects >= maxRedirects)
                {
                    return Error(RedirectNotAllowed, VerificationFailureKind.PolicyViolation, "The server redirected to another origin or too often.");
                }

                uri = target;
                continue;
            }

            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                return Error(NotFound, VerificationFailureKind.ResolutionFailed, "The document does not exist.");
            }

            if (!response.IsSuccessStatusCode)
            {
                return Error(Failed, VerificationFailureKind.ResolutionFailed, $"The server answered HTTP {status}.");
            }

            return await ReadCappedAsync(response.Content, maxBytes, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool SameOrigin(Uri candidate, Uri origin)
        => string.Equals(candidate.Scheme, origin.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(candidate.IdnHost, origin.IdnHost, StringComparison.OrdinalIgnoreCase)
            && candidate.Port == origin.Port;

    private static async Task<VerificationError?> CheckAddressesAsync(Uri uri, IDidWebAddressPolicy policy, CancellationToken cancellationToken)
    {
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
                return Error(NotFound, VerificationFailureKind.ResolutionFailed, "The host name does not resolve.");
            }
        }

        if (addresses.Length == 0)
        {
            return Error(NotFound, VerificationFailureKind.ResolutionFailed, "The host name does not resolve.");
        }

        foreach (var address in addresses)
        {
            if (!policy.IsAllowed(address))
            {
                return Error(AddressNotAllowed, VerificationFailureKind.PolicyViolation, "The host resolves to an address the policy refuses.");
            }
        }

        return null;
    }

    private static async Task<VerificationResult<byte[]>> ReadCappedAsync(HttpContent content, int max, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > max)
        {
            return Error(TooLarge, VerificationFailureKind.Malformed, "The document exceeds the size limit.");
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
                        return Error(TooLarge, VerificationFailureKind.Malformed, "The document exceeds the size limit.");
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

            return total > max
                ? Error(TooLarge, VerificationFailureKind.Malformed, "The document exceeds the size limit.")
                : buffer.AsSpan(0, total).ToArray();
        }
    }

    private static VerificationError Error(ErrorCode code, VerificationFailureKind kind, string message) => new(code, kind, message);
}
