using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.OAuth;

namespace Credentials.OpenId4Vci;

/// <content>
/// The Authorization Code Flow (OpenID4VCI 1.0 sections 5 and 6, HAIP 1.0): Pushed Authorization Requests (RFC 9126),
/// the authorization step handed to the app's authentication, and the <c>authorization_code</c> grant with PKCE
/// (RFC 7636, <c>S256</c> only).
/// </content>
public sealed partial class OpenId4VciIssuer
{
    /// <summary>The store kind of pushed authorization requests (keyed by the digest of the <c>request_uri</c>).</summary>
    public const string PushedRequestKind = "openid4vci.pushed_authorization_request";

    /// <summary>The store kind of authorizations waiting for the app's authentication.</summary>
    public const string PendingAuthorizationKind = "openid4vci.pending_authorization";

    /// <summary>The store kind of authorization codes.</summary>
    public const string AuthorizationCodeKind = "openid4vci.authorization_code";

    /// <summary>The store kind of the <c>issuer_state</c> of offers with the <c>authorization_code</c> grant.</summary>
    public const string IssuerStateKind = "openid4vci.issuer_state";

    /// <summary>The prefix of the <c>request_uri</c> values this issuer returns (RFC 9126 section 2.2).</summary>
    public const string RequestUriPrefix = "urn:ietf:params:oauth:request_uri:";

    /// <summary>The <c>authorization_details</c> type of OpenID4VCI (section 5.1.1).</summary>
    public const string OpenIdCredentialDetailsType = "openid_credential";

    /// <summary>The longest <c>authorization_details</c> parameter accepted, in characters.</summary>
    public const int MaxAuthorizationDetailsLength = 8 * 1024;

    /// <summary>The most entries in <c>authorization_details</c> (and scope values) of one request.</summary>
    public const int MaxAuthorizationDetailsEntries = 16;

    /// <summary>The longest <c>client_id</c>, <c>redirect_uri</c>, <c>state</c>, <c>scope</c> or <c>issuer_state</c> accepted, in characters.</summary>
    public const int MaxAuthorizationParameterLength = 2048;

    /// <summary>The Pushed Authorization Request endpoint URL (<c>{id}/par</c>), or <see langword="null"/> when the Authorization Code Flow is off.</summary>
    public string? PushedAuthorizationRequestEndpoint => AuthorizationCodeFlowEnabled ? CredentialIssuer + "/par" : null;

    /// <summary>The authorization endpoint URL (<c>{id}/authorize</c>), or <see langword="null"/> when the Authorization Code Flow is off.</summary>
    public string? AuthorizationEndpoint => AuthorizationCodeFlowEnabled ? CredentialIssuer + "/authorize" : null;

    private bool AuthorizationCodeFlowEnabled => _options.ValidateClient is not null;

