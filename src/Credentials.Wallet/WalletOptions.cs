using System;

namespace Credentials.Wallet;

/// <summary>
/// Options of a <see cref="WalletStore"/>, validated once when the wallet is opened.
/// </summary>
public sealed record WalletOptions
{
    /// <summary>The clock for import times and the disclosure log.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// When <see langword="true"/> at creation, the searchable metadata of each credential (format, <c>vct</c>, issuer,
    /// dates, display name) is also written in clear columns so apps can query them with SQL. Default <see langword="false"/>:
    /// nothing about the person is readable without the key. The choice is recorded in the file when it is created and
    /// the file's choice wins when it is opened later.
    /// </summary>
    public bool StoreSearchMetadataInClear { get; init; }

    /// <summary>
    /// When <see langword="true"/>, the disclosure log keeps the disclosed claim values (encrypted like everything else).
    /// Default <see langword="false"/>: only the claim paths are logged and values passed in are dropped.
    /// </summary>
    public bool LogClaimValues { get; init; }

    /// <summary>Argon2id parameters for new passphrase-protected wallets and passphrase changes.</summary>
    public WalletKdfParameters KdfParameters { get; init; } = WalletKdfParameters.Default;

    /// <summary>The largest Argon2id memory (KiB) a wallet file may ask for when it is opened; default 1 GiB.</summary>
    public long MaxKdfMemoryKiB { get; init; } = 1024 * 1024;

    /// <summary>The most Argon2id passes a wallet file may ask for when it is opened; default 16.</summary>
    public long MaxKdfPasses { get; init; } = 16;

    /// <summary>A single-use credential is "running low" when this many unused copies or fewer remain; default 2.</summary>
    public int RunningLowThreshold { get; init; } = 2;

    /// <summary>How long an operation waits for another process's lock on the file; default 5 seconds.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest serialized credential (in UTF-16 characters) accepted on import; default 1 Mi.</summary>
    public int MaxCredentialLength { get; init; } = 1024 * 1024;

    /// <summary>The longest display metadata JSON accepted on import; default 256 Ki characters.</summary>
    public int MaxDisplayMetadataLength { get; init; } = 256 * 1024;

    /// <summary>The most copies one credential (a batch) may hold; default 1000.</summary>
    public int MaxCopiesPerCredential { get; init; } = 1000;

    /// <summary>Test hook: called with a named point inside a write transaction (crash tests kill the process there).</summary>
    internal Action<string>? FaultInjection { get; init; }

    internal void Validate()
    {
        if (TimeProvider is null)
        {
            throw new InvalidOperationException("WalletOptions.TimeProvider is required.");
        }

        if (KdfParameters is null)
        {
            throw new InvalidOperationException("WalletOptions.KdfParameters is required.");
        }

        KdfParameters.Validate();
        if (MaxKdfMemoryKiB < WalletKdfParameters.MinMemoryKiB || MaxKdfPasses < 1)
        {
            throw new InvalidOperationException("WalletOptions.MaxKdfMemoryKiB and MaxKdfPasses must allow at least the minimum parameters.");
        }

        if (RunningLowThreshold < 0)
        {
            throw new InvalidOperationException("WalletOptions.RunningLowThreshold must not be negative.");
        }

        if (BusyTimeout < TimeSpan.Zero || BusyTimeout > TimeSpan.FromHours(1))
        {
            throw new InvalidOperationException("WalletOptions.BusyTimeout must be between zero and one hour.");
        }

        if (MaxCredentialLength < 1 || MaxDisplayMetadataLength < 0 || MaxCopiesPerCredential < 1)
        {
            throw new InvalidOperationException("WalletOptions size limits must be positive.");
        }
    }
}
