using System;
using System.Security.Cryptography;
using Credentials.Internal;

namespace Credentials.SdJwt;

/// <summary>Creates disclosure salts. Inject a fixed generator only in tests that reproduce spec vectors.</summary>
public interface ISaltGenerator
{
    /// <summary>Returns a new salt (base64url).</summary>
    string NewSalt();
}

/// <summary>
/// The default salt generator: 128 bits from the operating system's CSPRNG, base64url-encoded
/// (RFC 9901 section 4.2.1 and 9.3).
/// </summary>
public sealed class RandomSaltGenerator : ISaltGenerator
{
    /// <summary>The shared instance.</summary>
    public static RandomSaltGenerator Instance { get; } = new();

    /// <inheritdoc />
    public string NewSalt()
    {
        Span<byte> salt = stackalloc byte[16];
        RandomPool.Fill(salt);
        var encoded = StrictBase64Url.Encode(salt);
        CryptographicOperations.ZeroMemory(salt);
        return encoded;
    }
}
