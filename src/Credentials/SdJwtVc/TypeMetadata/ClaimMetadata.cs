using System.Collections.Immutable;
using Credentials.SdJwt;

namespace Credentials.SdJwtVc.TypeMetadata;

/// <summary>
/// Metadata for the claim or claims a <see cref="Path"/> selects (draft-ietf-oauth-sd-jwt-vc section 5.6): labels,
/// whether the Issuer must include the claim, and whether it must, may or must not be selectively disclosable.
/// </summary>
/// <remarks>
/// The record remembers which of <c>display</c>, <c>mandatory</c> and <c>sd</c> were present in the document, because
/// an extending type overrides exactly the properties it defines (section 5.6.5).
/// </remarks>
public sealed record ClaimMetadata
{
    private readonly ImmutableArray<ClaimDisplay> _display;
    private readonly bool? _mandatory;
    private readonly ClaimSelectiveDisclosure? _sd;

    /// <summary>The claim path: strings select members, integers array elements, <see langword="null"/> all elements.</summary>
    public required ClaimPath Path { get; init; }

    /// <summary>The labels per locale; empty when the document has no <c>display</c> for this claim.</summary>
    public ImmutableArray<ClaimDisplay> Display
    {
        get => _display.IsDefault ? [] : _display;
        init => _display = value;
    }

    /// <summary>Whether the Issuer must include the claim (<c>mandatory</c>, default <see langword="false"/>).</summary>
    public bool Mandatory
    {
        get => _mandatory ?? false;
        init => _mandatory = value;
    }

    /// <summary>Whether the claim is selectively disclosable (<c>sd</c>, default <see cref="ClaimSelectiveDisclosure.Allowed"/>).</summary>
    public ClaimSelectiveDisclosure Sd
    {
        get => _sd ?? ClaimSelectiveDisclosure.Allowed;
        init => _sd = value;
    }

    /// <summary>The placeholder identifier for SVG templates (<c>svg_id</c>), if any.</summary>
    public string? SvgId { get; init; }

    /// <summary>Whether <c>display</c> was given (an extending type then replaces the inherited labels).</summary>
    public bool HasDisplay => !_display.IsDefault;

    /// <summary>Whether <c>mandatory</c> was given.</summary>
    public bool HasMandatory => _mandatory.HasValue;

    /// <summary>Whether <c>sd</c> was given.</summary>
    public bool HasSd => _sd.HasValue;
}
