using System;

namespace Credentials.OpenId4Vci;

/// <summary>
/// Error codes of OpenID for Verifiable Credential Issuance 1.0. The codes named after a protocol error
/// (<c>openid4vci.invalid_proof</c> …) are what the issuer returns on the wire without the <c>openid4vci.</c> prefix
/// (<see cref="ToProtocolError"/>); the others are wallet-side failures that never travel. A request of the wallet
/// client that fails (scheme, address policy, redirect, size, timeout, connection, an error status without a protocol
/// error) is reported with its <see cref="Credentials.Http.HttpErrors"/> code.
/// </summary>
/// <remarks>See <c>specs/errors.md</c>, section "OpenID4VCI", for when each is reported and with which HTTP status.</remarks>
public static class OpenId4VciErrors
{
    private const string Prefix = "openid4vci.";
    private const string DpopPrefix = "dpop.";
    private const string UseDpopNonceError = "use_dpop_nonce";
    private const string InvalidDpopProofError = "invalid_dpop_proof";

    /// <summary><c>openid4vci.invalid_request</c>: a Token Request is malformed or misses a parameter, or sends / omits <c>tx_code</c> against the offer (section 6.3).</summary>
    public static readonly ErrorCode InvalidRequest = new("openid4vci.invalid_request", VerificationFailureKind.Malformed);

