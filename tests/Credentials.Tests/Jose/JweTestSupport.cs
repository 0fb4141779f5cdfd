using System;
using System.Security.Cryptography;
using System.Text;
using Credentials.Internal;
using Credentials.Jose;
using Credentials.Keys;

namespace Credentials.Tests.Jose;

/// <summary>Builds JWEs with a header of the test's choosing but correct cryptography, to reach checks past the tag.</summary>
internal static class JweTestSupport
{
    public static string B64(string text) => StrictBase64Url.Encode(Encoding.UTF8.GetBytes(text));

    public static string B64(ReadOnlySpan<byte> bytes) => StrictBase64Url.Encode(bytes);

    public static byte[] Unb64(string text) => StrictBase64Url.TryDecode(text.AsSpan()) ?? throw new FormatException();

    /// <summary>
    /// Encrypts to <paramref name="recipient"/> under a header made by <paramref name="header"/> from the ephemeral
    /// public JWK's JSON; the KDF uses <paramref name="kdfEnc"/> and the given apu/apv.
    /// </summary>
    public static string Forge(Jwk recipient, Func<string, string> header, JweEncryption encryption, byte[] plaintext, byte[]? apu = null, byte[]? apv = null)
    {
        using var ephemeral = KeyAgreementKey.CreateEc(recipient.Crv!);
        var z = ephemeral.DeriveRawSecret(recipient.ToPublic())!;
        var cek = new byte[encryption.KeySize];
        JweCrypto.ConcatKdf(z, encryption.Name, apu ?? [], apv ?? [], cek);
        var encodedHeader = B64(header(ephemeral.PublicJwk.ToJson()));
        var iv = RandomNumberGenerator.GetBytes(encryption.IvSize);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[encryption.TagSize];
        JweCrypto.Encrypt(encryption, cek, iv, plaintext, Encoding.ASCII.GetBytes(encodedHeader), ciphertext, tag);
        return $"{encodedHeader}..{B64(iv)}.{B64(ciphertext)}.{B64(tag)}";
    }

    /// <summary>Replaces part <paramref name="index"/> of a compact JWE.</summary>
    public static string WithPart(string jwe, int index, string value)
    {
        var parts = jwe.Split('.');
        parts[index] = value;
        return string.Join('.', parts);
    }

    /// <summary>Flips one bit of the decoded part <paramref name="index"/>.</summary>
    public static string FlipBit(string jwe, int index, int byteIndex = 0)
    {
        var bytes = Unb64(jwe.Split('.')[index]);
        bytes[byteIndex] ^= 0x01;
        return WithPart(jwe, index, B64(bytes));
    }
}
