using System;

namespace Credentials.W3c.VcJose;

/// <summary>The media types of VC-JOSE-COSE's JOSE part and the JWS header values that name them.</summary>
public static class VcJoseMediaTypes
{
    /// <summary>The <c>typ</c> of a credential secured with JOSE (section 3.1.1).</summary>
    public const string VcJwt = "vc+jwt";

    /// <summary>The <c>typ</c> of a presentation secured with JOSE (section 3.1.2).</summary>
    public const string VpJwt = "vp+jwt";

    /// <summary>The media type of a credential secured with JOSE, as in an enveloped credential's <c>data:</c> URL.</summary>
    public const string ApplicationVcJwt = "application/vc+jwt";

    /// <summary>The media type of a presentation secured with JOSE.</summary>
    public const string ApplicationVpJwt = "application/vp+jwt";

    /// <summary>The <c>cty</c> of a credential, when present (section 3.1.1).</summary>
    public const string CredentialContentType = "vc";

    /// <summary>The <c>cty</c> of a presentation, when present (section 3.1.2).</summary>
    public const string PresentationContentType = "vp";

    /// <summary>
    /// Whether a <c>typ</c> value names the media type: the short form or with <c>application/</c>, ignoring case
    /// (RFC 7515 section 4.1.9).
    /// </summary>
    internal static bool Matches(string? typ, string shortForm)
    {
        if (typ is null)
        {
            return false;
        }

        return string.Equals(typ, shortForm, StringComparison.OrdinalIgnoreCase)
            || (typ.Length == shortForm.Length + 12 && typ.StartsWith("application/", StringComparison.OrdinalIgnoreCase)
                && typ.EndsWith(shortForm, StringComparison.OrdinalIgnoreCase));
    }
}
