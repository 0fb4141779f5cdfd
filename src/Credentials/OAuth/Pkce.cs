using System;
using System.Security.Cryptography;
using System.Text;

namespace Credentials.OAuth;

/// <summary>
/// Proof Key for Code Exchange (RFC 7636) with the <c>S256</c> method, the only one HAIP 1.0 and OAuth 2.0 Security
/// BCP (RFC 9700 section 2.1.1) allow: the client keeps a random <c>code_verifier</c>, sends
/// <c>code_challenge = BASE64URL(SHA-256(ASCII(code_verifier)))</c> with the authorization request and the verifier with
/// the token request.
/// </summary>
public static class Pkce
{
    /// <summary>The method name, <c>S256</c>.</summary>
    public const string S256 = "S256";

    /// <summary>The shortest <c>code_verifier</c>: 43 characters (RFC 7636 section 4.1).</summary>
    public const int MinVerifierLength = 43;

    /// <summary>The longest <c>code_verifier</c>: 128 characters (RFC 7636 section 4.1).</summary>
    public const int MaxVerifierLength = 128;

    /// <summary>The length of an <c>S256</c> <c>code_challenge</c>: 43 characters (32 bytes, base64url without padding).</summary>
    public const int S256ChallengeLength = 43;

    /// <summary>Creates a <c>code_verifier</c>: 32 random bytes, base64url encoded (43 characters, RFC 7636 section 4.1).</summary>
    /// <returns>The verifier.</returns>
    public static string CreateVerifier() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Computes the <c>S256</c> <c>code_challenge</c> of a verifier (RFC 7636 section 4.2).</summary>
    /// <param name="verifier">A verifier of 43 to 128 unreserved characters (<c>[A-Za-z0-9-._~]</c>).</param>
    /// <returns>The challenge.</returns>
    /// <exception cref="ArgumentException">The verifier does not have the syntax of RFC 7636 section 4.1.</exception>
    public static string ComputeS256Challenge(string verifier)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        if (!IsValidVerifier(verifier))
        {
            throw new ArgumentException("A code_verifier has 43 to 128 characters of [A-Za-z0-9-._~].", nameof(verifier));
        }

        return System.Buffers.Text.Base64Url.EncodeToString(Digest(verifier));
    }

    /// <summary>
    /// Whether <paramref name="verifier"/> matches the <c>S256</c> <paramref name="challenge"/> (RFC 7636 section 4.6),
    /// comparing in constant time. A verifier without the syntax of section 4.1, or a challenge that is not 43
    /// base64url characters, never matches.
    /// </summary>
    /// <param name="verifier">The <c>code_verifier</c> from the token request (untrusted).</param>
    /// <param name="challenge">The <c>code_challenge</c> from the authorization request.</param>
    /// <returns><see langword="true"/> when they match.</returns>
    public static bool VerifyS256(string? verifier, string? challenge)
    {
        if (verifier is null || challenge is null || !IsValidVerifier(verifier) || !IsValidS256Challenge(challenge))
        {
            return false;
        }

        // Compared as text: a challenge with non-canonical trailing bits decodes to the right digest but is not the
        // encoding RFC 7636 section 4.2 defines, so it does not match.
        Span<byte> computed = stackalloc byte[S256ChallengeLength];
        System.Buffers.Text.Base64Url.EncodeToUtf8(Digest(verifier), computed);
        Span<byte> given = stackalloc byte[S256ChallengeLength];
        Encoding.ASCII.GetBytes(challenge, given);
        return CryptographicOperations.FixedTimeEquals(computed, given);
    }

    /// <summary>Whether a <c>code_verifier</c> has the syntax of RFC 7636 section 4.1: 43 to 128 characters of <c>[A-Za-z0-9-._~]</c>.</summary>
    /// <param name="verifier">The verifier.</param>
    /// <returns><see langword="true"/> when well formed.</returns>
    public static bool IsValidVerifier(string? verifier)
        => verifier is { Length: >= MinVerifierLength and <= MaxVerifierLength } && IsUnreserved(verifier);

    /// <summary>Whether a <c>code_challenge</c> can be an <c>S256</c> challenge: 43 base64url characters (RFC 7636 section 4.2).</summary>
    /// <param name="challenge">The challenge.</param>
    /// <returns><see langword="true"/> when well formed.</returns>
    public static bool IsValidS256Challenge(string? challenge)
    {
        if (challenge is not { Length: S256ChallengeLength })
        {
            return false;
        }

        foreach (var c in challenge)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUnreserved(string value)
    {
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~'))
            {
                return false;
            }
        }

        return true;
    }

    private static byte[] Digest(string verifier) => SHA256.HashData(Encoding.ASCII.GetBytes(verifier));
}
