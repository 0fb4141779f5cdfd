using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dids.Methods;
using Credentials.Http;
using Credentials.Jose;
using Credentials.OpenId4Vci;
using Credentials.SdJwt;
using Credentials.Wallet.Holder;

namespace Credentials.Wallet.OpenId4Vci;

/// <summary>
/// The Wallet side of OpenID4VCI 1.0, Pre-Authorized Code Flow (and Authorization Code Flow): resolves a Credential Offer (link or QR text, by value
/// or by reference), fetches and checks the issuer and Authorization Server metadata, exchanges the code (and PIN) for
/// an access token, gets a <c>c_nonce</c>, signs one key proof per copy with a fresh holder key, requests the
/// credential(s) and imports them through the holder service, which verifies them first. <c>dc+sd-jwt</c> credentials
/// are bound to the key (<c>jwk</c>); <c>jwt_vc_json</c> and <c>ldp_vc</c> credentials (one per request) to the key's
/// <c>did:key</c> (or <c>did:jwk</c>), named as the proof's <c>kid</c>, which becomes their subject id.
/// </summary>
/// <remarks>
/// <para>Every response is untrusted: each request goes through the library's <see cref="HttpFetcher"/> with
/// <see cref="OpenId4VciClientOptions.Http"/> (https only, the address policy, no redirects, a timeout and a size cap);
/// failures are results with <see cref="HttpErrors"/> and <see cref="OpenId4VciErrors"/> codes (or the holder
/// service's and wallet's codes on import), never exceptions. Create the <see cref="HttpClient"/> with
/// <see cref="GuardedHttpHandler.CreateClient"/>.</para>
/// <para>The Authorization Code Flow (PAR, PKCE S256, DPoP, wallet attestation; HAIP 1.0) is
/// <see cref="StartAuthorizationAsync"/> then <see cref="CompleteAuthorizationAsync"/>. Deferred issuance
/// (<see cref="ReceiveOrDeferAsync"/>, <see cref="CompleteDeferredAsync"/>), notifications (<c>credential_accepted</c>
/// after storing, <see cref="NotifyAsync"/>) and encrypted requests and responses
/// (<see cref="OpenId4VciClientOptions.PreferEncryptedResponses"/>) follow sections 9 to 11.</para>
/// <para>Not implemented yet: signed metadata, key attestations.</para>
/// </remarks>
public sealed partial class OpenId4VciClient
{
    private readonly HttpFetcher _fetcher;
    private readonly OpenId4VciClientOptions _options;

    /// <summary>Creates a client.</summary>
    /// <param name="http">The HTTP client, best from <see cref="GuardedHttpHandler.CreateClient"/> (the caller owns it).</param>
    /// <param name="options">Options; defaults when omitted.</param>
    /// <exception cref="InvalidOperationException">The options are invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An HTTP option is out of range.</exception>
    public OpenId4VciClient(HttpClient http, OpenId4VciClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        _options = options ?? OpenId4VciClientOptions.Default;
        _options.Validate();
        _fetcher = new HttpFetcher(http, _options.Http, _options.TimeProvider);
    }

    /// <summary>
    /// Parses an offer link (or a QR code's text), fetches the offer if it is by reference, then the Credential Issuer
    /// Metadata and the Authorization Server Metadata, and checks that they fit together.
    /// </summary>
    /// <param name="link">The <c>openid-credential-offer://…</c> link.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The resolved offer; or <see cref="OpenId4VciErrors.InvalidOffer"/>, <see cref="OpenId4VciErrors.InvalidMetadata"/>,
    /// <see cref="OpenId4VciErrors.IssuerMismatch"/>, or an <see cref="HttpErrors"/> code.</returns>
    public async ValueTask<VerificationResult<ResolvedCredentialOffer>> ResolveOfferAsync(string link, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        var parsed = CredentialOfferLink.Read(link);
        if (!parsed.IsValid)
        {
            return parsed.Error;
        }

        var offer = parsed.Value.Offer;
        if (offer is null)
        {
            var fetched = await SendAsync(HttpMethod.Get, parsed.Value.OfferUri!, null, null, cancellationToken).ConfigureAwait(false);
            if (!fetched.IsValid)
            {
                return fetched.Error;
            }

            var referenced = CredentialOffer.Read(fetched.Value);
            if (!referenced.IsValid)
            {
                return referenced.Error;
            }

            offer = referenced.Value;
        }

        return await ResolveMetadataAsync(offer, cancellationToken).ConfigureAwait(false);
    }

