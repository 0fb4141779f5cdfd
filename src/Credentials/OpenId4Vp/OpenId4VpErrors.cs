namespace Credentials.OpenId4Vp;

/// <summary>
/// Error codes for OpenID for Verifiable Presentations 1.0: reading an Authorization Request (wallet side) and
/// processing an Authorization Response (verifier side). Each maps to the protocol's OAuth error through
/// <see cref="ToOAuthError"/>.
/// </summary>
public static class OpenId4VpErrors
{
    /// <summary><c>openid4vp.invalid_request</c>: a request parameter is missing, repeated, of the wrong type or value (section 5; <c>invalid_request</c>).</summary>
    public static readonly ErrorCode InvalidRequest = new("openid4vp.invalid_request", VerificationFailureKind.Malformed);

    /// <summary><c>openid4vp.invalid_request_uri_method</c>: <c>request_uri_method</c> is neither <c>get</c> nor <c>post</c> (section 5.1; <c>invalid_request_uri_method</c>).</summary>
    public static readonly ErrorCode InvalidRequestUriMethod = new("openid4vp.invalid_request_uri_method", VerificationFailureKind.Malformed);

    /// <summary><c>openid4vp.unsupported_client_id_prefix</c>: the Client Identifier has no prefix this wallet supports (section 5.9; <c>invalid_request</c>).</summary>
    public static readonly ErrorCode UnsupportedClientIdPrefix = new("openid4vp.unsupported_client_id_prefix", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vp.invalid_client_id</c>: the Client Identifier does not belong to its prefix or the prefix's rules are broken (section 5.9.3; <c>invalid_request</c>).</summary>
    public static readonly ErrorCode InvalidClientId = new("openid4vp.invalid_client_id", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vp.client_id_mismatch</c>: the <c>client_id</c> of the Request Object differs from the one in the request (section 5.10.1; <c>invalid_request</c>).</summary>
    public static readonly ErrorCode ClientIdMismatch = new("openid4vp.client_id_mismatch", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vp.unsigned_request</c>: the Client Identifier Prefix requires a signed Request Object and the request is not one (section 5.9.3; <c>invalid_request</c>).</summary>
    public static readonly ErrorCode UnsignedRequest = new("openid4vp.unsigned_request", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vp.invalid_request_object</c>: the Request Object is not a JWS, its <c>typ</c> is not <c>oauth-authz-req+jwt</c>, its payload is not a JSON object (section 5; <c>invalid_request</c>).</summary>
    public static readonly ErrorCode InvalidRequestObject = new("openid4vp.invalid_request_object", VerificationFailureKind.Malformed);

    /// <summary><c>openid4vp.request_object_expired</c>: the Request Object's <c>exp</c> is in the past, beyond the clock skew (section 5; <c>invalid_request</c>).</summary>
    public static readonly ErrorCode RequestObjectExpired = new("openid4vp.request_object_expired", VerificationFailureKind.Expired);

    /// <summary><c>openid4vp.invalid_request_signature</c>: the Request Object's signature does not verify with the Client's key (<c>invalid_client</c>).</summary>
    public static readonly ErrorCode InvalidRequestSignature = new("openid4vp.invalid_request_signature", VerificationFailureKind.InvalidSignature);

    /// <summary><c>openid4vp.client_key_unresolved</c>: the Client's key could not be obtained (DID resolution failed, no <c>kid</c>, the key is not the DID's) (<c>invalid_client</c>).</summary>
    public static readonly ErrorCode ClientKeyUnresolved = new("openid4vp.client_key_unresolved", VerificationFailureKind.UntrustedIssuer);

    /// <summary><c>openid4vp.request_uri_failed</c>: the Request Object could not be fetched from <c>request_uri</c>; the wallet terminates (section 5.10.2).</summary>
    public static readonly ErrorCode RequestUriFailed = new("openid4vp.request_uri_failed", VerificationFailureKind.ResolutionFailed);

    /// <summary><c>openid4vp.response_uri_failed</c>: the wallet could not deliver the Authorization Response to <c>response_uri</c> (transport, address policy, timeout, or an answer that is not a JSON object); the cause is <see cref="VerificationError.Inner"/> when it is an HTTP guard.</summary>
    public static readonly ErrorCode ResponseUriFailed = new("openid4vp.response_uri_failed", VerificationFailureKind.ResolutionFailed);

    /// <summary><c>openid4vp.wallet_nonce_mismatch</c>: the Request Object lacks the <c>wallet_nonce</c> the wallet sent (section 5.10.1; <c>invalid_request</c>).</summary>
    public static readonly ErrorCode WalletNonceMismatch = new("openid4vp.wallet_nonce_mismatch", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vp.unsupported_response_mode</c>: <c>response_type</c> is not <c>vp_token</c> or <c>response_mode</c> is not <c>direct_post</c> (<c>invalid_request</c>).</summary>
    public static readonly ErrorCode UnsupportedResponseMode = new("openid4vp.unsupported_response_mode", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vp.insecure_response_uri</c>: <c>response_uri</c> is not an absolute <c>https</c> URI (and plain HTTP is not allowed by the options) (<c>invalid_request</c>).</summary>
    public static readonly ErrorCode InsecureResponseUri = new("openid4vp.insecure_response_uri", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vp.unsupported_scope</c>: the request uses <c>scope</c> instead of <c>dcql_query</c>; no scope aliases are known (section 5.5; <c>invalid_scope</c>).</summary>
    public static readonly ErrorCode UnsupportedScope = new("openid4vp.unsupported_scope", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vp.unsupported_transaction_data</c>: the request carries <c>transaction_data</c>, which this wallet does not support (section 8.4; <c>invalid_transaction_data</c>).</summary>
    public static readonly ErrorCode UnsupportedTransactionData = new("openid4vp.unsupported_transaction_data", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vp.vp_formats_not_supported</c>: neither the verifier's <c>vp_formats_supported</c> nor the query name a format the wallet supports (<c>vp_formats_not_supported</c>).</summary>
    public static readonly ErrorCode VpFormatsNotSupported = new("openid4vp.vp_formats_not_supported", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vp.invalid_response</c>: the Authorization Response is malformed: no <c>vp_token</c> and no <c>error</c>, a repeated parameter, a <c>vp_token</c> that is not a JSON object of non-empty string arrays, or too large (section 8.1).</summary>
    public static readonly ErrorCode InvalidResponse = new("openid4vp.invalid_response", VerificationFailureKind.Malformed);

    /// <summary><c>openid4vp.unknown_state</c>: the response has no <c>state</c>, or one that belongs to no pending request (unknown or expired) (section 14.3.2).</summary>
    public static readonly ErrorCode UnknownState = new("openid4vp.unknown_state", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vp.response_replayed</c>: a response for this <c>state</c> was already received; a request is answered once.</summary>
    public static readonly ErrorCode ResponseReplayed = new("openid4vp.response_replayed", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vp.unknown_credential_query</c>: the <c>vp_token</c> has an entry for an id that is not a Credential Query of the request (section 8.1); the response is rejected.</summary>
    public static readonly ErrorCode UnknownCredentialQuery = new("openid4vp.unknown_credential_query", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vp.too_many_presentations</c>: more than one presentation for a Credential Query without <c>multiple: true</c> (section 8.1); the response is rejected.</summary>
    public static readonly ErrorCode TooManyPresentations = new("openid4vp.too_many_presentations", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vp.unsupported_format</c>: a presentation answers a Credential Query of a format this verifier does not verify (anything but <c>dc+sd-jwt</c>); the presentation is discarded.</summary>
    public static readonly ErrorCode UnsupportedFormat = new("openid4vp.unsupported_format", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vp.presentation_invalid</c>: a presentation failed verification (signature, issuer trust, disclosures, time, type, status, type metadata); the cause is <see cref="VerificationError.Inner"/>; the presentation is discarded.</summary>
    public static readonly ErrorCode PresentationInvalid = new("openid4vp.presentation_invalid", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vp.holder_binding_failed</c>: a presentation's Key Binding JWT is missing or not bound to this request's <c>nonce</c> and <c>client_id</c> (section 14.1.2); the cause is <see cref="VerificationError.Inner"/>; the whole response is rejected.</summary>
    public static readonly ErrorCode HolderBindingFailed = new("openid4vp.holder_binding_failed", VerificationFailureKind.KeyBindingFailed);

    /// <summary><c>openid4vp.credential_type_mismatch</c>: a presentation's <c>vct</c> is not in the Credential Query's <c>vct_values</c>; the presentation is discarded.</summary>
    public static readonly ErrorCode CredentialTypeMismatch = new("openid4vp.credential_type_mismatch", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vp.claims_not_satisfied</c>: a presentation lacks a requested claim, a claim has none of the requested <c>values</c>, or no <c>claim_sets</c> option is met; the presentation is discarded.</summary>
    public static readonly ErrorCode ClaimsNotSatisfied = new("openid4vp.claims_not_satisfied", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vp.query_not_satisfied</c>: after discarding invalid presentations, a required Credential Query or <c>credential_sets</c> entry is not answered (section 6.4.2); the response is rejected.</summary>
    public static readonly ErrorCode QueryNotSatisfied = new("openid4vp.query_not_satisfied", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vp.wallet_error</c>: the wallet answered with an Authorization Error Response (for example <c>access_denied</c>); the error is in the result.</summary>
    public static readonly ErrorCode WalletError = new("openid4vp.wallet_error", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vp.unknown_transaction</c>: no transaction with this id (never created, or expired) when the app asks for a result.</summary>
    public static readonly ErrorCode UnknownTransaction = new("openid4vp.unknown_transaction", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vp.invalid_response_code</c>: the app asked for a result without the <c>response_code</c> the wallet was redirected with, or with a wrong one (section 14.2).</summary>
    public static readonly ErrorCode InvalidResponseCode = new("openid4vp.invalid_response_code", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vp.origin_mismatch</c>: over the Digital Credentials API, the calling Origin is not in the signed request's <c>expected_origins</c> (wallet, Appendix A.2; <c>invalid_request</c>), or not an Origin the verifier expects (verifier).</summary>
    public static readonly ErrorCode OriginMismatch = new("openid4vp.origin_mismatch", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vp.unsupported_protocol</c>: the Digital Credentials API request's protocol is not <c>openid4vp-v1-unsigned</c> or <c>openid4vp-v1-signed</c>, or its <c>data</c> does not fit the protocol (Appendix A.1; <c>invalid_request</c>).</summary>
    public static readonly ErrorCode UnsupportedProtocol = new("openid4vp.unsupported_protocol", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vp.no_encryption_key</c>: the request asks for an encrypted response but its <c>client_metadata</c> has no usable key (<c>jwks</c> with a P-256 <c>ECDH-ES</c> key whose <c>use</c> is <c>enc</c> or absent) or no <c>enc</c> the wallet supports (section 8.3; <c>invalid_request</c>).</summary>
    public static readonly ErrorCode NoEncryptionKey = new("openid4vp.no_encryption_key", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vp.response_not_encrypted</c>: the verifier asked for an encrypted response (<c>direct_post.jwt</c>, <c>dc_api.jwt</c>) and received a <c>vp_token</c> in the clear; the response is rejected (section 8.3).</summary>
    public static readonly ErrorCode ResponseNotEncrypted = new("openid4vp.response_not_encrypted", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vp.response_encrypted_unexpectedly</c>: the request did not ask for encryption and the response carries <c>response</c>; the response is rejected.</summary>
    public static readonly ErrorCode ResponseEncryptedUnexpectedly = new("openid4vp.response_encrypted_unexpectedly", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vp.response_key_unknown</c>: the encrypted response's <c>kid</c> names no pending transaction's encryption key (or not the transaction's own), or its <c>alg</c> is not <c>ECDH-ES</c> or its <c>enc</c> not one the verifier offered (section 8.3).</summary>
    public static readonly ErrorCode ResponseKeyUnknown = new("openid4vp.response_key_unknown", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vp.response_decryption_failed</c>: the encrypted response is not a compact JWE, or it does not decrypt with the transaction's key (tampered, wrong key), or its plaintext is not a JSON object (section 8.3); the response is rejected.</summary>
    public static readonly ErrorCode ResponseDecryptionFailed = new("openid4vp.response_decryption_failed", VerificationFailureKind.Malformed);

    /// <summary><c>openid4vp.unrequested_elements</c>: an <c>mso_mdoc</c> presentation discloses a data element, or a document type, the Credential Query did not ask for; the presentation is discarded so the verifier learns nothing it did not ask for.</summary>
    public static readonly ErrorCode UnrequestedElements = new("openid4vp.unrequested_elements", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vp.client_certificate_untrusted</c>: an <c>x509_san_dns</c>/<c>x509_hash</c> request's <c>x5c</c> chain does not build to a configured trust anchor, its leaf is self-signed and not pinned, or the leaf's key usage does not allow signing (section 5.9.3; <c>invalid_client</c>).</summary>
    public static readonly ErrorCode ClientCertificateUntrusted = new("openid4vp.client_certificate_untrusted", VerificationFailureKind.UntrustedIssuer);

    /// <summary><c>openid4vp.client_certificate_expired</c>: a certificate of the <c>x5c</c> chain is not valid at the current time (expired or not yet valid) (<c>invalid_client</c>).</summary>
    public static readonly ErrorCode ClientCertificateExpired = new("openid4vp.client_certificate_expired", VerificationFailureKind.Expired);

    /// <summary><c>openid4vp.client_certificate_mismatch</c>: the leaf certificate does not belong to the Client Identifier: no <c>dNSName</c> SAN equal to the <c>x509_san_dns</c> name, or its SHA-256 hash is not the <c>x509_hash</c> value (section 5.9.3; <c>invalid_client</c>).</summary>
    public static readonly ErrorCode ClientCertificateMismatch = new("openid4vp.client_certificate_mismatch", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vp.haip_violation</c>: the wallet enforces HAIP 1.0 and the request breaks one of its rules (unsigned, a prefix other than <c>x509_hash</c>/<c>x509_san_dns</c>, a response that is not encrypted, a trust anchor inside <c>x5c</c>) (<c>invalid_request</c>).</summary>
    public static readonly ErrorCode HaipViolation = new("openid4vp.haip_violation", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vp.invalid_wallet_metadata</c>: the <c>wallet_metadata</c> a wallet POSTed to the Request URI is not a JSON object within the limits, or a known member has the wrong type (section 5.10; verifier side).</summary>
    public static readonly ErrorCode InvalidWalletMetadata = new("openid4vp.invalid_wallet_metadata", VerificationFailureKind.Malformed);

    /// <summary><c>openid4vp.wallet_unsupported</c>: the wallet's metadata excludes what this verifier needs: its Client Identifier Prefix, its request signing algorithm, all its formats, or the response encryption it requires (section 5.10; verifier side).</summary>
    public static readonly ErrorCode WalletUnsupported = new("openid4vp.wallet_unsupported", VerificationFailureKind.PolicyViolation);

    /// <summary>
    /// The OAuth error (OpenID4VP 1.0 section 8.5, RFC 6749 section 4.1.2.1) that reports a failure with this code to
    /// the other party.
    /// </summary>
    /// <param name="code">A code of this class (other codes map to <c>invalid_request</c>).</param>
    public static string ToOAuthError(ErrorCode code)
    {
        if (code == InvalidRequestUriMethod)
        {
            return OpenId4VpOAuthErrors.InvalidRequestUriMethod;
        }

        if (code == InvalidRequestSignature || code == ClientKeyUnresolved || code == ClientCertificateUntrusted || code == ClientCertificateExpired || code == ClientCertificateMismatch)
        {
            return OpenId4VpOAuthErrors.InvalidClient;
        }

        if (code == UnsupportedScope)
        {
            return OpenId4VpOAuthErrors.InvalidScope;
        }

        if (code == UnsupportedTransactionData)
        {
            return OpenId4VpOAuthErrors.InvalidTransactionData;
        }

        if (code == VpFormatsNotSupported)
        {
            return OpenId4VpOAuthErrors.VpFormatsNotSupported;
        }

        return OpenId4VpOAuthErrors.InvalidRequest;
    }
}
