using System;

namespace Credentials.Wallet.Holder;

/// <summary>A stored credential as the wallet lists it, with its name in the user's language.</summary>
public sealed record WalletCredential
{
    /// <summary>The ISO mdoc document type (<c>mso_mdoc</c>), if any.</summary>
    public string? DocType { get; init; }

    /// <summary>The wallet's id of the credential.</summary>
    public required string Id { get; init; }

    /// <summary>The format, for example <c>dc+sd-jwt</c>.</summary>
    public required string Format { get; init; }

    /// <summary>The credential type (<c>vct</c>), if any.</summary>
    public string? Vct { get; init; }

    /// <summary>The issuer, if any.</summary>
    public string? Issuer { get; init; }

    /// <summary>The name in the requested language from the type metadata <c>display</c>, otherwise the name stored on import, otherwise the <c>vct</c>.</summary>
    public required string DisplayName { get; init; }

    /// <summary>The end-user description in the requested language, if the type metadata has one.</summary>
    public string? Description { get; init; }

    /// <summary>The locale of the display entry used, or <see langword="null"/> when the name is not from type metadata.</summary>
    public string? DisplayLocale { get; init; }

    /// <summary>The card's background colour from <c>rendering.simple</c>, if any.</summary>
    public string? BackgroundColor { get; init; }

    /// <summary>The card's text colour from <c>rendering.simple</c>, if any.</summary>
    public string? TextColor { get; init; }

    /// <summary>When the credential was issued, if known.</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>When the credential expires, if it does.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Whether the credential has expired by the wallet's clock.</summary>
    public bool IsExpired { get; init; }

    /// <summary>Reusable or single-use.</summary>
    public required CredentialUse Use { get; init; }

    /// <summary>For a batch, the unused copies left; <see langword="null"/> for a reusable credential.</summary>
    public int? RemainingCopies { get; init; }

    /// <summary>For a batch, whether it is running low (time to ask the issuer for more).</summary>
    public bool IsRunningLow { get; init; }

    /// <summary>For a batch, whether no unused copy is left.</summary>
    public bool IsExhausted => RemainingCopies == 0;
}
