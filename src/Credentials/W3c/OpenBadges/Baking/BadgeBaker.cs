using System;

namespace Credentials.W3c.OpenBadges.Baking;

/// <summary>
/// Bakes an Open Badges 3.0 credential into a PNG or SVG image (section 5.3): a compact JWS (the VC-JWT form) or the
/// JSON of a credential with an embedded proof, stored exactly as given and uncompressed. A credential already baked
/// into the image is replaced, so the result holds exactly one. The rest of the image is kept byte for byte (image
/// data is never decoded or re-encoded). An image that is malformed or over the limits gives a failed result; a
/// credential of the wrong form is a programmer error. Stateless and thread-safe.
/// </summary>
public sealed class BadgeBaker
{
    private readonly BadgeBakingOptions _options;

    /// <summary>Creates a baker.</summary>
    /// <param name="options">Limits; <see cref="BadgeBakingOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">A limit is not positive.</exception>
    public BadgeBaker(BadgeBakingOptions? options = null)
    {
        options ??= BadgeBakingOptions.Default;
        options.Validate(nameof(options));
        _options = options;
    }

    /// <summary>
    /// Bakes the credential into a PNG as an <c>iTXt</c> chunk with keyword <c>openbadgecredential</c>, without
    /// compression, just before <c>IEND</c>; any existing <c>openbadgecredential</c> chunk is removed.
    /// </summary>
    /// <param name="png">The PNG image.</param>
    /// <param name="credential">A compact JWS, or the JSON of a credential with an embedded proof.</param>
    /// <returns>The baked PNG, or why the image could not be baked (<c>bake.*</c> codes).</returns>
    /// <exception cref="ArgumentException">The credential is neither a compact JWS nor a JSON object, is not valid UTF-16, or is longer than <see cref="BadgeBakingOptions.MaxCredentialBytes"/>.</exception>
    public VerificationResult<byte[]> BakePng(ReadOnlySpan<byte> png, string credential)
    {
        BakedText.Validate(credential, nameof(credential));
        return PngBadge.Bake(png, credential, _options);
    }

    /// <summary>
    /// Bakes the credential into a UTF-8 SVG: adds <c>xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"</c> to the
    /// root when missing, and directly after the root's start tag an <c>openbadges:credential</c> element whose
    /// <c>verify</c> attribute is the compact JWS, or whose body is the JSON in CDATA. Any existing credential element
    /// is removed.
    /// </summary>
    /// <param name="svg">The SVG image, UTF-8 (with or without a byte order mark).</param>
    /// <param name="credential">A compact JWS, or the JSON of a credential with an embedded proof.</param>
    /// <returns>The baked SVG, or why the image could not be baked (<c>bake.*</c> codes).</returns>
    /// <exception cref="ArgumentException">The credential is neither a compact JWS nor a JSON object, holds characters XML cannot carry, or is longer than <see cref="BadgeBakingOptions.MaxCredentialBytes"/>.</exception>
    public VerificationResult<byte[]> BakeSvg(ReadOnlySpan<byte> svg, string credential)
    {
        BakedText.Validate(credential, nameof(credential));
        return SvgBadge.Bake(svg, credential, _options);
    }

    /// <summary>Bakes the credential into a PNG or an SVG, whichever the image is.</summary>
    /// <param name="image">A PNG image, or a UTF-8 SVG image.</param>
    /// <param name="credential">A compact JWS, or the JSON of a credential with an embedded proof.</param>
    /// <returns>The baked image, or why it could not be baked (<see cref="OpenBadgeBakingErrors.UnrecognizedFormat"/> for other images).</returns>
    /// <exception cref="ArgumentException">The credential is not acceptable (see <see cref="BakePng"/> and <see cref="BakeSvg"/>).</exception>
    public VerificationResult<byte[]> Bake(ReadOnlySpan<byte> image, string credential)
    {
        if (PngBadge.HasSignature(image))
        {
            return BakePng(image, credential);
        }

        if (SvgBadge.LooksLikeXml(image))
        {
            return BakeSvg(image, credential);
        }

        BakedText.Validate(credential, nameof(credential));
        return new VerificationError(OpenBadgeBakingErrors.UnrecognizedFormat, "The image is neither a PNG nor an SVG.");
    }
}
