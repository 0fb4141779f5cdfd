using System.Collections.Immutable;

namespace Credentials.Wallet.Holder;

/// <summary>
/// A presentation of chosen claims of one stored credential to one verifier, made by
/// <see cref="CredentialWallet.PresentAsync"/>: the SD-JWT+KB to hand over, and what it reveals and withholds.
/// </summary>
public sealed record CredentialPresentation
{
    /// <summary>The wallet's id of the credential.</summary>
    public required string CredentialId { get; init; }

    /// <summary>The credential type.</summary>
    public string? Vct { get; init; }

    /// <summary>The id of the copy used (each single-use copy is used once and erased).</summary>
    public required string CopyId { get; init; }

    /// <summary>The SD-JWT+KB: the Issuer-signed JWT, exactly the selected disclosures, and a fresh Key Binding JWT.</summary>
    public required string Presentation { get; init; }

    /// <summary>The verifier the Key Binding JWT is bound to (its <c>aud</c>).</summary>
    public required string Audience { get; init; }

    /// <summary>The verifier's nonce in the Key Binding JWT.</summary>
    public required string Nonce { get; init; }

    /// <summary>The claims the caller asked to disclose, as given.</summary>
    public required ImmutableArray<ClaimPath> RequestedClaims { get; init; }

    /// <summary>
    /// The selectively disclosable claims the presentation reveals, with labels and values: those requested, and those
    /// SD-JWT reveals with them (the way to a nested claim, or the members of a requested object).
    /// </summary>
    public required ImmutableArray<WalletClaim> Disclosed { get; init; }

    /// <summary>The selectively disclosable claims the presentation does not reveal.</summary>
    public required ImmutableArray<WalletClaim> Withheld { get; init; }

    /// <summary>Requested claims that needed no disclosure: they are in plaintext, so every presentation shows them.</summary>
    public required ImmutableArray<ClaimPath> RequestedAlwaysVisible { get; init; }

    /// <summary>Whether the credential is reusable or a single-use batch.</summary>
    public required CredentialUse Use { get; init; }

    /// <summary>For a batch, the unused copies left; <see langword="null"/> for a reusable credential.</summary>
    public int? RemainingCopies { get; init; }

    /// <summary>For a batch, whether it is running low now (time to ask the issuer for more).</summary>
    public bool IsRunningLow { get; init; }

    /// <summary>The disclosure log entry recorded for this presentation.</summary>
    public required string LogEntryId { get; init; }
}
