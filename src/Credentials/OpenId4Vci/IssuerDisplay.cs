namespace Credentials.OpenId4Vci;

/// <summary>Display properties of the Credential Issuer for one language (<c>display</c>, OpenID4VCI 1.0 section 12.2.4).</summary>
public sealed record IssuerDisplay
{
    /// <summary>The issuer's display name.</summary>
    public string? Name { get; init; }

    /// <summary>The BCP 47 language tag, for example <c>ja-JP</c>; one object per language.</summary>
    public string? Locale { get; init; }

    /// <summary>The issuer's logo.</summary>
    public DisplayLogo? Logo { get; init; }
}
