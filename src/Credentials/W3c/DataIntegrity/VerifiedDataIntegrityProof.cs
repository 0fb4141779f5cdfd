using Credentials.Dids;

namespace Credentials.W3c.DataIntegrity;

/// <summary>A proof that verified: the proof, its cryptosuite and the verification method whose key verified it.</summary>
public sealed record VerifiedDataIntegrityProof
{
    /// <summary>The proof.</summary>
    public required DataIntegrityProof Proof { get; init; }

    /// <summary>The cryptosuite.</summary>
    public required Cryptosuite Cryptosuite { get; init; }

    /// <summary>
    /// The verification method, its key and its DID document. Its DID (<c>VerificationMethod.Id.Did</c>) is who made
    /// the proof: a credential's verifier checks it against the issuer.
    /// </summary>
    public required ResolvedVerificationMethod VerificationMethod { get; init; }
}
