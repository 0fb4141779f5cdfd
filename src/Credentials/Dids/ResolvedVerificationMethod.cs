using Credentials.Keys;

namespace Credentials.Dids;

/// <summary>A verification method found by dereferencing a DID URL, with its public key and the document it came from.</summary>
public sealed record ResolvedVerificationMethod
{
    /// <summary>The absolute DID URL of the method (for example the JWS <c>kid</c>).</summary>
    public required DidUrl Id { get; init; }

    /// <summary>The verification method as it appears in the document.</summary>
    public required VerificationMethod Method { get; init; }

    /// <summary>The public key, decoded and checked.</summary>
    public required Jwk PublicKey { get; init; }

    /// <summary>The resolved DID document.</summary>
    public required DidDocument Document { get; init; }
}
