namespace Credentials.OAuth;

/// <summary>
/// Wire names of OAuth 2.0 Attestation-Based Client Authentication (draft-ietf-oauth-attestation-based-client-auth):
/// the HTTP header fields, the JWT types and the token endpoint authentication method. OpenID4VCI 1.0 appendix E
/// calls the Client Attestation a Wallet Attestation.
/// </summary>
public static class ClientAttestation
{
    /// <summary>The HTTP header field carrying the Client Attestation JWT (section 4).</summary>
    public const string HeaderName = "OAuth-Client-Attestation";

    /// <summary>The HTTP header field carrying the Client Attestation PoP JWT (section 5.1).</summary>
    public const string PopHeaderName = "OAuth-Client-Attestation-PoP";

    /// <summary>The JOSE <c>typ</c> of a Client Attestation JWT.</summary>
    public const string Type = "oauth-client-attestation+jwt";

    /// <summary>The JOSE <c>typ</c> of a Client Attestation PoP JWT.</summary>
    public const string PopType = "oauth-client-attestation-pop+jwt";

    /// <summary>The <c>token_endpoint_auth_methods_supported</c> value for a Client Attestation with a PoP JWT (section 8).</summary>
    public const string AuthenticationMethod = "attest_jwt_client_auth";

    /// <summary>The OAuth error for a Client Attestation that is not fresh enough (section 6.4).</summary>
    public const string UseFreshAttestationError = "use_fresh_attestation";

    /// <summary>The OAuth error a server may add to <c>invalid_client</c> when the attestation or its PoP does not verify (section 6.4).</summary>
    public const string InvalidClientAttestationError = "invalid_client_attestation";
}
