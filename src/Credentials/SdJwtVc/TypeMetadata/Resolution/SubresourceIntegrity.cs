using System;
using System.Security.Cryptography;

namespace Credentials.SdJwtVc.TypeMetadata.Resolution;

/// <summary>
/// "Integrity metadata" strings of W3C Subresource Integrity (section 3), as SD-JWT VC uses them for <c>vct#integrity</c>,
/// <c>extends#integrity</c> and <c>uri#integrity</c> (draft-ietf-oauth-sd-jwt-vc section 6): whitespace-separated
/// <c>alg-base64digest</c> expressions such as <c>sha256-vJKakJAQkDYkIhGrT1M3nxRuSj9udH0l1PXB06QHto8=</c>.
/// </summary>
/// <remarks>
/// Digests are computed over the exact octets retrieved, never over a re-serialization. When several expressions are
/// given, only those with the strongest supported algorithm count, and the document matches if any of them matches
/// (compared in constant time). Expressions with unknown algorithms or malformed base64 are ignored (SRI section 3.3.3);
/// if no expression with a supported algorithm remains, the document is rejected.
/// </remarks>
public static class SubresourceIntegrity
{
    /// <summary>Computes integrity metadata for the bytes, for example <c>sha256-…</c>.</summary>
    /// <param name="data">The exact bytes as published.</param>
    /// <param name="algorithm">The hash algorithm. SHA-256 is what the draft's examples use.</param>
    /// <exception cref="ArgumentOutOfRangeException">The algorithm is not defined.</exception>
    public static string Compute(ReadOnlySpan<byte> data, IntegrityAlgorithm algorithm = IntegrityAlgorithm.Sha256)
    {
        Span<byte> digest = stackalloc byte[64];
        var length = Hash(algorithm, data, digest);
        return Prefix(algorithm) + Convert.ToBase64String(digest[..length]);
    }

    /// <summary>Whether the bytes match the integrity metadata (see the type's remarks for the rules).</summary>
    /// <param name="data">The exact bytes retrieved.</param>
    /// <param name="integrity">The integrity metadata.</param>
    /// <returns><see langword="true"/> when the bytes match; <see langword="false"/> when they do not, or when no expression uses a supported algorithm.</returns>
    public static bool Verify(ReadOnlySpan<byte> data, string integrity)
    {
        ArgumentNullException.ThrowIfNull(integrity);
        return Check(data, integrity) is null;
    }

    /// <summary>Whether the string has at least one well-formed expression with a supported algorithm.</summary>
    /// <param name="integrity">The integrity metadata.</param>
    public static bool IsSupported(string? integrity) => integrity is not null && Strongest(integrity) is not null;

    /// <summary>Checks the bytes; returns null when they match, otherwise the error (integrity_invalid or integrity_mismatch).</summary>
    internal static VerificationError? Check(ReadOnlySpan<byte> data, string integrity)
    {
        var strongest = Strongest(integrity);
        if (strongest is not { } algorithm)
        {
            return new VerificationError(TypeMetadataErrors.IntegrityInvalid, "The integrity metadata has no expression with a supported algorithm (sha256, sha384, sha512).");
        }

        Span<byte> computed = stackalloc byte[64];
        var length = Hash(algorithm, data, computed);
        Span<byte> expected = stackalloc byte[64];
        var matched = false;
        foreach (var range in integrity.AsSpan().SplitAny(" \t\r\n\f"))
        {
            var token = integrity.AsSpan(range);
            if (TryParseExpression(token, out var a, expected, out var written) && a == algorithm && written == length
                && CryptographicOperations.FixedTimeEquals(expected[..written], computed[..length]))
            {
                matched = true;
            }
        }

        return matched
            ? null
            : new VerificationError(TypeMetadataErrors.IntegrityMismatch, $"The document's {Prefix(algorithm).TrimEnd('-')} digest does not match the integrity metadata.");
    }

    private static IntegrityAlgorithm? Strongest(string integrity)
    {
        IntegrityAlgorithm? best = null;
        Span<byte> scratch = stackalloc byte[64];
        foreach (var range in integrity.AsSpan().SplitAny(" \t\r\n\f"))
        {
            if (TryParseExpression(integrity.AsSpan(range), out var algorithm, scratch, out _) && (best is null || algorithm > best))
            {
                best = algorithm;
            }
        }

        return best;
    }

    // hash-expression = hash-algo "-" base64-value [ "?" option-expression ]; base64-value is standard base64 (padding optional).
    private static bool TryParseExpression(ReadOnlySpan<char> token, out IntegrityAlgorithm algorithm, Span<byte> digest, out int written)
    {
        algorithm = default;
        written = 0;
        var dash = token.IndexOf('-');
        if (dash <= 0)
        {
            return false;
        }

        var name = token[..dash];
        if (name.Equals("sha256", StringComparison.OrdinalIgnoreCase))
        {
            algorithm = IntegrityAlgorithm.Sha256;
        }
        else if (name.Equals("sha384", StringComparison.OrdinalIgnoreCase))
        {
            algorithm = IntegrityAlgorithm.Sha384;
        }
        else if (name.Equals("sha512", StringComparison.OrdinalIgnoreCase))
        {
            algorithm = IntegrityAlgorithm.Sha512;
        }
        else
        {
            return false;
        }

        var value = token[(dash + 1)..];
        var option = value.IndexOf('?');
        if (option >= 0)
        {
            value = value[..option];
        }

        if (value.IsEmpty || value.Length > 100)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '='))
            {
                return false;
            }
        }

        Span<char> padded = stackalloc char[104];
        value.CopyTo(padded);
        var length = value.Length;
        while (length % 4 != 0)
        {
            padded[length++] = '=';
        }

        if (!Convert.TryFromBase64Chars(padded[..length], digest, out written))
        {
            return false;
        }

        return written == (int)algorithm / 8;
    }

    private static int Hash(IntegrityAlgorithm algorithm, ReadOnlySpan<byte> data, Span<byte> destination) => algorithm switch
    {
        IntegrityAlgorithm.Sha256 => SHA256.HashData(data, destination),
        IntegrityAlgorithm.Sha384 => SHA384.HashData(data, destination),
        IntegrityAlgorithm.Sha512 => SHA512.HashData(data, destination),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    private static string Prefix(IntegrityAlgorithm algorithm) => algorithm switch
    {
        IntegrityAlgorithm.Sha256 => "sha256-",
        IntegrityAlgorithm.Sha384 => "sha384-",
        IntegrityAlgorithm.Sha512 => "sha512-",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };
}
