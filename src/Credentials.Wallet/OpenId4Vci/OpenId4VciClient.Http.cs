using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Credentials.OpenId4Vci;

namespace Credentials.Wallet.OpenId4Vci;

/// <content>Guarded HTTP: scheme check, no redirects, timeout, capped body, protocol errors mapped to codes.</content>
public sealed partial class OpenId4VciClient
{
    private async Task<VerificationResult<byte[]>> SendAsync(HttpMethod method, string url, HttpContent? content, string? bearer, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && !(_options.AllowHttp && uri.Scheme == Uri.UriSchemeHttp)))
        {
            return OpenId4VciErrors.Error(OpenId4VciErrors.InsecureTransport, "OpenID4VCI endpoints must use https.", VerificationFailureKind.PolicyViolation);
        }

        using var timeout = new CancellationTokenSource(_options.Timeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var request = new HttpRequestMessage(method, uri) { Content = content };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (bearer is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            }

            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (response.RequestMessage?.RequestUri is { } final && final != uri)
            {
                return Failed("The server redirected; redirects are not followed.");
            }

            var body = await ReadCappedAsync(response.Content, linked.Token).ConfigureAwait(false);
            if (body is null)
            {
                return Failed("The response exceeds the size limit.");
            }

            if (response.IsSuccessStatusCode)
            {
                return body;
            }

            // An error body with a protocol error this library knows becomes its code; anything else is http_failed.
            if (ProtocolErrorResponse.TryParse(body) is { Code: { } code } error)
            {
                return new VerificationError(code, VerificationFailureKind.PolicyViolation, error.ErrorDescription ?? $"The server answered {error.Error}.");
            }

            return Failed($"The server answered HTTP {(int)response.StatusCode}.");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Failed("The server did not answer in time.");
        }
        catch (HttpRequestException)
        {
            return Failed("The request failed.");
        }
        catch (System.IO.IOException)
        {
            return Failed("The response could not be read.");
        }
    }

    private async Task<byte[]?> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var max = _options.MaxResponseBytes;
        if (content.Headers.ContentLength > max)
        {
            return null;
        }

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
                        return null;
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

            return total > max ? null : buffer.AsSpan(0, total).ToArray();
        }
    }

    private static VerificationError Failed(string message)
        => OpenId4VciErrors.Error(OpenId4VciErrors.HttpFailed, message, VerificationFailureKind.ResolutionFailed);
}
