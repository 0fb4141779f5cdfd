using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dcql;
using Credentials.Dcql.Matching;
using Credentials.Internal;
using Credentials.Jose;
using Credentials.OpenId4Vp.Internal;
using Credentials.Protocols;
using Credentials.SdJwtVc;

namespace Credentials.OpenId4Vp;

/// <summary>
/// The verifier of OpenID for Verifiable Presentations 1.0 with Response Mode <c>direct_post</c>, independent of any
/// web framework: creates Authorization Requests for a DCQL query, serves Request Objects, processes responses at
/// the Response URI, and keeps each transaction's typed result for the app. Thread-safe; state lives in an
/// <see cref="IProtocolStateStore"/> (SQLite by default in the ASP.NET Core package) so a restart loses nothing.
/// </summary>
/// <remarks>
/// Follows the reference design of section 13.3: a secret transaction id for the app, the <c>state</c> as request id
/// for the wallet (single use: a second response for it is <c>openid4vp.response_replayed</c>), a fresh 256-bit
/// <c>nonce</c> per request, and optionally a <c>response_code</c> in a <c>redirect_uri</c> (section 14.2).
/// </remarks>
public sealed partial class OpenId4VpVerifier
{
    internal const string TransactionKind = "openid4vp.transaction";
    internal const string StateKind = "openid4vp.state";
    internal const string AnsweredKind = "openid4vp.answered";

    private readonly OpenId4VpVerifierOptions _options;
    private readonly IProtocolStateStore _store;
    private readonly SdJwtVcVerifier _credentials;
    private readonly ClientIdentifier _clientId;
    private readonly JsonElement _clientMetadata;
    private readonly Credentials.Mdoc.MdocVerifier? _mdoc;
    private readonly System.Text.Json.Nodes.JsonArray? _x5c;
    private readonly DcqlMatcher _matcher = new(new DcqlMatcherOptions { EnforceTrustedAuthorities = false });

