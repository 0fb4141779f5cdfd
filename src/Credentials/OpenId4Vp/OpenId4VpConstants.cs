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
}
