using System;
using System.Security.Cryptography;
using System.Text;
using Credentials.Internal;
using Credentials.Jose;
using Credentials.Keys;

namespace Credentials.W3c.OpenBadges;

/// <summary>
/// <c>RS256</c> (RSASSA-PKCS1-v1_5 with SHA-256, RFC 7518 section 3.3) for verifying Open Badges JWTs only: section
/// 8.2.3 makes it the algorithm every implementation supports. It is deliberately not a <see cref="JwsAlgorithm"/>, so
/// no other token format of the library accepts RSA.
/// </summary>
internal static class OpenBadgeJwtRsa
{
    /// <summary>The <c>alg</c> name.</summary>
    public const string Rs256 = "RS256";

    /// <summary>The longest modulus verified, in bits: a bound on the work a token can ask for.</summary>
    public const int MaxModulusBits = 8192;

    /// <summary>The shortest modulus any verifier may be configured to accept (RFC 7518 section 3.3: 2048 bits or larger).</summary>
    public const int MinModulusBits = 2048;

    /// <summary>
    /// Checks an RSA public JWK: a minimally encoded modulus of <paramref name="minBits"/> to <see cref="MaxModulusBits"/>
    /// bits, and an odd public exponent with 65537 ≤ e &lt; 2^256 (NIST SP 800-56B section 6.2). Returns the decoded
    /// modulus and exponent.
    /// </summary>
    public static VerificationError? CheckKey(Jwk key, int minBits, out byte[] modulus, out byte[] exponent)
    {
        modulus = [];
        exponent = [];
        var n = key.N is null ? null : StrictBase64Url.TryDecode(key.N.AsSpan());
        var e = key.E is null ? null : StrictBase64Url.TryDecode(key.E.AsSpan());
        if (n is null || e is null || n.Length == 0 || e.Length == 0)
        {
            return new VerificationError(KeyErrors.InvalidJwk, "An RSA JWK needs base64url 'n' and 'e'.");
        }

        // RFC 7518 section 6.3.1.1: the minimum number of octets, so no leading zero.
        if (n[0] == 0 || e[0] == 0)
        {
            return new VerificationError(OpenBadgeJwtErrors.WeakKey, "The RSA modulus and exponent must be minimally encoded.");
        }

        var bits = (n.Length * 8) - System.Numerics.BitOperations.LeadingZeroCount((uint)n[0]) + 24;
        if (bits < minBits || bits > MaxModulusBits)
        {
            return new VerificationError(OpenBadgeJwtErrors.WeakKey, $"The RSA modulus must have {minBits} to {MaxModulusBits} bits.");
        }

        // An odd exponent of at least 65537 (three bytes 01 00 01) and fewer than 257 bits.
        var atLeast65537 = e.Length > 3 || (e.Length == 3 && (e[0] > 1 || (e[0] == 1 && (e[1] > 0 || e[2] >= 1))));
        if ((e[^1] & 1) == 0 || !atLeast65537 || e.Length > 32)
        {
            return new VerificationError(OpenBadgeJwtErrors.WeakKey, "The RSA public exponent must be odd, at least 65537 and below 2^256.");
        }

        modulus = n;
        exponent = e;
        return null;
    }

    private static bool HasVerify(System.Collections.Generic.IReadOnlyList<string> ops)
    {
        foreach (var op in ops)
        {
            if (string.Equals(op, "verify", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Verifies the JWS signature with an RSA public JWK; never throws for bad keys or signatures.</summary>
    public static VerificationError? Verify(Jws jws, Jwk key, int minBits)
    {
        if (!string.Equals(key.Kty, JwkKeyTypes.Rsa, StringComparison.Ordinal))
        {
            return new VerificationError(JoseErrors.KeyAlgorithmMismatch, "Only an RSA key can verify 'RS256'.");
        }

        // RFC 7517 section 4.4: a JWK that states its algorithm is for that algorithm only; 'use'/'key_ops' for verifying.
        if ((key.Alg is not null && !string.Equals(key.Alg, Rs256, StringComparison.Ordinal))
            || (key.Use is not null && !string.Equals(key.Use, "sig", StringComparison.Ordinal))
            || (key.KeyOps is { } ops && !HasVerify(ops)))
        {
            return new VerificationError(JoseErrors.KeyAlgorithmMismatch, "The RSA key's 'alg', 'use' or 'key_ops' does not allow verifying 'RS256'.");
        }

        var error = CheckKey(key, minBits, out var n, out var e);
        if (error is not null)
        {
            return error;
        }

        // RFC 8017 section 8.2.2 step 1: the signature is exactly as long as the modulus.
        var signature = jws.Signature.Span;
        if (signature.Length != n.Length)
        {
            return new VerificationError(JoseErrors.InvalidSignature, "The JWS signature does not verify.");
        }

        // Both parts passed the strict base64url check, so they are ASCII: one byte per character.
        var header = jws.EncodedHeader;
        var payload = jws.EncodedPayloadMemory.Span;
        var signingInput = new byte[header.Length + 1 + payload.Length];
        var written = Encoding.ASCII.GetBytes(header, signingInput);
        signingInput[written++] = (byte)'.';
        Encoding.ASCII.GetBytes(payload, signingInput.AsSpan(written));
        try
        {
            using var rsa = RSA.Create(new RSAParameters { Modulus = n, Exponent = e });
            return rsa.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                ? null
                : new VerificationError(JoseErrors.InvalidSignature, "The JWS signature does not verify.");
        }
        catch (CryptographicException)
        {
            return new VerificationError(KeyErrors.InvalidJwk, "The RSA public key cannot be imported.");
        }
    }
}