    /// <summary>Creates a verifier.</summary>
    /// <param name="store">Where transactions live.</param>
    /// <param name="credentials">Verifies each presented SD-JWT VC (issuer keys, status lists, type metadata).</param>
    /// <param name="options">The options.</param>
    /// <exception cref="InvalidOperationException">The options are inconsistent (see <see cref="OpenId4VpVerifierOptions.ClientId"/>).</exception>
    public OpenId4VpVerifier(IProtocolStateStore store, SdJwtVcVerifier credentials, OpenId4VpVerifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(options.ResponseUri);
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options));
        ArgumentNullException.ThrowIfNull(options.Policy, nameof(options));
        _options = options;
        _store = store;
        _credentials = credentials;
        _clientId = ClientIdentifier.TryParse(options.ClientId) ?? throw new InvalidOperationException("ClientId is empty.");
        if (!options.ResponseUri.IsAbsoluteUri)
        {
            throw new InvalidOperationException("ResponseUri must be absolute.");
        }

        switch (_clientId.Prefix)
        {
            case ClientIdPrefixes.RedirectUri:
                if (_clientId.OriginalClientId != options.ResponseUri.AbsoluteUri)
                {
                    throw new InvalidOperationException("A redirect_uri client's ClientId must be 'redirect_uri:' followed by ResponseUri.");
                }

                if (options.RequestSigner is not null)
                {
                    throw new InvalidOperationException("redirect_uri requests cannot be signed (OpenID4VP 1.0 section 5.9.3); remove RequestSigner.");
                }

                break;
            case ClientIdPrefixes.DecentralizedIdentifier:
                if (options.RequestSigner is null)
                {
                    throw new InvalidOperationException("A decentralized_identifier client needs RequestSigner.");
                }

                var kid = options.RequestSignerKeyId ?? options.RequestSigner.KeyId;
                if (kid is null)
                {
                    throw new InvalidOperationException("Set RequestSignerKeyId to the DID URL of the signing key.");
                }

                if (options.RequestSigner.KeyId is not null && options.RequestSignerKeyId is not null && options.RequestSigner.KeyId != options.RequestSignerKeyId)
                {
                    throw new InvalidOperationException("RequestSignerKeyId differs from the signer's KeyId.");
                }

                break;
            case ClientIdPrefixes.X509SanDns or ClientIdPrefixes.X509Hash:
                _x5c = CheckCertificateChain(_clientId, options);
                break;
            default:
                throw new InvalidOperationException("ClientId must use the redirect_uri, decentralized_identifier, x509_san_dns or x509_hash prefix.");
        }

        ArgumentNullException.ThrowIfNull(options.VerifierInfo, nameof(options));
        if (options.VerifierInfo.Count > VerifierInfo.MaxEntries)
        {
            throw new InvalidOperationException($"At most {VerifierInfo.MaxEntries} VerifierInfo entries.");
        }

        if (options.RequestUriMethod is not (null or OpenId4VpConstants.RequestUriMethodGet or OpenId4VpConstants.RequestUriMethodPost))
        {
            throw new InvalidOperationException("RequestUriMethod must be null, 'get' or 'post'.");
        }

        if (options.RequestLifetime <= TimeSpan.Zero || options.ResultLifetime < TimeSpan.Zero)
        {
            throw new InvalidOperationException("RequestLifetime must be positive and ResultLifetime not negative.");
        }

        if (options.ResponseMode is not (OpenId4VpConstants.ResponseModeDirectPost or OpenId4VpConstants.ResponseModeDirectPostJwt))
        {
            throw new InvalidOperationException("ResponseMode must be 'direct_post' or 'direct_post.jwt'.");
        }

        if (options.DcApiResponseMode is not (OpenId4VpConstants.ResponseModeDcApi or OpenId4VpConstants.ResponseModeDcApiJwt))
        {
            throw new InvalidOperationException("DcApiResponseMode must be 'dc_api' or 'dc_api.jwt'.");
        }

        ArgumentNullException.ThrowIfNull(options.EncryptionMethods, nameof(options));
        if (options.EncryptionMethods.Count == 0 || options.EncryptionMethods.Any(e => !JweEncryption.TryGet(e, out _)))
        {
            throw new InvalidOperationException("EncryptionMethods must name at least one supported JWE enc (A128GCM, A256GCM).");
        }

        ArgumentNullException.ThrowIfNull(options.ExpectedOrigins, nameof(options));
        CheckOrigins(options.ExpectedOrigins);
        _mdoc = options.Mdoc is null ? null : new Credentials.Mdoc.MdocVerifier(options.Mdoc);
        _clientMetadata = options.ClientMetadata ?? DefaultClientMetadata(options.W3cPresentations is not null, options.Mdoc is not null);
    }

    /// <summary>The options.</summary>
    public OpenId4VpVerifierOptions Options => _options;

    /// <summary>Whether requests can be offered by reference (a signing prefix and a <see cref="OpenId4VpVerifierOptions.RequestUriBase"/>).</summary>
    public bool SupportsRequestUri => _options.RequestSigner is not null && _options.RequestUriBase is not null;

    /// <summary>
    /// Creates a transaction and its Authorization Request for a DCQL query with a fresh <c>nonce</c> and
    /// <c>state</c>, <c>response_mode</c> <c>direct_post</c> and this verifier's <c>response_uri</c>.
    /// </summary>
    /// <param name="query">What to ask for (for example <c>age_equal_or_over.20</c> only).</param>
    /// <param name="cancellationToken">Cancels storing or signing.</param>
    public async ValueTask<OpenId4VpTransaction> CreateRequestAsync(DcqlQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var now = _options.TimeProvider.GetUtcNow();
        var expires = now + _options.RequestLifetime;
        var state = NewRandom();
        var (metadata, encryptionKey) = EncryptionFor(_options.ResponseMode == OpenId4VpConstants.ResponseModeDirectPostJwt, state);
        var request = new AuthorizationRequest
        {
            ClientId = _clientId.Value,
            ResponseMode = _options.ResponseMode,
            ResponseUri = _options.ResponseUri.AbsoluteUri,
            Nonce = NewRandom(),
            State = state,
            DcqlQuery = query,
            ClientMetadata = metadata,
            VerifierInfo = VerifierInfoOrNull,
        };
        var record = new TransactionRecord
        {
            TransactionId = NewRandom(),
            State = request.State,
            Nonce = request.Nonce,
            ClientId = request.ClientId,
            ResponseUri = request.ResponseUri,
            DcqlQuery = query.ToJson(),
            ClientMetadata = metadata.GetRawText(),
            RequestExpiresAt = expires,
            Mode = _options.ResponseMode,
            EncryptionKey = encryptionKey,
            EncryptionMethods = encryptionKey is null ? null : string.Join(',', _options.EncryptionMethods),
        };
        if (!await _store.TryAddAsync(TransactionKind, record.TransactionId, record.ToJson(), expires + _options.ResultLifetime, cancellationToken).ConfigureAwait(false)
            || !await _store.TryAddAsync(StateKind, request.State, record.TransactionId, expires, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException("A 256-bit random identifier collided; the store is inconsistent.");
        }

        string byValue;
        if (_options.RequestSigner is null)
        {
            byValue = AuthorizationRequestLink.Create(_options.WalletAuthorizationEndpoint, request.ToParameters());
        }
        else
        {
            var jwt = await SignAsync(request, now, expires, cancellationToken).ConfigureAwait(false);
            byValue = AuthorizationRequestLink.Create(_options.WalletAuthorizationEndpoint, [new(RequestParameterNames.ClientId, request.ClientId), new(RequestParameterNames.Request, jwt)]);
        }

        string? requestUri = null;
        string? byReference = null;
        if (SupportsRequestUri)
        {
            requestUri = _options.RequestUriBase!.AbsoluteUri.TrimEnd('/') + "/" + request.State;
            var parameters = new List<KeyValuePair<string, string>> { new(RequestParameterNames.ClientId, request.ClientId), new(RequestParameterNames.RequestUri, requestUri) };
            if (_options.RequestUriMethod is { } method)
            {
                parameters.Add(new(RequestParameterNames.RequestUriMethod, method));
            }

            byReference = AuthorizationRequestLink.Create(_options.WalletAuthorizationEndpoint, parameters);
        }

        return new OpenId4VpTransaction
        {
            TransactionId = record.TransactionId,
            Request = request,
            ExpiresAt = expires,
            ByValueLink = byValue,
            ByReferenceLink = byReference,
            RequestUri = requestUri,
        };
    }

    /// <summary>
    /// The signed Request Object for a <c>request_uri</c> (section 5.10): <c>typ</c> <c>oauth-authz-req+jwt</c>, served
    /// as <c>application/oauth-authz-req+jwt</c>. A <c>wallet_nonce</c> from a POST is echoed in the object.
    /// </summary>
    /// <param name="requestId">The last path segment of the <c>request_uri</c> (the request's <c>state</c>).</param>
    /// <param name="walletNonce">The wallet's <c>wallet_nonce</c>, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels signing.</param>
    /// <returns>The compact JWS, or <c>openid4vp.unknown_state</c> when the request is unknown, answered or expired.</returns>
    public ValueTask<VerificationResult<string>> GetRequestObjectAsync(string requestId, string? walletNonce = null, CancellationToken cancellationToken = default)
        => GetRequestObjectForPostAsync(requestId, walletNonce, walletMetadata: null, cancellationToken);

    /// <summary>
    /// The result of a transaction: <see cref="OpenId4VpTransactionStatus.Pending"/> until the wallet answers. When the
    /// response endpoint returned a <c>redirect_uri</c>, the <c>response_code</c> from it is required (section 14.2).
    /// </summary>
    /// <param name="transactionId">The secret transaction id.</param>
    /// <param name="responseCode">The <c>response_code</c> the frontend received, if any.</param>
    /// <param name="cancellationToken">Cancels the store read.</param>
    public async ValueTask<VerificationResult<OpenId4VpTransactionResult>> GetResultAsync(string transactionId, string? responseCode = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactionId);
        var record = transactionId.Length == 0 ? null
            : TransactionRecord.TryParse(await _store.TryGetAsync(TransactionKind, transactionId, _options.TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false));
        if (record is null)
        {
            return new VerificationError(OpenId4VpErrors.UnknownTransaction, "No transaction has this id.");
        }

        if (record.Result is null)
        {
            return new OpenId4VpTransactionResult { TransactionId = transactionId, Status = OpenId4VpTransactionStatus.Pending, ClientId = record.ClientId };
        }

        if (record.ResponseCode is not null && (responseCode is null || !FixedTimeEquals(record.ResponseCode, responseCode)))
        {
            return new VerificationError(OpenId4VpErrors.InvalidResponseCode, "The response_code is missing or wrong.");
        }

        return record.Result with { TransactionId = transactionId };
    }

    private async ValueTask<TransactionRecord?> FindPendingAsync(string state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var transactionId = await _store.TryGetAsync(StateKind, state, now, cancellationToken).ConfigureAwait(false);
        return transactionId is null ? null
            : TransactionRecord.TryParse(await _store.TryGetAsync(TransactionKind, transactionId, now, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Section 8.3: for an encrypted response, the client metadata with a fresh ephemeral P-256 key (its <c>kid</c> the
    /// request's correlation id) and the private JWK to keep in the transaction; otherwise the metadata unchanged.
    /// </summary>
    private (JsonElement Metadata, string? PrivateKey) EncryptionFor(bool encrypted, string kid)
    {
        if (!encrypted)
        {
            return (_clientMetadata, null);
        }

        var key = ResponseEncryption.CreateEphemeralKey(kid);
        return (ResponseEncryption.AddKey(_clientMetadata, key.ToPublic(), _options.EncryptionMethods), key.ToJson());
    }

    private static AuthorizationRequest ToRequest(TransactionRecord record)
    {
        using var metadata = record.ClientMetadata is null ? null : JsonDocument.Parse(record.ClientMetadata);
        return new AuthorizationRequest
        {
            ClientId = record.ClientId,
            ResponseMode = record.Mode,
            ResponseUri = record.ResponseUri,
            Nonce = record.Nonce,
            State = record.State,
            DcqlQuery = DcqlQuery.Read(record.DcqlQuery).GetValueOrThrow(),
            ClientMetadata = metadata?.RootElement.Clone(),
        };
    }

    private async ValueTask<string> SignAsync(AuthorizationRequest request, DateTimeOffset now, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        var signer = _options.RequestSigner!;
        var payload = request.ToRequestObjectPayload(now, expires);
        Dictionary<string, JsonNode?>? extra = null;
        if (signer.KeyId is null && _options.RequestSignerKeyId is not null)
        {
            extra = new Dictionary<string, JsonNode?>(StringComparer.Ordinal) { ["kid"] = JsonValue.Create(_options.RequestSignerKeyId) };
        }

        if (_x5c is not null)
        {
            // Section 5.9.3: the chain travels in the x5c JOSE header of the signed Request Object.
            extra ??= new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            extra["x5c"] = _x5c.DeepClone();
        }

        return await JwsWriter.SignCompactAsync(signer, payload, OpenId4VpConstants.RequestObjectType, extra, cancellationToken).ConfigureAwait(false);
    }

    private static JsonElement DefaultClientMetadata(bool w3c, bool mdoc)
    {
        var algorithms = string.Join(",", JwsAlgorithm.DefaultAllowed.Select(a => JsonText.Quote(a.Name)));
        var json = "{\"vp_formats_supported\":{\"dc+sd-jwt\":{\"sd-jwt_alg_values\":[" + algorithms + "],\"kb-jwt_alg_values\":[" + algorithms + "]}"
            + (w3c
                // Appendix B.1.3.1.1 and B.1.3.2.1: the algorithms, proof types and cryptosuites the verifier accepts.
                ? ",\"jwt_vc_json\":{\"alg_values\":[" + algorithms + "]},\"ldp_vc\":{\"proof_type_values\":[\"DataIntegrityProof\"],\"cryptosuite_values\":["
                    + string.Join(",", Credentials.W3c.DataIntegrity.Cryptosuite.All.Select(c => JsonText.Quote(c.Name))) + "]}"
                : string.Empty)
            // Appendix B.2.2: COSE algorithm identifiers as in the COSE header: -7 (ES256), -9 (ESP256), -35 (ES384), -8 (EdDSA).
            + (mdoc ? ",\"mso_mdoc\":{\"issuerauth_alg_values\":[-7,-9,-35,-8],\"deviceauth_alg_values\":[-7,-9,-35,-8]}" : string.Empty)
            + "}}";
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    internal static string NewRandom() => StrictBase64Url.Encode(RandomNumberGenerator.GetBytes(32));

    private static bool FixedTimeEquals(string a, string b)
        => CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(a), System.Text.Encoding.UTF8.GetBytes(b));
}
