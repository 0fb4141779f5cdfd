using System;

namespace Credentials.W3c.OpenBadges.Baking;

/// <summary>
/// Finds the credential baked into a PNG or SVG image (Open Badges 3.0 section 5.3), strictly and within limits: the
/// PNG's chunks are checked (lengths, CRC-32, <c>IHDR</c> first, <c>IEND</c> last) and a compressed credential chunk is
/// refused without being inflated; the SVG is read with DTDs prohibited and nothing resolved. More than one baked
/// credential is refused. The credential is returned as text, not yet verified (see <see cref="OpenBadgeVerifier"/>).
/// Never throws for bad input. Stateless and thread-safe.
/// </summary>
public sealed class BakedBadgeReader
{
    private readonly BadgeBakingOptions _options;

    /// <summary>Creates a reader.</summary>
    /// <param name="options">Limits; <see cref="BadgeBakingOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">A limit is not positive.</exception>
    public BakedBadgeReader(BadgeBakingOptions? options = null)
    {
        options ??= BadgeBakingOptions.Default;
        options.Validate(nameof(options));
        _options = options;
    }

    /// <summary>Reads the credential baked into a PNG or an SVG, whichever the image is.</summary>
    /// <param name="image">The image.</param>
    /// <returns>The credential text, or why none could be read (<c>bake.*</c> codes).</returns>
    public VerificationResult<BakedCredential> Read(ReadOnlySpan<byte> image)
    {
        if (PngBadge.HasSignature(image))
        {
            return PngBadge.Read(image, _options);
        }

        if (SvgBadge.LooksLikeXml(image))
        {
            return SvgBadge.Read(image, _options);
        }

        return new VerificationError(OpenBadgeBakingErrors.UnrecognizedFormat, "The image is neither a PNG nor an SVG.");
    }

    /// <summary>Reads the text of the one <c>iTXt</c> chunk with keyword <c>openbadgecredential</c>.</summary>
    /// <param name="png">The PNG image.</param>
    /// <returns>The credential text, or why none could be read (<c>bake.*</c> codes).</returns>
    public VerificationResult<BakedCredential> ReadPng(ReadOnlySpan<byte> png) => PngBadge.Read(png, _options);

    /// <summary>Reads the one <c>openbadges:credential</c> element: its <c>verify</c> attribute (a compact JWS) or its body (JSON).</summary>
    /// <param name="svg">The SVG image, UTF-8.</param>
    /// <returns>The credential text, or why none could be read (<c>bake.*</c> codes).</returns>
    public VerificationResult<BakedCredential> ReadSvg(ReadOnlySpan<byte> svg) => SvgBadge.Read(svg, _options);
}
