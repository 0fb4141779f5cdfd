namespace Credentials.OpenId4Vci;

/// <summary>
/// Display properties of a credential configuration for one language (<c>credential_metadata.display</c>,
/// OpenID4VCI 1.0 section 12.2.4). SD-JWT VC type metadata takes precedence in a Wallet; this is the fallback.
/// </summary>
public sealed record CredentialDisplay
{
    /// <summary>The credential's display name (required).</summary>
    public required string Name { get; init; }

    /// <summary>The BCP 47 language tag, for example <c>ja-JP</c>; one object per language.</summary>
    public string? Locale { get; init; }

    /// <summary>The credential's logo.</summary>
    public DisplayLogo? Logo { get; init; }

    /// <summary>A description.</summary>
    public string? Description { get; init; }

    /// <summary>The background colour (CSS), for example <c>#12107c</c>.</summary>
    public string? BackgroundColor { get; init; }

    /// <summary>The background image.</summary>
    public DisplayLogo? BackgroundImage { get; init; }

    /// <summary>The text colour (CSS).</summary>
    public string? TextColor { get; init; }
}
