using System.Collections.Immutable;
using Credentials.SdJwt;

namespace Credentials.Wallet.Holder;

/// <summary>One presentation that was sent: for which query, from which credential, what it disclosed.</summary>
public sealed record PresentedCredential
{
    /// <summary>The Credential Query id.</summary>
    public required string QueryId { get; init; }

    /// <summary>The wallet's id of the credential.</summary>
    public required string CredentialId { get; init; }

    /// <summary>The id of the copy used (each single-use copy is used once and erased).</summary>
    public required string CopyId { get; init; }

    /// <summary>The SD-JWT+KB sent.</summary>
    public required string Presentation { get; init; }

    /// <summary>The requested claims sent.</summary>
    public required ImmutableArray<ClaimPath> RequestedClaims { get; init; }

    /// <summary>The paths of the selective disclosures included.</summary>
    public required ImmutableArray<ClaimPath> Disclosures { get; init; }

    /// <summary>For a batch, the unused copies left; <see langword="null"/> for a reusable credential.</summary>
    public int? RemainingCopies { get; init; }

    /// <summary>For a batch, whether it is running low now (time to ask the issuer for more).</summary>
    public bool IsRunningLow { get; init; }
}
