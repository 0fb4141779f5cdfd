using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Http;
using Credentials.Internal;
using Credentials.OpenId4Vp;
using Credentials.OpenId4Vp.Internal;
using Credentials.Wallet.Holder;

namespace Credentials.Wallet.OpenId4Vp;

/// <summary>
/// The wallet's side of OpenID for Verifiable Presentations 1.0 over HTTP: resolve an <c>openid4vp://</c> request (by
/// value, or fetched from <c>request_uri</c> with its signature and Client Identifier Prefix checked), plan the answer
/// with the holder service (DCQL matching, consent data), and post the response (<c>vp_token</c> and <c>state</c>, or
/// <c>error=access_denied</c>) to <c>response_uri</c> with Response Mode <c>direct_post</c>.
/// </summary>
/// <remarks>
/// Requests that fail validation are returned to the app with their code and never answered: their
/// <c>response_uri</c> is not authenticated, so nothing is sent to it. Every HTTP exchange goes through the library's
/// <see cref="HttpFetcher"/> with <see cref="OpenId4VpWalletClientOptions.Http"/> (HTTPS only, address policy, no
/// redirects, timeout, size cap); its <see cref="HttpErrors"/> code is the <c>Inner</c> of the OpenID4VP error.
/// </remarks>
public sealed partial class OpenId4VpWalletClient
{
    private readonly HttpFetcher _fetcher;
    private readonly CredentialWallet _wallet;
    private readonly OpenId4VpWalletClientOptions _options;
    private readonly OpenId4VpRequestReader _reader;

    /// <summary>Creates a client.</summary>
    /// <param name="http">The HTTP client, best from <see cref="GuardedHttpHandler.CreateClient"/> (redirects are refused whether or not it follows them).</param>
    /// <param name="wallet">The holder service.</param>
    /// <param name="options">Options; defaults when <see langword="null"/>.</param>
    public OpenId4VpWalletClient(HttpClient http, CredentialWallet wallet, OpenId4VpWalletClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(wallet);
        _wallet = wallet;
        _options = options ?? OpenId4VpWalletClientOptions.Default;
        ArgumentNullException.ThrowIfNull(_options.Http, nameof(options));
        ArgumentNullException.ThrowIfNull(_options.RequestReader, nameof(options));
        ArgumentNullException.ThrowIfNull(_options.TimeProvider, nameof(options));
        _fetcher = new HttpFetcher(http, _options.Http, _options.TimeProvider);
        _reader = new OpenId4VpRequestReader(_options.RequestReader with { AllowHttpResponseUri = _options.RequestReader.AllowHttpResponseUri || !_options.Http.RequireHttps });
    }