    // Fetches and checks the issuer's metadata and its Authorization Server's metadata for an offer (or a wallet-initiated request).
    private async ValueTask<VerificationResult<ResolvedCredentialOffer>> ResolveMetadataAsync(CredentialOffer offer, CancellationToken cancellationToken)
    {
        var metadataBytes = await SendAsync(HttpMethod.Get, CredentialIssuerMetadata.GetWellKnownUri(offer.CredentialIssuer), null, null, cancellationToken).ConfigureAwait(false);
        if (!metadataBytes.IsValid)
        {
            return metadataBytes.Error;
        }

        var metadata = CredentialIssuerMetadata.Read(metadataBytes.Value);
        if (!metadata.IsValid)
        {
            return metadata.Error;
        }

        // Section 12.2.4: the identifier in the metadata must be identical to the one the URL was built from.
        if (!string.Equals(metadata.Value.CredentialIssuer, offer.CredentialIssuer, StringComparison.Ordinal))
        {
            return new VerificationError(OpenId4VciErrors.IssuerMismatch, "The metadata's credential_issuer is not the offer's credential_issuer.");
        }

        foreach (var id in offer.CredentialConfigurationIds)
        {
            if (!metadata.Value.CredentialConfigurations.ContainsKey(id))
            {
                return new VerificationError(OpenId4VciErrors.InvalidMetadata, "The offer names a configuration the issuer's metadata does not list.");
            }
        }

        var server = ChooseAuthorizationServer(offer, metadata.Value);
        if (!server.IsValid)
        {
            return server.Error;
        }

        var asBytes = await SendAsync(HttpMethod.Get, AuthorizationServerMetadata.GetWellKnownUri(server.Value), null, null, cancellationToken).ConfigureAwait(false);
        if (!asBytes.IsValid)
        {
            return asBytes.Error;
        }

        var asMetadata = AuthorizationServerMetadata.Read(asBytes.Value);
        if (!asMetadata.IsValid)
        {
            return asMetadata.Error;
        }

        if (!string.Equals(asMetadata.Value.Issuer, server.Value, StringComparison.Ordinal))
        {
            return new VerificationError(OpenId4VciErrors.IssuerMismatch, "The Authorization Server metadata's issuer is not the identifier it was fetched for (RFC 8414 section 3.3).");
        }

        return new ResolvedCredentialOffer { Offer = offer, Metadata = metadata.Value, AuthorizationServer = asMetadata.Value };
    }

    /// <summary>
    /// Runs the Pre-Authorized Code Flow for a resolved offer and stores the result: token, nonce, one fresh holder key
    /// and key proof per copy, Credential Request, then <see cref="CredentialWallet.ImportAsync"/> (one copy) or
    /// <see cref="CredentialWallet.ImportBatchAsync"/> (several), which verify the credentials and their binding to the
    /// new keys. If anything fails, the keys created for it are deleted and nothing is stored. With
    /// <see cref="OpenId4VciClientOptions.UseDpop"/> and an Authorization Server whose
    /// <c>dpop_signing_alg_values_supported</c> lists <see cref="OpenId4VciClientOptions.DpopAlgorithm"/>, the Token
    /// Request carries a DPoP proof by a key made for this receive (RFC 9449), and a DPoP-bound token is presented with
    /// proofs by that key at the credential endpoint, in a deferral and in notifications; otherwise the token is Bearer.
    /// </summary>
    /// <param name="offer">The resolved offer.</param>
    /// <param name="wallet">The holder service to store into (its store provides the holder keys).</param>
    /// <param name="request">The user's choices; defaults when omitted.</param>
    /// <param name="cancellationToken">Cancels the requests and the store.</param>
    /// <returns>The stored credential; or a protocol error from the issuer (<c>openid4vci.invalid_grant</c> for a wrong PIN …), a wallet-side
    /// <see cref="OpenId4VciErrors"/> code, or the holder service's code when the credential is refused.</returns>
    public async ValueTask<VerificationResult<ReceivedCredential>> ReceiveAsync(ResolvedCredentialOffer offer, CredentialWallet wallet, CredentialReceiveRequest? request = null, CancellationToken cancellationToken = default)
    {
        var outcome = await ReceivePreAuthorizedAsync(offer, wallet, request, allowDeferred: false, cancellationToken).ConfigureAwait(false);
        return outcome.IsValid ? outcome.Value.Received! : outcome.Error;
    }

