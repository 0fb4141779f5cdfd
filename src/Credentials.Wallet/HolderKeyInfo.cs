using System;
using Credentials.Jose;
using Credentials.Keys;

namespace Credentials.Wallet;

/// <summary>A holder key's public part as the wallet lists it.</summary>
public sealed record HolderKeyInfo
{
    /// <summary>The wallet's id of the key (random).</summary>
    public required string Id { get; init; }

    /// <summary>The signature algorithm of the key.</summary>
    public required JwsAlgorithm Algorithm { get; init; }

    /// <summary>The public key, for a credential request's proof or the credential's <c>cnf.jwk</c>.</summary>
    public required Jwk PublicJwk { get; init; }

    /// <summary>The RFC 7638 SHA-256 thumbprint of <see cref="PublicJwk"/>, base64url.</summary>
    public required string Thumbprint { get; init; }

    /// <summary>When the key was created or imported.</summary>
    public required DateTimeOffset CreatedAt { get; init; }
}
