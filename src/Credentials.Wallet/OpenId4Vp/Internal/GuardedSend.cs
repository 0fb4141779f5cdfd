using System;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dids;

namespace Credentials.Wallet.OpenId4Vp.Internal;

/// <summary>An answer read within the limits.</summary>
internal sealed record GuardedAnswer(int StatusCode, string? MediaType, byte[] Body);

/// <summary>
/// One HTTP exchange with a verifier under the wallet's guards: <c>https</c> only unless allowed, the host's addresses
/// checked against the policy before connecting, no redirects, a timeout, and a size cap enforced while reading.
/// </summary>
internal static class GuardedSend
{
    public static readonly ErrorCode InsecureTransport = new("http.insecure_transport", VerificationFailureKind.PolicyViolation);
    public static readonly ErrorCode AddressNotAllowed = new("http.address_not_allowed", VerificationFailureKind.PolicyViolation);
    public static readonly ErrorCode RedirectNotAllowed = new("http.redirect_not_allowed", VerificationFailureKind.PolicyViolation);
    public static readonly ErrorCode Failed = new("http.failed", VerificationFailureKind.ResolutionFailed);
    public static readonly ErrorCode TooLarge = new("http.too_large", VerificationFailureKind.Malformed);
    public static readonly ErrorCode Timeout = new("http.timeout", VerificationFailureKind.ResolutionFailed);

    public static async Task<VerificationResult<GuardedAnswer>> SendAsync(
        HttpClient client, Func<HttpRequestMessage> create, OpenId4VpWalletClientOptions options, int maxBytes, CancellationToken cancellationToken)
    {
        using var request = create();
        var uri = request.RequestUri!;
        if (!(uri.Scheme == Uri.UriSchemeHttps || (options.AllowHttp && uri.Scheme == Uri.UriSchemeHttp)))
        {
            return Error(InsecureTransport, VerificationFailureKind.PolicyViolation, "Verifiers are contacted over HTTPS only.");
        }

        using var timeout = new CancellationTokenSource(options.Timeout, options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            if (!await IsAllowedAsync(uri, options.AddressPolicy, linked.Token).ConfigureAwait(false))
            {
                return Error(AddressNotAllowed, VerificationFailureKind.PolicyViolation, "The host resolves to an address the policy refuses.");
            }

            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400 || (response.RequestMessage?.RequestUri is { } final && final != uri))
            {
                return Error(RedirectNotAllowed, VerificationFailureKind.PolicyViolation, "The verifier redirected; redirects are not followed.");
            }

            if (response.Content.Headers.ContentLength > maxBytes)
            {
                return Error(TooLarge, VerificationFailureKind.Malformed, "The answer exceeds the size limit.");
            }

            var stream = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var buffer = new byte[Math.Min(maxBytes + 1, 16 * 1024)];
                var total = 0;
                while (true)
                {
                    if (total == buffer.Length)
                    {
                        if (buffer.Length > maxBytes)
                        {
                            return Error(TooLarge, VerificationFailureKind.Malformed, "The answer exceeds the size limit.");
                        }

                        Array.Resize(ref buffer, (int)Math.Min(maxBytes + 1L, buffer.Length * 2L));
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(total), linked.Token).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    total += read;
                }

                if (total > maxBytes)
                {
                    return Error(TooLarge, VerificationFailureKind.Malformed, "The answer exceeds the size limit.");
                }

                return new GuardedAnswer(status, response.Content.Headers.ContentType?.MediaType, buffer.AsSpan(0, total).ToArray());
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Error(Timeout, VerificationFailureKind.ResolutionFailed, "The verifier did not answer in time.");
        }
        catch (Exception e) when (e is HttpRequestException or System.IO.IOException or SocketException)
        {
            return Error(Failed, VerificationFailureKind.ResolutionFailed, "The verifier could not be reached.");
        }
    }

    private static async Task<bool> IsAllowedAsync(Uri uri, IDidWebAddressPolicy policy, CancellationToken cancellationToken)
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
                return false;
            }
        }

        if (addresses.Length == 0)
        {
            return false;
        }

        foreach (var address in addresses)
        {
            if (!policy.IsAllowed(address))
            {
                return false;
            }
        }

        return true;
    }

    private static VerificationError Error(ErrorCode code, VerificationFailureKind kind, string message) => new(code, kind, message);
}
