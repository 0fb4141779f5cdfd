namespace Credentials.SdJwtVc.TypeMetadata;

/// <summary>
/// Display information for a credential type in one locale (draft-ietf-oauth-sd-jwt-vc section 5.5).
/// </summary>
/// <remarks>Written with the member name <c>locale</c>; the reader also accepts the older <c>lang</c>.</remarks>
public sealed record TypeDisplay
{
    /// <summary>The language tag (RFC 5646), for example <c>ja-JP</c> or <c>en-US</c>.</summary>
    public required string Locale { get; init; }

    /// <summary>The human-readable name of the type, for end users.</summary>
    public required string Name { get; init; }

    /// <summary>An optional human-readable description of the type, for end users.</summary>
    public string? Description { get; init; }

    /// <summary>The optional rendering information (section 5.5.1).</summary>
    public TypeRendering? Rendering { get; init; }
}
