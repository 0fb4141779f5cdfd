namespace Credentials.OpenId4Vp;

/// <summary>Authorization Request and Response parameter names of OpenID4VP 1.0 and the OAuth specifications it uses.</summary>
public static class RequestParameterNames
{
    /// <summary><c>client_id</c>.</summary>
    public const string ClientId = "client_id";

    /// <summary><c>response_type</c>.</summary>
    public const string ResponseType = "response_type";

    /// <summary><c>response_mode</c>.</summary>
    public const string ResponseMode = "response_mode";

    /// <summary><c>response_uri</c>.</summary>
    public const string ResponseUri = "response_uri";

    /// <summary><c>redirect_uri</c>.</summary>
    public const string RedirectUri = "redirect_uri";

    /// <summary><c>nonce</c>.</summary>
    public const string Nonce = "nonce";

    /// <summary><c>state</c>.</summary>
    public const string State = "state";

    /// <summary><c>dcql_query</c>.</summary>
    public const string DcqlQuery = "dcql_query";

    /// <summary><c>scope</c>.</summary>
    public const string Scope = "scope";

    /// <summary><c>client_metadata</c>.</summary>
    public const string ClientMetadata = "client_metadata";

    /// <summary><c>request</c> (RFC 9101).</summary>
    public const string Request = "request";

    /// <summary><c>request_uri</c> (RFC 9101).</summary>
    public const string RequestUri = "request_uri";

    /// <summary><c>request_uri_method</c>.</summary>
    public const string RequestUriMethod = "request_uri_method";

    /// <summary><c>transaction_data</c>.</summary>
    public const string TransactionData = "transaction_data";

    /// <summary><c>wallet_nonce</c>.</summary>
    public const string WalletNonce = "wallet_nonce";

    /// <summary><c>wallet_metadata</c>.</summary>
    public const string WalletMetadata = "wallet_metadata";

    /// <summary><c>verifier_info</c>: attestations about the verifier (section 5.1).</summary>
    public const string VerifierInfo = "verifier_info";

    /// <summary><c>vp_token</c>.</summary>
    public const string VpToken = "vp_token";

    /// <summary><c>error</c>.</summary>
    public const string Error = "error";

    /// <summary><c>error_description</c>.</summary>
    public const string ErrorDescription = "error_description";

    /// <summary><c>response</c>: the encrypted Authorization Response (section 8.3).</summary>
    public const string Response = "response";

    /// <summary><c>expected_origins</c>: the Origins a signed Digital Credentials API request may be used from (Appendix A.2).</summary>
    public const string ExpectedOrigins = "expected_origins";

    /// <summary><c>jwks</c> (client metadata): the verifier's keys, here its response encryption key.</summary>
    public const string Jwks = "jwks";

    /// <summary><c>encrypted_response_enc_values_supported</c> (client metadata): the JWE <c>enc</c> values the verifier accepts (section 11.1).</summary>
    public const string EncryptedResponseEncValuesSupported = "encrypted_response_enc_values_supported";
}
