using System;
using System.Security.Cryptography;
using System.Text;

namespace Credentials.AspNetCore.Diagnostics;

/// <summary>
/// Names a secret identifier (an OpenID4VP transaction id) in logs without giving it away: the first 8 bytes of its
/// SHA-256 over UTF-8, as 16 lowercase hex digits. The app computes the same value to find its transaction's lines.
/// </summary>
internal static class LogDigest
{
    public static string Of(string? secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return "-";
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var length = Encoding.UTF8.GetByteCount(secret);
        var bytes = length <= 256 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(secret, bytes);
        SHA256.HashData(bytes, hash);
        return Convert.ToHexStringLower(hash[..8]);
    }
}
