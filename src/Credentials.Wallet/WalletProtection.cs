namespace Credentials.Wallet;

/// <summary>How the wallet's data-encryption key is protected in the file.</summary>
public enum WalletProtection
{
    /// <summary>Wrapped under a key derived from the user's passphrase with Argon2id.</summary>
    Passphrase,

    /// <summary>Wrapped under a key the app supplies (<see cref="WalletKey"/>), for example from the OS keychain.</summary>
    AppKey,
}
