namespace Credentials.Wallet;

/// <summary>What the header of an open wallet file says. Contains no secrets.</summary>
public sealed record WalletInfo
{
    /// <summary>The file path.</summary>
    public required string Path { get; init; }

    /// <summary>The schema version of the file.</summary>
    public required int SchemaVersion { get; init; }

    /// <summary>How the data-encryption key is protected.</summary>
    public required WalletProtection Protection { get; init; }

    /// <summary>The Argon2id parameters, for passphrase-protected wallets.</summary>
    public WalletKdfParameters? KdfParameters { get; init; }

    /// <summary>Whether searchable metadata is also stored in clear columns (chosen at creation).</summary>
    public required bool SearchMetadataInClear { get; init; }
}
