namespace Credentials.SdJwtVc.TypeMetadata;

/// <summary>One entry of the <c>svg_templates</c> rendering method (draft-ietf-oauth-sd-jwt-vc section 5.5.1.2).</summary>
/// <remarks>
/// Placeholders <c>{{svg_id}}</c> in the template's text content are replaced with XML-escaped claim values; the
/// template must never execute code (section 5.5.1.2.2). The library does not fetch or render templates.
/// </remarks>
public sealed record SvgTemplate
{
    /// <summary>The template: an HTTPS URL or a <c>data:</c> URI.</summary>
    public required string Uri { get; init; }

    /// <summary>The <c>uri#integrity</c> SRI integrity metadata, if any.</summary>
    public string? UriIntegrity { get; init; }

    /// <summary>The properties used to choose a template (required when there is more than one template).</summary>
    public SvgTemplateProperties? Properties { get; init; }
}
