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
    public static readonly FetchErrorCodes HttpCodes = new(
        new("http.insecure_transport", VerificationFailureKind.PolicyViolation), new("http.address_not_allowed", VerificationFailureKind.PolicyViolation),
        new("http.redirect_not_allowed", VerificationFailureKind.PolicyViolation), new("http.not_found", VerificationFailureKind.ResolutionFailed),
        new("http.failed", VerificationFailureKind.ResolutionFailed), new("http.too_large", VerificationFailureKind.Malformed),
        new("http.timeout", VerificationFailureKind.ResolutionFailed));

    public static Task<VerificationResult<byte[]>> GetAsync(
        HttpClient client, Uri uri, string accept, bool requireHttps, IDidWebAddressPolicy addressPolicy,
        int maxBytes, TimeSpan timeout, int maxRedirects, CancellationToken cancellationToken)
        => GetAsync(client, uri, [accept], new FetchSettings(requireHttps, addressPolicy, maxBytes, timeout, maxRedirects, TimeProvider.System, HttpCodes), cancellationToken);

    public static async Task<VerificationResult<byte[]>> GetAsync(HttpClient client, Uri uri, string[] accept, FetchSettings settings, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(settings.Timeout, settings.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var codes = settings.Codes;
        try
        {
            return await GetCoreAsync(client, uri, accept, settings, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Error(codes.Timeout, VerificationFailureKind.ResolutionFailed, "The server did not answer in time.");
        }
        catch (HttpRequestException)
        {
            return Error(codes.Failed, VerificationFailureKind.ResolutionFailed, "The document could not be fetched.");
        }
        catch (System.IO.IOException)
        {
            return Error(codes.Failed, VerificationFailureKind.ResolutionFailed, "The document could not be read.");
        }
        catch (SocketException)
        {
            return Error(codes.Failed, VerificationFailureKind.ResolutionFailed, "The host could not be reached.");
        }
    }

    private static async Task<VerificationResult<byte[]>> GetCoreAsync(HttpClient client, Uri uri, string[] accept, FetchSettings settings, CancellationToken cancellationToken)
    {
        var (requireHttps, addressPolicy, maxBytes, _, maxRedirects, _, codes) = settings;
        var (InsecureTransport, AddressNotAllowed, RedirectNotAllowed, NotFound, Failed, TooLarge, _) = codes;
        var origin = uri;
        for (var redirects = 0; ; redirects++)
        {
            if (requireHttps && uri.Scheme != Uri.UriSchemeHttps)
            {
                return Error(InsecureTransport, VerificationFailureKind.PolicyViolation, "Documents are fetched over HTTPS only.");
            }

            var refused = await CheckAddressesAsync(uri, addressPolicy, codes, cancellationToken).ConfigureAwait(false);
            if (refused is not null)
            {
                return refused;
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            for (var i = 0; i < accept.Length; i++)
            {
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept[i], i == 0 ? 1.0 : 0.9));
            }
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

            return await ReadCappedAsync(response.Content, maxBytes, TooLarge, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool SameOrigin(Uri candidate, Uri origin)
        => string.Equals(candidate.Scheme, origin.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(candidate.IdnHost, origin.IdnHost, StringComparison.OrdinalIgnoreCase)
            && candidate.Port == origin.Port;

    private static async Task<VerificationError?> CheckAddressesAsync(Uri uri, IDidWebAddressPolicy policy, FetchErrorCodes codes, CancellationToken cancellationToken)
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
                return Error(codes.NotFound, VerificationFailureKind.ResolutionFailed, "The host name does not resolve.");
            }
        }

        if (addresses.Length == 0)
        {
            return Error(codes.NotFound, VerificationFailureKind.ResolutionFailed, "The host name does not resolve.");
        }

        foreach (var address in addresses)
        {
            if (!policy.IsAllowed(address))
            {
                return Error(codes.AddressNotAllowed, VerificationFailureKind.PolicyViolation, "The host resolves to an address the policy refuses.");
            }
        }

        return null;
    }

    private static async Task<VerificationResult<byte[]>> ReadCappedAsync(HttpContent content, int max, ErrorCode TooLarge, CancellationToken cancellationToken)
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

/// <summary>How one guarded fetch behaves.</summary>
internal sealed record FetchSettings(bool RequireHttps, IDidWebAddressPolicy AddressPolicy, int MaxBytes, TimeSpan Timeout, int MaxRedirects, TimeProvider TimeProvider, FetchErrorCodes Codes);

/// <summary>The error codes a caller reports for each kind of fetch failure (so did:web keeps its did.* codes).</summary>
internal sealed record FetchErrorCodes(ErrorCode InsecureTransport, ErrorCode AddressNotAllowed, ErrorCode RedirectNotAllowed, ErrorCode NotFound, ErrorCode Failed, ErrorCode TooLarge, ErrorCode Timeout);
