using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text.Json;

namespace Credentials.W3c.DataIntegrity;

/// <summary>
/// The RDFC-1.0 transformation of the <c>eddsa-rdfc-2022</c> and <c>ecdsa-rdfc-2019</c> suites: JSON-LD to RDF, then
/// RDF Dataset Canonicalization with the suite's hash.
/// </summary>
internal static class RdfcTransform
{
    /// <summary>Computes H(canonical proof configuration) ‖ H(canonical document) with RDFC-1.0.</summary>
    public static VerificationResult<byte[]> ComputeHashData(HashAlgorithmName hash, JsonElement document, JsonElement proof, IReadOnlyList<JsonElement> previousProofs)
        => new VerificationError(DataIntegrityErrors.UnsupportedCryptosuite, "RDFC-1.0 canonicalization is not available in this build.");
}
