namespace Credentials.SdJwtVc.TypeMetadata;

/// <summary>
/// Display information for a claim in one locale (draft-ietf-oauth-sd-jwt-vc section 5.6.2).
/// </summary>
/// <remarks>
/// Written with the member name <c>locale</c>; the reader also accepts the older <c>lang</c>. The texts come from the
/// metadata's publisher: escape them for the context they are shown in (section 7.6).
/// </remarks>
public sealed record ClaimDisplay
{
    /// <summary>The language tag (RFC 5646), for example <c>ja-JP</c> or <c>en-US</c>.</summary>
    public required string Locale { get; init; }

    /// <summary>The human-readable label for end users.</summary>
    public required string Label { get; init; }

    /// <summary>An optional human-readable description for end users.</summary>
    public string? Description { get; init; }
}
