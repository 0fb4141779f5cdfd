using System;
using System.Collections.Generic;
using Credentials.Keys;

namespace Credentials.Wallet.OpenId4Vci;

/// <summary>The DPoP key of one issuer session and the latest <c>DPoP-Nonce</c> of each server (RFC 9449 sections 8 and 9).</summary>
internal sealed class DpopSession : IDisposable
{
    private readonly Dictionary<string, string> _nonces = new(StringComparer.Ordinal);

    public DpopSession(SigningKey key) => Key = key;

    /// <summary>The private key; its public half is each proof's <c>jwk</c>.</summary>
    public SigningKey Key { get; }

    /// <summary>The latest nonce the server at this URL's origin gave, if any.</summary>
    public string? GetNonce(Uri url) => _nonces.TryGetValue(Origin(url), out var nonce) ? nonce : null;

    /// <summary>Remembers the server's latest nonce.</summary>
    public void SetNonce(Uri url, string nonce) => _nonces[Origin(url)] = nonce;

    /// <inheritdoc />
    public void Dispose() => Key.Dispose();

    private static string Origin(Uri url) => url.GetLeftPart(UriPartial.Authority);
}
