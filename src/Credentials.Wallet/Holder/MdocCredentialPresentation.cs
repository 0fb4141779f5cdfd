using System.Collections.Immutable;

namespace Credentials.Wallet.Holder;

/// <summary>An mdoc presented with <see cref="CredentialWallet.PresentMdocAsync"/>: the DeviceResponse and what it disclosed.</summary>
public sealed record MdocCredentialPresentation
{
    /// <summary>The credential presented.</summary>
    public required string CredentialId { get; init; }

    /// <summary>The copy used (a single-use copy is now used up).</summary>
    public required string CopyId { get; init; }

    /// <summary>The mdoc's document type.</summary>
    public required string DocType { get; init; }

    /// <summary>The DeviceResponse CBOR, base64url without padding (the OpenID4VP 1.0 Appendix B.2.6 <c>vp_token</c> entry).</summary>
    public required string DeviceResponse { get; init; }

    /// <summary>The data elements disclosed (path <c>[namespace, element]</c>), with the values the verifier learns, for the user.</summary>
    public required ImmutableArray<WalletClaim> Disclosed { get; init; }

    /// <summary>The data elements of the mdoc that were not disclosed.</summary>
    public required ImmutableArray<ClaimPath> Withheld { get; init; }

    /// <summary>Reusable or single-use.</summary>
    public required CredentialUse Use { get; init; }

    /// <summary>For single-use credentials, the unused copies left.</summary>
    public int? RemainingCopies { get; init; }

    /// <summary>Whether the batch is running low after this presentation.</summary>
    public bool IsRunningLow { get; init; }

    /// <summary>The disclosure log entry recorded (element names only, never values).</summary>
    public required string LogEntryId { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"MdocCredentialPresentation({CredentialId}/{CopyId}, {DocType}, {Disclosed.Length} elements)";
}
