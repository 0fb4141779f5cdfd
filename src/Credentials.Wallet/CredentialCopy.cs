namespace Credentials.Wallet;

/// <summary>A copy handed out for one presentation by <see cref="WalletStore.TakeUnusedCopyAsync"/>.</summary>
public sealed record CredentialCopy
{
    /// <summary>The credential's id.</summary>
    public required string CredentialId { get; init; }

    /// <summary>The copy's id.</summary>
    public required string CopyId { get; init; }

    /// <summary>The serialized credential.</summary>
    public required string Raw { get; init; }

    /// <summary>The holder key the copy is bound to (sign the key-binding JWT with it), if any.</summary>
    public string? HolderKeyId { get; init; }

    /// <summary>Reusable or single-use.</summary>
    public required CredentialUse Use { get; init; }

    /// <summary>For single-use credentials, the unused copies left after this one; <see langword="null"/> for reusable ones.</summary>
    public int? RemainingCopies { get; init; }

    /// <summary>Whether the batch is running low after this copy (see <see cref="WalletOptions.RunningLowThreshold"/>).</summary>
    public bool IsRunningLow { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"CredentialCopy({CredentialId}/{CopyId})";
}
