namespace Credentials.SdJwtVc.TypeMetadata;

/// <summary>The <c>simple</c> rendering method (draft-ietf-oauth-sd-jwt-vc section 5.5.1.1), for applications that do not render SVG.</summary>
public sealed record SimpleRendering
{
    /// <summary>The logo (<c>uri</c>, <c>uri#integrity</c>, <c>alt_text</c>), if any.</summary>
    public RenderingImage? Logo { get; init; }

    /// <summary>The background image (<c>uri</c>, <c>uri#integrity</c>), if any.</summary>
    public RenderingImage? BackgroundImage { get; init; }

    /// <summary>The background colour as a CSS RGB colour value, for example <c>#12107c</c>, if any.</summary>
    public string? BackgroundColor { get; init; }

    /// <summary>The text colour as a CSS RGB colour value, for example <c>#FFFFFF</c>, if any.</summary>
    public string? TextColor { get; init; }
}
