using System;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Credentials.Wallet.Internal;

/// <summary>Where a sealed record lives; bound into the AEAD associated data so records cannot be moved or swapped.</summary>
/// <param name="Table">The table name.</param>
/// <param name="Column">The column name.</param>
/// <param name="RowId">The row's id.</param>
/// <param name="Context">Further row data the record belongs with (parent id, holder key id, sequence number).</param>
internal readonly record struct RecordAddress(string Table, string Column, string RowId, string Context = "");

internal enum OpenStatus
{
    Ok,
    Failed,
    UnsupportedFormat,
}

/// <summary>
/// Seals and opens records under subkeys of the wallet's data-encryption key (DEK): XChaCha20-Poly1305 with a random
/// 192-bit nonce per record, and HMAC-SHA-256 blind indexes for uniqueness checks without clear values.
/// Record blob layout: <c>version (1 byte, 0x01) || nonce (24 bytes) || ciphertext || tag (16 bytes)</c>.
/// </summary>
internal sealed class RecordCipher : IDisposable
{
    internal const byte RecordFormatVersion = 1;
    internal const int DekSize = 32;

    private static readonly AeadAlgorithm s_aead = AeadAlgorithm.XChaCha20Poly1305;
    private readonly Key _recordKey;
    private readonly byte[] _indexKey;
    private readonly byte[] _walletId;

    private RecordCipher(Key recordKey, byte[] indexKey, byte[] walletId)
    {
        _recordKey = recordKey;
        _indexKey = indexKey;
        _walletId = walletId;
    }

    internal static int Overhead => 1 + s_aead.NonceSize + s_aead.TagSize;

    /// <summary>Derives the record and index subkeys from the DEK with HKDF-SHA-256 (salt: the wallet id).</summary>
    public static RecordCipher FromDek(ReadOnlySpan<byte> dek, byte[] walletId)
    {
        Span<byte> recordKeyBytes = stackalloc byte[32];
        var indexKey = GC.AllocateArray<byte>(32, pinned: true);
        try
        {
            HKDF.DeriveKey(HashAlgorithmName.SHA256, dek, recordKeyBytes, walletId, "credentials-wallet/1 record-aead"u8);
            HKDF.DeriveKey(HashAlgorithmName.SHA256, dek, indexKey, walletId, "credentials-wallet/1 blind-index"u8);
            var key = Key.Import(s_aead, recordKeyBytes, KeyBlobFormat.RawSymmetricKey);
            return new RecordCipher(key, indexKey, walletId);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(recordKeyBytes);
        }
    }

    public byte[] Seal(RecordAddress address, ReadOnlySpan<byte> plaintext)
    {
        var blob = new byte[Overhead + plaintext.Length];
        blob[0] = RecordFormatVersion;
        var nonce = blob.AsSpan(1, s_aead.NonceSize);
        RandomNumberGenerator.Fill(nonce);
        var ad = AssociatedData(address, RecordFormatVersion);
        s_aead.Encrypt(_recordKey, nonce, ad, plaintext, blob.AsSpan(1 + s_aead.NonceSize));
        return blob;
    }

    public byte[] Seal(RecordAddress address, string plaintext)
    {
        var bytes = Encoding.UTF8.GetBytes(plaintext);
        try
        {
            return Seal(address, bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    public OpenStatus TryOpen(RecordAddress address, byte[]? blob, out byte[] plaintext)
    {
        plaintext = [];
        if (blob is null || blob.Length < Overhead)
        {
            return OpenStatus.Failed;
        }

        if (blob[0] != RecordFormatVersion)
        {
            return blob[0] > RecordFormatVersion ? OpenStatus.UnsupportedFormat : OpenStatus.Failed;
        }

        var nonce = blob.AsSpan(1, s_aead.NonceSize);
        var ciphertext = blob.AsSpan(1 + s_aead.NonceSize);
        var output = new byte[ciphertext.Length - s_aead.TagSize];
        if (!s_aead.Decrypt(_recordKey, nonce, AssociatedData(address, blob[0]), ciphertext, output))
        {
            return OpenStatus.Failed;
        }

        plaintext = output;
        return OpenStatus.Ok;
    }

    /// <summary>A keyed digest for uniqueness checks (thumbprints, credential contents); reveals nothing without the key.</summary>
    public byte[] BlindIndex(string purpose, ReadOnlySpan<byte> value)
    {
        using var hmac = System.Security.Cryptography.IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _indexKey);
        hmac.AppendData(Encoding.UTF8.GetBytes(purpose));
        hmac.AppendData([0]);
        hmac.AppendData(value);
        return hmac.GetHashAndReset();
    }

    public byte[] BlindIndex(string purpose, string value) => BlindIndex(purpose, Encoding.UTF8.GetBytes(value));

    private byte[] AssociatedData(RecordAddress address, byte version)
    {
        var text = $"credentials-wallet/1\0{Convert.ToHexStringLower(_walletId)}\0{version}\0{address.Table}\0{address.Column}\0{address.RowId}\0{address.Context}";
        return Encoding.UTF8.GetBytes(text);
    }

    public void Dispose()
    {
        _recordKey.Dispose();
        CryptographicOperations.ZeroMemory(_indexKey);
    }
}
