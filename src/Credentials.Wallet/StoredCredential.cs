namespace Credentials.Wallet;

/// <summary>
/// A stored credential with one decrypted copy, for display and query matching. To present a single-use credential use
/// <see cref="WalletStore.TakeUnusedCopyAsync"/>, which hands out each copy once.
/// </summary>
public sealed record StoredCredential
{
    /// <summary>The summary.</summary>
    public required CredentialSummary Summary { get; init; }

    /// <summary>The serialized credential of a copy (for a batch: the next unused copy, not marked used).</summary>
    public required string Raw { get; init; }

    /// <summary>The holder key that copy is bound to, if any.</summary>
    public string? HolderKeyId { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"StoredCredential({Summary.Id}, {Summary.Format})";
}
