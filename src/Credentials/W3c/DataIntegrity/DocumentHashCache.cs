using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Credentials.W3c.DataIntegrity;

/// <summary>
/// The document hashes computed while verifying one document, keyed by everything a document hash depends on besides
/// the document itself: the canonicalization, the hash, the chained proofs and (JCS) the <c>@context</c> used. Used by
/// one verification at a time; not thread-safe.
/// </summary>
internal sealed class DocumentHashCache
{
    private readonly Dictionary<string, byte[]> _hashes = new(StringComparer.Ordinal);

    public static string Key(bool jcs, HashAlgorithmName hash, IReadOnlyList<JsonElement> previousProofs, JsonElement? context)
    {
        var key = new StringBuilder();
        key.Append(jcs ? "jcs " : "rdfc ").Append(hash.Name);
        foreach (var previous in previousProofs)
        {
            key.Append('\n').Append(Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8Value(previous)));
        }

        if (context is { } replacement)
        {
            key.Append("\n@context ").Append(Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8Value(replacement)));
        }

        return key.ToString();
    }

    public bool TryGet(string key, out byte[] hash) => _hashes.TryGetValue(key, out hash!);

    public void Add(string key, byte[] hash) => _hashes[key] = hash;
}
