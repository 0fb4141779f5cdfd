using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dcql;
using Credentials.Diagnostics;
using Credentials.Internal;
using Credentials.Jose;
using Credentials.OpenId4Vp.Internal;

namespace Credentials.OpenId4Vp;

public sealed partial class OpenId4VpVerifier
{
    internal const string DcApiPendingKind = "openid4vp.dc_api";

    /// <summary>
    /// Creates a transaction and its request for the Digital Credentials API (Appendix A): unsigned
    /// (<c>openid4vp-v1-unsigned</c>: <c>response_type</c>, <c>response_mode</c>, <c>nonce</c>, <c>dcql_query</c>,
    /// <c>client_metadata</c>, no <c>client_id</c>) or signed (<c>openid4vp-v1-signed</c>: a Request Object signed by
    /// <see cref="OpenId4VpVerifierOptions.RequestSigner"/> with <c>client_id</c> and <c>expected_origins</c>). The
    /// presentations must be bound to <c>origin:</c> + the page's Origin and the fresh nonce.
    /// </summary>
    /// <param name="query">What to ask for.</param>
    /// <param name="signed">Whether to sign the request (needs a signing Client Identifier Prefix).</param>
    /// <param name="cancellationToken">Cancels storing or signing.</param>
    /// <exception cref="InvalidOperationException"><see cref="OpenId4VpVerifierOptions.ExpectedOrigins"/> is empty, or <paramref name="signed"/> without a <see cref="OpenId4VpVerifierOptions.RequestSigner"/>.</exception>
    public async ValueTask<OpenId4VpDcApiTransaction> CreateDigitalCredentialsApiRequestAsync(DcqlQuery query, bool signed = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (_options.ExpectedOrigins.Count == 0)
        {
            throw new InvalidOperationException("Set ExpectedOrigins to the Origins of the pages that call the Digital Credentials API.");
        }

        if (signed && _options.RequestSigner is null)
        {
            throw new InvalidOperationException("Signed Digital Credentials API requests need RequestSigner.");
        }

        var now = _options.TimeProvider.GetUtcNow();
        var expires = now + _options.RequestLifetime;
        var mode = _options.DcApiResponseMode;
        var (metadata, encryptionKey) = EncryptionFor(mode == OpenId4VpConstants.ResponseModeDcApiJwt, NewRandom());
        var record = new TransactionRecord
        {
            TransactionId = NewRandom(),
            State = string.Empty,
            Nonce = NewRandom(),
            ClientId = _clientId.Value,
            ResponseUri = string.Empty,
            DcqlQuery = query.ToJson(),
            ClientMetadata = metadata.GetRawText(),
            RequestExpiresAt = expires,
            Mode = mode,
            EncryptionKey = encryptionKey,
            EncryptionMethods = encryptionKey is null ? null : string.Join(',', _options.EncryptionMethods),
        };
        if (!await _store.TryAddAsync(TransactionKind, record.TransactionId, record.ToJson(), expires + _options.ResultLifetime, cancellationToken).ConfigureAwait(false)
            || !await _store.TryAddAsync(DcApiPendingKind, record.TransactionId, record.TransactionId, expires, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException("A 256-bit random identifier collided; the store is inconsistent.");
        }

        JsonElement data;
        if (signed)
        {
            var payload = WriteDcApiParameters(record, query, mode, now, expires, signed: true);
            var extra = _options.RequestSigner!.KeyId is null
                ? new Dictionary<string, System.Text.Json.Nodes.JsonNode?>(StringComparer.Ordinal) { ["kid"] = System.Text.Json.Nodes.JsonValue.Create(_options.RequestSignerKeyId) }
                : null;
            var jwt = await JwsWriter.SignCompactAsync(_options.RequestSigner, payload, OpenId4VpConstants.RequestObjectType, extra, cancellationToken).ConfigureAwait(false);
            data = ToElement(w =>
            {
                w.WriteStartObject();
                w.WriteString(RequestParameterNames.Request, jwt);
                w.WriteEndObject();
            });
        }
        else
        {
            using var document = JsonDocument.Parse(WriteDcApiParameters(record, query, mode, now, expires, signed: false));
            data = document.RootElement.Clone();
        }

        return new OpenId4VpDcApiTransaction
        {
            TransactionId = record.TransactionId,
            Protocol = signed ? OpenId4VpConstants.DcApiProtocolSigned : OpenId4VpConstants.DcApiProtocolUnsigned,
            Data = data,
            Nonce = record.Nonce,
            ResponseMode = mode,
            ExpiresAt = expires,
        };
    }

    /// <summary>Whether an Origin is one of <see cref="OpenId4VpVerifierOptions.ExpectedOrigins"/> (simple string comparison).</summary>
    /// <param name="origin">The Origin, for example from the HTTP <c>Origin</c> header of the page's request.</param>
    public bool IsExpectedOrigin(string? origin)
        => !string.IsNullOrEmpty(origin) && _options.ExpectedOrigins.Contains(origin, StringComparer.Ordinal);

    /// <summary>
    /// Processes the answer a page received from <c>navigator.credentials.get</c> (Appendix A.4) and posted back: the
    /// <c>data</c> object (<c>{"vp_token": {…}}</c> for <c>dc_api</c>, <c>{"response": "&lt;JWE&gt;"}</c> for
    /// <c>dc_api.jwt</c>, or <c>{"error": …}</c>), for the transaction the page names, from the page's Origin as the
    /// server saw it. Each transaction is answered once. Presentations must be bound to <c>origin:</c> + that Origin and
    /// the transaction's nonce; then the checks of section 8.6 as for <c>direct_post</c>, and the result is stored.
    /// </summary>
    /// <param name="transactionId">The transaction id the page received with the request.</param>
    /// <param name="data">The <c>data</c> of the <c>DigitalCredential</c> the API returned.</param>
    /// <param name="origin">The page's Origin (for example the HTTP <c>Origin</c> header).</param>
    /// <param name="cancellationToken">Cancels verification.</param>
    /// <returns>
    /// The stored result (accepted, rejected or wallet error); or, with nothing stored, <c>openid4vp.origin_mismatch</c>
    /// (the Origin is not expected), <c>openid4vp.unknown_transaction</c> (unknown, not a DC API transaction, or
    /// expired) or <c>openid4vp.response_replayed</c> (already answered).
    /// </returns>
    public ValueTask<VerificationResult<OpenId4VpTransactionResult>> ReceiveDigitalCredentialsApiResponseAsync(string transactionId, JsonElement data, string origin, CancellationToken cancellationToken = default)
        => Telemetry.PresentationObserved
            ? ReceiveDigitalCredentialsApiResponseObservedAsync(transactionId, data, origin, cancellationToken)
            : ReceiveDigitalCredentialsApiResponseCoreAsync(transactionId, data, origin, cancellationToken);

    private async ValueTask<VerificationResult<OpenId4VpTransactionResult>> ReceiveDigitalCredentialsApiResponseObservedAsync(string transactionId, JsonElement data, string origin, CancellationToken cancellationToken)
    {
        var activity = Telemetry.Source.StartActivity(Telemetry.DcApiResponseActivity, System.Diagnostics.ActivityKind.Internal);
        VerificationResult<OpenId4VpTransactionResult> result;
        try
        {
            result = await ReceiveDigitalCredentialsApiResponseCoreAsync(transactionId, data, origin, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Telemetry.Fail(activity, ex);
            throw;
        }

        if (!result.IsValid)
        {
            Telemetry.RecordPresentation(activity, Telemetry.Refused, result.Error.Code);
        }
        else
        {
            var outcome = result.Value.Status switch
            {
                OpenId4VpTransactionStatus.Accepted => Telemetry.Accepted,
                OpenId4VpTransactionStatus.WalletError => Telemetry.WalletError,
                _ => Telemetry.Rejected,
            };
            Telemetry.RecordPresentation(activity, outcome, result.Value.Error?.Code);
        }

        return result;
    }

    private async ValueTask<VerificationResult<OpenId4VpTransactionResult>> ReceiveDigitalCredentialsApiResponseCoreAsync(string transactionId, JsonElement data, string origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transactionId);
        if (!IsExpectedOrigin(origin))
        {
            return new VerificationError(OpenId4VpErrors.OriginMismatch, "The response does not come from an expected Origin.");
        }

        var now = _options.TimeProvider.GetUtcNow();
        var stored = transactionId.Length == 0 ? null : await _store.TryGetAsync(TransactionKind, transactionId, now, cancellationToken).ConfigureAwait(false);
        var record = TransactionRecord.TryParse(stored);
        if (stored is null || record is null || !record.IsDcApi)
        {
            return new VerificationError(OpenId4VpErrors.UnknownTransaction, "No Digital Credentials API request has this transaction id.");
        }

        if (record.Result is not null)
        {
            return new VerificationError(OpenId4VpErrors.ResponseReplayed, "This request was already answered.");
        }

        // Section 8.3 and Appendix A.2: dc_api.jwt answers {"response": "<JWE>"}; it is decrypted before the transaction
        // is consumed, so a forged or tampered answer cannot use it up.
        var thumbprintRecord = record;
        if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty(RequestParameterNames.Response, out var response) && record.EncryptionKey is not null)
        {
            if (response.ValueKind != JsonValueKind.String || data.EnumerateObject().Count() != 1)
            {
                return new VerificationError(OpenId4VpErrors.InvalidResponse, "An encrypted answer is {\"response\": \"<JWE>\"} alone.");
            }

            var decrypted = ResponseEncryption.Decrypt(response.GetString()!, record.EncryptionKey, record.EncryptionMethods, (int)Math.Min(int.MaxValue, _options.MaxVpTokenLength * 2L + 8192));
            if (!decrypted.IsValid)
            {
                return decrypted.Error;
            }

            data = decrypted.Value;
        }
        else if (record.EncryptionKey is not null && data.ValueKind == JsonValueKind.Object && data.TryGetProperty(RequestParameterNames.VpToken, out _))
        {
            data = default;
        }

        if (await _store.TryConsumeAsync(DcApiPendingKind, transactionId, now, cancellationToken).ConfigureAwait(false) is null)
        {
            var answered = await _store.TryGetAsync(AnsweredKind, transactionId, now, cancellationToken).ConfigureAwait(false);
            return answered is null
                ? new VerificationError(OpenId4VpErrors.UnknownTransaction, "The request has expired.")
                : new VerificationError(OpenId4VpErrors.ResponseReplayed, "This request was already answered.");
        }

        await _store.TryAddAsync(AnsweredKind, transactionId, transactionId, record.RequestExpiresAt + _options.ResultLifetime, cancellationToken).ConfigureAwait(false);
        var result = data.ValueKind == JsonValueKind.Undefined
            ? Rejected(record, now, new VerificationError(OpenId4VpErrors.ResponseNotEncrypted, "The request asked for an encrypted response."), [])
            : await VerifyDcApiDataAsync(thumbprintRecord, data, origin, now, cancellationToken).ConfigureAwait(false);

        // The encryption key is removed with the answer.
        var completed = record with { Result = result, EncryptionKey = null };
        if (!await _store.TryUpdateAsync(TransactionKind, transactionId, stored, completed.ToJson(), now, cancellationToken).ConfigureAwait(false))
        {
            return new VerificationError(OpenId4VpErrors.ResponseReplayed, "This request was already answered.");
        }

        if (_options.OnResult is { } callback)
        {
            await callback(result, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private async ValueTask<OpenId4VpTransactionResult> VerifyDcApiDataAsync(TransactionRecord record, JsonElement data, string origin, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (data.ValueKind != JsonValueKind.Object)
        {
            return Rejected(record, now, new VerificationError(OpenId4VpErrors.InvalidResponse, "The response data is not a JSON object."), []);
        }

        var hasToken = data.TryGetProperty(RequestParameterNames.VpToken, out var vpToken);
        var hasResponse = data.TryGetProperty(RequestParameterNames.Response, out _);
        var hasError = data.TryGetProperty(RequestParameterNames.Error, out var error);
        if (hasError && !hasToken && !hasResponse)
        {
            // Appendix A.4: a protocol error is an object with a single error member.
            return new OpenId4VpTransactionResult
            {
                TransactionId = record.TransactionId,
                Status = OpenId4VpTransactionStatus.WalletError,
                ClientId = record.ClientId,
                ReceivedAt = now,
                Error = new VerificationError(OpenId4VpErrors.WalletError, "The wallet answered with an error response."),
                WalletError = error.ValueKind == JsonValueKind.String ? error.GetString() : OpenId4VpOAuthErrors.InvalidRequest,
            };
        }

        if (hasResponse)
        {
            return Rejected(record, now, new VerificationError(OpenId4VpErrors.ResponseEncryptedUnexpectedly, "The request did not ask for an encrypted response."), []);
        }

        if (!hasToken || hasError || vpToken.ValueKind != JsonValueKind.Object)
        {
            return Rejected(record, now, new VerificationError(OpenId4VpErrors.InvalidResponse, "The response data carries neither a vp_token object nor an error."), []);
        }

        return await VerifyVpTokenElementAsync(record, vpToken, BindingFor(record, origin), now, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<OpenId4VpTransactionResult> VerifyVpTokenElementAsync(TransactionRecord record, JsonElement vpToken, PresentationBinding binding, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var text = vpToken.GetRawText();
        if (text.Length > _options.MaxVpTokenLength)
        {
            return Rejected(record, now, new VerificationError(OpenId4VpErrors.InvalidResponse, "The vp_token is larger than the limit."), []);
        }

        var parsed = AuthorizationResponse.ReadVpToken(text);
        return parsed.IsValid
            ? await VerifyVpTokenAsync(record, parsed.Value, binding, now, cancellationToken).ConfigureAwait(false)
            : Rejected(record, now, parsed.Error, []);
    }

    // Appendix A.2 and A.3: the request parameters (no client_id when unsigned); a signed request adds client_id,
    // expected_origins, aud, iat and exp.
    private byte[] WriteDcApiParameters(TransactionRecord record, DcqlQuery query, string mode, DateTimeOffset now, DateTimeOffset expires, bool signed)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, SafeJson.WriterOptions))
        {
            w.WriteStartObject();
            if (signed)
            {
                w.WriteString(RequestParameterNames.ClientId, record.ClientId);
                w.WriteStartArray(RequestParameterNames.ExpectedOrigins);
                foreach (var origin in _options.ExpectedOrigins)
                {
                    w.WriteStringValue(origin);
                }

                w.WriteEndArray();
                w.WriteString("aud", OpenId4VpConstants.SelfIssuedAudience);
                w.WriteNumber("iat", now.ToUnixTimeSeconds());
                w.WriteNumber("exp", expires.ToUnixTimeSeconds());
            }

            w.WriteString(RequestParameterNames.ResponseType, OpenId4VpConstants.ResponseTypeVpToken);
            w.WriteString(RequestParameterNames.ResponseMode, mode);
            w.WriteString(RequestParameterNames.Nonce, record.Nonce);
            w.WritePropertyName(RequestParameterNames.DcqlQuery);
            query.WriteTo(w);
            if (record.ClientMetadata is not null)
            {
                w.WritePropertyName(RequestParameterNames.ClientMetadata);
                w.WriteRawValue(record.ClientMetadata, skipInputValidation: true);
            }

            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static JsonElement ToElement(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, SafeJson.WriterOptions))
        {
            write(w);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static void CheckOrigins(IReadOnlyList<string> origins)
    {
        foreach (var origin in origins)
        {
            // Appendix A.2: no unsafe schemes; http only for local development (loopback hosts here).
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.AbsolutePath != "/" || origin.EndsWith('/') || uri.Query.Length > 0 || uri.Fragment.Length > 0
                || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
            {
                throw new InvalidOperationException("Each of ExpectedOrigins must be an https Origin (http only on a loopback host), without path or trailing slash.");
            }
        }
    }
}
