using System;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Credentials.Internal;
using Credentials.Keys;

namespace Credentials.Jose;

/// <summary>
/// Decrypts JWE compact serializations (RFC 7516 section 5.2) addressed to one EC private key with ephemeral-static
/// ECDH direct key agreement (<c>ECDH-ES</c>, RFC 7518 section 4.6). The decrypter, not the header, chooses the
/// algorithms. Never throws for bad input. Thread-safe once built.
/// </summary>
public sealed class JweDecrypter
{
    // RFC 7516 section 4.1 and RFC 7518 section 4.6.1: the registered header names a crit list must not repeat.
    private static readonly string[] s_registeredNames =
    [
        "alg", "enc", "zip", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit", "epk", "apu", "apv",
    ];

    private readonly KeyAgreementKey _key;
    private readonly JweDecrypterOptions _options;

    /// <summary>Creates a decrypter for the recipient's private key.</summary>
    /// <param name="recipientKey">The recipient's EC key agreement key (P-256, P-384 or P-521). The caller keeps ownership and disposes it.</param>
    /// <param name="options">What to accept; <see cref="JweDecrypterOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">The key is not an EC key, or the options are invalid.</exception>
    public JweDecrypter(KeyAgreementKey recipientKey, JweDecrypterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(recipientKey);
        if (recipientKey.PublicJwk.Kty != JwkKeyTypes.EC)
        {
            throw new ArgumentException("JWE ECDH-ES decryption needs an EC key on P-256, P-384 or P-521.", nameof(recipientKey));
        }

        _key = recipientKey;
        _options = options ?? JweDecrypterOptions.Default;
        _options.Validate(nameof(options));
    }

    /// <summary>The recipient's public key (for example to publish in client metadata).</summary>
    public Jwk RecipientPublicKey => _key.PublicJwk;

    /// <summary>Decrypts a JWE compact serialization; never throws for bad input.</summary>
    /// <param name="compactJwe">The five dot-separated parts.</param>
    /// <returns>The plaintext and protected header, or a <see cref="JweErrors"/> error.</returns>
    public VerificationResult<JweDecryptionResult> Decrypt(string compactJwe)
    {
        ArgumentNullException.ThrowIfNull(compactJwe);
        if (compactJwe.Length > _options.MaxTokenLength)
        {
            return new VerificationError(JweErrors.TooLarge, $"The JWE is longer than {_options.MaxTokenLength} characters.");
        }

        // RFC 7516 section 7.1 and section 5.2 step 1: exactly five base64url parts.
        var span = compactJwe.AsSpan();
        Span<Range> parts = stackalloc Range[6];
        if (span.Split(parts, '.') != 5)
        {
            return Malformed("A JWE compact serialization has exactly five parts.");
        }

        var encodedHeader = span[parts[0]];
        var encodedKey = span[parts[1]];
        var encodedIv = span[parts[2]];
        var encodedCiphertext = span[parts[3]];
        var encodedTag = span[parts[4]];
        if (encodedHeader.IsEmpty)
        {
            return Malformed("The protected header is empty.");
        }

        // RFC 7516 section 5.2 step 10: under direct key agreement the encrypted key is the empty octet sequence.
        if (!encodedKey.IsEmpty)
        {
            return Malformed("The encrypted key must be empty under ECDH-ES direct key agreement.");
        }

        var headerBytes = StrictBase64Url.TryDecode(encodedHeader);
        if (headerBytes is null)
        {
            return Malformed("The protected header is not canonical base64url.");
        }

        using var document = SafeJson.TryParse(headerBytes, _options.MaxHeaderDepth);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return Malformed("The protected header is not a JSON object (or repeats a member).");
        }

        var header = document.RootElement;
        var check = CheckHeader(header, out var algorithm, out var encryption, out var epk, out var apu, out var apv);
        if (check is not null)
        {
            return check;
        }

        var iv = StrictBase64Url.TryDecode(encodedIv);
        var tag = StrictBase64Url.TryDecode(encodedTag);
        var ciphertext = StrictBase64Url.TryDecode(encodedCiphertext);
        if (iv is null || tag is null || ciphertext is null)
        {
            return Malformed("The IV, ciphertext or tag is not canonical base64url.");
        }

        // RFC 7518 section 5.3: a 96-bit IV and a 128-bit tag; nothing shorter is accepted.
        if (iv.Length != encryption!.IvSize || tag.Length != encryption.TagSize)
        {
            return Malformed("The IV or tag has the wrong length for the content encryption algorithm.");
        }

        // RFC 7518 section 4.6.2: Z from the recipient's private key and the epk; the platform import refuses a point
        // that is not on the curve (invalid-curve attack), and the curve must be the recipient key's own.
        var cek = JweCrypto.DeriveContentKey(_key, epk!, encryption, apu, apv);
        if (cek is null)
        {
            return new VerificationError(JweErrors.InvalidEpk, "The ephemeral public key is not a valid point on the recipient key's curve.");
        }

