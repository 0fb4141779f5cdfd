using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Http;
using Credentials.Keys;
using Credentials.OAuth;
using Credentials.OpenId4Vci;

namespace Credentials.Wallet.OpenId4Vci;

/// <content>
/// Requests to the OAuth endpoints (pushed authorization, token, credential): DPoP proofs with the server's nonce,
/// DPoP or Bearer access tokens, and the wallet's client attestation.
/// </content>
public sealed partial class OpenId4VciClient
{
    private const string WwwAuthenticate = "WWW-Authenticate";
    private const string UseDpopNonce = "use_dpop_nonce";
    private const int MaxNonceLength = 1024;
    private static readonly string[] s_oauthResponseHeaders = [DpopProof.NonceHeaderName, WwwAuthenticate];

    // The Pre-Authorized Code Flow's access. When DPoP is on and the Authorization Server lists the wallet's algorithm in
    // dpop_signing_alg_values_supported (RFC 9449 section 5.1), the Token Request carries a proof by a key made for this
    // receive, retried once on use_dpop_nonce (section 8), and a DPoP-bound token keeps that key for the Credential Request,
    // a deferral and notifications; otherwise a Bearer token from RequestTokenAsync.
    private async ValueTask<VerificationResult<IssuerAccess>> RequestPreAuthorizedAccessAsync(ResolvedCredentialOffer offer, string? transactionCode, CancellationToken cancellationToken)
    {
        var server = offer.AuthorizationServer;
        if (!_options.UseDpop || server.DpopSigningAlgValuesSupported is not { } algorithms
            || !algorithms.Contains(_options.DpopAlgorithm.Name, StringComparer.Ordinal))
        {
            var bearer = await RequestTokenAsync(offer, transactionCode, cancellationToken).ConfigureAwait(false);
            return bearer.IsValid ? new IssuerAccess(bearer.Value.AccessToken) : bearer.Error;
        }

        var form = CreatePreAuthorizedTokenForm(offer, transactionCode);
        if (!form.IsValid)
        {
            return form.Error;
        }

        var dpop = new DpopSession(SigningKey.Create(_options.DpopAlgorithm));
        var handedOver = false;
        try
        {
            var body = await SendOAuthAsync(HttpMethod.Post, server.TokenEndpoint, () => new FormUrlEncodedContent(form.Value), dpop, null, null, cancellationToken).ConfigureAwait(false);
            if (!body.IsValid)
            {
                return body.Error;
            }

            var token = TokenResponse.Read(body.Value);
            if (!token.IsValid)
            {
                return token.Error;
            }

            // RFC 9449 section 5: a bound token has token_type DPoP; a server that ignores the proof answers Bearer.
            var bound = string.Equals(token.Value.TokenType, DpopProof.Scheme, StringComparison.OrdinalIgnoreCase);
            if (!bound && !string.Equals(token.Value.TokenType, "Bearer", StringComparison.OrdinalIgnoreCase))
            {
                return new VerificationError(OpenId4VciErrors.InvalidResponse, "The token type is neither DPoP nor Bearer.");
            }

            handedOver = bound;
            return new IssuerAccess(token.Value.AccessToken, bound ? dpop : null, credentialIdentifiers: null);
        }
        finally
        {
            if (!handedOver)
            {
                dpop.Dispose();
            }
        }
    }

    /// <summary>
    /// Sends a request to an OAuth-protected endpoint. With a DPoP session, each attempt carries a fresh proof (with the
    /// access token's hash when one is sent) and the server's latest nonce; a <c>use_dpop_nonce</c> answer with a new
    /// <c>DPoP-Nonce</c> is retried once (RFC 9449 sections 8 and 9). With an attestation audience and a configured
    /// wallet attestation, each attempt carries it and a fresh PoP for that audience (the Authorization Server's issuer
    /// identifier; draft-ietf-oauth-attestation-based-client-auth section 5).
    /// </summary>
    private async Task<VerificationResult<ReadOnlyMemory<byte>>> SendOAuthAsync(HttpMethod method, string url, Func<HttpContent> createContent, DpopSession? dpop, string? accessToken, string? attestationAudience, CancellationToken cancellationToken)
    {
        var response = await SendOAuthForResponseAsync(method, url, createContent, s_acceptJson, dpop, accessToken, attestationAudience, cancellationToken).ConfigureAwait(false);
        return response.IsValid ? response.Value.Body : response.Error;
    }

