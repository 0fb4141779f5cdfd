using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Http;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.OpenId4Vci;
using Credentials.SdJwt;
using Credentials.Wallet.Holder;

namespace Credentials.Wallet.OpenId4Vci;

/// <content>Deferred issuance (OpenID4VCI 1.0 section 9), notifications (section 11) and encrypted requests and responses (section 10).</content>
public sealed partial class OpenId4VciClient
{
    private static readonly string[] s_acceptJsonOrJwt = ["application/json", "application/jwt"];

    /// <summary>
    /// As <see cref="ReceiveAsync"/>, but when the issuer defers issuance (HTTP 202 with a <c>transaction_id</c>) returns
    /// the <see cref="PendingCredential"/> (the holder keys are kept) instead of failing: persist it and call
    /// <see cref="CompleteDeferredAsync"/> after its <see cref="PendingCredential.RetryAfter"/>.
    /// </summary>
    /// <param name="offer">The resolved offer.</param>
    /// <param name="wallet">The holder service that verifies and stores the credentials.</param>
    /// <param name="request">What the user accepted; defaults when omitted.</param>
    /// <param name="cancellationToken">Cancels the requests and the import.</param>
    /// <returns>The stored credential or the pending issuance; or the errors of <see cref="ReceiveAsync"/>.</returns>
    /// <exception cref="ArgumentException">Fewer than one copy requested.</exception>
    public ValueTask<VerificationResult<CredentialReceiveOutcome>> ReceiveOrDeferAsync(ResolvedCredentialOffer offer, CredentialWallet wallet, CredentialReceiveRequest? request = null, CancellationToken cancellationToken = default)
        => ReceivePreAuthorizedAsync(offer, wallet, request, allowDeferred: true, cancellationToken);

    /// <summary>
    /// Asks the Deferred Credential Endpoint for a pending issuance (section 9) with a fresh copy of the issuer's
    /// metadata; when issued, verifies and stores the credentials (bound to the pending holder keys) and sends
    /// <c>credential_accepted</c> (or <c>credential_failure</c> when the import fails) if the issuer takes notifications.
    /// </summary>
    /// <param name="pending">The pending issuance.</param>
    /// <param name="wallet">The holder service that verifies and stores the credentials.</param>
    /// <param name="cancellationToken">Cancels the requests and the import.</param>
    /// <returns>
    /// The stored credential, or a new <see cref="PendingCredential"/> when still pending; or the server's protocol error:
    /// <see cref="OpenId4VciErrors.InvalidTransactionId"/> and <see cref="OpenId4VciErrors.CredentialRequestDenied"/> end
    /// the issuance (the holder keys are deleted; stop asking); other errors (network, <c>invalid_token</c>) leave it pending.
    /// </returns>
    public async ValueTask<VerificationResult<CredentialReceiveOutcome>> CompleteDeferredAsync(PendingCredential pending, CredentialWallet wallet, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(wallet);
        var metadataBytes = await SendAsync(HttpMethod.Get, CredentialIssuerMetadata.GetWellKnownUri(pending.CredentialIssuer), null, null, cancellationToken).ConfigureAwait(false);
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
        if (!string.Equals(metadata.Value.CredentialIssuer, pending.CredentialIssuer, StringComparison.Ordinal))
        {
            return new VerificationError(OpenId4VciErrors.IssuerMismatch, "The metadata's credential_issuer is not the pending issuance's issuer.");
        }

        if (!metadata.Value.CredentialConfigurations.TryGetValue(pending.CredentialConfigurationId, out var configuration))
        {
            return new VerificationError(OpenId4VciErrors.InvalidMetadata, "The issuer's metadata no longer lists the pending configuration.");
        }

        using var dpop = OpenDpopSession(pending.DpopKey);
        if (pending.DpopKey is not null && dpop is null)
        {
            return new VerificationError(OpenId4VciErrors.InvalidResponse, "The pending issuance's DPoP key cannot be used.");
        }

        var response = await RequestDeferredCoreAsync(metadata.Value, pending, dpop, cancellationToken).ConfigureAwait(false);
        if (!response.IsValid)
        {
            // Section 9.3: an unknown transaction or a denial ends the issuance; its keys will never be used.
            if (response.Error.Code == OpenId4VciErrors.InvalidTransactionId || response.Error.Code == OpenId4VciErrors.CredentialRequestDenied)
            {
                await DeleteKeysAsync(wallet, pending.HolderKeyIds).ConfigureAwait(false);
            }

            return response.Error;
        }

        if (response.Value.Credentials is not { } credentials)
        {
            return new CredentialReceiveOutcome { Pending = pending with { RetryAfter = _options.TimeProvider.GetUtcNow().AddSeconds(response.Value.Interval ?? 1) } };
        }

        if (credentials.Count > pending.HolderKeyIds.Count)
        {
            return new VerificationError(OpenId4VciErrors.InvalidResponse, "The issuer returned more credentials than keys were proved.");
        }

        var target = response.Value.NotificationId is { } notificationId && metadata.Value.NotificationEndpoint is { } endpoint
            ? new CredentialNotificationTarget { NotificationEndpoint = endpoint, AccessToken = pending.AccessToken, NotificationId = notificationId, DpopKey = pending.DpopKey }
            : null;
        var stored = await ImportIssuedAsync(wallet, configuration.Format, credentials, cancellationToken).ConfigureAwait(false);
        if (!stored.IsValid)
        {
            // Section 11.1: a failed import (a partial batch included) is a failed issuance.
            if (target is not null)
            {
                await NotifyCoreAsync(target, CredentialNotificationEvent.CredentialFailure, "The credential could not be stored.", dpop, cancellationToken).ConfigureAwait(false);
            }

            return stored.Error;
        }

        if (target is not null)
        {
            await NotifyCoreAsync(target, CredentialNotificationEvent.CredentialAccepted, null, dpop, cancellationToken).ConfigureAwait(false);
        }

        return new CredentialReceiveOutcome
        {
            Received = new ReceivedCredential { CredentialConfigurationId = pending.CredentialConfigurationId, Imported = stored.Value, HolderKeyIds = pending.HolderKeyIds, Notification = target },
        };
    }

