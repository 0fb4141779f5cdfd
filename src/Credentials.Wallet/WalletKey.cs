using System;
using System.Security.Cryptography;

namespace Credentials.Wallet;

/// <summary>
/// A 256-bit key supplied by the app (typically kept in the OS keychain: Keychain, Android Keystore, DPAPI, libsecret)
/// that protects a wallet instead of a passphrase. Dispose it to zero the copy held in memory.
/// </summary>
/// <remarks>The wallet never uses this key on records directly: it wraps the wallet's random data-encryption key (see <c>specs/wallet.md</c>).</remarks>
public sealed class WalletKey : IDisposable
{
    /// <summary>The key size in bytes (32).</summary>
    public const int Size = 32;

    private readonly byte[] _bytes;
    private bool _disposed;

    private WalletKey(byte[] bytes) => _bytes = bytes;

    /// <summary>Creates a new random key with <see cref="RandomNumberGenerator"/>.</summary>
    public static WalletKey Create() => new(RandomNumberGenerator.GetBytes(Size));

    /// <summary>Imports a key the app kept, for example from the OS keychain.</summary>
    /// <param name="key">Exactly <see cref="Size"/> bytes.</param>
    /// <exception cref="ArgumentException">The key is not 32 bytes long.</exception>
    public static WalletKey Import(ReadOnlySpan<byte> key)
    {
        if (key.Length != Size)
        {
            throw new ArgumentException($"A wallet key is exactly {Size} bytes.", nameof(key));
        }

        return new(key.ToArray());
    }

    /// <summary>Exports the key so the app can keep it in a keychain. Handle the result as a secret.</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public byte[] Export()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return (byte[])_bytes.Clone();
    }

    internal ReadOnlySpan<byte> Span
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _bytes;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_disposed)
        {
            CryptographicOperations.ZeroMemory(_bytes);
            _disposed = true;
        }
    }

    /// <inheritdoc />
    public override string ToString() => "WalletKey(256-bit)";
}
