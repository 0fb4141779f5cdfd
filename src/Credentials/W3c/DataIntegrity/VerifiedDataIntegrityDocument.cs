using System.Collections.Generic;
using System.Text.Json;

namespace Credentials.W3c.DataIntegrity;

/// <summary>A document whose every proof verified (VC Data Integrity 1.0 section 4.5).</summary>
public sealed record VerifiedDataIntegrityDocument
{
    /// <summary>The secured document, proofs included, as verified.</summary>
    public required JsonElement Document { get; init; }

    /// <summary>Every proof of the document, in document order.</summary>
    public required IReadOnlyList<VerifiedDataIntegrityProof> Proofs { get; init; }
}