    // The Pre-Authorized Code Flow's entry into the one receive path.
    private async ValueTask<VerificationResult<CredentialReceiveOutcome>> ReceivePreAuthorizedAsync(ResolvedCredentialOffer offer, CredentialWallet wallet, CredentialReceiveRequest? request, bool allowDeferred, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(wallet);
        request ??= new CredentialReceiveRequest();
        if (request.Copies < 1)
        {
            throw new ArgumentException("At least one copy must be requested.", nameof(request));
        }

        var transactionCode = request.TransactionCode;
        return await ReceiveCoreAsync(offer, wallet, request, ct => RequestPreAuthorizedAccessAsync(offer, transactionCode, ct), allowDeferred, cancellationToken).ConfigureAwait(false);
    }

    // The one receive path of both flows: checks the configuration, gets access (the flow's token request) only then, a
    // nonce, keys and proofs; sends the Credential Request through the DPoP-aware sender, encrypted as the issuer
    // requires; then imports the credential(s) and notifies, or (when allowed) returns the deferred issuance with what
    // polling needs (the token and, for a DPoP-bound token, its private key).
    private async ValueTask<VerificationResult<CredentialReceiveOutcome>> ReceiveCoreAsync(ResolvedCredentialOffer offer, CredentialWallet wallet, CredentialReceiveRequest request, Func<CancellationToken, ValueTask<VerificationResult<IssuerAccess>>> getAccess, bool allowDeferred, CancellationToken cancellationToken)
    {
        var configurationId = request.CredentialConfigurationId ?? offer.Offer.CredentialConfigurationIds[0];
        if (!offer.Offer.CredentialConfigurationIds.Contains(configurationId, StringComparer.Ordinal)
            || !offer.Metadata.CredentialConfigurations.TryGetValue(configurationId, out var configuration))
        {
            return new VerificationError(OpenId4VciErrors.UnsupportedOffer, "The configuration was not offered.");
        }

        var w3c = configuration.Format is CredentialConfiguration.JwtVcJsonFormat or CredentialConfiguration.LdpVcFormat;
        if (configuration.Format != CredentialConfiguration.SdJwtVcFormat && !w3c)
        {
            return new VerificationError(OpenId4VciErrors.UnsupportedOffer, "Only dc+sd-jwt, jwt_vc_json and ldp_vc credentials can be received.");
        }

        // A W3C credential is bound to the holder through its subject id: a did:key (preferred) or did:jwk of a new wallet key.
        string? didMethod = null;
        if (w3c)
        {
            var didMethods = configuration.CryptographicBindingMethods;
            didMethod = didMethods is null ? null
                : didMethods.Contains(CredentialConfiguration.DidKeyBindingMethod, StringComparer.Ordinal) ? CredentialConfiguration.DidKeyBindingMethod
                : didMethods.Contains(CredentialConfiguration.DidJwkBindingMethod, StringComparer.Ordinal) ? CredentialConfiguration.DidJwkBindingMethod
                : null;
            if (didMethod is null)
            {
                return new VerificationError(OpenId4VciErrors.UnsupportedOffer, "The issuer binds this W3C configuration to neither did:key nor did:jwk.");
            }
        }

        if (configuration.ProofTypes is { } proofTypes && !proofTypes.ContainsKey(ProofTypeMetadata.Jwt))
        {
            return new VerificationError(OpenId4VciErrors.UnsupportedOffer, "The issuer accepts no jwt key proofs for this configuration.");
        }

        if (!w3c && configuration.CryptographicBindingMethods is { } methods && !methods.Contains(CredentialConfiguration.JwkBindingMethod, StringComparer.Ordinal))
        {
            return new VerificationError(OpenId4VciErrors.UnsupportedOffer, "The issuer binds this configuration to no JWK.");
        }

        if (configuration.ProofTypes?[ProofTypeMetadata.Jwt] is { KeyAttestationsRequired: true })
        {
            return new VerificationError(OpenId4VciErrors.UnsupportedOffer, "The issuer requires key attestations, which this client cannot provide.");
        }

        var algorithm = configuration.ProofTypes?[ProofTypeMetadata.Jwt] is { } jwt
            ? _options.HolderKeyAlgorithms.FirstOrDefault(a => jwt.ProofSigningAlgorithms.Contains(a.Name, StringComparer.Ordinal))
            : _options.HolderKeyAlgorithms[0];
        if (algorithm is null)
        {
            return new VerificationError(OpenId4VciErrors.UnsupportedOffer, "The issuer accepts none of the wallet's key algorithms for key proofs.");
        }

        var token = await getAccess(cancellationToken).ConfigureAwait(false);
        if (!token.IsValid)
        {
            return token.Error;
        }

        using var access = token.Value;

        string? nonce = null;
        if (offer.Metadata.NonceEndpoint is { } nonceEndpoint)
        {
            var nonceResult = await RequestNonceAsync(nonceEndpoint, cancellationToken).ConfigureAwait(false);
            if (!nonceResult.IsValid)
            {
                return nonceResult.Error;
            }

            nonce = nonceResult.Value;
        }

        // W3C credentials are received one at a time (the wallet's W3C import stores one credential).
        var copies = w3c ? 1 : Math.Min(request.Copies, offer.Metadata.BatchSize ?? 1);
        var keyIds = new List<string>(copies);
        var imported = false;
        try
        {
            var proofs = new List<string>(copies);
            for (var i = 0; i < copies; i++)
            {
                var key = await wallet.Store.CreateHolderKeyAsync(algorithm, cancellationToken).ConfigureAwait(false);
                if (!key.IsValid)
                {
                    return key.Error;
                }

                keyIds.Add(key.Value.Id);
                var signer = await wallet.Store.GetSignerAsync(key.Value.Id, cancellationToken).ConfigureAwait(false);
                if (!signer.IsValid)
                {
                    return signer.Error;
                }

                using (var signingKey = signer.Value)
                {
                    if (didMethod is null)
                    {
                        proofs.Add(await JwtKeyProof.CreateAsync(signingKey, key.Value.PublicJwk, offer.Metadata.CredentialIssuer, nonce, _options.TimeProvider.GetUtcNow(), _options.ClientId, cancellationToken).ConfigureAwait(false));
                    }
                    else
                    {
                        // OpenID4VCI 1.0 appendix F.1: a credential bound to a DID is requested with the DID URL of the key as kid.
                        var publicKey = key.Value.PublicJwk with { Kid = null };
                        var keyId = didMethod == CredentialConfiguration.DidKeyBindingMethod ? DidKey.GetKeyId(DidKey.Create(publicKey)) : DidJwk.GetKeyId(DidJwk.Create(publicKey));
                        proofs.Add(await JwtKeyProof.CreateWithKeyIdAsync(signingKey, keyId.Value, offer.Metadata.CredentialIssuer, nonce, _options.TimeProvider.GetUtcNow(), _options.ClientId, cancellationToken).ConfigureAwait(false));
                    }
                }
            }

            // Sections 8.2 and 10: encrypted as the issuer's metadata requires or allows; RFC 9449 section 7.1: DPoP when bound.
            var credentialRequest = access.CreateRequest(configurationId, proofs);
            var response = await PostCredentialMessageAsync(offer.Metadata, offer.Metadata.CredentialEndpoint, access.Dpop, access.AccessToken, e => (credentialRequest with { ResponseEncryption = e }).ToJson(), cancellationToken).ConfigureAwait(false);
            if (!response.IsValid)
            {
                return response.Error;
            }

            if (response.Value.Credentials is not { } credentials)
            {
                // Section 8.3: HTTP 202 with a transaction_id; the credentials will be bound to the keys just proved.
                if (!allowDeferred)
                {
                    return new VerificationError(OpenId4VciErrors.IssuancePending, "The issuer deferred issuance; use ReceiveOrDeferAsync to continue it later.");
                }

                if (offer.Metadata.DeferredCredentialEndpoint is null)
                {
                    return new VerificationError(OpenId4VciErrors.InvalidResponse, "The issuer deferred issuance but has no deferred_credential_endpoint.");
                }

                imported = true;
                return new CredentialReceiveOutcome
                {
                    Pending = new PendingCredential
                    {
                        CredentialIssuer = offer.Metadata.CredentialIssuer,
                        CredentialConfigurationId = configurationId,
                        TransactionId = response.Value.TransactionId!,
                        AccessToken = access.AccessToken,
                        DpopKey = access.Dpop?.Key.ExportPrivateJwk(),
                        HolderKeyIds = keyIds,
                        RetryAfter = _options.TimeProvider.GetUtcNow().AddSeconds(response.Value.Interval ?? 1),
                    },
                };
            }

            var notification = response.Value.NotificationId is { } notificationId && offer.Metadata.NotificationEndpoint is { } notificationEndpoint
                ? new CredentialNotificationTarget { NotificationEndpoint = notificationEndpoint, AccessToken = access.AccessToken, NotificationId = notificationId, DpopKey = access.Dpop?.Key.ExportPrivateJwk() }
                : null;

            if (credentials.Count > proofs.Count)
            {
                return new VerificationError(OpenId4VciErrors.InvalidResponse, "The issuer returned more credentials than keys were proved.");
            }

            if (w3c)
            {
                // Appendix A.1.1.4 / A.1.2.4: jwt_vc_json arrives as a string (a JWT), ldp_vc as a JSON object.
                var ldp = configuration.Format == CredentialConfiguration.LdpVcFormat;
                if (credentials.Count != 1 || credentials[0].StartsWith('{') != ldp)
                {
                    return new VerificationError(OpenId4VciErrors.InvalidResponse, ldp ? "An ldp_vc credential must be a JSON object." : "A jwt_vc_json credential must be a string.");
                }

                // The holder service verifies the proof, the issuer's trust and that the subject is one of the wallet's keys.
                var w3cStored = await wallet.ImportW3cAsync(credentials[0], cancellationToken).ConfigureAwait(false);
                if (!w3cStored.IsValid)
                {
                    return await FailedImportAsync(notification, w3cStored.Error, access.Dpop, cancellationToken).ConfigureAwait(false);
                }

                imported = true;
                return await AcceptedAsync(new ReceivedCredential { CredentialConfigurationId = configurationId, Imported = w3cStored.Value, HolderKeyIds = keyIds, Notification = notification }, access.Dpop, cancellationToken).ConfigureAwait(false);
            }

            // Structural check first; the holder service then verifies signature, issuer trust, type and key binding.
            foreach (var credential in credentials)
            {
                var sdJwt = SdJwtToken.Read(credential);
                if (!sdJwt.IsValid)
                {
                    return new VerificationError(OpenId4VciErrors.InvalidResponse, "A returned credential is not an SD-JWT.") { Inner = sdJwt.Error };
                }
            }

            var stored = request.Copies == 1
                ? await wallet.ImportAsync(credentials[0], cancellationToken).ConfigureAwait(false)
                : await wallet.ImportBatchAsync(credentials, cancellationToken).ConfigureAwait(false);
            if (!stored.IsValid)
            {
                return await FailedImportAsync(notification, stored.Error, access.Dpop, cancellationToken).ConfigureAwait(false);
            }

            imported = true;
            return await AcceptedAsync(new ReceivedCredential { CredentialConfigurationId = configurationId, Imported = stored.Value, HolderKeyIds = keyIds, Notification = notification }, access.Dpop, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (!imported)
            {
                foreach (var id in keyIds)
                {
                    await wallet.Store.DeleteHolderKeyAsync(id, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>
    /// Exchanges the offer's Pre-Authorized Code (and Transaction Code) for a Bearer access token (section 6), without a
    /// DPoP proof; <see cref="ReceiveAsync(ResolvedCredentialOffer, CredentialWallet, CredentialReceiveRequest?, CancellationToken)"/>
    /// asks for a DPoP-bound token when the server supports it.
    /// </summary>
    /// <param name="offer">The resolved offer.</param>
    /// <param name="transactionCode">The PIN, when the offer requires one (not sent otherwise).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The token; or the server's protocol error, <see cref="OpenId4VciErrors.UnsupportedOffer"/> (no Pre-Authorized Code grant),
    /// <see cref="OpenId4VciErrors.TxCodeRequired"/>, <see cref="OpenId4VciErrors.InvalidResponse"/>.</returns>
    public async ValueTask<VerificationResult<TokenResponse>> RequestTokenAsync(ResolvedCredentialOffer offer, string? transactionCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var prepared = CreatePreAuthorizedTokenForm(offer, transactionCode);
        if (!prepared.IsValid)
        {
            return prepared.Error;
        }

        var form = prepared.Value;
        using var content = new FormUrlEncodedContent(form);
        var body = await SendAsync(HttpMethod.Post, offer.AuthorizationServer.TokenEndpoint, content, null, cancellationToken).ConfigureAwait(false);
        if (!body.IsValid)
        {
            return body.Error;
        }

        var token = TokenResponse.Read(body.Value);
        if (token.IsValid && !string.Equals(token.Value.TokenType, "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return new VerificationError(OpenId4VciErrors.InvalidResponse, "This request sends no DPoP proof: only Bearer access tokens are accepted.");
        }

        return token;
    }

    // The Token Request form of the Pre-Authorized Code Flow (section 6.1).
    private VerificationResult<List<KeyValuePair<string, string>>> CreatePreAuthorizedTokenForm(ResolvedCredentialOffer offer, string? transactionCode)
    {
        if (offer.Offer.PreAuthorizedCode is not { } grant)
        {
            return new VerificationError(OpenId4VciErrors.UnsupportedOffer, "The offer has no Pre-Authorized Code grant (the Authorization Code Flow is not implemented).");
        }

        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", CredentialOffer.PreAuthorizedCodeGrantType),
            new("pre-authorized_code", grant.PreAuthorizedCode),
        };
        if (grant.TxCode is not null)
        {
            if (string.IsNullOrEmpty(transactionCode))
            {
                return new VerificationError(OpenId4VciErrors.TxCodeRequired, "The offer requires a Transaction Code.");
            }

            form.Add(new("tx_code", transactionCode));
        }

        if (_options.ClientId is not null)
        {
            form.Add(new("client_id", _options.ClientId));
        }

        return form;
    }

    /// <summary>Gets a fresh <c>c_nonce</c> from the Nonce Endpoint (section 7).</summary>
    /// <param name="nonceEndpoint">The <c>nonce_endpoint</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The nonce, or why not.</returns>
    public async ValueTask<VerificationResult<string>> RequestNonceAsync(string nonceEndpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nonceEndpoint);
        using var content = new ByteArrayContent([]);
        var body = await SendAsync(HttpMethod.Post, nonceEndpoint, content, null, cancellationToken).ConfigureAwait(false);
        if (!body.IsValid)
        {
            return body.Error;
        }

        var nonce = NonceResponse.Read(body.Value);
        return nonce.IsValid ? nonce.Value.CNonce : nonce.Error;
    }

    /// <summary>Sends a Credential Request (section 8) with a Bearer access token.</summary>
    /// <param name="metadata">The issuer's metadata (for the Credential Endpoint).</param>
    /// <param name="accessToken">The access token.</param>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The response; or the server's protocol error (<c>openid4vci.invalid_proof</c>, <c>openid4vci.invalid_nonce</c>, <c>openid4vci.invalid_token</c> …).</returns>
    public async ValueTask<VerificationResult<CredentialResponse>> RequestCredentialAsync(CredentialIssuerMetadata metadata, string accessToken, CredentialRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        ArgumentNullException.ThrowIfNull(request);

        // Sections 8.2 and 10: encrypted as the issuer's metadata requires or allows (a request's own ResponseEncryption is replaced).
        return await PostCredentialMessageAsync(metadata, metadata.CredentialEndpoint, null, accessToken, e => (request with { ResponseEncryption = e }).ToJson(), cancellationToken).ConfigureAwait(false);
    }

    private static VerificationResult<string> ChooseAuthorizationServer(CredentialOffer offer, CredentialIssuerMetadata metadata)
    {
        var hint = offer.PreAuthorizedCode?.AuthorizationServer ?? offer.AuthorizationCode?.AuthorizationServer;
        if (metadata.AuthorizationServers is not { Count: > 0 } servers)
        {
            // Section 4.1.1: authorization_server MUST NOT be used when the metadata lists no Authorization Servers.
            return hint is null ? offer.CredentialIssuer : new VerificationError(OpenId4VciErrors.InvalidOffer, "The offer names an authorization_server, but the issuer lists none.");
        }

        if (hint is null)
        {
            return servers[0];
        }

        // Section 12.2.4: the Wallet MUST NOT proceed if the hint matches none of authorization_servers.
        return servers.Contains(hint, StringComparer.Ordinal)
            ? hint
            : new VerificationError(OpenId4VciErrors.InvalidOffer, "The offer's authorization_server is not one of the issuer's authorization_servers.");
    }
}