        var plaintext = new byte[ciphertext.Length];
        bool ok;
        try
        {
            // RFC 7516 section 5.2 step 14: AAD = ASCII(Encoded Protected Header) exactly as received.
            var aad = Encoding.ASCII.GetBytes(compactJwe, 0, encodedHeader.Length);
            ok = JweCrypto.TryDecrypt(encryption, cek, iv, ciphertext, tag, aad, plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(cek);
        }

        if (!ok)
        {
            // RFC 7516 section 11.5: one answer for every failure of the authenticated decryption.
            return new VerificationError(JweErrors.DecryptionFailed, "The JWE could not be decrypted.");
        }

        return new JweDecryptionResult(plaintext, header.Clone(), algorithm!, encryption);
    }

    private VerificationError? CheckHeader(JsonElement header, out JweAlgorithm? algorithm, out JweEncryption? encryption, out Jwk? epk, out byte[] apu, out byte[] apv)
    {
        algorithm = null;
        encryption = null;
        epk = null;
        apu = [];
        apv = [];
        foreach (var name in (ReadOnlySpan<string>)["alg", "enc", "kid", "typ", "cty", "apu", "apv"])
        {
            if (header.TryGetProperty(name, out var member) && member.ValueKind != JsonValueKind.String)
            {
                return Malformed($"The header member '{name}' must be a string.");
            }
        }

        // RFC 7516 section 4.1.1: alg is required; the decrypter's allow-list decides, never the header.
        if (!header.TryGetString("alg", out var alg))
        {
            return Malformed("The protected header has no 'alg'.");
        }

        if (!JweAlgorithm.TryGet(alg, out algorithm) || !Contains(_options.AllowedAlgorithms, algorithm))
        {
            return new VerificationError(JweErrors.UnsupportedAlgorithm, "The key management algorithm is not accepted.");
        }

        // RFC 7516 section 4.1.2: enc is required.
        if (!header.TryGetString("enc", out var enc))
        {
            return Malformed("The protected header has no 'enc'.");
        }

        if (!JweEncryption.TryGet(enc, out encryption) || !Contains(_options.AllowedEncryptions, encryption))
        {
            return new VerificationError(JweErrors.UnsupportedEncryption, "The content encryption algorithm is not accepted.");
        }

        // RFC 7516 section 4.1.3: zip is refused outright (no decompression, no decompression bomb).
        if (header.TryGetProperty("zip", out _))
        {
            return new VerificationError(JweErrors.UnsupportedCompression, "Compressed JWE plaintext is not accepted.");
        }

        var crit = CheckCritical(header);
        if (crit is not null)
        {
            return crit;
        }

        // RFC 7518 section 4.6.1.1: epk is required, a public JWK on the recipient's curve.
        if (!header.TryGetProperty("epk", out var epkElement) || epkElement.ValueKind != JsonValueKind.Object)
        {
            return new VerificationError(JweErrors.InvalidEpk, "The header has no 'epk' object.");
        }

        var epkResult = Jwk.ReadPublic(epkElement);
        if (!epkResult.IsValid || epkResult.Value.Kty != JwkKeyTypes.EC
            || !string.Equals(epkResult.Value.Crv, _key.PublicJwk.Crv, StringComparison.Ordinal))
        {
            return new VerificationError(JweErrors.InvalidEpk, "The ephemeral public key is not a public key on the recipient key's curve.");
        }

        epk = epkResult.Value;

        // RFC 7518 sections 4.6.1.2 and 4.6.1.3: apu and apv are base64url.
        if (header.TryGetString("apu", out var apuText) && (apu = StrictBase64Url.TryDecode(apuText.AsSpan())!) is null)
        {
            return Malformed("The header member 'apu' is not canonical base64url.");
        }

        if (header.TryGetString("apv", out var apvText) && (apv = StrictBase64Url.TryDecode(apvText.AsSpan())!) is null)
        {
            return Malformed("The header member 'apv' is not canonical base64url.");
        }

        return null;
    }

    // RFC 7516 section 4.1.13 (as RFC 7515 section 4.1.11): crit is a non-empty array of names that are not registered
    // header names, each present in the header and understood by the recipient.
    private VerificationError? CheckCritical(JsonElement header)
    {
        if (!header.TryGetProperty("crit", out var crit))
        {
            return null;
        }

        if (crit.ValueKind != JsonValueKind.Array || crit.GetArrayLength() == 0)
        {
            return new VerificationError(JweErrors.UnsupportedCriticalHeader, "'crit' must be a non-empty array.");
        }

        foreach (var item in crit.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return new VerificationError(JweErrors.UnsupportedCriticalHeader, "'crit' entries must be strings.");
            }

            var name = item.GetString()!;
            if (Array.IndexOf(s_registeredNames, name) >= 0 || !_options.UnderstoodCriticalHeaders.Contains(name) || !header.TryGetProperty(name, out _))
            {
                return new VerificationError(JweErrors.UnsupportedCriticalHeader, "A critical header is not understood.");
            }
        }

        return null;
    }

    private static bool Contains<T>(System.Collections.Generic.IReadOnlyList<T> list, T item)
        where T : class
    {
        foreach (var candidate in list)
        {
            if (ReferenceEquals(candidate, item))
            {
                return true;
            }
        }

        return false;
    }

    private static VerificationError Malformed(string message) => new(JweErrors.Malformed, message);
}
