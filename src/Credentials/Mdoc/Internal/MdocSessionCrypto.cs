using System;
using System.Security.Cryptography;
using System.Text;
using Credentials.Internal;
using Credentials.Keys;

namespace Credentials.Mdoc.Internal;

/// <summary>
/// Session key derivation and session encryption of ISO/IEC 18013-5 §9.1.1.5 and §9.1.3.5: ECDH over P-256, HKDF-SHA256
/// with salt SHA-256(SessionTranscriptBytes), AES-256-GCM with the reader/device IV prefix and a message counter.
/// </summary>
internal static class MdocSessionCrypto
{
    public static ECDiffieHellman ImportPrivate(Jwk jwk)
    {
        ArgumentNullException.ThrowIfNull(jwk);
        if (jwk.Kty != JwkKeyTypes.EC || jwk.D is null || !EcCurves.TryGet(jwk.Crv, out var curve, out var size))
        {
            throw new ArgumentException("The reader key must be a private EC JWK.", nameof(jwk));
        }

        var d = StrictBase64Url.TryDecode(jwk.D.AsSpan());
        var x = jwk.X is null ? null : StrictBase64Url.TryDecode(jwk.X.AsSpan());
        var y = jwk.Y is null ? null : StrictBase64Url.TryDecode(jwk.Y.AsSpan());
        if (d is null || x is null || y is null || d.Length != size || x.Length != size || y.Length != size)
        {
            throw new ArgumentException("The reader key's coordinates are missing or of the wrong length.", nameof(jwk));
        }

        return ECDiffieHellman.Create(new ECParameters { Curve = curve, D = d, Q = new ECPoint { X = x, Y = y } });
    }

    /// <summary>ECDH Z (the x coordinate) between a private key and a peer's public JWK; null when the peer key is unusable.</summary>
    public static byte[]? Agree(ECDiffieHellman own, Jwk peer)
    {
        if (peer.Kty != JwkKeyTypes.EC || !EcCurves.TryGet(peer.Crv, out var curve, out var size))
        {
            return null;
        }

        var x = peer.X is null ? null : StrictBase64Url.TryDecode(peer.X.AsSpan());
        var y = peer.Y is null ? null : StrictBase64Url.TryDecode(peer.Y.AsSpan());
        if (x is null || y is null || x.Length != size || y.Length != size || own.KeySize != size * 8)
        {
            return null;
        }

        try
        {
            using var other = ECDiffieHellman.Create(new ECParameters { Curve = curve, Q = new ECPoint { X = x, Y = y } });
            return own.DeriveRawSecretAgreement(other.PublicKey);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>HKDF-SHA256(Z, salt = SHA-256(SessionTranscriptBytes), info, 32).</summary>
    public static byte[] Derive(ReadOnlySpan<byte> sharedSecret, SessionTranscript transcript, string info)
    {
        Span<byte> salt = stackalloc byte[32];
        SHA256.HashData(transcript.TaggedBytes.Span, salt);
        var key = new byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, sharedSecret, key, salt, Encoding.ASCII.GetBytes(info));
        return key;
    }

    /// <summary>EMacKey (§9.1.3.5) from the reader side: ECDH(EReaderKey.d, SDeviceKey).</summary>
    public static byte[]? DeriveEMacKey(ECDiffieHellman readerKey, Jwk deviceKey, SessionTranscript transcript)
    {
        var z = Agree(readerKey, deviceKey);
        if (z is null)
        {
            return null;
        }

        var key = Derive(z, transcript, "EMacKey");
        CryptographicOperations.ZeroMemory(z);
        return key;
    }

    /// <summary>The AES-GCM IV (§9.1.1.5): 8-byte identifier (0 for the reader, 1 for the device) ‖ 4-byte big-endian counter.</summary>
    public static byte[] Iv(bool fromDevice, uint counter)
    {
        var iv = new byte[12];
        iv[7] = fromDevice ? (byte)1 : (byte)0;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(iv.AsSpan(8), counter);
        return iv;
    }

    /// <summary>Decrypts session data (ciphertext ‖ 16-byte tag, empty AAD); null when it does not authenticate.</summary>
    public static byte[]? Decrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> data)
    {
        if (data.Length < 16)
        {
            return null;
        }

        var plaintext = new byte[data.Length - 16];
        try
        {
            using var aes = new AesGcm(key, 16);
            aes.Decrypt(iv, data[..^16], data[^16..], plaintext);
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    /// <summary>Encrypts session data (ciphertext ‖ 16-byte tag, empty AAD).</summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> plaintext)
    {
        var output = new byte[plaintext.Length + 16];
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(iv, plaintext, output.AsSpan(0, plaintext.Length), output.AsSpan(plaintext.Length));
        return output;
    }
}
