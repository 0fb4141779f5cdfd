using Credentials.SdJwtVc.TypeMetadata.Resolution;

namespace Credentials.SdJwtVc.TypeMetadata;

/// <summary>
/// A logo or background image of the <c>simple</c> rendering method (draft-ietf-oauth-sd-jwt-vc sections 5.5.1.1.1 and 5.5.1.1.2).
/// </summary>
/// <remarks>
/// The library does not fetch rendering resources. An application that does must use HTTPS (or decode the <c>data:</c> URI),
/// apply the same SSRF, size and time guards as for metadata, and check <see cref="UriIntegrity"/> with
/// <see cref="SubresourceIntegrity.Verify(System.ReadOnlySpan{byte}, string)"/> before using the bytes.
/// </remarks>
public sealed record RenderingImage
{
    /// <summary>The image: an HTTPS URL or a <c>data:</c> URI.</summary>
    public required string Uri { get; init; }

    /// <summary>The <c>uri#integrity</c> SRI integrity metadata, if any.</summary>
    public string? UriIntegrity { get; init; }

    /// <summary>The alternative text (<c>alt_text</c>; logos only), if any.</summary>
    public string? AltText { get; init; }
}