    /// <summary>
    /// Sends a Deferred Credential Request (section 9.1) for a pending issuance, encrypted as the Credential Request is,
    /// with the access token as <c>DPoP</c> and a DPoP proof by <see cref="PendingCredential.DpopKey"/> when the token is
    /// DPoP-bound (RFC 9449 section 7.1; a <c>use_dpop_nonce</c> answer is retried once with the server's nonce), as
    /// Bearer otherwise.
    /// </summary>
    /// <param name="metadata">The issuer's metadata (for the Deferred Credential Endpoint and encryption).</param>
    /// <param name="pending">The pending issuance (its access token, <c>transaction_id</c> and DPoP key).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The credentials, or the still pending transaction (with its <c>interval</c>); or the server's protocol error (<c>openid4vci.invalid_transaction_id</c>, <c>openid4vci.credential_request_denied</c>, <c>dpop.*</c> …), <see cref="OpenId4VciErrors.InvalidMetadata"/> without a Deferred Credential Endpoint, <see cref="OpenId4VciErrors.UnencryptedResponse"/>.</returns>
    public async ValueTask<VerificationResult<CredentialResponse>> RequestDeferredCredentialAsync(CredentialIssuerMetadata metadata, PendingCredential pending, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(pending);
        using var dpop = OpenDpopSession(pending.DpopKey);
        if (pending.DpopKey is not null && dpop is null)
        {
            return new VerificationError(OpenId4VciErrors.InvalidResponse, "The pending issuance's DPoP key cannot be used.");
        }

        return await RequestDeferredCoreAsync(metadata, pending, dpop, cancellationToken).ConfigureAwait(false);
    }

