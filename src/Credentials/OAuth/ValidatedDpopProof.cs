using System;
using Credentials.Keys;

namespace Credentials.OAuth;

/// <summary>A DPoP proof that passed every check of RFC 9449 section 4.3.</summary>
public sealed record ValidatedDpopProof
{
    /// <summary>The proof's public key (its <c>jwk</c> header).</summary>
    public required Jwk Key { get; init; }

    /// <summary>The key's SHA-256 JWK thumbprint (RFC 7638), the <c>jkt</c> to bind an access token to (RFC 9449 section 6.1).</summary>
    public required string Thumbprint { get; init; }

    /// <summary>The proof's <c>jti</c>, now recorded as used.</summary>
    public required string Jti { get; init; }

    /// <summary>The proof's <c>iat</c>.</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>The proof's <c>alg</c>.</summary>
    public required string Algorithm { get; init; }

    /// <summary>The proof's <c>nonce</c>, if it had one.</summary>
    public string? Nonce { get; init; }
}
