using Credentials.Dcql.Matching;

namespace Credentials.Dcql;

/// <summary>Credential Format Identifiers of OpenID for Verifiable Presentations 1.0, Appendix B.</summary>
public static class DcqlFormats
{
    /// <summary><c>dc+sd-jwt</c>: IETF SD-JWT VC (Appendix B.3). Matched by <see cref="DcqlMatcher"/>.</summary>
    public const string SdJwtVc = "dc+sd-jwt";

    /// <summary><c>mso_mdoc</c>: ISO mdoc (Appendix B.2). Matched by <see cref="DcqlMatcher"/>.</summary>
    public const string MsoMdoc = "mso_mdoc";

    /// <summary><c>jwt_vc_json</c>: W3C VC signed as a JWT (Appendix B.1.3.1). Matched by <see cref="DcqlMatcher"/>, the whole credential disclosed.</summary>
    public const string JwtVcJson = "jwt_vc_json";

    /// <summary><c>ldp_vc</c>: W3C VC with Data Integrity (Appendix B.1.3.2). Matched by <see cref="DcqlMatcher"/>, the whole credential disclosed.</summary>
    public const string LdpVc = "ldp_vc";

    /// <summary>Whether <see cref="DcqlMatcher"/> can match credentials of this format.</summary>
    /// <param name="format">The Credential Format Identifier.</param>
    public static bool IsMatchable(string? format) => format is SdJwtVc or MsoMdoc or JwtVcJson or LdpVc;
}