    /// <summary>
    /// Resolves a request link (or QR code text): by value, or by reference — GET the <c>request_uri</c>, or POST a fresh
    /// <c>wallet_nonce</c> when the request says <c>request_uri_method=post</c> — then verifies it.
    /// </summary>
    /// <param name="link">The link.</param>
    /// <param name="cancellationToken">Cancels HTTP and DID resolution.</param>
    public async ValueTask<VerificationResult<VerifiedAuthorizationRequest>> ResolveRequestAsync(string link, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        var parsed = AuthorizationRequestLink.Read(link);
        if (!parsed.IsValid)
        {
            return parsed.Error;
        }

        if (OpenId4VpRequestReader.CheckLink(parsed.Value) is { } linkError)
        {
            return linkError;
        }

        if (!parsed.Value.IsByReference)
        {
            return await _reader.ReadAsync(parsed.Value, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var requestUri = new Uri(parsed.Value.RequestUri!);
        string? walletNonce = null;
        HttpFetchRequest fetch;
        if (parsed.Value.RequestUriMethod == OpenId4VpConstants.RequestUriMethodPost && _options.UseRequestUriPost)
        {
            walletNonce = StrictBase64Url.Encode(RandomNumberGenerator.GetBytes(16));
            fetch = new HttpFetchRequest
            {
                Uri = requestUri,
                Method = HttpMethod.Post,
                // Section 5.10: the wallet's metadata lets the verifier tailor the request (formats, algorithms, encryption).
                Content = new FormUrlEncodedContent([new(RequestParameterNames.WalletMetadata, _reader.CreateWalletMetadata()), new(RequestParameterNames.WalletNonce, walletNonce)]),
                Accept = [OpenId4VpConstants.RequestObjectMediaType],
                ReturnErrorResponses = true,
            };
        }
        else
        {
            fetch = new HttpFetchRequest { Uri = requestUri, Accept = [OpenId4VpConstants.RequestObjectMediaType], ReturnErrorResponses = true };
        }

        var answer = await _fetcher.SendAsync(fetch, cancellationToken).ConfigureAwait(false);
        if (!answer.IsValid)
        {
            return new VerificationError(OpenId4VpErrors.RequestUriFailed, "The Request Object could not be fetched.") { Inner = answer.Error };
        }

        // Section 5.10.2: any HTTP error response terminates the process; 5.10.1: the content type is fixed.
        if (answer.Value.StatusCode != 200 || !string.Equals(answer.Value.MediaType, OpenId4VpConstants.RequestObjectMediaType, StringComparison.OrdinalIgnoreCase))
        {
            return new VerificationError(OpenId4VpErrors.RequestUriFailed, "The request_uri did not answer 200 with application/oauth-authz-req+jwt.");
        }

        string body;
        try
        {
            body = new UTF8Encoding(false, true).GetString(answer.Value.Body.Span);
        }
        catch (DecoderFallbackException)
        {
            return new VerificationError(OpenId4VpErrors.InvalidRequestObject, "The Request Object is not UTF-8.");
        }

        return await _reader.ReadAsync(parsed.Value, body, walletNonce, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Plans the answer (nothing leaves the wallet): DCQL matching, the claims each presentation would disclose.</summary>
    /// <param name="request">The verified request.</param>
    /// <param name="locale">The language of labels; the wallet's default when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels store access.</param>
    public ValueTask<VerificationResult<PresentationPlan>> PrepareAsync(VerifiedAuthorizationRequest request, string? locale = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var r = request.Request;
        if (string.IsNullOrWhiteSpace(r.ClientId) || string.IsNullOrWhiteSpace(r.Nonce))
        {
            // OpenID4VP 1.0 section 5.2: client_id and nonce are REQUIRED; without them there is nothing to bind to.
            return ValueTask.FromResult<VerificationResult<PresentationPlan>>(new VerificationError(HolderErrors.InvalidPresentationRequest, "The request has an empty or blank client_id or nonce; nothing can be presented for it."));
        }

        var thumbprint = request.ComputeEncryptionKeyThumbprint();
        return _wallet.PrepareAsync(
            new PresentationRequest(r.DcqlQuery, r.ClientId, r.Nonce)
            {
                ResponseUri = r.ResponseUri,
                EncryptionKeyThumbprint = thumbprint is null ? null : thumbprint,
            },
            locale,
            cancellationToken);
    }

    /// <summary>
    /// Answers with the user's consent: an approval posts the <c>vp_token</c> (Key Binding JWTs with <c>aud</c> =
    /// <c>client_id</c> and the request's <c>nonce</c>) and <c>state</c>; a denial posts <c>error=access_denied</c>.
    /// </summary>
    /// <param name="request">The verified request.</param>
    /// <param name="plan">The plan from <see cref="PrepareAsync"/>.</param>
    /// <param name="consent">The user's answer.</param>
    /// <param name="cancellationToken">Cancels signing and HTTP.</param>
    public async ValueTask<VerificationResult<OpenId4VpSubmission>> RespondAsync(VerifiedAuthorizationRequest request, PresentationPlan plan, PresentationConsent consent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(consent);
        if (!string.Equals(plan.Request.Nonce, request.Request.Nonce, StringComparison.Ordinal) || !string.Equals(plan.Verifier, request.Request.ClientId, StringComparison.Ordinal))
        {
            throw new ArgumentException("The plan was made for another request.", nameof(plan));
        }

        var presented = await _wallet.RespondAsync(plan, consent, cancellationToken).ConfigureAwait(false);
        if (!presented.IsValid)
        {
            return presented.Error;
        }

        var response = presented.Value.IsDenied
            ? AuthorizationResponse.Failure(OpenId4VpOAuthErrors.AccessDenied, request.Request.State)
            : AuthorizationResponse.Success(presented.Value.VpToken, request.Request.State);
        return await PostAsync(request, response, presented.Value, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Posts an Authorization Error Response (for example <c>access_denied</c> when the wallet has nothing to answer with).</summary>
    /// <param name="request">The verified request.</param>
    /// <param name="error">The OAuth error.</param>
    /// <param name="description">A description without personal data, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels HTTP.</param>
    public ValueTask<VerificationResult<OpenId4VpSubmission>> SendErrorAsync(VerifiedAuthorizationRequest request, string error, string? description = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostAsync(request, AuthorizationResponse.Failure(error, request.Request.State, description), null, cancellationToken);
    }

    /// <summary>
    /// The whole flow: resolve, plan, ask <paramref name="consent"/>, respond. When the wallet cannot satisfy the query,
    /// the verifier gets <c>access_denied</c> without asking the user (section 8.5).
    /// </summary>
    /// <param name="link">The request link.</param>
    /// <param name="consent">Shows the plan to the user and returns the answer.</param>
    /// <param name="cancellationToken">Cancels the flow.</param>
    public async ValueTask<VerificationResult<OpenId4VpSubmission>> PresentAsync(string link, Func<PresentationPlan, CancellationToken, ValueTask<PresentationConsent>> consent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consent);
        var request = await ResolveRequestAsync(link, cancellationToken).ConfigureAwait(false);
        if (!request.IsValid)
        {
            return request.Error;
        }

        var plan = await PrepareAsync(request.Value, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!plan.IsValid)
        {
            return plan.Error;
        }

        if (!plan.Value.IsSatisfiable)
        {
            return await SendErrorAsync(request.Value, OpenId4VpOAuthErrors.AccessDenied, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var answer = await consent(plan.Value, cancellationToken).ConfigureAwait(false);
        return await RespondAsync(request.Value, plan.Value, answer, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<VerificationResult<OpenId4VpSubmission>> PostAsync(VerifiedAuthorizationRequest request, AuthorizationResponse response, PresentationResponse? presentation, CancellationToken cancellationToken)
    {
        var uri = new Uri(request.Request.ResponseUri);
        var form = response.ToForm();
        if (request.IsEncrypted)
        {
            // Section 8.3.1: direct_post.jwt posts response=<JWE> whose payload is the response parameters, state included.
            var jwe = ResponseEncryption.Encrypt(response.ToJsonPayload(includeState: true), request.EncryptionKey!, request.EncryptionMethod!);
            if (!jwe.IsValid)
            {
                return jwe.Error;
            }

            form = [new(RequestParameterNames.Response, jwe.Value)];
        }

        var answer = await _fetcher.SendAsync(
            new HttpFetchRequest { Uri = uri, Method = HttpMethod.Post, Content = new FormUrlEncodedContent(form), Accept = ["application/json"], ReturnErrorResponses = true },
            cancellationToken).ConfigureAwait(false);
        if (!answer.IsValid)
        {
            return new VerificationError(OpenId4VpErrors.ResponseUriFailed, "The response could not be delivered.") { Inner = answer.Error };
        }

        using var document = SafeJson.TryParse(answer.Value.Body, 8);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return new VerificationError(OpenId4VpErrors.ResponseUriFailed, $"The Response URI answered HTTP {answer.Value.StatusCode} without a JSON object.");
        }

        var body = document.RootElement;
        string? redirect = null;
        if (answer.Value.StatusCode == 200 && body.TryGetString("redirect_uri", out var target)
            && Uri.TryCreate(target, UriKind.Absolute, out var redirectUri) && (redirectUri.Scheme == Uri.UriSchemeHttps || (!_options.Http.RequireHttps && redirectUri.Scheme == Uri.UriSchemeHttp)))
        {
            redirect = target;
        }

        return new OpenId4VpSubmission
        {
            Response = response,
            Presentation = presentation,
            StatusCode = answer.Value.StatusCode,
            RedirectUri = redirect,
            VerifierError = answer.Value.StatusCode == 200 ? null : body.TryGetString("error", out var e) ? e : null,
            VerifierErrorDescription = answer.Value.StatusCode == 200 ? null : body.TryGetString("error_description", out var d) ? d : null,
        };
    }
}
