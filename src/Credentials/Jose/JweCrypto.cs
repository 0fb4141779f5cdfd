using System;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Credentials.Keys;

namespace Credentials.Jose;

/// <summary>The ECDH-ES key derivation and the content encryption of JWE, over platform primitives.</summary>
internal static class JweCrypto
{
    /// <summary>
    /// The Concat KDF (NIST SP 800-56A section 5.8.1) as profiled by RFC 7518 section 4.6.2 with SHA-256:
    /// K(i) = SHA-256(counter_i || Z || OtherInfo), OtherInfo = AlgorithmID || PartyUInfo || PartyVInfo || SuppPubInfo,
    /// each of the first three a 32-bit big-endian length and the bytes, SuppPubInfo the key length in bits.
    /// </summary>
    /// <param name="z">The shared secret.</param>
    /// <param name="algorithmId">For direct key agreement the <c>enc</c> value (RFC 7518 section 4.6.2).</param>
    /// <param name="apu">The decoded <c>apu</c>, empty when absent.</param>
    /// <param name="apv">The decoded <c>apv</c>, empty when absent.</param>
    /// <param name="destination">Receives the derived key; its length is keydatalen / 8.</param>
    public static void ConcatKdf(ReadOnlySpan<byte> z, string algorithmId, ReadOnlySpan<byte> apu, ReadOnlySpan<byte> apv, Span<byte> destination)
    {
        Span<byte> length = stackalloc byte[4];
        Span<byte> digest = stackalloc byte[32];
        var algorithm = Encoding.ASCII.GetBytes(algorithmId);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var written = 0;
        for (var counter = 1; written < destination.Length; counter++)
        {
            BinaryPrimitives.WriteInt32BigEndian(length, counter);
            hash.AppendData(length);
            hash.AppendData(z);
            AppendWithLength(hash, algorithm, length);
            AppendWithLength(hash, apu, length);
            AppendWithLength(hash, apv, length);
            BinaryPrimitives.WriteInt32BigEndian(length, checked(destination.Length * 8));
            hash.AppendData(length);
            hash.GetHashAndReset(digest);
            var take = Math.Min(digest.Length, destination.Length - written);
            digest[..take].CopyTo(destination[written..]);
            written += take;
        }

        CryptographicOperations.ZeroMemory(digest);
    }

    /// <summary>
    /// The recipient's side of ECDH-ES direct key agreement (RFC 7518 section 4.6.2): Z from the recipient's private key
    /// and the <c>epk</c>, then the Concat KDF with the <c>enc</c> value as AlgorithmID. <see langword="null"/> when the
    /// <c>epk</c> is not a point on the recipient key's curve (the platform import checks it: the invalid-curve attack).
    /// The caller zeroes the result.
    /// </summary>
    public static byte[]? DeriveContentKey(KeyAgreementKey recipient, Jwk epk, JweEncryption encryption, ReadOnlySpan<byte> apu, ReadOnlySpan<byte> apv)
    {
        var z = recipient.DeriveRawSecret(epk);
        if (z is null)
        {
            return null;
        }

        var cek = new byte[encryption.KeySize];
        try
        {
            ConcatKdf(z, encryption.Name, apu, apv, cek);
            return cek;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(z);
        }
    }

    private static void AppendWithLength(IncrementalHash hash, ReadOnlySpan<byte> data, Span<byte> length)
    {
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        hash.AppendData(length);
        hash.AppendData(data);
    }

    /// <summary>Encrypts with the content encryption algorithm; <paramref name="tag"/> receives the authentication tag.</summary>
    public static void Encrypt(JweEncryption encryption, ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> aad, Span<byte> ciphertext, Span<byte> tag)
    {
        if (encryption.IsGcm)
        {
            // RFC 7518 section 5.3: 96-bit IV, 128-bit tag.
            using var gcm = new AesGcm(key, encryption.TagSize);
            gcm.Encrypt(iv, plaintext, ciphertext, tag, aad);
            return;
        }

        // RFC 7518 section 5.2.2.1: MAC_KEY is the first half of K, ENC_KEY the second; AES-CBC with PKCS #7 padding.
        var half = key.Length / 2;
        using var aes = Aes.Create();
        aes.SetKey(key[half..]);
        var written = aes.EncryptCbc(plaintext, iv, ciphertext, PaddingMode.PKCS7);
        ComputeCbcTag(encryption, key[..half], aad, iv, ciphertext[..written], tag);
    }

    /// <summary>
    /// Checks the tag, then decrypts; returns the plaintext length, or -1 when the tag does not verify (or, for CBC, the
    /// padding is wrong: the same answer).
    /// </summary>
    public static int TryDecrypt(JweEncryption encryption, ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, ReadOnlySpan<byte> aad, Span<byte> plaintext)
    {
        if (encryption.IsGcm)
        {
            try
            {
                using var gcm = new AesGcm(key, encryption.TagSize);
                gcm.Decrypt(iv, ciphertext, tag, plaintext[..ciphertext.Length], aad);
                return ciphertext.Length;
            }
            catch (AuthenticationTagMismatchException)
            {
                return -1;
            }
        }

        // RFC 7518 section 5.2.2.2: the tag is checked (in constant time) before any decryption.
        var half = key.Length / 2;
        Span<byte> expected = stackalloc byte[encryption.TagSize];
        ComputeCbcTag(encryption, key[..half], aad, iv, ciphertext, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, tag) || ciphertext.Length == 0 || ciphertext.Length % 16 != 0)
        {
            return -1;
        }

        using var aes = Aes.Create();
        aes.SetKey(key[half..]);
        try
        {
            return aes.TryDecryptCbc(ciphertext, iv, plaintext, out var written, PaddingMode.PKCS7) ? written : -1;
        }
        catch (CryptographicException)
        {
            return -1;
        }
    }

    // RFC 7518 section 5.2.2.1: M = HMAC(MAC_KEY, A || IV || E || AL), AL the AAD length in bits as a 64-bit big-endian
    // integer; T = the first T_LEN bytes of M.
    private static void ComputeCbcTag(JweEncryption encryption, ReadOnlySpan<byte> macKey, ReadOnlySpan<byte> aad, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> ciphertext, Span<byte> tag)
    {
        var hash = encryption.TagSize == 16 ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA512;
        using var hmac = IncrementalHash.CreateHMAC(hash, macKey);
        Span<byte> al = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(al, unchecked((ulong)aad.Length * 8));
        hmac.AppendData(aad);
        hmac.AppendData(iv);
        hmac.AppendData(ciphertext);
        hmac.AppendData(al);
        Span<byte> mac = stackalloc byte[64];
        var length = hmac.GetHashAndReset(mac);
        mac[..tag.Length].CopyTo(tag);
        CryptographicOperations.ZeroMemory(mac[..length]);
    }

    /// <summary>The ciphertext length for a plaintext length (GCM: the same; CBC: padded to the next full block).</summary>
    public static int CiphertextLength(JweEncryption encryption, int plaintextLength)
        => encryption.IsGcm ? plaintextLength : checked(((plaintextLength / 16) + 1) * 16);
}
