namespace Credentials.Wallet.OpenId4Vci;

/// <summary>
/// Wallet-side error codes of the OpenID4VCI Authorization Code Flow: the Authorization Response the browser brings
/// back to the redirect URI, and the persisted <see cref="AuthorizationCodeSession"/>. None travels on the wire. The
/// Authorization Server's and Credential Issuer's own errors keep their <see cref="Credentials.OpenId4Vci.OpenId4VciErrors"/> codes.
/// </summary>
/// <remarks>See <c>specs/errors.md</c>, section "OpenID4VCI wallet Authorization Code Flow".</remarks>
public static class AuthorizationCodeErrors
{
    /// <summary>
    /// <c>authorization_code.state_mismatch</c>: the response's <c>state</c> is missing or is not the one this session
    /// sent (RFC 6749 section 10.12): an unsolicited or forged response; nothing is sent.
    /// </summary>
    public static readonly ErrorCode StateMismatch = new("authorization_code.state_mismatch", VerificationFailureKind.PolicyViolation);

    /// <summary>
    /// <c>authorization_code.issuer_mismatch</c>: the response's <c>iss</c> is not the Authorization Server's issuer
    /// identifier, or it is missing although the server's metadata announces it (RFC 9207 section 2.4; a mix-up attack);
    /// nothing is sent.
    /// </summary>
    public static readonly ErrorCode IssuerMismatch = new("authorization_code.issuer_mismatch", VerificationFailureKind.PolicyViolation);

    /// <summary><c>authorization_code.access_denied</c>: the person or the Authorization Server refused the request (<c>error=access_denied</c>, RFC 6749 section 4.1.2.1).</summary>
    public static readonly ErrorCode AccessDenied = new("authorization_code.access_denied", VerificationFailureKind.PolicyViolation);

    /// <summary><c>authorization_code.authorization_failed</c>: the Authorization Server answered with another <c>error</c> (RFC 6749 section 4.1.2.1).</summary>
    public static readonly ErrorCode AuthorizationFailed = new("authorization_code.authorization_failed", VerificationFailureKind.PolicyViolation);

    /// <summary><c>authorization_code.code_missing</c>: a response with neither <c>code</c> nor <c>error</c>.</summary>
    public static readonly ErrorCode CodeMissing = new("authorization_code.code_missing", VerificationFailureKind.Malformed);

    /// <summary>
    /// <c>authorization_code.invalid_redirect</c>: the redirect URL is not the session's redirect URI, or repeats a
    /// parameter (RFC 6749 section 3.1), or is too long.
    /// </summary>
    public static readonly ErrorCode InvalidRedirect = new("authorization_code.invalid_redirect", VerificationFailureKind.Malformed);

    /// <summary><c>authorization_code.invalid_session</c>: a persisted <see cref="AuthorizationCodeSession"/> cannot be read (malformed, another version, or its metadata no longer parses).</summary>
    public static readonly ErrorCode InvalidSession = new("authorization_code.invalid_session", VerificationFailureKind.Malformed);
}