    /// <summary>
    /// As <see cref="SendOAuthAsync"/>, with the whole successful response (status, media type) and the media types to
    /// accept: the one sender of every request that presents an access token (credential, deferred credential,
    /// notification) and of the PAR and token requests.
    /// </summary>
    private async Task<VerificationResult<HttpFetchResponse>> SendOAuthForResponseAsync(HttpMethod method, string url, Func<HttpContent> createContent, IReadOnlyList<string> accept, DpopSession? dpop, string? accessToken, string? attestationAudience, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return new VerificationError(HttpErrors.InsecureTransport, "OpenID4VCI endpoints must be https URLs.");
        }

        for (var attempt = 0; ; attempt++)
        {
            var headers = new List<KeyValuePair<string, string>>(3);
            var nonce = dpop?.GetNonce(uri);
            if (dpop is not null)
            {
                headers.Add(new(DpopProof.HeaderName, await DpopProof.CreateAsync(dpop.Key, method.Method, uri, _options.TimeProvider, nonce, accessToken, cancellationToken).ConfigureAwait(false)));
            }

            if (attestationAudience is not null && _options.ClientAttestation is { } attestation)
            {
                headers.Add(new(ClientAttestation.HeaderName, attestation));
                headers.Add(new(ClientAttestation.PopHeaderName, await ClientAttestationPop.CreateAsync(_options.ClientAttestationSigner!, attestationAudience, _options.TimeProvider, cancellationToken: cancellationToken).ConfigureAwait(false)));
            }

            using var content = createContent();
            var response = await _fetcher.SendAsync(
                new HttpFetchRequest
                {
                    Uri = uri,
                    Method = method,
                    Content = content,
                    Accept = accept,
                    Authorization = accessToken is null ? null : new AuthenticationHeaderValue(dpop is null ? "Bearer" : DpopProof.Scheme, accessToken),
                    Headers = headers,
                    ResponseHeaders = s_oauthResponseHeaders,
                    ReturnErrorResponses = true,
                },
                cancellationToken).ConfigureAwait(false);
            if (!response.IsValid)
            {
                return response.Error;
            }

            // RFC 9449 section 8.2: the server may give a new nonce with any response; keep the latest.
            string? fresh = null;
            if (dpop is not null && response.Value.Headers.TryGetValue(DpopProof.NonceHeaderName, out var given) && IsNonce(given))
            {
                fresh = given;
                dpop.SetNonce(uri, given);
            }

            if (attempt == 0 && fresh is not null && !string.Equals(fresh, nonce, StringComparison.Ordinal)
                && !response.Value.IsSuccessStatusCode && AsksForNonce(response.Value))
            {
                continue;
            }

            if (response.Value.IsSuccessStatusCode)
            {
                return response.Value;
            }

            return ToBody(response.Value).Error!;
        }
    }

    // RFC 9449 section 8: use_dpop_nonce as the token endpoint's error (a JSON body) or the resource server's
    // WWW-Authenticate challenge (section 9).
    private static bool AsksForNonce(HttpFetchResponse response)
        => string.Equals(ProtocolErrorResponse.TryParse(response.Body)?.Error, UseDpopNonce, StringComparison.Ordinal)
            || (response.Headers.TryGetValue(WwwAuthenticate, out var challenge) && challenge.Contains(UseDpopNonce, StringComparison.Ordinal));

    // RFC 9449 section 8.1: nonce = 1*NQCHAR (%x21 / %x23-5B / %x5D-7E); anything else is ignored.
    private static bool IsNonce(string value)
    {
        if (value.Length is 0 or > MaxNonceLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is < '!' or > '~' or '"' or '\\')
            {
                return false;
            }
        }

        return true;
    }
}
