using System;
using System.Text;

namespace Credentials.Wallet;

/// <summary>
/// What unlocks a wallet: the user's passphrase or an app-supplied <see cref="WalletKey"/>.
/// </summary>
public sealed class WalletSecret
{
    private WalletSecret(WalletProtection protection, string? passphrase, WalletKey? key)
    {
        Protection = protection;
        Passphrase = passphrase;
        Key = key;
    }

    /// <summary>Which kind of secret this is.</summary>
    public WalletProtection Protection { get; }

    internal string? Passphrase { get; }

    internal WalletKey? Key { get; }

    /// <summary>A passphrase. It is normalised to Unicode NFC before key derivation, so the same text typed through different
    /// input methods (for example a Japanese IME) unlocks the wallet.</summary>
    /// <param name="passphrase">The passphrase; not empty.</param>
    /// <exception cref="ArgumentException">The passphrase is empty.</exception>
    public static WalletSecret FromPassphrase(string passphrase)
    {
        ArgumentException.ThrowIfNullOrEmpty(passphrase);
        return new(WalletProtection.Passphrase, passphrase.Normalize(NormalizationForm.FormC), null);
    }

    /// <summary>An app-supplied key. The wallet does not take ownership: the caller disposes it.</summary>
    /// <param name="key">The key.</param>
    public static WalletSecret FromKey(WalletKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(WalletProtection.AppKey, null, key);
    }

    /// <inheritdoc />
    public override string ToString() => $"WalletSecret({Protection})";
}
