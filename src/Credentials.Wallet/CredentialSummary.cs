using System;
using System.Collections.Immutable;

namespace Credentials.Wallet;

/// <summary>What the wallet knows about a stored credential without decrypting the credential itself.</summary>
public sealed record CredentialSummary
{
    /// <summary>The wallet's id of the credential (random, not derived from its content).</summary>
    public required string Id { get; init; }

    /// <summary>The format identifier, for example <c>dc+sd-jwt</c>.</summary>
    public required string Format { get; init; }

    /// <summary>Reusable or single-use.</summary>
    public required CredentialUse Use { get; init; }

    /// <summary>The credential type (<c>vct</c>), if any.</summary>
    public string? Vct { get; init; }

    /// <summary>The W3C credential's <c>type</c> values as written; empty for other formats.</summary>
    public ImmutableArray<string> Types { get; init; } = [];

    /// <summary>The W3C credential's fully expanded types, matched against DCQL <c>type_values</c>; empty for other formats.</summary>
    public ImmutableArray<string> ExpandedTypes { get; init; } = [];

    /// <summary>The ISO mdoc document type (<c>mso_mdoc</c>), if any.</summary>
    public string? DocType { get; init; }

    /// <summary>The issuer, if any.</summary>
    public string? Issuer { get; init; }

    /// <summary>When the credential was issued, if known.</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>When the credential expires, if it does.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>When the wallet stored it.</summary>
    public required DateTimeOffset ImportedAt { get; init; }

    /// <summary>The display name given on import, if any.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The display metadata JSON given on import, if any.</summary>
    public string? DisplayMetadataJson { get; init; }

    /// <summary>The number of copies stored (used ones included).</summary>
    public required int TotalCopies { get; init; }

    /// <summary>For single-use credentials, the number of unused copies; <see langword="null"/> for reusable ones.</summary>
    public int? RemainingCopies { get; init; }

    /// <summary>For single-use credentials, whether <see cref="RemainingCopies"/> is at or below <see cref="WalletOptions.RunningLowThreshold"/> (time to ask the issuer for more).</summary>
    public bool IsRunningLow { get; init; }

    /// <summary>Whether a single-use credential has no unused copy left.</summary>
    public bool IsExhausted => RemainingCopies == 0;
}
