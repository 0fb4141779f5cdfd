namespace Credentials.OpenId4Vp;

/// <summary>Wire names of OpenID for Verifiable Presentations 1.0 used by this library.</summary>
public static class OpenId4VpConstants
{
    /// <summary>The <c>typ</c> of a Request Object (section 5; RFC 9101).</summary>
    public const string RequestObjectType = "oauth-authz-req+jwt";

    /// <summary>The media type of a Request Object served at a <c>request_uri</c> (section 5.10.1).</summary>
    public const string RequestObjectMediaType = "application/oauth-authz-req+jwt";

    /// <summary>The Response Type <c>vp_token</c> (section 5.6).</summary>
    public const string ResponseTypeVpToken = "vp_token";

    /// <summary>The Response Mode <c>direct_post</c> (section 8.2).</summary>
    public const string ResponseModeDirectPost = "direct_post";

    /// <summary>The Request Object <c>aud</c> with static discovery metadata (section 5.8).</summary>
    public const string SelfIssuedAudience = "https://self-issued.me/v2";

    /// <summary>The custom URL scheme bound to the static configuration of section 13.1.2.</summary>
    public const string Scheme = "openid4vp";

    /// <summary>The <c>request_uri_method</c> value <c>get</c>.</summary>
    public const string RequestUriMethodGet = "get";

    /// <summary>The <c>request_uri_method</c> value <c>post</c> (section 5.10).</summary>
    public const string RequestUriMethodPost = "post";

    /// <summary>The Response Mode <c>direct_post.jwt</c>: <c>direct_post</c> with the response encrypted to the verifier (section 8.3.1).</summary>
    public const string ResponseModeDirectPostJwt = "direct_post.jwt";

    /// <summary>The Response Mode <c>dc_api</c>: the response returned through the Digital Credentials API (Appendix A.2).</summary>
    public const string ResponseModeDcApi = "dc_api";

    /// <summary>The Response Mode <c>dc_api.jwt</c>: <c>dc_api</c> with the response encrypted to the verifier (Appendix A.2, section 8.3).</summary>
    public const string ResponseModeDcApiJwt = "dc_api.jwt";

    /// <summary>The Digital Credentials API exchange protocol of unsigned requests (Appendix A.1).</summary>
    public const string DcApiProtocolUnsigned = "openid4vp-v1-unsigned";

    /// <summary>The Digital Credentials API exchange protocol of signed requests in JWS Compact Serialization (Appendix A.1).</summary>
    public const string DcApiProtocolSigned = "openid4vp-v1-signed";

    /// <summary>The prefix of the audience of presentations made over the Digital Credentials API: <c>origin:</c> then the Origin (Appendix A.4).</summary>
    public const string OriginAudiencePrefix = "origin:";

    /// <summary>The JWE <c>alg</c> of encrypted responses: <c>ECDH-ES</c> (RFC 7518 section 4.6), with direct key agreement.</summary>
    public const string EncryptionAlgorithm = "ECDH-ES";
}