    /// <summary>
    /// Answers a Pushed Authorization Request (<c>POST {path}/par</c>, RFC 9126 section 2): validates the Authorization
    /// Request (client and <c>redirect_uri</c> through <see cref="OpenId4VciIssuerOptions.ValidateClient"/>,
    /// <c>response_type=code</c>, PKCE <c>S256</c>, <c>authorization_details</c> / <c>scope</c>, <c>issuer_state</c>),
    /// stores it for <see cref="OpenId4VciIssuerOptions.PushedAuthorizationRequestLifetime"/> and answers 201 with its
    /// single-use <c>request_uri</c>.
    /// </summary>
    /// <param name="httpRequest">The request's method, URL and headers.</param>
    /// <param name="form">The <c>application/x-www-form-urlencoded</c> parameters, each with every value received.</param>
    /// <param name="cancellationToken">Cancels the store.</param>
    /// <returns>201 with <c>{"request_uri", "expires_in"}</c>, or an OAuth error (400, 401 for <c>invalid_client</c>).</returns>
    public async ValueTask<IssuerEndpointResult> HandlePushedAuthorizationRequestAsync(IssuerHttpRequest httpRequest, IReadOnlyDictionary<string, IReadOnlyList<string>> form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(httpRequest);
        ArgumentNullException.ThrowIfNull(form);
        if (_options.ValidateClient is not { } validateClient)
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidRequest, "This issuer does not support the Authorization Code Flow.");
        }

        foreach (var (name, values) in form)
        {
            // RFC 6749 section 3.1: parameters must not be repeated.
            if (values.Count > 1)
            {
                return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidRequest, $"The parameter '{name}' is repeated.");
            }

            if (values.Count == 1 && values[0].Length > (name == "authorization_details" ? MaxAuthorizationDetailsLength : MaxAuthorizationParameterLength))
            {
                return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidRequest, $"The parameter '{name}' is too long.");
            }
        }

        // RFC 9126 section 2.1: request_uri must not be provided in a pushed request.
        if (form.ContainsKey("request_uri"))
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidRequest, "request_uri must not be sent to the PAR endpoint.");
        }

        if (form.ContainsKey("request"))
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidRequest, "Request objects are not supported.");
        }

        // RFC 9449 section 10.1: the code is bound to the key of dpop_jkt or of a DPoP proof sent with the PAR request.
        var (dpopFailure, dpopJkt, parProof) = await CheckParDpopAsync(httpRequest, Single(form, "dpop_jkt"), cancellationToken).ConfigureAwait(false);
        if (dpopFailure is not null)
        {
            return dpopFailure;
        }

        var clientId = Single(form, "client_id");

        // HAIP 1.0 section 4.3: the Wallet authenticates at PAR as at the token endpoint; client_id must be the attestation's sub.
        var (clientFailure, _) = await AuthenticateClientAsync(httpRequest, clientId, cancellationToken).ConfigureAwait(false);
        if (clientFailure is not null)
        {
            return clientFailure;
        }

        var redirectUri = Single(form, "redirect_uri");
        if (string.IsNullOrEmpty(clientId))
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidRequest, "client_id is required.");
        }

        if (string.IsNullOrEmpty(redirectUri) || !Uri.TryCreate(redirectUri, UriKind.Absolute, out var redirect) || redirect.Fragment.Length > 0 || redirectUri.Contains('#', StringComparison.Ordinal))
        {
            // RFC 6749 section 3.1.2: an absolute URI without fragment; required here so it can be compared at the token endpoint.
            return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidRequest, "redirect_uri is required: an absolute URI without fragment.");
        }

        if (!validateClient(clientId, redirectUri))
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.UnauthorizedClient, "The client or its redirect_uri is not allowed.");
        }

        if (!string.Equals(Single(form, "response_type"), "code", StringComparison.Ordinal))
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.UnsupportedResponseType, "response_type must be code.");
        }

        // RFC 7636 section 4.3 and HAIP 1.0: PKCE is required, with S256 only (plain or a missing method is refused).
        var challenge = Single(form, "code_challenge");
        if (challenge is null || !string.Equals(Single(form, "code_challenge_method"), Pkce.S256, StringComparison.Ordinal) || !Pkce.IsValidS256Challenge(challenge))
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidRequest, "code_challenge with code_challenge_method=S256 is required.");
        }

        var requested = new List<string>();
        var details = Single(form, "authorization_details");
        if (details is not null)
        {
            var parsed = ReadAuthorizationDetails(details, requested);
            if (parsed is not null)
            {
                return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidAuthorizationDetails, parsed);
            }
        }

        var scope = Single(form, "scope");
        if (scope is not null)
        {
            // Section 5.1.2: each scope value names a Credential Configuration through its metadata scope; others are refused.
            foreach (var value in scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var id = FindConfigurationByScope(value);
                if (id is null)
                {
                    return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidScope, "A scope value names no Credential Configuration of this issuer.");
                }

                if (!requested.Contains(id, StringComparer.Ordinal))
                {
                    requested.Add(id);
                }
            }
        }

        if (requested.Count == 0)
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidRequest, "authorization_details or scope must request a Credential Configuration.");
        }

        if (requested.Count > MaxAuthorizationDetailsEntries)
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidRequest, "Too many Credential Configurations requested.");
        }

        // Section 5.1.3: issuer_state ties the request to the offer it came from (its configurations and subject).
        string? offerSubject = null;
        var issuerState = Single(form, "issuer_state");
        if (issuerState is not null)
        {
            var stored = await _store.TryGetAsync(IssuerStateKind, Hash(issuerState), _options.TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidRequest, "issuer_state is unknown or expired.");
            }

            var offered = CodeState.Read(stored);
            if (requested.Any(id => !offered.ConfigurationIds.Contains(id, StringComparer.Ordinal)))
            {
                return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidRequest, "The request asks for a Credential Configuration its offer did not offer.");
            }

            offerSubject = offered.SubjectId;
        }

        var state = new AuthorizationState(clientId, redirectUri, challenge, requested, offerSubject, null, Single(form, "state"), dpopJkt, details is not null);
        var handle = RandomToken();
        var lifetime = _options.PushedAuthorizationRequestLifetime;
        await _store.TryAddAsync(PushedRequestKind, Hash(handle), state.ToJson(), _options.TimeProvider.GetUtcNow() + lifetime, cancellationToken).ConfigureAwait(false);
        var body = OpenId4VciJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("request_uri", RequestUriPrefix + handle);
            w.WriteNumber("expires_in", (int)Math.Ceiling(lifetime.TotalSeconds));
            w.WriteEndObject();
        });

        // RFC 9126 section 2.2: 201 Created (with a fresh DPoP-Nonce when nonces are required, RFC 9449 section 8.2).
        return await WithDpopNonceAsync(new IssuerEndpointResult { StatusCode = 201, Body = body }, parProof, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The authorization endpoint (<c>GET {path}/authorize?client_id=…&amp;request_uri=…</c>): takes the pushed request
    /// (single use) and starts a pending authorization for the app to authenticate the End-User. HAIP 1.0 requires PAR, so
    /// a request without a <c>request_uri</c> from this issuer's PAR endpoint is refused.
    /// </summary>
    /// <remarks>
    /// Every error here must be shown to the End-User and never redirected: the <c>client_id</c> and
    /// <c>redirect_uri</c> cannot be trusted without the pushed request (RFC 6749 section 4.1.2.1).
    /// </remarks>
    /// <param name="clientId">The <c>client_id</c> query parameter.</param>
    /// <param name="requestUri">The <c>request_uri</c> query parameter.</param>
    /// <param name="cancellationToken">Cancels the store.</param>
    /// <returns>The pending authorization, or <see cref="OpenId4VciErrors.InvalidRequest"/> (unknown, expired or used <c>request_uri</c>, another client).</returns>
    public async ValueTask<VerificationResult<PendingAuthorization>> BeginAuthorizationAsync(string? clientId, string? requestUri, CancellationToken cancellationToken = default)
    {
        if (!AuthorizationCodeFlowEnabled)
        {
            return new VerificationError(OpenId4VciErrors.InvalidRequest, "This issuer does not support the Authorization Code Flow.");
        }

        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(requestUri))
        {
            return new VerificationError(OpenId4VciErrors.InvalidRequest, "client_id and a request_uri from the PAR endpoint are required.");
        }

        if (!requestUri.StartsWith(RequestUriPrefix, StringComparison.Ordinal) || requestUri.Length > RequestUriPrefix.Length + 64)
        {
            return new VerificationError(OpenId4VciErrors.InvalidRequest, "The request_uri was not issued by this issuer's PAR endpoint.");
        }

        var now = _options.TimeProvider.GetUtcNow();
        var key = Hash(requestUri[RequestUriPrefix.Length..]);
        var stored = await _store.TryGetAsync(PushedRequestKind, key, now, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return new VerificationError(OpenId4VciErrors.InvalidRequest, "The request_uri is unknown, expired or already used.");
        }

        var state = AuthorizationState.Read(stored);

        // RFC 9126 section 4: the client_id must be the one of the pushed request. Checked before consuming, so another
        // client cannot burn a request_uri it saw.
        if (!string.Equals(state.ClientId, clientId, StringComparison.Ordinal))
        {
            return new VerificationError(OpenId4VciErrors.InvalidRequest, "client_id does not match the pushed request.");
        }

        // RFC 9126 section 7.3: a request_uri is single use.
        if (await _store.TryConsumeAsync(PushedRequestKind, key, now, cancellationToken).ConfigureAwait(false) is null)
        {
            return new VerificationError(OpenId4VciErrors.InvalidRequest, "The request_uri is unknown, expired or already used.");
        }

        var id = RandomToken();
        await _store.TryAddAsync(PendingAuthorizationKind, Hash(id), stored, now + _options.PendingAuthorizationLifetime, cancellationToken).ConfigureAwait(false);
        return new PendingAuthorization
        {
            Id = id,
            ClientId = state.ClientId,
            RedirectUri = state.RedirectUri,
            CredentialConfigurationIds = state.ConfigurationIds,
            OfferSubjectId = state.OfferSubjectId,
        };
    }

    /// <summary>
    /// Completes a pending authorization for the End-User the app authenticated: issues a single-use authorization code
    /// bound to the client, <c>redirect_uri</c>, PKCE challenge, configurations and <paramref name="subjectId"/> (handed
    /// to <see cref="OpenId4VciIssuerOptions.ResolveDataset"/> at issuance), and returns the redirect to send the browser to:
    /// <c>redirect_uri?code=…&amp;state=…&amp;iss=…</c> (RFC 9207 <c>iss</c>, which HAIP 1.0 requires).
    /// </summary>
    /// <param name="pendingId">The <see cref="PendingAuthorization.Id"/>.</param>
    /// <param name="subjectId">The app's identifier of the authenticated End-User (or record to issue from).</param>
    /// <param name="cancellationToken">Cancels the store.</param>
    /// <returns>The redirect URL, or <see cref="OpenId4VciErrors.InvalidRequest"/> when the pending authorization is unknown, expired or used.</returns>
    public async ValueTask<VerificationResult<Uri>> CompleteAuthorizationAsync(string pendingId, string subjectId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subjectId);
        var taken = await TakePendingAsync(pendingId, cancellationToken).ConfigureAwait(false);
        if (!taken.IsValid)
        {
            return taken.Error;
        }

        var state = taken.Value with { SubjectId = subjectId };
        var code = RandomToken();
        await _store.TryAddAsync(AuthorizationCodeKind, Hash(code), state.ToJson(), _options.TimeProvider.GetUtcNow() + _options.AuthorizationCodeLifetime, cancellationToken).ConfigureAwait(false);
        return Redirect(state, ("code", code));
    }

    /// <summary>
    /// Ends a pending authorization the End-User (or the app) refused: returns the redirect with
    /// <c>error=access_denied</c> (RFC 6749 section 4.1.2.1), <c>state</c> and <c>iss</c>.
    /// </summary>
    /// <param name="pendingId">The <see cref="PendingAuthorization.Id"/>.</param>
    /// <param name="cancellationToken">Cancels the store.</param>
    /// <returns>The redirect URL, or <see cref="OpenId4VciErrors.InvalidRequest"/> when the pending authorization is unknown, expired or used.</returns>
    public async ValueTask<VerificationResult<Uri>> DenyAuthorizationAsync(string pendingId, CancellationToken cancellationToken = default)
    {
        var taken = await TakePendingAsync(pendingId, cancellationToken).ConfigureAwait(false);
        return taken.IsValid ? Redirect(taken.Value, ("error", "access_denied")) : taken.Error;
    }

    private async ValueTask<VerificationResult<AuthorizationState>> TakePendingAsync(string pendingId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(pendingId) || pendingId.Length > 128)
        {
            return new VerificationError(OpenId4VciErrors.InvalidRequest, "The pending authorization is unknown.");
        }

        var stored = await _store.TryConsumeAsync(PendingAuthorizationKind, Hash(pendingId), _options.TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return stored is null
            ? new VerificationError(OpenId4VciErrors.InvalidRequest, "The pending authorization is unknown, expired or already completed.")
            : AuthorizationState.Read(stored);
    }

    private Uri Redirect(AuthorizationState state, (string Name, string Value) result)
    {
        var builder = new StringBuilder(state.RedirectUri);
        var separator = state.RedirectUri.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        void Add(string name, string value)
        {
            builder.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        Add(result.Name, result.Value);
        if (state.State is not null)
        {
            Add("state", state.State);
        }

        // RFC 9207 section 2: the issuer identifier of the Authorization Server.
        Add("iss", CredentialIssuer);
        return new Uri(builder.ToString(), UriKind.Absolute);
    }

    /// <summary>
    /// The <c>authorization_code</c> grant (RFC 6749 section 4.1.3, RFC 7636 section 4.6, RFC 9449 section 10): the
    /// client is the authenticated one when the request carries a wallet attestation, else the <c>client_id</c>
    /// parameter; a code bound to a DPoP key needs a proof by that key; the access token is issued (and DPoP-bound)
    /// as in the Pre-Authorized Code grant.
    /// </summary>
    /// <param name="form">The token request's parameters.</param>
    /// <param name="proof">The request's validated DPoP proof, if any.</param>
    /// <param name="client">The client authenticated by its wallet attestation, if any.</param>
    /// <param name="cancellationToken">Cancels the store.</param>
    private async ValueTask<IssuerEndpointResult> HandleAuthorizationCodeGrantAsync(IReadOnlyDictionary<string, IReadOnlyList<string>> form, ValidatedDpopProof? proof, VerifiedClientAttestation? client, CancellationToken cancellationToken)
    {
        if (!AuthorizationCodeFlowEnabled)
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.UnsupportedGrantType, "This issuer does not support the authorization_code grant.");
        }

        var code = Single(form, "code");
        var redirectUri = Single(form, "redirect_uri");

        // RFC 6749 section 4.1.3: client_id is required only of a client that does not authenticate; an authenticated
        // client is the attestation's sub (a client_id sent next to it was already checked to be that sub).
        var clientId = client?.ClientId ?? Single(form, "client_id");
        var verifier = Single(form, "code_verifier");
        if (string.IsNullOrEmpty(code) || string.IsNullOrEmpty(redirectUri) || string.IsNullOrEmpty(clientId))
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidRequest, "code and redirect_uri are required, and client_id when the client does not authenticate.");
        }

        var key = Hash(code);
        var now = _options.TimeProvider.GetUtcNow();
        var stored = await _store.TryGetAsync(AuthorizationCodeKind, key, now, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidGrant, "The authorization code is unknown, expired or already used.");
        }

        var state = AuthorizationState.Read(stored);

        // A request that names another client or redirect_uri, lacks the verifier, or does not prove the code's DPoP
        // key does not consume the code: the request may be a mistake or someone else's, and the legitimate client can
        // still redeem it. A wrong verifier does: whoever sends it holds the code without its verifier, so the code
        // dies rather than allowing guesses.
        if (!string.Equals(state.ClientId, clientId, StringComparison.Ordinal))
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidGrant, "The authorization code was issued to another client.");
        }

        // RFC 6749 section 4.1.3: redirect_uri must be identical to the one of the authorization request.
        if (!string.Equals(state.RedirectUri, redirectUri, StringComparison.Ordinal))
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidGrant, "redirect_uri differs from the authorization request's.");
        }

        // RFC 9449 section 10: the thumbprint of the proof's key must be the code's dpop_jkt, else the request is refused.
        if (state.DpopJkt is { } jkt)
        {
            if (proof is null)
            {
                return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidGrant, "The authorization code is bound to a DPoP key; the request carries no DPoP proof.") with { Code = DpopErrors.MissingProof };
            }

            if (!string.Equals(proof.Thumbprint, jkt, StringComparison.Ordinal))
            {
                return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidGrant, "The authorization code is bound to another DPoP key.") with { Code = DpopErrors.KeyMismatch };
            }
        }

        if (verifier is null)
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidGrant, "code_verifier is required.");
        }

        // RFC 7636 section 4.6, in constant time.
        if (!Pkce.VerifyS256(verifier, state.CodeChallenge))
        {
            await _store.TryConsumeAsync(AuthorizationCodeKind, key, now, cancellationToken).ConfigureAwait(false);
            return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidGrant, "code_verifier does not match the code_challenge; the code is now invalid.");
        }

        // Single use, atomically (RFC 6749 section 4.1.2): of two concurrent redemptions exactly one succeeds.
        if (await _store.TryConsumeAsync(AuthorizationCodeKind, key, now, cancellationToken).ConfigureAwait(false) is null)
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidGrant, "The authorization code is unknown, expired or already used.");
        }

        // Section 6.2: a request with authorization_details gets them back with credential_identifiers.
        var tokenState = new CodeState(state.ConfigurationIds, state.SubjectId, null, 0) { ByIdentifier = state.WithDetails };
        return await IssueAccessTokenAsync(tokenState, proof, state.WithDetails, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads <c>authorization_details</c> (RFC 9396, OpenID4VCI section 5.1.1) into configuration ids; returns a problem or <see langword="null"/>.</summary>
    private string? ReadAuthorizationDetails(string details, List<string> requested)
    {
        if (!Internal.SafeJson.TryParseElement(Encoding.UTF8.GetBytes(details), out var array, OpenId4VciJson.MaxDepth) || array.ValueKind != JsonValueKind.Array)
        {
            return "authorization_details must be a JSON array.";
        }

        if (array.GetArrayLength() is 0 or > MaxAuthorizationDetailsEntries)
        {
            return "authorization_details must have 1 to 16 entries.";
        }

        foreach (var entry in array.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object
                || !OpenId4VciJson.TryRequiredString(entry, "type", out var type)
                || !OpenId4VciJson.TryOptionalString(entry, "credential_configuration_id", out var id))
            {
                return "Each authorization_details entry must be an object with a type.";
            }

            // RFC 9396 section 5: an unknown type is invalid_authorization_details.
            if (!string.Equals(type, OpenIdCredentialDetailsType, StringComparison.Ordinal))
            {
                return "Only authorization_details of type openid_credential are supported.";
            }

            if (id is null || (!_configurations.ContainsKey(id) && !_w3cConfigurations.ContainsKey(id)))
            {
                return "An authorization_details entry names no Credential Configuration of this issuer.";
            }

            if (!requested.Contains(id, StringComparer.Ordinal))
            {
                requested.Add(id);
            }
        }

        return null;
    }

    private AuthorizationServerMetadata BuildAuthorizationServerMetadata()
    {
        var metadata = new AuthorizationServerMetadata
        {
            Issuer = CredentialIssuer,
            TokenEndpoint = TokenEndpoint,
            GrantTypesSupported = [CredentialOffer.PreAuthorizedCodeGrantType],
            PreAuthorizedGrantAnonymousAccessSupported = true,
        };
        if (!AuthorizationCodeFlowEnabled)
        {
            return metadata;
        }

        // RFC 8414, RFC 9126 section 5, RFC 9207 section 3, RFC 9396 section 10; HAIP 1.0: PAR required, PKCE S256.
        return metadata with
        {
            AuthorizationEndpoint = AuthorizationEndpoint,
            PushedAuthorizationRequestEndpoint = PushedAuthorizationRequestEndpoint,
            RequirePushedAuthorizationRequests = true,
            ResponseTypesSupported = ["code"],
            GrantTypesSupported = [CredentialOffer.AuthorizationCodeGrantType, CredentialOffer.PreAuthorizedCodeGrantType],
            CodeChallengeMethodsSupported = [Pkce.S256],
            AuthorizationResponseIssParameterSupported = true,
            AuthorizationDetailsTypesSupported = [OpenIdCredentialDetailsType],
        };
    }

    private string? FindConfigurationByScope(string scope)
    {
        foreach (var c in _options.CredentialConfigurations)
        {
            if (string.Equals(c.Scope, scope, StringComparison.Ordinal))
            {
                return c.Id;
            }
        }

        foreach (var c in _options.W3cCredentialConfigurations)
        {
            if (string.Equals(c.Scope, scope, StringComparison.Ordinal))
            {
                return c.Id;
            }
        }

        return null;
    }

    /// <summary>What the store keeps for a pushed request, a pending authorization and an authorization code.</summary>
    private sealed record AuthorizationState(
        string ClientId,
        string RedirectUri,
        string CodeChallenge,
        IReadOnlyList<string> ConfigurationIds,
        string? OfferSubjectId,
        string? SubjectId,
        string? State,
        string? DpopJkt,
        bool WithDetails)
    {
        public string ToJson() => OpenId4VciJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("ci", ClientId);
            w.WriteString("ru", RedirectUri);
            w.WriteString("cc", CodeChallenge);
            w.WriteStartArray("c");
            foreach (var id in ConfigurationIds)
            {
                w.WriteStringValue(id);
            }

            w.WriteEndArray();
            WriteOptional(w, "os", OfferSubjectId);
            WriteOptional(w, "s", SubjectId);
            WriteOptional(w, "st", State);
            WriteOptional(w, "j", DpopJkt);
            w.WriteBoolean("d", WithDetails);
            w.WriteEndObject();
        });

        public static AuthorizationState Read(string json)
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            return new AuthorizationState(
                root.GetProperty("ci").GetString()!,
                root.GetProperty("ru").GetString()!,
                root.GetProperty("cc").GetString()!,
                [.. root.GetProperty("c").EnumerateArray().Select(e => e.GetString()!)],
                Optional(root, "os"),
                Optional(root, "s"),
                Optional(root, "st"),
                Optional(root, "j"),
                root.GetProperty("d").GetBoolean());
        }

        private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
        {
            if (value is not null)
            {
                w.WriteString(name, value);
            }
        }

        private static string? Optional(JsonElement root, string name) => root.TryGetProperty(name, out var v) ? v.GetString() : null;
    }
}
