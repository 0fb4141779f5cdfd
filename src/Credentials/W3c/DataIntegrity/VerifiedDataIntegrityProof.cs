using Credentials.Dids;
using Credentials.Keys;

namespace Credentials.W3c.DataIntegrity;

/// <summary>A proof that verified: the proof, its cryptosuite and the verification method whose key verified it.</summary>
public sealed record VerifiedDataIntegrityProof
{
    /// <summary>The proof.</summary>
    public required DataIntegrityProof Proof { get; init; }

    /// <summary>The cryptosuite.</summary>
    public required Cryptosuite Cryptosuite { get; init; }

    /// <summary>
    /// The verification method, its key and its DID document, when the method is a DID URL; <see langword="null"/> for a
    /// method found by an <see cref="IVerificationMethodResolver"/>.
    /// </summary>
    public required ResolvedVerificationMethod? VerificationMethod { get; init; }

    /// <summary>
    /// Who made the proof: the DID of a DID URL method, or the controller document URL of another method. A
    /// credential's verifier checks it against the issuer.
    /// </summary>
    public required string Controller { get; init; }

    /// <summary>The public key that verified the proof.</summary>
    public required Jwk PublicKey { get; init; }
}
