using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Http;
using Credentials.OpenId4Vci;

namespace Credentials.Wallet.OpenId4Vci;

/// <content>Requests through the library's guarded fetch; an error body with a known protocol error becomes its code.</content>
public sealed partial class OpenId4VciClient
{
    private static readonly string[] s_acceptJson = ["application/json"];

    private async Task<VerificationResult<ReadOnlyMemory<byte>>> SendAsync(HttpMethod method, string url, HttpContent? content, string? bearer, CancellationToken cancellationToken)
    {
        var response = await SendForResponseAsync(method, url, content, bearer, s_acceptJson, cancellationToken).ConfigureAwait(false);
        return response.IsValid ? response.Value.Body : response.Error;
    }

    /// <summary>As <see cref="SendAsync"/>, with the whole response (status and media type) on success.</summary>
    private async Task<VerificationResult<HttpFetchResponse>> SendForResponseAsync(HttpMethod method, string url, HttpContent? content, string? bearer, IReadOnlyList<string> accept, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return new VerificationError(HttpErrors.InsecureTransport, "OpenID4VCI endpoints must be https URLs.");
        }

        var response = await _fetcher.SendAsync(
            new HttpFetchRequest
            {
                Uri = uri,
                Method = method,
                Content = content,
                Accept = accept,
                Authorization = bearer is null ? null : new AuthenticationHeaderValue("Bearer", bearer),
                ReturnErrorResponses = true,
            },
            cancellationToken).ConfigureAwait(false);
        if (!response.IsValid)
        {
            return response.Error;
        }

        return response.Value.IsSuccessStatusCode ? response.Value : ToBody(response.Value).Error!;
    }

    private static VerificationResult<ReadOnlyMemory<byte>> ToBody(HttpFetchResponse response)
    {
        if (response.IsSuccessStatusCode)
        {
            return response.Body;
        }

        // An error body with a protocol error this library knows becomes its code; anything else is http.not_found or http.error_status.
        if (ProtocolErrorResponse.TryParse(response.Body) is { Code: { } code } error)
        {
            return new VerificationError(code, error.ErrorDescription ?? $"The server answered {error.Error}.");
        }

        return response.StatusCode is 404 or 410
            ? new VerificationError(HttpErrors.NotFound, "The server answered HTTP 404 or 410.")
            : new VerificationError(HttpErrors.ErrorStatus, $"The server answered HTTP {response.StatusCode}.");
    }
}
