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
        => ReceiveCoreAsync(offer, wallet, request, allowDeferred: true, cancellationToken);

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

        var response = await RequestDeferredCredentialAsync(metadata.Value, pending.AccessToken, pending.TransactionId, cancellationToken).ConfigureAwait(false);
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
            ? new CredentialNotificationTarget { NotificationEndpoint = endpoint, AccessToken = pending.AccessToken, NotificationId = notificationId }
            : null;
        var stored = await ImportIssuedAsync(wallet, configuration.Format, credentials, cancellationToken).ConfigureAwait(false);
        if (!stored.IsValid)
        {
            // Section 11.1: a failed import (a partial batch included) is a failed issuance.
            if (target is not null)
            {
                await NotifyAsync(target, CredentialNotificationEvent.CredentialFailure, "The credential could not be stored.", cancellationToken).ConfigureAwait(false);
            }

            return stored.Error;
        }

        if (target is not null)
        {
            await NotifyAsync(target, CredentialNotificationEvent.CredentialAccepted, null, cancellationToken).ConfigureAwait(false);
        }

        return new CredentialReceiveOutcome
        {
            Received = new ReceivedCredential { CredentialConfigurationId = pending.CredentialConfigurationId, Imported = stored.Value, HolderKeyIds = pending.HolderKeyIds, Notification = target },
        };
    }

    /// <summary>Sends a Deferred Credential Request (section 9.1), encrypted as <see cref="RequestCredentialAsync"/> decides.</summary>
    /// <param name="metadata">The issuer's metadata (for the Deferred Credential Endpoint and encryption).</param>
    /// <param name="accessToken">The access token of the original Credential Request.</param>
    /// <param name="transactionId">The <c>transaction_id</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The credentials, or the still pending transaction (with its <c>interval</c>); or the server's protocol error (<c>openid4vci.invalid_transaction_id</c>, <c>openid4vci.credential_request_denied</c> …), <see cref="OpenId4VciErrors.InvalidMetadata"/> without a Deferred Credential Endpoint, <see cref="OpenId4VciErrors.UnencryptedResponse"/>.</returns>
    public async ValueTask<VerificationResult<CredentialResponse>> RequestDeferredCredentialAsync(CredentialIssuerMetadata metadata, string accessToken, string transactionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        ArgumentException.ThrowIfNullOrEmpty(transactionId);
        if (metadata.DeferredCredentialEndpoint is not { } endpoint)
        {
            return new VerificationError(OpenId4VciErrors.InvalidMetadata, "The issuer has no deferred_credential_endpoint.");
        }

        // Section 9.2: the response is encrypted with the key of this request, a fresh one.
        return await PostCredentialMessageAsync(metadata, endpoint, accessToken, e => new DeferredCredentialRequest { TransactionId = transactionId, ResponseEncryption = e }.ToJson(), cancellationToken).ConfigureAwait(false);
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
        var request = new NotificationRequest { NotificationId = target.NotificationId, Event = @event, EventDescription = description };
        using var content = new StringContent(request.ToJson(), Encoding.UTF8, "application/json");
        var sent = await SendAsync(HttpMethod.Post, target.NotificationEndpoint, content, target.AccessToken, cancellationToken).ConfigureAwait(false);
        return sent.IsValid ? request : sent.Error;
    }

    /// <summary>
    /// Posts a (Deferred) Credential Request. When the issuer requires encrypted responses, or supports them and
    /// <see cref="OpenId4VciClientOptions.PreferEncryptedResponses"/> is set, a fresh P-256 key is sent as
    /// <c>credential_response_encryption</c> and only a JWE answer decrypting under it is accepted (section 10). The
    /// request is encrypted to the issuer's key when the issuer requires it, or when it carries the response key and the
    /// issuer supports request encryption (section 8.2).
    /// </summary>
    private async Task<VerificationResult<CredentialResponse>> PostCredentialMessageAsync(CredentialIssuerMetadata metadata, string url, string accessToken, Func<CredentialResponseEncryption?, string> write, CancellationToken cancellationToken)
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
            HttpContent content;
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

                content = new StringContent(jwe, Encoding.ASCII, "application/jwt");
            }
            else
            {
                content = new StringContent(json, Encoding.UTF8, "application/json");
            }

            HttpFetchResponse response;
            using (content)
            {
                var sent = await SendForResponseAsync(HttpMethod.Post, url, content, accessToken, responseKey is null ? s_acceptJson : s_acceptJsonOrJwt, cancellationToken).ConfigureAwait(false);
                if (!sent.IsValid)
                {
                    return sent.Error;
                }

                response = sent.Value;
            }

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
    private async ValueTask<VerificationResult<CredentialReceiveOutcome>> AcceptedAsync(ReceivedCredential received, CancellationToken cancellationToken)
    {
        if (received.Notification is { } target)
        {
            await NotifyAsync(target, CredentialNotificationEvent.CredentialAccepted, null, cancellationToken).ConfigureAwait(false);
        }

        return new CredentialReceiveOutcome { Received = received };
    }

    /// <summary>Sends <c>credential_failure</c> when the credentials could not be stored (section 11.1), then returns the import's error.</summary>
    private async ValueTask<VerificationResult<CredentialReceiveOutcome>> FailedImportAsync(CredentialNotificationTarget? target, VerificationError error, CancellationToken cancellationToken)
    {
        if (target is not null)
        {
            await NotifyAsync(target, CredentialNotificationEvent.CredentialFailure, "The credential could not be stored.", cancellationToken).ConfigureAwait(false);
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
