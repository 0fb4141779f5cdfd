using System;
using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Credentials.Internal;
using Credentials.Keys;

namespace Credentials.Jose;

/// <summary>
/// Encrypts to a recipient's public key as a JWE compact serialization (RFC 7516 section 7.1) with ephemeral-static
/// ECDH direct key agreement (<c>ECDH-ES</c>, RFC 7518 section 4.6). Stateless and thread-safe.
/// </summary>
public static class JweEncrypter
{
    /// <summary>
    /// Encrypts <paramref name="plaintext"/> to <paramref name="recipientPublicKey"/>: a fresh ephemeral key on the
    /// recipient's curve, the Concat KDF for the content encryption key, a random 96-bit IV and AES-GCM with a 128-bit
    /// tag over the protected header as additional authenticated data.
    /// </summary>
    /// <param name="plaintext">The plaintext.</param>
    /// <param name="recipientPublicKey">The recipient's EC public key on P-256, P-384 or P-521 (a private part is ignored).</param>
    /// <param name="encryption">The content encryption algorithm.</param>
    /// <param name="options">Optional protected header members (<c>kid</c>, <c>typ</c>, <c>cty</c>, <c>apu</c>, <c>apv</c>, others).</param>
    /// <returns>The compact serialization <c>header..iv.ciphertext.tag</c> (the encrypted key is empty under direct key agreement).</returns>
    /// <exception cref="ArgumentException">The key is not a usable EC public key for ECDH-ES, or an additional header member is reserved.</exception>
    public static string Encrypt(ReadOnlySpan<byte> plaintext, Jwk recipientPublicKey, JweEncryption encryption, JweHeaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(recipientPublicKey);
        ArgumentNullException.ThrowIfNull(encryption);
        CheckRecipientKey(recipientPublicKey);
        if (!KeyAgreementKey.TryGetEcCurve(recipientPublicKey.Crv, out var curve, out _))
        {
            throw new ArgumentException("The recipient key must be an EC key on P-256, P-384 or P-521.", nameof(recipientPublicKey));
        }

        using var ephemeral = ECDiffieHellman.Create(curve);
        Span<byte> iv = stackalloc byte[encryption.IvSize];

        // RFC 7518 section 5.3: a 96-bit IV, never reused under a key; every message has a fresh key here too.
        RandomPool.Fill(iv);
        return EncryptWith(plaintext, recipientPublicKey, encryption, options, ephemeral, iv);
    }

    /// <summary>Encrypts with a given ephemeral key and IV: deterministic, for test vectors only.</summary>
    internal static string EncryptWith(ReadOnlySpan<byte> plaintext, Jwk recipientPublicKey, JweEncryption encryption, JweHeaderOptions? options, ECDiffieHellman ephemeral, ReadOnlySpan<byte> iv)
    {
        CheckRecipientKey(recipientPublicKey);
        if (!KeyAgreementKey.TryImportEcPublic(recipientPublicKey.ToPublic(), recipientPublicKey.Crv, out var recipient))
        {
            throw new ArgumentException("The recipient key is not a valid EC public key on P-256, P-384 or P-521.", nameof(recipientPublicKey));
        }

        byte[] z;
        using (recipient)
        {
            z = ephemeral.DeriveRawSecretAgreement(recipient.PublicKey);
        }

        var q = ephemeral.ExportParameters(includePrivateParameters: false).Q;
        var epk = new Jwk { Kty = JwkKeyTypes.EC, Crv = recipientPublicKey.Crv, X = StrictBase64Url.Encode(q.X), Y = StrictBase64Url.Encode(q.Y) };
        var header = WriteHeader(encryption, epk, options);
        var encodedHeader = StrictBase64Url.Encode(header);

        var cek = new byte[encryption.KeySize];
        var ciphertext = new byte[JweCrypto.CiphertextLength(encryption, plaintext.Length)];
        var tag = new byte[encryption.TagSize];
        try
        {
            // RFC 7518 section 4.6.2: the Concat KDF with the enc value as AlgorithmID under direct key agreement.
            JweCrypto.ConcatKdf(z, encryption.Name, (options?.AgreementPartyUInfo ?? default).Span, (options?.AgreementPartyVInfo ?? default).Span, cek);

            // RFC 7516 section 5.1 step 14: the AAD is ASCII(BASE64URL(UTF8(JWE Protected Header))).
            JweCrypto.Encrypt(encryption, cek, iv, plaintext, Encoding.ASCII.GetBytes(encodedHeader), ciphertext, tag);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(z);
            CryptographicOperations.ZeroMemory(cek);
        }

        // RFC 7516 section 7.1; section 5.1 step 5: the encrypted key is empty under direct key agreement.
        return string.Concat(encodedHeader, "..", StrictBase64Url.Encode(iv), ".", StrictBase64Url.Encode(ciphertext), ".", StrictBase64Url.Encode(tag));
    }

    private static void CheckRecipientKey(Jwk key)
    {
        if (key.Kty != JwkKeyTypes.EC || !KeyAgreementKey.TryGetEcCurve(key.Crv, out _, out _))
        {
            throw new ArgumentException("The recipient key must be an EC key on P-256, P-384 or P-521.", nameof(key));
        }

        // RFC 7517 sections 4.2 and 4.4: a key marked for signatures or for another algorithm is not used here.
        if ((key.Use is not null && key.Use != "enc") || (key.Alg is not null && key.Alg != JweAlgorithm.EcdhEs.Name))
        {
            throw new ArgumentException("The recipient key's 'use' or 'alg' does not allow ECDH-ES encryption.", nameof(key));
        }
    }

    private static byte[] WriteHeader(JweEncryption encryption, Jwk epk, JweHeaderOptions? options)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, SafeJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("alg", JweAlgorithm.EcdhEs.Name);
            writer.WriteString("enc", encryption.Name);
            if (options?.KeyId is { } kid)
            {
                writer.WriteString("kid", kid);
            }

            if (options?.Type is { } typ)
            {
                writer.WriteString("typ", typ);
            }

            if (options?.ContentType is { } cty)
            {
                writer.WriteString("cty", cty);
            }

            writer.WritePropertyName("epk");
            epk.WriteTo(writer);
            if (options?.AgreementPartyUInfo is { } apu)
            {
                writer.WriteString("apu", StrictBase64Url.Encode(apu.Span));
            }

            if (options?.AgreementPartyVInfo is { } apv)
            {
                writer.WriteString("apv", StrictBase64Url.Encode(apv.Span));
            }

            if (options?.AdditionalMembers is { } extra)
            {
                foreach (var (name, value) in extra)
                {
                    if (name is "alg" or "enc" or "epk" or "kid" or "typ" or "cty" or "apu" or "apv" or "zip")
                    {
                        throw new ArgumentException($"The header member '{name}' cannot be set as an additional member.", nameof(options));
                    }

                    writer.WritePropertyName(name);
                    value.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
