using System;

namespace Credentials.Wallet;

/// <summary>
/// Argon2id parameters for deriving the key-encryption key from a passphrase (RFC 9106).
/// </summary>
/// <remarks>
/// The default is 64 MiB of memory and 3 passes with one lane (libsodium, and so NSec, computes Argon2id with one lane).
/// That is RFC 9106's second recommended option with the memory it names, and above the OWASP minimum (19 MiB, 2 passes);
/// it takes about 0.1 s on a current laptop core. The parameters used are stored in the file, so they can be raised later
/// (<see cref="WalletStore.ChangeSecretAsync"/>) without breaking existing wallets.
/// </remarks>
public sealed record WalletKdfParameters
{
    /// <summary>The smallest memory size libsodium accepts (8 KiB). Only for tests.</summary>
    public const long MinMemoryKiB = 8;

    /// <summary>64 MiB, 3 passes, one lane.</summary>
    public static WalletKdfParameters Default { get; } = new() { MemoryKiB = 64 * 1024, Passes = 3 };

    /// <summary>The memory size in KiB.</summary>
    public long MemoryKiB { get; init; } = 64 * 1024;

    /// <summary>The number of passes over the memory (Argon2 <c>t</c>).</summary>
    public long Passes { get; init; } = 3;

    /// <summary>The degree of parallelism (Argon2 <c>p</c>); always 1 with libsodium.</summary>
    public int Parallelism { get; } = 1;

    internal void Validate()
    {
        if (MemoryKiB < MinMemoryKiB || MemoryKiB > 4L * 1024 * 1024)
        {
            throw new InvalidOperationException($"Argon2id memory must be between {MinMemoryKiB} KiB and 4 GiB.");
        }

        if (Passes < 1 || Passes > 64)
        {
            throw new InvalidOperationException("Argon2id passes must be between 1 and 64.");
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"Argon2id(m={MemoryKiB} KiB, t={Passes}, p={Parallelism})";
}
