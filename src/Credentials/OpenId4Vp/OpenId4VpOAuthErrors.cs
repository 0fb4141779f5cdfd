namespace Credentials.OpenId4Vp;

/// <summary>
/// The OAuth error values sent on the wire (the <c>error</c> parameter) in OpenID4VP 1.0 (section 8.5 and RFC 6749).
/// </summary>
public static class OpenId4VpOAuthErrors
{
    /// <summary><c>invalid_request</c>: the request is malformed or breaks a rule of its Client Identifier Prefix.</summary>
    public const string InvalidRequest = "invalid_request";

    /// <summary><c>invalid_client</c>: the Client could not be authenticated or its metadata conflicts.</summary>
    public const string InvalidClient = "invalid_client";

    /// <summary><c>invalid_scope</c>: the requested scope is invalid, unknown or malformed.</summary>
    public const string InvalidScope = "invalid_scope";

    /// <summary><c>access_denied</c>: the End-User denied consent, or the wallet has no credentials to answer.</summary>
    public const string AccessDenied = "access_denied";

    /// <summary><c>vp_formats_not_supported</c>: the wallet supports none of the requested formats.</summary>
    public const string VpFormatsNotSupported = "vp_formats_not_supported";

    /// <summary><c>invalid_request_uri_method</c>: <c>request_uri_method</c> is neither <c>get</c> nor <c>post</c>.</summary>
    public const string InvalidRequestUriMethod = "invalid_request_uri_method";

    /// <summary><c>invalid_transaction_data</c>: transaction data is unsupported or invalid.</summary>
    public const string InvalidTransactionData = "invalid_transaction_data";

    /// <summary><c>wallet_unavailable</c>: the wallet cannot be reached.</summary>
    public const string WalletUnavailable = "wallet_unavailable";
}
