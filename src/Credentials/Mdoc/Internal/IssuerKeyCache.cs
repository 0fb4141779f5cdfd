using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Credentials.Internal;
using Credentials.Keys;

namespace Credentials.Mdoc.Internal;

/// <summary>A document signer whose chain was validated: its certificate and imported key.</summary>
internal sealed record TrustedSigner(X509Certificate2 Certificate, VerificationKey Key, DateTimeOffset CachedUntil);

/// <summary>
/// Validated document-signer chains per SHA-256 of the x5chain, for a short time: a verifier sees the same few
/// document signers again and again, and parsing, chain building and key import cost more than the signature check.
/// </summary>
internal sealed class IssuerKeyCache
{
    private const int MaxEntries = 256;
    private readonly ConcurrentDictionary<string, TrustedSigner> _entries = new(StringComparer.Ordinal);

    public static string KeyOf(IReadOnlyList<ReadOnlyMemory<byte>> chain)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[4];
        foreach (var cert in chain)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, cert.Length);
            hash.AppendData(length);
            hash.AppendData(cert.Span);
        }

        return StrictBase64Url.Encode(hash.GetHashAndReset());
    }

    public bool TryGet(string key, DateTimeOffset now, out TrustedSigner? signer)
    {
        if (_entries.TryGetValue(key, out signer) && now < signer.CachedUntil && now <= signer.Certificate.NotAfter && now >= signer.Certificate.NotBefore)
        {
            return true;
        }

        signer = null;
        return false;
    }

    public void Add(string key, TrustedSigner signer)
    {
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[key] = signer;
    }
}
