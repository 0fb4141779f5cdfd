namespace Credentials.SdJwtVc.TypeMetadata;

/// <summary>
/// The <c>properties</c> of an SVG template (draft-ietf-oauth-sd-jwt-vc section 5.5.1.2.1); at least one is present.
/// </summary>
public sealed record SvgTemplateProperties
{
    /// <summary><c>portrait</c> or <c>landscape</c>, if given.</summary>
    public string? Orientation { get; init; }

    /// <summary><c>light</c> or <c>dark</c>, if given.</summary>
    public string? ColorScheme { get; init; }

    /// <summary><c>normal</c> or <c>high</c>, if given.</summary>
    public string? Contrast { get; init; }
}