    private async Task<VerificationResult<CredentialResponse>> RequestDeferredCoreAsync(CredentialIssuerMetadata metadata, PendingCredential pending, DpopSession? dpop, CancellationToken cancellationToken)
    {
        if (metadata.DeferredCredentialEndpoint is not { } endpoint)
        {
            return new VerificationError(OpenId4VciErrors.InvalidMetadata, "The issuer has no deferred_credential_endpoint.");
        }

        // Section 9.2: the response is encrypted with the key of this request, a fresh one.
        var transactionId = pending.TransactionId;
        return await PostCredentialMessageAsync(metadata, endpoint, dpop, pending.AccessToken, e => new DeferredCredentialRequest { TransactionId = transactionId, ResponseEncryption = e }.ToJson(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a Notification Request (section 11) and expects 2xx.</summary>
    /// <param name="target">Where and for which <c>notification_id</c>.</param>
    /// <param name="event">The event.</param>
    /// <param name="description">An optional ASCII description (<c>%x20-21 / %x23-5B / %x5D-7E</c>, at most 1000 characters).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The request sent; or the server's protocol error (<c>openid4vci.invalid_notification_id</c> …) or an <see cref="HttpErrors"/> code.</returns>
    /// <exception cref="InvalidOperationException">The description has characters outside the allowed set.</exception>
    public async ValueTask<VerificationResult<NotificationRequest>> NotifyAsync(CredentialNotificationTarget target, CredentialNotificationEvent @event, string? description = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var dpop = OpenDpopSession(target.DpopKey);
        if (target.DpopKey is not null && dpop is null)
        {
            return new VerificationError(OpenId4VciErrors.InvalidResponse, "The notification target's DPoP key cannot be used.");
        }

        return await NotifyCoreAsync(target, @event, description, dpop, cancellationToken).ConfigureAwait(false);
    }

    // Section 11.1, with the access token presented as the flow presents it (DPoP with a proof when bound).
    private async Task<VerificationResult<NotificationRequest>> NotifyCoreAsync(CredentialNotificationTarget target, CredentialNotificationEvent @event, string? description, DpopSession? dpop, CancellationToken cancellationToken)
    {
        var request = new NotificationRequest { NotificationId = target.NotificationId, Event = @event, EventDescription = description };
        var json = request.ToJson();
        var sent = await SendOAuthForResponseAsync(HttpMethod.Post, target.NotificationEndpoint, () => new StringContent(json, Encoding.UTF8, "application/json"), s_acceptJson, dpop, target.AccessToken, null, cancellationToken).ConfigureAwait(false);
        return sent.IsValid ? request : sent.Error;
    }

    /// <summary>A DPoP session for a stored private key, or <see langword="null"/> without one (or when it cannot be used).</summary>
    private static DpopSession? OpenDpopSession(Jwk? key)
    {
        if (key is null)
        {
            return null;
        }

        try
        {
            return new DpopSession(SigningKey.FromJwk(key));
        }
        catch (Exception e) when (e is ArgumentException or System.Security.Cryptography.CryptographicException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// Posts a (Deferred) Credential Request. When the issuer requires encrypted responses, or supports them and
    /// <see cref="OpenId4VciClientOptions.PreferEncryptedResponses"/> is set, a fresh P-256 key is sent as
    /// <c>credential_response_encryption</c> and only a JWE answer decrypting under it is accepted (section 10). The
    /// request is encrypted to the issuer's key when the issuer requires it, or when it carries the response key and the
    /// issuer supports request encryption (section 8.2).
    /// </summary>
    private async Task<VerificationResult<CredentialResponse>> PostCredentialMessageAsync(CredentialIssuerMetadata metadata, string url, DpopSession? dpop, string accessToken, Func<CredentialResponseEncryption?, string> write, CancellationToken cancellationToken)
    {
        KeyAgreementKey? responseKey = null;
        JweEncryption? responseEnc = null;
        try
        {
            CredentialResponseEncryption? parameters = null;
            if (metadata.CredentialResponseEncryption is { } offered && (offered.EncryptionRequired || _options.PreferEncryptedResponses))
            {
                responseEnc = PickEncryption(offered.EncValuesSupported);
                if (!offered.AlgValuesSupported.Contains(JweAlgorithm.EcdhEs.Name, StringComparer.Ordinal) || responseEnc is null)
                {
                    return new VerificationError(OpenId4VciErrors.UnsupportedOffer, "The issuer encrypts responses with no alg/enc this client supports (ECDH-ES with A128GCM or A256GCM).");
                }

                // Section 8.2: an ephemeral key per request; section 10: its alg is the JWE alg.
                responseKey = KeyAgreementKey.CreateEc(JwkCurves.P256);
                parameters = new CredentialResponseEncryption { Jwk = responseKey.PublicJwk with { Alg = JweAlgorithm.EcdhEs.Name, Use = "enc" }, Enc = responseEnc.Name };
            }

            var json = write(parameters);
            string payload;
            string mediaType;
            if (metadata.CredentialRequestEncryption is { } requestEncryption && (requestEncryption.EncryptionRequired || parameters is not null))
            {
                var key = requestEncryption.Keys.FirstOrDefault(k => k.Kty == JwkKeyTypes.EC && (k.Alg is null || k.Alg == JweAlgorithm.EcdhEs.Name) && (k.Use is null || k.Use == "enc"));
                var enc = PickEncryption(requestEncryption.EncValuesSupported);
                if (key is null || enc is null)
                {
                    return new VerificationError(OpenId4VciErrors.UnsupportedOffer, "The issuer takes encrypted requests with no key or enc this client supports.");
                }

                // Section 10: the JWE alg is the key's (ECDH-ES) and its kid is the key's kid.
                string jwe;
                try
                {
                    jwe = JweEncrypter.Encrypt(Encoding.UTF8.GetBytes(json), key with { Alg = null, Use = null }, enc, new JweHeaderOptions { KeyId = key.Kid });
                }
                catch (ArgumentException)
                {
                    return new VerificationError(OpenId4VciErrors.InvalidMetadata, "The issuer's request encryption key is not a valid EC public key.");
                }

                payload = jwe;
                mediaType = "application/jwt";
            }
            else
            {
                payload = json;
                mediaType = "application/json";
            }

            // RFC 9449 section 7.1: a DPoP-bound token goes with a fresh proof per attempt (a nonce retry resends the same body).
            var sent = await SendOAuthForResponseAsync(HttpMethod.Post, url, () => new StringContent(payload, Encoding.UTF8, mediaType), responseKey is null ? s_acceptJson : s_acceptJsonOrJwt, dpop, accessToken, null, cancellationToken).ConfigureAwait(false);
            if (!sent.IsValid)
            {
                return sent.Error;
            }

            var response = sent.Value;

            var isJwt = string.Equals(response.MediaType, "application/jwt", StringComparison.OrdinalIgnoreCase);
            if (responseKey is null)
            {
                return isJwt
                    ? new VerificationError(OpenId4VciErrors.InvalidResponse, "The issuer encrypted a response this client did not ask to be encrypted.")
                    : CredentialResponse.Read(response.Body);
            }

            // Section 10: an unencrypted answer to a request for encryption SHOULD be rejected; it is.
            if (!isJwt)
            {
                return new VerificationError(OpenId4VciErrors.UnencryptedResponse, "The issuer answered in plain JSON though an encrypted response was asked for.");
            }

            var decrypter = new JweDecrypter(responseKey, new JweDecrypterOptions { AllowedEncryptions = [responseEnc!], MaxTokenLength = _options.Http.MaxResponseBytes });
            var decrypted = decrypter.Decrypt(Encoding.ASCII.GetString(response.Body.Span).Trim());
            if (!decrypted.IsValid)
            {
                return new VerificationError(OpenId4VciErrors.UnencryptedResponse, "The encrypted response could not be decrypted with this request's key.") { Inner = decrypted.Error };
            }

            return CredentialResponse.Read(decrypted.Value.Plaintext);
        }
        finally
        {
            responseKey?.Dispose();
        }
    }

    /// <summary>Sends <c>credential_accepted</c> once the credentials are stored (section 11.1); a failed notification does not undo the import.</summary>
    private async ValueTask<VerificationResult<CredentialReceiveOutcome>> AcceptedAsync(ReceivedCredential received, DpopSession? dpop, CancellationToken cancellationToken)
    {
        if (received.Notification is { } target)
        {
            await NotifyCoreAsync(target, CredentialNotificationEvent.CredentialAccepted, null, dpop, cancellationToken).ConfigureAwait(false);
        }

        return new CredentialReceiveOutcome { Received = received };
    }

    /// <summary>Sends <c>credential_failure</c> when the credentials could not be stored (section 11.1), then returns the import's error.</summary>
    private async ValueTask<VerificationResult<CredentialReceiveOutcome>> FailedImportAsync(CredentialNotificationTarget? target, VerificationError error, DpopSession? dpop, CancellationToken cancellationToken)
    {
        if (target is not null)
        {
            await NotifyCoreAsync(target, CredentialNotificationEvent.CredentialFailure, "The credential could not be stored.", dpop, cancellationToken).ConfigureAwait(false);
        }

        return error;
    }

    private static JweEncryption? PickEncryption(IReadOnlyList<string> offered)
        => offered.Contains(JweEncryption.A128Gcm.Name, StringComparer.Ordinal) ? JweEncryption.A128Gcm
            : offered.Contains(JweEncryption.A256Gcm.Name, StringComparer.Ordinal) ? JweEncryption.A256Gcm
            : null;

    /// <summary>Verifies and stores issued credentials of a format: one W3C credential, or one or more SD-JWT VCs.</summary>
    private static async ValueTask<VerificationResult<ImportedCredential>> ImportIssuedAsync(CredentialWallet wallet, string format, IReadOnlyList<string> credentials, CancellationToken cancellationToken)
    {
        if (format is CredentialConfiguration.JwtVcJsonFormat or CredentialConfiguration.LdpVcFormat)
        {
            var ldp = format == CredentialConfiguration.LdpVcFormat;
            if (credentials.Count != 1 || credentials[0].StartsWith('{') != ldp)
            {
                return new VerificationError(OpenId4VciErrors.InvalidResponse, ldp ? "An ldp_vc credential must be a JSON object." : "A jwt_vc_json credential must be a string.");
            }

            return await wallet.ImportW3cAsync(credentials[0], cancellationToken).ConfigureAwait(false);
        }

        foreach (var credential in credentials)
        {
            var sdJwt = SdJwtToken.Read(credential);
            if (!sdJwt.IsValid)
            {
                return new VerificationError(OpenId4VciErrors.InvalidResponse, "A returned credential is not an SD-JWT.") { Inner = sdJwt.Error };
            }
        }

        return credentials.Count == 1
            ? await wallet.ImportAsync(credentials[0], cancellationToken).ConfigureAwait(false)
            : await wallet.ImportBatchAsync(credentials, cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask DeleteKeysAsync(CredentialWallet wallet, IReadOnlyList<string> keyIds)
    {
        foreach (var id in keyIds)
        {
            await wallet.Store.DeleteHolderKeyAsync(id, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
