using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Http;
using Credentials.Internal;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.OAuth;
using Credentials.OpenId4Vci;
using Credentials.Wallet.Holder;

namespace Credentials.Wallet.OpenId4Vci;

/// <content>
/// The Authorization Code Flow (OpenID4VCI 1.0 section 5, HAIP 1.0 section 4): a pushed authorization request
/// (RFC 9126) with PKCE S256 (RFC 7636), <c>state</c>, <c>authorization_details</c> (or <c>scope</c>) and
/// <c>issuer_state</c>; the browser's return checked (<c>state</c>, <c>iss</c> per RFC 9207); the code exchanged with
/// a DPoP proof (RFC 9449) and the wallet attestation; then the Credential Request as in the Pre-Authorized Code Flow.
/// </content>
public sealed partial class OpenId4VciClient
{
    private const string AuthorizationCodeGrantType = "authorization_code";
    private const string OpenIdCredentialType = "openid_credential";
    private const int StateBytes = 32;
    private const int MaxRedirectLength = 16 * 1024;

    /// <summary>
    /// Wallet-initiated issuance: fetches and checks the Credential Issuer Metadata of <paramref name="credentialIssuer"/>
    /// and its Authorization Server's metadata, for an Authorization Code Flow asking for
    /// <paramref name="credentialConfigurationIds"/> (OpenID4VCI 1.0 section 3.3.3). The result stands in for an offer
    /// with an <c>authorization_code</c> grant and no <c>issuer_state</c>.
    /// </summary>
    /// <param name="credentialIssuer">The Credential Issuer Identifier, an https URL.</param>
    /// <param name="credentialConfigurationIds">The configurations wanted, keys of the issuer's <c>credential_configurations_supported</c>.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The resolved issuer; or <see cref="OpenId4VciErrors.InvalidMetadata"/> (also when it does not list a configuration),
    /// <see cref="OpenId4VciErrors.IssuerMismatch"/>, or an <see cref="HttpErrors"/> code.</returns>
    /// <exception cref="ArgumentException">The identifier is not an absolute http(s) URL without query and fragment, or no configuration is named.</exception>
    public async ValueTask<VerificationResult<ResolvedCredentialOffer>> ResolveIssuerAsync(string credentialIssuer, IReadOnlyList<string> credentialConfigurationIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentialIssuer);
        ArgumentNullException.ThrowIfNull(credentialConfigurationIds);
        if (!Uri.TryCreate(credentialIssuer, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw new ArgumentException("The Credential Issuer Identifier must be an absolute https URL without query and fragment.", nameof(credentialIssuer));
        }

        if (credentialConfigurationIds.Count == 0 || credentialConfigurationIds.Any(string.IsNullOrEmpty) || credentialConfigurationIds.Distinct(StringComparer.Ordinal).Count() != credentialConfigurationIds.Count)
        {
            throw new ArgumentException("Name at least one configuration, each once.", nameof(credentialConfigurationIds));
        }

        var offer = new CredentialOffer
        {
            CredentialIssuer = credentialIssuer,
            CredentialConfigurationIds = [.. credentialConfigurationIds],
            AuthorizationCode = new AuthorizationCodeGrant(),
        };
        return await ResolveMetadataAsync(offer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts the Authorization Code Flow: pushes the Authorization Request to the Authorization Server's PAR endpoint
    /// (RFC 9126; HAIP 1.0 requires it) with PKCE S256, a random <c>state</c>, <c>authorization_details</c> of type
    /// <c>openid_credential</c> (or the configurations' <c>scope</c>), the offer's <c>issuer_state</c>, the DPoP key's
    /// thumbprint (<c>dpop_jkt</c>, RFC 9449 section 10) and the wallet attestation when configured. Nothing is stored
    /// in the wallet yet.
    /// </summary>
    /// <param name="offer">A resolved offer with an <c>authorization_code</c> grant, or the result of <see cref="ResolveIssuerAsync"/>.</param>
    /// <param name="request">The redirect URI and what to ask for.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>
    /// The session: open <see cref="AuthorizationCodeSession.AuthorizationUrl"/> in the browser, keep the session (or
    /// persist <see cref="AuthorizationCodeSession.ToJson"/>), and give the URL the browser returns with to
    /// <see cref="CompleteAuthorizationAsync"/>.
    /// Or <see cref="OpenId4VciErrors.UnsupportedOffer"/> (no <c>authorization_code</c> grant, no PAR endpoint, no S256,
    /// a configuration not offered or without <c>scope</c>), <see cref="OpenId4VciErrors.InvalidMetadata"/>,
    /// <see cref="OpenId4VciErrors.InvalidResponse"/> (a malformed PAR response), the server's protocol error, or an
    /// <see cref="HttpErrors"/> code.
    /// </returns>
    /// <exception cref="InvalidOperationException"><see cref="OpenId4VciClientOptions.ClientId"/> is not set.</exception>
    /// <exception cref="ArgumentException">The redirect URI is not absolute, or no configuration is named.</exception>
    public async ValueTask<VerificationResult<AuthorizationCodeSession>> StartAuthorizationAsync(ResolvedCredentialOffer offer, AuthorizationCodeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.RedirectUri);
        var clientId = _options.ClientId ?? throw new InvalidOperationException("The Authorization Code Flow needs OpenId4VciClientOptions.ClientId.");
        if (!request.RedirectUri.IsAbsoluteUri || request.RedirectUri.Fragment.Length > 0)
        {
            // RFC 6749 section 3.1.2: an absolute URI without fragment.
            throw new ArgumentException("The redirect URI must be absolute and have no fragment.", nameof(request));
        }

        var ids = request.CredentialConfigurationIds ?? [offer.Offer.CredentialConfigurationIds[0]];
        if (ids.Count == 0)
        {
            throw new ArgumentException("Name at least one configuration.", nameof(request));
        }

        var prepared = PrepareAuthorization(offer, ids, request.UseScope);
        if (!prepared.IsValid)
        {
            return prepared.Error;
        }

        var (parEndpoint, authorizationEndpoint, details, scope) = prepared.Value;
        var server = offer.AuthorizationServer;
        var verifier = Pkce.CreateVerifier();
        var state = CreateState();
        using var dpopKey = _options.UseDpop ? SigningKey.Create(_options.DpopAlgorithm) : null;
        var form = new List<KeyValuePair<string, string>>
        {
            new("response_type", "code"),
            new("client_id", clientId),
            new("redirect_uri", request.RedirectUri.OriginalString),
            new("state", state),

            // RFC 7636 section 4.3; HAIP 1.0 requires S256.
            new("code_challenge", Pkce.ComputeS256Challenge(verifier)),
            new("code_challenge_method", "S256"),
        };
        if (details is not null)
        {
            form.Add(new("authorization_details", details));
        }

        if (scope is not null)
        {
            form.Add(new("scope", scope));

            // Section 5.1.2: with a separate Authorization Server, the resource parameter names the Credential Issuer (RFC 8707).
            if (offer.Metadata.AuthorizationServers is { Count: > 0 })
            {
                form.Add(new("resource", offer.Metadata.CredentialIssuer));
            }
        }

        // Section 5.1.3: issuer_state from the offer goes back unchanged.
        if (offer.Offer.AuthorizationCode?.IssuerState is { } issuerState)
        {
            form.Add(new("issuer_state", issuerState));
        }

        // RFC 9449 section 10: bind the code to the DPoP key.
        if (dpopKey is not null)
        {
            form.Add(new("dpop_jkt", dpopKey.PublicJwk.ComputeThumbprint()));
        }

        var body = await SendOAuthAsync(HttpMethod.Post, parEndpoint, () => new FormUrlEncodedContent(form), null, null, server.Issuer, cancellationToken).ConfigureAwait(false);
        if (!body.IsValid)
        {
            return body.Error;
        }

        var pushed = ReadPushedAuthorizationResponse(body.Value);
        if (!pushed.IsValid)
        {
            return pushed.Error;
        }

        // RFC 9126 section 4: the authorization request carries client_id and request_uri only.
        var separator = authorizationEndpoint.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var url = new Uri($"{authorizationEndpoint}{separator}client_id={Uri.EscapeDataString(clientId)}&request_uri={Uri.EscapeDataString(pushed.Value.RequestUri)}");
        return new AuthorizationCodeSession
        {
            Offer = offer,
            CredentialConfigurationIds = [.. ids],
            ClientId = clientId,
            RedirectUri = request.RedirectUri,
            AuthorizationUrl = url,
            ExpiresAt = SaturatingTime.Add(_options.TimeProvider.GetUtcNow(), TimeSpan.FromSeconds(pushed.Value.ExpiresIn)),
            State = state,
            CodeVerifier = verifier,
            DpopKey = dpopKey?.ExportPrivateJwk(),
        };
    }

    /// <summary>
    /// Finishes the Authorization Code Flow and stores the result: checks the URL the browser came back with (the
    /// <c>state</c>, in constant time; the <c>iss</c>, RFC 9207; an <c>error</c>), exchanges the code at the token
    /// endpoint with the PKCE verifier, the redirect URI, a DPoP proof and the wallet attestation, then requests the
    /// credential exactly as <see cref="ReceiveAsync(ResolvedCredentialOffer, CredentialWallet, CredentialReceiveRequest?, CancellationToken)"/>
    /// does (a nonce, one fresh holder key and key proof per copy, import through the holder service), presenting the
    /// access token as DPoP when the server bound it. If anything fails, nothing is stored. A session is good for one
    /// code: start a new one to try again.
    /// </summary>
    /// <param name="session">The session from <see cref="StartAuthorizationAsync"/> (or <see cref="AuthorizationCodeSession.Read(string)"/>).</param>
    /// <param name="redirect">The full URL the browser was redirected to.</param>
    /// <param name="wallet">The holder service to store into.</param>
    /// <param name="request">Which authorized configuration (the session's first when unset) and how many copies; the Transaction Code is not used.</param>
    /// <param name="cancellationToken">Cancels the requests and the store.</param>
    /// <returns>
    /// The stored credential; or <see cref="AuthorizationCodeErrors.StateMismatch"/>, <see cref="AuthorizationCodeErrors.IssuerMismatch"/>,
    /// <see cref="AuthorizationCodeErrors.AccessDenied"/>, <see cref="AuthorizationCodeErrors.AuthorizationFailed"/>,
    /// <see cref="AuthorizationCodeErrors.CodeMissing"/>, <see cref="AuthorizationCodeErrors.InvalidRedirect"/> (nothing sent);
    /// <see cref="OpenId4VciErrors.UnsupportedOffer"/> (a configuration that was not authorized); the server's protocol error
    /// (<c>openid4vci.invalid_grant</c> for a wrong code or verifier …); or what
    /// <see cref="ReceiveAsync(ResolvedCredentialOffer, CredentialWallet, CredentialReceiveRequest?, CancellationToken)"/> returns.
    /// </returns>
    public async ValueTask<VerificationResult<ReceivedCredential>> CompleteAuthorizationAsync(AuthorizationCodeSession session, Uri redirect, CredentialWallet wallet, CredentialReceiveRequest? request = null, CancellationToken cancellationToken = default)
    {
        var outcome = await CompleteAuthorizationCoreAsync(session, redirect, wallet, request, allowDeferred: false, cancellationToken).ConfigureAwait(false);
        return outcome.IsValid ? outcome.Value.Received! : outcome.Error;
    }

    /// <summary>
    /// As <see cref="CompleteAuthorizationAsync"/>, but when the issuer defers issuance (HTTP 202 with a
    /// <c>transaction_id</c>, section 8.3) returns the <see cref="PendingCredential"/> instead of failing (the holder keys
    /// are kept; for a DPoP-bound token it carries the DPoP key): persist it and call <see cref="CompleteDeferredAsync"/>
    /// after its <see cref="PendingCredential.RetryAfter"/>.
    /// </summary>
    /// <param name="session">The session from <see cref="StartAuthorizationAsync"/> (or <see cref="AuthorizationCodeSession.Read(string)"/>).</param>
    /// <param name="redirect">The full URL the browser was redirected to.</param>
    /// <param name="wallet">The holder service to store into.</param>
    /// <param name="request">Which authorized configuration (the session's first when unset) and how many copies; the Transaction Code is not used.</param>
    /// <param name="cancellationToken">Cancels the requests and the store.</param>
    /// <returns>The stored credential or the pending issuance; or the errors of <see cref="CompleteAuthorizationAsync"/>.</returns>
    /// <exception cref="ArgumentException">Fewer than one copy requested.</exception>
    public ValueTask<VerificationResult<CredentialReceiveOutcome>> CompleteAuthorizationOrDeferAsync(AuthorizationCodeSession session, Uri redirect, CredentialWallet wallet, CredentialReceiveRequest? request = null, CancellationToken cancellationToken = default)
        => CompleteAuthorizationCoreAsync(session, redirect, wallet, request, allowDeferred: true, cancellationToken);

    private async ValueTask<VerificationResult<CredentialReceiveOutcome>> CompleteAuthorizationCoreAsync(AuthorizationCodeSession session, Uri redirect, CredentialWallet wallet, CredentialReceiveRequest? request, bool allowDeferred, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(redirect);
        ArgumentNullException.ThrowIfNull(wallet);
        request ??= new CredentialReceiveRequest();
        if (request.Copies < 1)
        {
            throw new ArgumentException("At least one copy must be requested.", nameof(request));
        }

        var configurationId = request.CredentialConfigurationId ?? session.CredentialConfigurationIds[0];
        if (!session.CredentialConfigurationIds.Contains(configurationId, StringComparer.Ordinal))
        {
            return new VerificationError(OpenId4VciErrors.UnsupportedOffer, "The configuration was not part of the authorization.");
        }

        var code = AuthorizationResponse.Read(session, redirect);
        if (!code.IsValid)
        {
            return code.Error;
        }

        return await ReceiveCoreAsync(session.Offer, wallet, request with { CredentialConfigurationId = configurationId }, ct => ExchangeCodeAsync(session, code.Value, ct), allowDeferred, cancellationToken).ConfigureAwait(false);
    }

    private static string CreateState()
    {
        Span<byte> bytes = stackalloc byte[StateBytes];
        RandomNumberGenerator.Fill(bytes);
        return StrictBase64Url.Encode(bytes);
    }

    // Checks what the Authorization Server and the Credential Issuer support for this request, before anything is sent.
    private static VerificationResult<(string Par, string Authorization, string? Details, string? Scope)> PrepareAuthorization(ResolvedCredentialOffer offer, IReadOnlyList<string> ids, bool useScope)
    {
        if (offer.Offer.AuthorizationCode is null)
        {
            return new VerificationError(OpenId4VciErrors.UnsupportedOffer, "The offer has no authorization_code grant.");
        }

        var server = offer.AuthorizationServer;
        if (server.GrantTypesSupported is { } grants && !grants.Contains(AuthorizationCodeGrantType, StringComparer.Ordinal))
        {
            return new VerificationError(OpenId4VciErrors.UnsupportedOffer, "The Authorization Server does not support the authorization_code grant.");
        }

        if (server.AuthorizationEndpoint is not { } authorization || !Uri.TryCreate(authorization, UriKind.Absolute, out var authorizationUri) || authorizationUri.Fragment.Length > 0)
        {
            return new VerificationError(OpenId4VciErrors.InvalidMetadata, "The Authorization Server names no authorization_endpoint (an absolute URL without fragment).");
        }

        // HAIP 1.0 section 4.1: pushed authorization requests are required.
        if (server.PushedAuthorizationRequestEndpoint is not { } par)
        {
            return new VerificationError(OpenId4VciErrors.UnsupportedOffer, "The Authorization Server has no pushed_authorization_request_endpoint.");
        }

        // RFC 7636 section 4.2 / HAIP 1.0: S256 only; a server that lists its methods must list it.
        if (server.CodeChallengeMethodsSupported is { } methods && !methods.Contains("S256", StringComparer.Ordinal))
        {
            return new VerificationError(OpenId4VciErrors.UnsupportedOffer, "The Authorization Server does not support PKCE S256.");
        }

        var scopes = useScope ? new List<string>(ids.Count) : null;
        foreach (var id in ids)
        {
            if (!offer.Offer.CredentialConfigurationIds.Contains(id, StringComparer.Ordinal) || !offer.Metadata.CredentialConfigurations.TryGetValue(id, out var configuration))
            {
                return new VerificationError(OpenId4VciErrors.UnsupportedOffer, "A configuration was not offered.");
            }

            if (scopes is not null)
            {
                if (configuration.Scope is not { Length: > 0 } scope)
                {
                    return new VerificationError(OpenId4VciErrors.UnsupportedOffer, "A configuration has no scope to ask for.");
                }

                scopes.Add(scope);
            }
        }

        if (scopes is not null)
        {
            return (par, authorization, null, string.Join(' ', scopes.Distinct(StringComparer.Ordinal)));
        }

        // Section 5.1.1: one openid_credential entry per configuration; locations names the Credential Issuer when the
        // Authorization Server is a separate one.
        var details = OpenId4VciJson.Write(w =>
        {
            w.WriteStartArray();
            foreach (var id in ids)
            {
                w.WriteStartObject();
                w.WriteString("type", OpenIdCredentialType);
                w.WriteString("credential_configuration_id", id);
                if (offer.Metadata.AuthorizationServers is { Count: > 0 })
                {
                    OpenId4VciJson.WriteStringArray(w, "locations", [offer.Metadata.CredentialIssuer]);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
        return (par, authorization, details, null);
    }

    // The Token Request of the Authorization Code Flow (section 6.1, RFC 6749 section 4.1.3, RFC 7636 section 4.5).
    private async ValueTask<VerificationResult<IssuerAccess>> ExchangeCodeAsync(AuthorizationCodeSession session, string code, CancellationToken cancellationToken)
    {
        DpopSession? dpop = null;
        if (session.DpopKey is { } jwk)
        {
            SigningKey key;
            try
            {
                key = SigningKey.FromJwk(jwk);
            }
            catch (Exception e) when (e is ArgumentException or CryptographicException or NotSupportedException)
            {
                return new VerificationError(AuthorizationCodeErrors.InvalidSession, "The session's DPoP key cannot be used.");
            }

            dpop = new DpopSession(key);
            if (session.DpopNonce is { } nonce && Uri.TryCreate(session.Offer.AuthorizationServer.TokenEndpoint, UriKind.Absolute, out var tokenUri))
            {
                dpop.SetNonce(tokenUri, nonce);
            }
        }

        var handedOver = false;
        try
        {
            var form = new List<KeyValuePair<string, string>>
            {
                new("grant_type", AuthorizationCodeGrantType),
                new("code", code),
                new("redirect_uri", session.RedirectUri.OriginalString),
                new("code_verifier", session.CodeVerifier),
                new("client_id", session.ClientId),
            };
            var server = session.Offer.AuthorizationServer;
            var body = await SendOAuthAsync(HttpMethod.Post, server.TokenEndpoint, () => new FormUrlEncodedContent(form), dpop, null, server.Issuer, cancellationToken).ConfigureAwait(false);
            if (!body.IsValid)
            {
                return body.Error;
            }

            var token = TokenResponse.Read(body.Value);
            if (!token.IsValid)
            {
                return token.Error;
            }

            // RFC 9449 section 5: a bound token has token_type DPoP; a server that does not support DPoP ignores the proof and answers Bearer.
            var bound = string.Equals(token.Value.TokenType, DpopProof.Scheme, StringComparison.OrdinalIgnoreCase);
            if (!bound && !string.Equals(token.Value.TokenType, "Bearer", StringComparison.OrdinalIgnoreCase))
            {
                return new VerificationError(OpenId4VciErrors.InvalidResponse, "The token type is neither DPoP nor Bearer.");
            }

            if (bound && dpop is null)
            {
                return new VerificationError(OpenId4VciErrors.InvalidResponse, "The server issued a DPoP token although no DPoP proof was sent.");
            }

            var identifiers = ReadCredentialIdentifiers(body.Value);
            if (!identifiers.IsValid)
            {
                return identifiers.Error;
            }

            var access = new IssuerAccess(token.Value.AccessToken, bound ? dpop : null, identifiers.Value);
            handedOver = bound;
            return access;
        }
        finally
        {
            if (!handedOver)
            {
                dpop?.Dispose();
            }
        }
    }

    // RFC 9126 section 2.2: request_uri and expires_in are both required.
    private static VerificationResult<(string RequestUri, int ExpiresIn)> ReadPushedAuthorizationResponse(ReadOnlyMemory<byte> body)
    {
        if (OpenId4VciJson.ParseObject(body) is not { } root
            || !OpenId4VciJson.TryRequiredString(root, "request_uri", out var requestUri)
            || !OpenId4VciJson.TryOptionalInt(root, "expires_in", 1, int.MaxValue, out var expiresIn) || expiresIn is null)
        {
            return new VerificationError(OpenId4VciErrors.InvalidResponse, "The pushed authorization response needs a string request_uri and a positive integer expires_in.");
        }

        return (requestUri, expiresIn.Value);
    }

    // Section 6.2: authorization_details in the Token Response lists the Credential Identifiers per configuration.
    private static VerificationResult<IReadOnlyDictionary<string, IReadOnlyList<string>>?> ReadCredentialIdentifiers(ReadOnlyMemory<byte> body)
    {
        if (OpenId4VciJson.ParseObject(body) is not { } root || !root.TryGetProperty("authorization_details", out var details))
        {
            return VerificationResult<IReadOnlyDictionary<string, IReadOnlyList<string>>?>.Success(null);
        }

        if (details.ValueKind != JsonValueKind.Array)
        {
            return new VerificationError(OpenId4VciErrors.InvalidResponse, "authorization_details must be an array.");
        }

        var identifiers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var detail in details.EnumerateArray())
        {
            if (detail.ValueKind != JsonValueKind.Object || !OpenId4VciJson.TryRequiredString(detail, "type", out var type))
            {
                return new VerificationError(OpenId4VciErrors.InvalidResponse, "Each authorization_details entry must be an object with a type.");
            }

            if (!string.Equals(type, OpenIdCredentialType, StringComparison.Ordinal))
            {
                continue;
            }

            if (!OpenId4VciJson.TryRequiredString(detail, "credential_configuration_id", out var id)
                || !OpenId4VciJson.TryOptionalStringArray(detail, "credential_identifiers", nonEmpty: true, out var list) || list is null
                || !identifiers.TryAdd(id, list))
            {
                return new VerificationError(OpenId4VciErrors.InvalidResponse, "An openid_credential entry needs a credential_configuration_id (once) and a non-empty credential_identifiers array.");
            }
        }

        return VerificationResult<IReadOnlyDictionary<string, IReadOnlyList<string>>?>.Success(identifiers);
    }
}
