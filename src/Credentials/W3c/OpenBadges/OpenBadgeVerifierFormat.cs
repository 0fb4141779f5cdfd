namespace Credentials.W3c.OpenBadges;

/// <summary>How an <see cref="OpenBadgeVerifier"/> found the credential in what it was given (Open Badges 3.0 section 5).</summary>
public enum OpenBadgeVerifierFormat
{
    /// <summary>The input was not recognised as any of the forms below.</summary>
    Unrecognized,

    /// <summary>JSON text: a credential with an embedded proof (section 5.1, file format).</summary>
    Json,

    /// <summary>A compact JWS: the credential signed as a VC-JWT (section 5.1, file format).</summary>
    CompactJws,

    /// <summary>Baked into a PNG image, in its <c>openbadgecredential</c> <c>iTXt</c> chunk (section 5.3).</summary>
    BakedPng,

    /// <summary>Baked into an SVG image, in its <c>openbadges:credential</c> element (section 5.3).</summary>
    BakedSvg,
}
