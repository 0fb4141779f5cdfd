using System.Collections.Immutable;

namespace Credentials.Samples.Web.Checker;

/// <summary>
/// What the checker learnt about one credential: its form, whether it verified, who issued it, what it says, every
/// check of the verifier's report and its status. Nothing of it is stored: the page shows it once.
/// </summary>
public sealed record CheckReport
{
    /// <summary>The recognised form (<c>sd-jwt-vc</c>, <c>data-integrity</c>, <c>vc+jwt</c>, <c>ob3-baked-png</c>…).</summary>
    public required string Format { get; init; }

    /// <summary>The form for people, in Japanese.</summary>
    public required string FormatJapanese { get; init; }

    /// <summary>The form for people, in English.</summary>
    public required string FormatEnglish { get; init; }

    /// <summary>Whether every check passed: the credential is authentic, from a trusted issuer, in its validity period and not revoked.</summary>
    public bool Verified { get; init; }

    /// <summary>Whether the issuer is one this checker trusts (false when the issuer check failed or did not run).</summary>
    public bool IssuerTrusted { get; init; }

    /// <summary>The issuer's identifier (<c>iss</c> or <c>issuer</c>), when the credential could be read.</summary>
    public string? IssuerId { get; init; }

    /// <summary>The issuer's display name (the trust list's name or the badge's issuer profile), if any.</summary>
    public string? IssuerName { get; init; }

    /// <summary>
    /// When the credential failed: the issuer id it claims to be from (its unverified <c>iss</c> or <c>issuer</c>), shown as claimed, not
    /// verified. <see langword="null"/> when verified or when no issuer could be read.
    /// </summary>
    public string? ClaimedIssuer { get; init; }

    /// <summary>When the credential failed: the issuer name it claims (an Open Badge's <c>issuer.name</c>) for the Japanese page, not verified.</summary>
    public string? ClaimedIssuerNameJapanese { get; init; }

    /// <summary>When the credential failed: the issuer name it claims for the English page, not verified.</summary>
    public string? ClaimedIssuerNameEnglish { get; init; }

    /// <summary>The credential type's name in Japanese (type metadata or badge achievement), if known.</summary>
    public string? TypeJapanese { get; init; }

    /// <summary>The credential type's name in English, if known.</summary>
    public string? TypeEnglish { get; init; }

    /// <summary>The credential type's identifier (<c>vct</c> or the W3C types).</summary>
    public string? TypeId { get; init; }

    /// <summary>For an Open Badge: the achievement's name in Japanese.</summary>
    public string? AchievementJapanese { get; init; }

    /// <summary>For an Open Badge: the achievement's name in English.</summary>
    public string? AchievementEnglish { get; init; }

    /// <summary>What the credential says (empty when it could not be verified).</summary>
    public ImmutableArray<ClaimLine> Claims { get; init; } = [];

    /// <summary>How many top-level claims are not shown because the credential's line budget (<see cref="ClaimTree.MaxLines"/>) was spent.</summary>
    public int ClaimsNotShown { get; init; }

    /// <summary>Every check of the verifier's report, in order.</summary>
    public ImmutableArray<CheckLine> Checks { get; init; } = [];

    /// <summary>The status (valid, revoked, suspended, unknown).</summary>
    public CredentialState State { get; init; } = CredentialState.Unknown;

    /// <summary>The error that decided the result, when it did not verify: its stable code and causes.</summary>
    public string? ErrorCodes { get; init; }

    /// <summary>What the deciding error means, in Japanese.</summary>
    public string? ErrorJapanese { get; init; }

    /// <summary>What the deciding error means, in English.</summary>
    public string? ErrorEnglish { get; init; }

    /// <summary>Remarks about what was and was not proven.</summary>
    public ImmutableArray<CheckNote> Notes { get; init; } = [];
}
