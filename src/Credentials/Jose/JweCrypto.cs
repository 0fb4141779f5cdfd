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
        // RFC 7518 section 5.3: 96-bit IV, 128-bit tag.
        using var gcm = new AesGcm(key, encryption.TagSize);
        gcm.Encrypt(iv, plaintext, ciphertext, tag, aad);
    }

    /// <summary>Decrypts and checks the tag; <see langword="false"/> when the tag does not verify.</summary>
    public static bool TryDecrypt(JweEncryption encryption, ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, ReadOnlySpan<byte> aad, Span<byte> plaintext)
    {
        try
        {
            using var gcm = new AesGcm(key, encryption.TagSize);
            gcm.Decrypt(iv, ciphertext, tag, plaintext, aad);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    /// <summary>The ciphertext length for a plaintext length (GCM: the same).</summary>
    public static int CiphertextLength(JweEncryption encryption, int plaintextLength) => plaintextLength;
}
