using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace Credentials.Jose;

/// <summary>
/// A JWE content encryption algorithm (<c>enc</c>, RFC 7518 section 5). Instances are singletons; compare by reference.
/// </summary>
public sealed class JweEncryption
{
    private JweEncryption(string name, int keySize, int ivSize, int tagSize, bool isGcm)
    {
        Name = name;
        KeySize = keySize;
        IvSize = ivSize;
        TagSize = tagSize;
        IsGcm = isGcm;
    }

    /// <summary><c>A128GCM</c>: AES-GCM with a 128-bit key (RFC 7518 section 5.3).</summary>
    public static JweEncryption A128Gcm { get; } = new("A128GCM", 16, 12, 16, isGcm: true);

    /// <summary><c>A256GCM</c>: AES-GCM with a 256-bit key (RFC 7518 section 5.3).</summary>
    public static JweEncryption A256Gcm { get; } = new("A256GCM", 32, 12, 16, isGcm: true);

    /// <summary>Every content encryption algorithm this library implements.</summary>
    public static IReadOnlyList<JweEncryption> All { get; } = [A128Gcm, A256Gcm];

    /// <summary>The default decrypter allow-list: <c>A128GCM</c> and <c>A256GCM</c>.</summary>
    public static IReadOnlyList<JweEncryption> DefaultAllowed { get; } = [A128Gcm, A256Gcm];

    /// <summary>The <c>enc</c> header value.</summary>
    public string Name { get; }

    /// <summary>The content encryption key length in bytes.</summary>
    public int KeySize { get; }

    /// <summary>The initialization vector length in bytes.</summary>
    public int IvSize { get; }

    /// <summary>The authentication tag length in bytes.</summary>
    public int TagSize { get; }

    internal bool IsGcm { get; }

    /// <summary>Looks up an algorithm by its <c>enc</c> name (case-sensitive).</summary>
    /// <param name="name">The <c>enc</c> value.</param>
    /// <param name="encryption">The algorithm, when known.</param>
    /// <returns><see langword="true"/> when known.</returns>
    public static bool TryGet(string? name, [NotNullWhen(true)] out JweEncryption? encryption)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name, name, StringComparison.Ordinal))
            {
                encryption = candidate;
                return true;
            }
        }

        encryption = null;
        return false;
    }

    /// <summary>The <c>enc</c> name.</summary>
    public override string ToString() => Name;
}
