using System.Collections.Immutable;

namespace Credentials.SdJwtVc.TypeMetadata;

/// <summary>
/// The <c>rendering</c> object of a display entry (draft-ietf-oauth-sd-jwt-vc section 5.5.1): one member per rendering
/// method. The <c>simple</c> and <c>svg_templates</c> methods are modelled; other methods are ignored when reading.
/// </summary>
public sealed record TypeRendering
{
    /// <summary>The <c>simple</c> rendering method (logo, background image and colours), if present.</summary>
    public SimpleRendering? Simple { get; init; }

    /// <summary>The <c>svg_templates</c> rendering method; empty when absent.</summary>
    public ImmutableArray<SvgTemplate> SvgTemplates { get; init; } = [];
}
