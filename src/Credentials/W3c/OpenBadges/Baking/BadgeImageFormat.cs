namespace Credentials.W3c.OpenBadges.Baking;

/// <summary>The image formats a credential can be baked into (Open Badges 3.0 section 5.3).</summary>
public enum BadgeImageFormat
{
    /// <summary>PNG: the credential is the text of an <c>iTXt</c> chunk with keyword <c>openbadgecredential</c>.</summary>
    Png,

    /// <summary>SVG: the credential is an <c>openbadges:credential</c> element (its <c>verify</c> attribute or its body).</summary>
    Svg,
}
