using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Diagnostics;
using Credentials.Keys;
using Credentials.SdJwtVc;
using Credentials.Status;

namespace Credentials.OpenId4Vci;

/// <content>Deferred issuance and the Deferred Credential Endpoint (OpenID4VCI 1.0 section 9).</content>
public sealed partial class OpenId4VciIssuer
{
    /// <summary>The store kind of deferred issuance transactions.</summary>
    public const string DeferredTransactionKind = "openid4vci.deferred_transaction";

    private const string Pending = "p";
    private const string Ready = "r";
    private const string Rejected = "x";

    /// <summary>The Deferred Credential Endpoint URL (<c>{id}/deferred_credential</c>), or <see langword="null"/> without <see cref="OpenId4VciIssuerOptions.DeferredIssuance"/>.</summary>
    public string? DeferredCredentialEndpoint => _options.DeferredIssuance is null ? null : CredentialIssuer + "/deferred_credential";

    /// <summary>
    /// Approves a pending deferred transaction: signs one credential per holder key proved in the original request with
    /// <paramref name="dataset"/> (and a status entry each, as for immediate issuance) and keeps them until the Wallet's
    /// next Deferred Credential Request, which gets them exactly once.
    /// </summary>
    /// <param name="transactionId">The <see cref="DeferredIssuanceRequest.TransactionId"/>.</param>
    /// <param name="dataset">The claims.</param>
    /// <param name="cancellationToken">Cancels the store and signing.</param>
    /// <returns><see langword="true"/> when the transaction was pending and is now approved; <see langword="false"/> when it is unknown, expired, already approved or rejected.</returns>
    /// <exception cref="InvalidOperationException">The transaction's configuration is no longer configured, or the status list is full.</exception>
    public async ValueTask<bool> ApproveDeferredAsync(string transactionId, CredentialDataset dataset, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(transactionId);
        ArgumentNullException.ThrowIfNull(dataset);
        var key = Hash(transactionId);
        var stored = await _store.TryGetAsync(DeferredTransactionKind, key, _options.TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (stored is null || DeferredState.Read(stored) is not { Status: Pending } state)
        {
            return false;
        }

        if (!_configurations.TryGetValue(state.ConfigurationId, out var configuration))
        {
            throw new InvalidOperationException($"The deferred transaction's configuration '{state.ConfigurationId}' is not configured.");
        }

        var issued = await IssueSdJwtAsync(configuration, dataset, state.Keys, cancellationToken).ConfigureAwait(false);
        if (!issued.IsValid)
        {
            throw new InvalidOperationException("The deferred credentials could not be issued: " + issued.Error.Message);
        }

        var ready = state with { Status = Ready, Credentials = [.. issued.Value.Select(c => c.GetValue<string>())] };

        // Compare-and-set: of a concurrent approval and rejection, exactly one wins; the loser's credentials are discarded.
        var approved = await _store.TryUpdateAsync(DeferredTransactionKind, key, stored, ready.ToJson(), _options.TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (approved)
        {
            Telemetry.RecordIssued(CredentialConfiguration.SdJwtVcFormat, configuration.Id, configuration.Vct, ready.Credentials!.Count);
        }

        return approved;
    }

    /// <summary>
    /// Rejects a pending deferred transaction: the Wallet's Deferred Credential Requests are answered
    /// <c>credential_request_denied</c> (section 9.3) until the transaction expires.
    /// </summary>
    /// <param name="transactionId">The <see cref="DeferredIssuanceRequest.TransactionId"/>.</param>
    /// <param name="cancellationToken">Cancels the store.</param>
    /// <returns><see langword="true"/> when the transaction was pending and is now rejected; <see langword="false"/> when it is unknown, expired, approved or already rejected.</returns>
    public async ValueTask<bool> RejectDeferredAsync(string transactionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(transactionId);
        var key = Hash(transactionId);
        var stored = await _store.TryGetAsync(DeferredTransactionKind, key, _options.TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (stored is null || DeferredState.Read(stored) is not { Status: Pending } state)
        {
            return false;
        }

        return await _store.TryUpdateAsync(DeferredTransactionKind, key, stored, (state with { Status = Rejected }).ToJson(), _options.TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Answers a Deferred Credential Request (<c>POST {path}/deferred_credential</c>, section 9). Checks the bearer token
    /// (the access token of the original Credential Request, section 9: valid here for its transaction for
    /// <see cref="DeferredIssuanceOptions.TransactionLifetime"/>, even when single use consumed it at the Credential
    /// Endpoint), the body and the encryption parameters; then answers 202 with <c>transaction_id</c> and <c>interval</c>
    /// while pending, <c>credential_request_denied</c> once rejected, and the credentials once approved, exactly once: the
    /// transaction is consumed atomically with the delivery (a concurrent or later request gets <c>invalid_transaction_id</c>).
    /// A failed request consumes nothing.
    /// </summary>
    /// <remarks>
    /// A transaction created under a DPoP-bound access token (RFC 9449) remembers the token's key: the token is then
    /// accepted only with the <c>DPoP</c> scheme and a valid proof by that key for this request (with the token's
    /// <c>ath</c>), checked as at the Credential Endpoint and before anything is consumed, even after the token itself
    /// expired or was consumed.
    /// </remarks>
    /// <param name="httpRequest">The request's method, URL and headers (<c>Authorization</c>, <c>DPoP</c>).</param>
    /// <param name="body">The body (<c>application/json</c>, or <c>application/jwt</c> when encrypted, as for <see cref="HandleCredentialRequestAsync(IssuerHttpRequest, ReadOnlyMemory{byte}?, CancellationToken)"/>), or <see langword="null"/> when it had another media type or was too large.</param>
    /// <param name="cancellationToken">Cancels the store.</param>
    /// <returns>200, 202 (both <c>application/jwt</c> when the Wallet asked for encryption) or an OAuth error (<c>invalid_token</c>, <c>invalid_dpop_proof</c> and <c>use_dpop_nonce</c> with a challenge).</returns>
    public async ValueTask<IssuerEndpointResult> HandleDeferredCredentialRequestAsync(IssuerHttpRequest httpRequest, ReadOnlyMemory<byte>? body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(httpRequest);
        if (ReadAccessToken(httpRequest, out var dpopScheme) is not { } token)
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidToken, "A Bearer access token is required.") with { WwwAuthenticate = MissingTokenChallenge() };
        }

        if (body is not { } raw)
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidCredentialRequest, "The Deferred Credential Request must be a body within the size limit.");
        }

        var json = ReadRequestBody(raw, out var encrypted);
        if (!json.IsValid)
        {
            return IssuerEndpointResult.Fail(json.Error.Code, json.Error.Message);
        }

        var parsed = DeferredCredentialRequest.Read(json.Value);
        if (!parsed.IsValid)
        {
            return IssuerEndpointResult.Fail(parsed.Error.Code, parsed.Error.Message);
        }

        // Section 9.2: the response is encrypted with the key of this request, not the original one.
        var plan = CheckResponseEncryption(parsed.Value.ResponseEncryption, encrypted);
        if (!plan.IsValid)
        {
            return IssuerEndpointResult.Fail(plan.Error.Code, plan.Error.Message);
        }

        var transactionId = parsed.Value.TransactionId;
        var key = Hash(transactionId);
        var now = _options.TimeProvider.GetUtcNow();
        var stored = _options.DeferredIssuance is null ? null : await _store.TryGetAsync(DeferredTransactionKind, key, now, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidTransactionId, "The transaction_id is unknown, expired or its credentials were already delivered.");
        }

        var state = DeferredState.Read(stored);

        // Section 9: the access token presented must be the one valid for the original request.
        if (!FixedTimeEquals(state.TokenHash, Hash(token)))
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidToken, "The access token is not valid for this transaction.");
        }

        // RFC 9449 section 7: the token's sender constraint, as at the Credential Endpoint, before anything is consumed.
        if (await CheckBoundTokenDpopAsync(httpRequest, token, state.Jkt, dpopScheme, cancellationToken).ConfigureAwait(false) is { } dpopFailure)
        {
            return dpopFailure;
        }

        switch (state.Status)
        {
            case Pending:
                // Section 9.2: still pending, 202 with the same transaction_id and the interval.
                return Respond(202, CredentialResponse.WritePending(transactionId, IntervalSeconds()), plan.Value);
            case Rejected:
                // Section 9.3: the issuer can no longer issue; the Wallet should stop asking.
                return IssuerEndpointResult.Fail(OpenId4VciErrors.CredentialRequestDenied, "The Credential Issuer does not issue this credential.");
        }

        var notificationId = await RegisterNotificationAsync(state.ConfigurationId, state.SubjectId, state.TokenHash, state.Jkt, transactionId, cancellationToken).ConfigureAwait(false);

        // Sections 8.3 and 9.1: the transaction_id is invalidated once the credentials are obtained; the consume is
        // atomic, so of concurrent polls exactly one gets the credentials.
        if (await _store.TryConsumeAsync(DeferredTransactionKind, key, _options.TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false) is null)
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidTransactionId, "The transaction_id is unknown, expired or its credentials were already delivered.");
        }

        List<JsonNode> credentials = [.. state.Credentials!.Select(c => (JsonNode)JsonValue.Create(c))];
        return Respond(200, CredentialResponse.Write(credentials, notificationId), plan.Value);
    }

    /// <summary>
    /// Asks the app whether to defer; if so, consumes the proofs' nonces (and a single-use access token, which stays
    /// valid for this transaction only), stores the transaction and answers 202 (section 8.3). Null when not deferred.
    /// </summary>
    private async ValueTask<IssuerEndpointResult?> TryDeferAsync(IssuerCredentialConfiguration configuration, string? subjectId, List<Jwk> keys, HashSet<string> nonces, string tokenKey, ResponseEncryptionPlan? plan, CancellationToken cancellationToken)
    {
        if (_options.DeferredIssuance is not { } deferred)
        {
            return null;
        }

        var transactionId = RandomToken();
        var context = new CredentialIssuanceContext { CredentialConfigurationId = configuration.Id, Vct = configuration.Vct, SubjectId = subjectId, HolderKeys = keys };
        if (!await deferred.Defer(new DeferredIssuanceRequest { TransactionId = transactionId, Issuance = context }, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var commit = await CommitAsync(nonces, tokenKey, cancellationToken).ConfigureAwait(false);
        if (commit is not null)
        {
            return commit;
        }

        // The transaction outlives the token's own binding record: it keeps the key the token is bound to.
        var state = new DeferredState(Pending, configuration.Id, subjectId, keys, tokenKey, await BoundJktAsync(tokenKey, cancellationToken).ConfigureAwait(false), null);
        if (!await _store.TryAddAsync(DeferredTransactionKind, Hash(transactionId), state.ToJson(), _options.TimeProvider.GetUtcNow() + deferred.TransactionLifetime, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException("A freshly generated transaction_id collided; this should never happen.");
        }

        // Section 8.3: a deferred response is 202 with transaction_id and interval, encrypted when asked.
        return Respond(202, CredentialResponse.WritePending(transactionId, IntervalSeconds()), plan);
    }

    /// <summary>Consumes the nonces and, for single-use tokens, the access token; an error when one was lost to a concurrent request.</summary>
    private async ValueTask<IssuerEndpointResult?> CommitAsync(HashSet<string> nonces, string tokenKey, CancellationToken cancellationToken)
    {
        foreach (var nonce in nonces)
        {
            if (await _store.TryConsumeAsync(NonceKind, Hash(nonce), _options.TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false) is null)
            {
                return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidNonce, "The c_nonce is unknown, expired or already used; get a new one from the Nonce Endpoint.");
            }
        }

        if (_options.SingleUseAccessTokens
            && await _store.TryConsumeAsync(AccessTokenKind, tokenKey, _options.TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false) is null)
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidToken, "The access token is unknown, expired or already used.");
        }

        return null;
    }

    /// <summary>
    /// Signs one SD-JWT VC per holder key with the app's dataset, each with its own status entry (added, in the order of
    /// the keys, to <paramref name="allocated"/> when given).
    /// </summary>
    private async ValueTask<VerificationResult<List<JsonNode>>> IssueSdJwtAsync(IssuerCredentialConfiguration configuration, CredentialDataset dataset, IReadOnlyList<Jwk> keys, CancellationToken cancellationToken, List<StatusReference>? allocated = null)
    {
        IReadOnlyList<StatusReference>? statuses = null;
        if (_options.StatusLists is { } lists)
        {
            statuses = await lists.AllocateManyAsync(_options.StatusListUri!, keys.Count, cancellationToken).ConfigureAwait(false);
            if (statuses.Count < keys.Count)
            {
                return new VerificationError(OpenId4VciErrors.ServerError, "The status list is full.");
            }

            allocated?.AddRange(statuses);
        }

        // A batch's copies are meant for different presentations: iat (and an explicit shared exp) are written at the
        // batch precision so that equal seconds do not link them.
        var batch = keys.Count > 1 && _options.BatchIssuedAtPrecision is not null;
        var issuer = batch ? _batchCredentials : _credentials;
        var expiresAt = batch && dataset.ExpiresAt is { } exp ? RoundDownExpiry(exp, _options.BatchIssuedAtPrecision!.Value, dataset.NotBefore ?? _options.TimeProvider.GetUtcNow()) : dataset.ExpiresAt;
        var credentials = new List<JsonNode>(keys.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            var issued = await issuer.IssueUnobservedAsync(
                new SdJwtVcIssuance
                {
                    Vct = configuration.Vct,
                    VctIntegrity = configuration.VctIntegrity,
                    Claims = dataset.Claims,
                    HolderKey = keys[i],
                    Status = statuses?[i],
                    ExpiresAt = expiresAt,
                    NotBefore = dataset.NotBefore,
                    Subject = dataset.Subject,
                },
                cancellationToken).ConfigureAwait(false);
            credentials.Add(JsonValue.Create(issued.Serialize())!);
        }

        return credentials;
    }

    private int IntervalSeconds() => (int)Math.Max(1, Math.Ceiling(_options.DeferredIssuance!.Interval.TotalSeconds));

    /// <summary>The RFC 7638 thumbprint of the key a live access token is bound to, or <see langword="null"/> for a Bearer token (or without DPoP).</summary>
    private async ValueTask<string?> BoundJktAsync(string tokenKey, CancellationToken cancellationToken)
        => _dpop is null ? null : await _store.TryGetAsync(AccessTokenJktKind, tokenKey, _options.TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Checks the sender constraint of an access token whose binding was recorded with a deferred transaction or a
    /// <c>notification_id</c> (RFC 9449 section 7), as <see cref="CheckCredentialDpopAsync"/> does for a live token: a
    /// bound token needs the <c>DPoP</c> scheme and a valid proof by its key carrying its <c>ath</c>; a Bearer token
    /// needs the Bearer scheme, and is refused when DPoP is required.
    /// </summary>
    private async ValueTask<IssuerEndpointResult?> CheckBoundTokenDpopAsync(IssuerHttpRequest request, string token, string? jkt, bool dpopScheme, CancellationToken cancellationToken)
    {
        if (_dpop is null)
        {
            return jkt is null ? null : DpopTokenFailure("The access token is DPoP-bound, but DPoP is no longer enabled.");
        }

        if (jkt is null)
        {
            return dpopScheme || _options.Dpop!.Required ? DpopTokenFailure("The access token is not DPoP-bound.") : null;
        }

        if (!dpopScheme)
        {
            return DpopTokenFailure("The access token is DPoP-bound: present it with the DPoP scheme and a DPoP proof.");
        }

        var result = await _dpop.ValidateAsync(HeaderValues(request, OAuth.DpopProof.HeaderName), request.Method, request.Url, token, jkt, cancellationToken).ConfigureAwait(false);
        return result.IsValid ? null : await DpopFailureAsync(401, result.Error!, cancellationToken).ConfigureAwait(false);
    }

    private static void ValidateDeferred(DeferredIssuanceOptions? d)
    {
        if (d is null)
        {
            return;
        }

        if (d.Defer is null || d.Interval < TimeSpan.FromSeconds(1) || d.Interval > TimeSpan.FromDays(365) || d.TransactionLifetime <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("DeferredIssuanceOptions needs Defer, an Interval from 1 second to 365 days and a positive TransactionLifetime.");
        }
    }

    /// <summary>What the store keeps for a deferred transaction: its status, what to issue, the token that may collect it, and once approved the credentials.</summary>
    private sealed record DeferredState(string Status, string ConfigurationId, string? SubjectId, IReadOnlyList<Jwk> Keys, string TokenHash, string? Jkt, IReadOnlyList<string>? Credentials)
    {
        public string ToJson() => OpenId4VciJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("st", Status);
            w.WriteString("c", ConfigurationId);
            if (SubjectId is not null)
            {
                w.WriteString("s", SubjectId);
            }

            w.WriteStartArray("k");
            foreach (var key in Keys)
            {
                key.ToPublic().WriteTo(w);
            }

            w.WriteEndArray();
            w.WriteString("t", TokenHash);
            if (Jkt is not null)
            {
                w.WriteString("j", Jkt);
            }

            if (Credentials is not null)
            {
                OpenId4VciJson.WriteStringArray(w, "cr", Credentials);
            }

            w.WriteEndObject();
        });

        public static DeferredState Read(string json)
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            return new DeferredState(
                root.GetProperty("st").GetString()!,
                root.GetProperty("c").GetString()!,
                root.TryGetProperty("s", out var s) ? s.GetString() : null,
                [.. root.GetProperty("k").EnumerateArray().Select(k => Jwk.ReadPublic(k).Value)],
                root.GetProperty("t").GetString()!,
                root.TryGetProperty("j", out var j) ? j.GetString() : null,
                root.TryGetProperty("cr", out var cr) ? [.. cr.EnumerateArray().Select(c => c.GetString()!)] : null);
        }
    }
}
