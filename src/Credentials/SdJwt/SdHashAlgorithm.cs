using System;
using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Credentials.SdJwt;

/// <summary>
/// A hash algorithm for disclosure digests and <c>sd_hash</c>, named as in the IANA Named Information Hash Algorithm
/// registry (RFC 9901 section 4.1.1). Singletons; compare by reference.
/// </summary>
public sealed class SdHashAlgorithm
{
    private SdHashAlgorithm(string name, int size)
    {
        Name = name;
        HashSize = size;
    }

    /// <summary><c>sha-256</c>, the default (RFC 9901 section 4.1.1).</summary>
    public static SdHashAlgorithm Sha256 { get; } = new("sha-256", 32);

    /// <summary><c>sha-384</c>.</summary>
    public static SdHashAlgorithm Sha384 { get; } = new("sha-384", 48);

    /// <summary><c>sha-512</c>.</summary>
    public static SdHashAlgorithm Sha512 { get; } = new("sha-512", 64);

    /// <summary>The <c>_sd_alg</c> name.</summary>
    public string Name { get; }

    /// <summary>The digest size in bytes.</summary>
    public int HashSize { get; }

    /// <summary>Looks up an algorithm by its <c>_sd_alg</c> name.</summary>
    /// <param name="name">The name.</param>
    /// <param name="algorithm">The algorithm, when known.</param>
    /// <returns><see langword="true"/> when known.</returns>
    public static bool TryGet(string? name, [NotNullWhen(true)] out SdHashAlgorithm? algorithm)
    {
        algorithm = name switch
        {
            "sha-256" => Sha256,
            "sha-384" => Sha384,
            "sha-512" => Sha512,
            _ => null,
        };
        return algorithm is not null;
    }

    /// <summary>Hashes bytes into <paramref name="destination"/> (exactly <see cref="HashSize"/> bytes).</summary>
    /// <param name="data">The data.</param>
    /// <param name="destination">The destination.</param>
    public void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        switch (HashSize)
        {
            case 32: SHA256.HashData(data, destination); break;
            case 48: SHA384.HashData(data, destination); break;
            default: SHA512.HashData(data, destination); break;
        }
    }

    /// <summary>
    /// The base64url digest of the ASCII bytes of an encoded string, as used for disclosures (RFC 9901 section 4.2.3)
    /// and <c>sd_hash</c> (section 4.3.1). The input is hashed exactly as given, never re-serialized.
    /// </summary>
    /// <param name="encoded">The encoded string (base64url disclosure or the presentation prefix).</param>
    public string ComputeDigest(ReadOnlySpan<char> encoded)
    {
        var byteCount = Encoding.UTF8.GetByteCount(encoded);
        byte[]? rented = null;
        var bytes = byteCount <= 1024 ? stackalloc byte[byteCount] : (rented = ArrayPool<byte>.Shared.Rent(byteCount)).AsSpan(0, byteCount);
        try
        {
            Encoding.UTF8.GetBytes(encoded, bytes);
            return ComputeDigest(bytes);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// The base64url digest of the UTF-8 of <paramref name="encoded"/>, written as UTF-8 into
    /// <paramref name="destination"/> (at least 88 bytes); returns the length.
    /// </summary>
    internal int ComputeDigestUtf8(ReadOnlySpan<char> encoded, Span<byte> destination)
    {
        var byteCount = Encoding.UTF8.GetByteCount(encoded);
        byte[]? rented = null;
        var bytes = byteCount <= 1024 ? stackalloc byte[byteCount] : (rented = ArrayPool<byte>.Shared.Rent(byteCount)).AsSpan(0, byteCount);
        try
        {
            Encoding.UTF8.GetBytes(encoded, bytes);
            Span<byte> digest = stackalloc byte[HashSize];
            Hash(bytes, digest);
            return Base64Url.EncodeToUtf8(digest, destination);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The base64url digest of bytes.</summary>
    internal string ComputeDigest(ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[HashSize];
        Hash(data, digest);
        return Base64Url.EncodeToString(digest);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
