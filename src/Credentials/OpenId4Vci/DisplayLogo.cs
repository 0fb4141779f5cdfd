namespace Credentials.OpenId4Vci;

/// <summary>A logo or background image in issuer or credential display metadata (OpenID4VCI 1.0 section 12.2.4).</summary>
public sealed record DisplayLogo
{
    /// <summary>Where the image is (<c>https:</c>, <c>data:</c>, …); the Wallet decides whether to fetch it.</summary>
    public required string Uri { get; init; }

    /// <summary>Alternative text.</summary>
    public string? AltText { get; init; }
}