    /// <summary><c>openid4vci.invalid_grant</c>: the Pre-Authorized Code is unknown, expired, already used or invalidated, or the Transaction Code is wrong (section 6.3).</summary>
    public static readonly ErrorCode InvalidGrant = new("openid4vci.invalid_grant", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vci.invalid_client</c>: anonymous access with a Pre-Authorized Code is not supported (section 6.3).</summary>
    public static readonly ErrorCode InvalidClient = new("openid4vci.invalid_client", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vci.unsupported_grant_type</c>: the Token Request's <c>grant_type</c> is not supported (RFC 6749 section 5.2).</summary>
    public static readonly ErrorCode UnsupportedGrantType = new("openid4vci.unsupported_grant_type", VerificationFailureKind.Malformed);

    /// <summary><c>openid4vci.invalid_token</c>: the access token at the Credential Endpoint is missing, unknown, expired or already used (RFC 6750 section 3.1).</summary>
    public static readonly ErrorCode InvalidToken = new("openid4vci.invalid_token", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vci.insufficient_scope</c>: the access token does not authorize the requested Credential Configuration (RFC 6750 section 3.1; OpenID4VCI section 8.3.1.1).</summary>
    public static readonly ErrorCode InsufficientScope = new("openid4vci.insufficient_scope", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vci.invalid_credential_request</c>: the Credential Request is malformed, misses a parameter or uses an unsupported value (section 8.3.1.2).</summary>
    public static readonly ErrorCode InvalidCredentialRequest = new("openid4vci.invalid_credential_request", VerificationFailureKind.Malformed);

    /// <summary><c>openid4vci.unknown_credential_configuration</c>: the requested Credential Configuration is unknown (section 8.3.1.2).</summary>
    public static readonly ErrorCode UnknownCredentialConfiguration = new("openid4vci.unknown_credential_configuration", VerificationFailureKind.Malformed);

    /// <summary><c>openid4vci.unknown_credential_identifier</c>: the requested Credential identifier is unknown (section 8.3.1.2).</summary>
    public static readonly ErrorCode UnknownCredentialIdentifier = new("openid4vci.unknown_credential_identifier", VerificationFailureKind.Malformed);

    /// <summary><c>openid4vci.invalid_proof</c>: <c>proofs</c> is missing, or a key proof is invalid or carries no <c>nonce</c> (sections 8.3.1.2 and F.4).</summary>
    public static readonly ErrorCode InvalidProof = new("openid4vci.invalid_proof", VerificationFailureKind.KeyBindingFailed);

    /// <summary><c>openid4vci.invalid_nonce</c>: a key proof's <c>nonce</c> is not a <c>c_nonce</c> this issuer issued, or it expired or was already used (section 8.3.1.2).</summary>
    public static readonly ErrorCode InvalidNonce = new("openid4vci.invalid_nonce", VerificationFailureKind.KeyBindingFailed);

    /// <summary><c>openid4vci.credential_request_denied</c>: the issuer does not issue this Credential (the app's decision; section 8.3.1.2). Unrecoverable for the Wallet.</summary>
    public static readonly ErrorCode CredentialRequestDenied = new("openid4vci.credential_request_denied", VerificationFailureKind.PolicyViolation);

    /// <summary>
    /// <c>openid4vci.invalid_encryption_parameters</c>: the encryption parameters are invalid or missing (section 8.3.1.2):
    /// <c>credential_response_encryption</c> is malformed, names an unsupported <c>alg</c>, <c>enc</c> or <c>zip</c>, or is
    /// absent while the issuer requires encrypted responses; an encrypted request cannot be decrypted, or is plain while the
    /// issuer requires encrypted requests (section 10).
    /// </summary>
    public static readonly ErrorCode InvalidEncryptionParameters = new("openid4vci.invalid_encryption_parameters", VerificationFailureKind.Malformed);

    /// <summary><c>openid4vci.server_error</c>: the issuer could not complete the request (for example its status list is full); RFC 6749 section 5.2 / HTTP 500.</summary>
    public static readonly ErrorCode ServerError = new("openid4vci.server_error", VerificationFailureKind.ResolutionFailed);

    /// <summary><c>openid4vci.invalid_offer</c>: wallet side; the Credential Offer (URI, JSON or referenced document) is malformed or violates section 4.1.</summary>
    public static readonly ErrorCode InvalidOffer = new("openid4vci.invalid_offer", VerificationFailureKind.Malformed);

    /// <summary><c>openid4vci.invalid_metadata</c>: wallet side; the Credential Issuer or Authorization Server metadata is malformed, misses a required member, or does not offer what the offer names.</summary>
    public static readonly ErrorCode InvalidMetadata = new("openid4vci.invalid_metadata", VerificationFailureKind.Malformed);

    /// <summary><c>openid4vci.issuer_mismatch</c>: wallet side; the metadata's <c>credential_issuer</c> (or the AS metadata's <c>issuer</c>) is not identical to the identifier it was fetched for (section 12.2.4).</summary>
    public static readonly ErrorCode IssuerMismatch = new("openid4vci.issuer_mismatch", VerificationFailureKind.Malformed);

    /// <summary><c>openid4vci.unsupported_offer</c>: wallet side; the offer has no grant this client can use (only the Pre-Authorized Code grant is implemented), or no offered configuration this client can request.</summary>
    public static readonly ErrorCode UnsupportedOffer = new("openid4vci.unsupported_offer", VerificationFailureKind.Malformed);

    /// <summary><c>openid4vci.tx_code_required</c>: wallet side; the offer requires a Transaction Code and none was given (nothing is sent).</summary>
    public static readonly ErrorCode TxCodeRequired = new("openid4vci.tx_code_required", VerificationFailureKind.Malformed);

    /// <summary><c>openid4vci.invalid_response</c>: wallet side; a Token, Nonce or Credential Response is malformed (for example no <c>access_token</c>, no <c>c_nonce</c>, or more credentials than proofs).</summary>
    public static readonly ErrorCode InvalidResponse = new("openid4vci.invalid_response", VerificationFailureKind.Malformed);

    /// <summary>
    /// <c>openid4vci.unsupported_binding_method</c>: issuer side; a key proof for a <c>jwt_vc_json</c> or <c>ldp_vc</c>
    /// configuration names no holder DID (a <c>kid</c> DID URL) of a method the configuration allows. Sent as <c>invalid_proof</c>.
    /// </summary>
    public static readonly ErrorCode UnsupportedBindingMethod = new("openid4vci.unsupported_binding_method", VerificationFailureKind.KeyBindingFailed);

    /// <summary>
    /// <c>openid4vci.credential_subject_mismatch</c>: issuer side; the app's W3C credential already names a
    /// <c>credentialSubject.id</c> other than the proved holder DID, or has no single <c>credentialSubject</c> object.
    /// Sent as <c>server_error</c> (HTTP 500).
    /// </summary>
    public static readonly ErrorCode CredentialSubjectMismatch = new("openid4vci.credential_subject_mismatch", VerificationFailureKind.PolicyViolation);

    /// <summary>
    /// <c>openid4vci.credential_definition_mismatch</c>: issuer side; the app's W3C credential lacks a <c>type</c> of the
    /// configuration's <c>credential_definition</c>, so it is not the credential the wallet asked for. Sent as
    /// <c>server_error</c> (HTTP 500).
    /// </summary>
    public static readonly ErrorCode CredentialDefinitionMismatch = new("openid4vci.credential_definition_mismatch", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vci.unauthorized_client</c>: <see cref="OpenId4VciIssuerOptions.ValidateClient"/> refused the pushed request's <c>client_id</c> and <c>redirect_uri</c> (RFC 6749 section 4.1.2.1).</summary>
    public static readonly ErrorCode UnauthorizedClient = new("openid4vci.unauthorized_client", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vci.unsupported_response_type</c>: a pushed request's <c>response_type</c> is not <c>code</c> (RFC 6749 section 4.1.2.1).</summary>
    public static readonly ErrorCode UnsupportedResponseType = new("openid4vci.unsupported_response_type", VerificationFailureKind.Malformed);

    /// <summary><c>openid4vci.invalid_scope</c>: a <c>scope</c> value names no Credential Configuration of the issuer (OpenID4VCI section 5.1.2, RFC 6749 section 4.1.2.1).</summary>
    public static readonly ErrorCode InvalidScope = new("openid4vci.invalid_scope", VerificationFailureKind.Malformed);

    /// <summary><c>openid4vci.invalid_authorization_details</c>: <c>authorization_details</c> is malformed, of another type, or names an unknown Credential Configuration (RFC 9396 section 5, OpenID4VCI section 5.1.1).</summary>
    public static readonly ErrorCode InvalidAuthorizationDetails = new("openid4vci.invalid_authorization_details", VerificationFailureKind.Malformed);

    /// <summary><c>openid4vci.invalid_transaction_id</c>: the Deferred Credential Request names a <c>transaction_id</c> this issuer did not issue, that expired, or whose credentials were already delivered (section 9.3).</summary>
    public static readonly ErrorCode InvalidTransactionId = new("openid4vci.invalid_transaction_id", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vci.invalid_notification_id</c>: the Notification Request names a <c>notification_id</c> this issuer did not issue, or that expired (section 11.3).</summary>
    public static readonly ErrorCode InvalidNotificationId = new("openid4vci.invalid_notification_id", VerificationFailureKind.PolicyViolation);

    /// <summary><c>openid4vci.invalid_notification_request</c>: the Notification Request is not a JSON object, misses <c>notification_id</c> or <c>event</c>, names an unknown event, or has an <c>event_description</c> outside the allowed ASCII set (section 11.3).</summary>
    public static readonly ErrorCode InvalidNotificationRequest = new("openid4vci.invalid_notification_request", VerificationFailureKind.Malformed);

    /// <summary><c>openid4vci.unencrypted_response</c>: wallet side; the client asked for an encrypted Credential Response (section 8.2) but the issuer answered in plain JSON, or the JWE could not be decrypted with the request's key (section 10).</summary>
    public static readonly ErrorCode UnencryptedResponse = new("openid4vci.unencrypted_response", VerificationFailureKind.Malformed);

    /// <summary><c>openid4vci.issuance_pending</c>: wallet side; the issuer deferred issuance (HTTP 202 with a <c>transaction_id</c>, section 8.3) where the caller cannot continue it later (use <c>ReceiveOrDeferAsync</c>).</summary>
    public static readonly ErrorCode IssuancePending = new("openid4vci.issuance_pending", VerificationFailureKind.PolicyViolation);

    // The codes that travel on the wire as OAuth/OpenID4VCI protocol errors (section 8.3.1, RFC 6749 section 5.2).
    private static readonly ErrorCode[] s_protocolCodes =
    [
        InvalidRequest, InvalidGrant, InvalidClient, UnsupportedGrantType, InvalidToken, InsufficientScope,
        InvalidCredentialRequest, UnknownCredentialConfiguration, UnknownCredentialIdentifier, InvalidProof, InvalidNonce,
        CredentialRequestDenied, InvalidEncryptionParameters, ServerError,
        UnauthorizedClient, UnsupportedResponseType, InvalidScope, InvalidAuthorizationDetails,
        InvalidTransactionId, InvalidNotificationId, InvalidNotificationRequest,
    ];

    /// <summary>
    /// The protocol error (<c>error</c> member) for a code that has one, for example <c>invalid_proof</c> for
    /// <see cref="InvalidProof"/>, and <c>use_dpop_nonce</c> / <c>invalid_dpop_proof</c> for the
    /// <see cref="OAuth.DpopErrors"/> codes; <see langword="null"/> for wallet-side codes.
    /// </summary>
    /// <param name="code">The code.</param>
    /// <returns>The wire error, or <see langword="null"/>.</returns>
    public static string? ToProtocolError(ErrorCode code)
    {
        // RFC 9449 sections 5, 7.1 and 8: every DPoP failure travels as invalid_dpop_proof or use_dpop_nonce.
        if (code.Value.StartsWith(DpopPrefix, StringComparison.Ordinal))
        {
            return OAuth.DpopErrors.ToProtocolError(code);
        }

        // Issuer-side refinements travel as the protocol error they refine.
        code = code == UnsupportedBindingMethod ? InvalidProof : code == CredentialSubjectMismatch || code == CredentialDefinitionMismatch ? ServerError : code;
        return Array.IndexOf(s_protocolCodes, code) >= 0 ? code.Value[Prefix.Length..] : null;
    }

    /// <summary>
    /// The library code for a protocol error received from a server, for example <see cref="InvalidProof"/> for
    /// <c>invalid_proof</c>, <see cref="OAuth.DpopErrors.UseNonce"/> for <c>use_dpop_nonce</c> and
    /// <see cref="OAuth.DpopErrors.InvalidProof"/> for <c>invalid_dpop_proof</c> (RFC 9449); <see langword="null"/>
    /// for errors this library does not define.
    /// </summary>
    /// <param name="error">The <c>error</c> member.</param>
    /// <returns>The code, or <see langword="null"/>.</returns>
    public static ErrorCode? FromProtocolError(string? error)
    {
        if (string.IsNullOrEmpty(error))
        {
            return null;
        }

        // RFC 9449 sections 5, 7.1 and 8: the DPoP errors of the token and Credential endpoints.
        if (string.Equals(error, UseDpopNonceError, StringComparison.Ordinal))
        {
            return OAuth.DpopErrors.UseNonce;
        }

        if (string.Equals(error, InvalidDpopProofError, StringComparison.Ordinal))
        {
            return OAuth.DpopErrors.InvalidProof;
        }

        foreach (var code in s_protocolCodes)
        {
            if (code.Value.AsSpan(Prefix.Length).SequenceEqual(error))
            {
                return code;
            }
        }

        return null;
    }
}
