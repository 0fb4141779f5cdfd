using System;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Credentials.Wallet.Internal;

/// <summary>The key-protection part of the wallet header (table <c>wallet_header</c>).</summary>
internal sealed record WalletHeader
{
    public const string Magic = "credentials-wallet";
    public const string KdfArgon2id = "argon2id";
    public const string KdfAppKey = "app-key";

    public required byte[] WalletId { get; init; }

    public required string Kdf { get; init; }

    public byte[]? Salt { get; init; }

    public long MemoryKiB { get; init; }

    public long Passes { get; init; }

    public long Parallelism { get; init; }

    public required bool MetadataInClear { get; init; }

    public byte[] WrappedDek { get; init; } = [];

    public WalletProtection Protection => Kdf == KdfAppKey ? WalletProtection.AppKey : WalletProtection.Passphrase;

    /// <summary>Everything the header says, bound as associated data of the wrapped DEK: altering it breaks the unwrap.</summary>
    public byte[] Descriptor() => Encoding.UTF8.GetBytes(
        $"{Magic}/1\0{Convert.ToHexStringLower(WalletId)}\0{Kdf}\0{MemoryKiB}\0{Passes}\0{Parallelism}\0{(Salt is null ? string.Empty : Convert.ToHexStringLower(Salt))}\0{(MetadataInClear ? 1 : 0)}");
}

/// <summary>
/// Wraps the DEK under a key-encryption key (KEK): Argon2id(passphrase, 16-byte salt) or HKDF-SHA-256(app key, salt: wallet id);
/// XChaCha20-Poly1305 with the header descriptor as associated data. A wrong secret fails the tag check.
/// </summary>
internal static class KeyWrap
{
    private static readonly AeadAlgorithm s_aead = AeadAlgorithm.XChaCha20Poly1305;

    public const int SaltSize = 16;

    public static WalletHeader NewHeader(byte[] walletId, WalletSecret secret, WalletKdfParameters kdf, bool metadataInClear) =>
        secret.Protection == WalletProtection.Passphrase
            ? new WalletHeader
            {
                WalletId = walletId,
                Kdf = WalletHeader.KdfArgon2id,
                Salt = RandomNumberGenerator.GetBytes(SaltSize),
                MemoryKiB = kdf.MemoryKiB,
                Passes = kdf.Passes,
                Parallelism = kdf.Parallelism,
                MetadataInClear = metadataInClear,
            }
            : new WalletHeader { WalletId = walletId, Kdf = WalletHeader.KdfAppKey, MetadataInClear = metadataInClear };

    public static byte[] Wrap(WalletHeader header, WalletSecret secret, ReadOnlySpan<byte> dek)
    {
        using var kek = DeriveKek(header, secret);
        var blob = new byte[1 + s_aead.NonceSize + dek.Length + s_aead.TagSize];
        blob[0] = RecordCipher.RecordFormatVersion;
        var nonce = blob.AsSpan(1, s_aead.NonceSize);
        RandomNumberGenerator.Fill(nonce);
        s_aead.Encrypt(kek, nonce, header.Descriptor(), dek, blob.AsSpan(1 + s_aead.NonceSize));
        return blob;
    }

    /// <summary>Unwraps into <paramref name="dek"/> (32 bytes); <see langword="false"/> when the secret is wrong or the header altered.</summary>
    public static bool TryUnwrap(WalletHeader header, WalletSecret secret, Span<byte> dek)
    {
        var blob = header.WrappedDek;
        if (blob.Length != 1 + s_aead.NonceSize + dek.Length + s_aead.TagSize || blob[0] != RecordCipher.RecordFormatVersion)
        {
            return false;
        }

        using var kek = DeriveKek(header, secret);
        return s_aead.Decrypt(kek, blob.AsSpan(1, s_aead.NonceSize), header.Descriptor(), blob.AsSpan(1 + s_aead.NonceSize), dek);
    }

    private static Key DeriveKek(WalletHeader header, WalletSecret secret)
    {
        if (secret.Protection == WalletProtection.Passphrase)
        {
            var kdf = PasswordBasedKeyDerivationAlgorithm.Argon2id(new Argon2Parameters
            {
                DegreeOfParallelism = (int)header.Parallelism,
                MemorySize = header.MemoryKiB,
                NumberOfPasses = header.Passes,
            });
            return kdf.DeriveKey(secret.Passphrase!, header.Salt, s_aead);
        }

        Span<byte> kek = stackalloc byte[32];
        try
        {
            HKDF.DeriveKey(HashAlgorithmName.SHA256, secret.Key!.Span, kek, header.WalletId, "credentials-wallet/1 app-key-kek"u8);
            return Key.Import(s_aead, kek, KeyBlobFormat.RawSymmetricKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kek);
        }
    }
}
