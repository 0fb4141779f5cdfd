using System;
using System.Collections.Generic;

namespace Credentials.W3c.DataIntegrity;

/// <summary>The options of one proof to add (VC Data Integrity 1.0 section 4.2 <c>options</c>). Immutable.</summary>
public sealed record DataIntegrityProofOptions
{
    /// <summary>The cryptosuite; it must fit the issuer's key (Ed25519 for EdDSA suites, P-256 or P-384 for ECDSA suites).</summary>
    public required Cryptosuite Cryptosuite { get; init; }

    /// <summary>The <c>proofPurpose</c>. Default <see cref="ProofPurposes.AssertionMethod"/>.</summary>
    public string ProofPurpose { get; init; } = ProofPurposes.AssertionMethod;

    /// <summary>The <c>created</c> instant (written to the second, in UTC); <see langword="null"/> for the issuer's clock now.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>The <c>expires</c> instant, or <see langword="null"/> for none.</summary>
    public DateTimeOffset? Expires { get; init; }

    /// <summary>The proof's <c>id</c> (a URL such as <c>urn:uuid:…</c>) for later proofs of a chain to name, or <see langword="null"/>.</summary>
    public string? Id { get; init; }

    /// <summary>The ids of proofs already on the document that this proof chains to (section 4.3); empty for none.</summary>
    public IReadOnlyList<string> PreviousProof { get; init; } = [];

    /// <summary>The <c>challenge</c> a verifier issued (presentations), or <see langword="null"/>.</summary>
    public string? Challenge { get; init; }

    /// <summary>The <c>domain</c> values (presentations); empty for none.</summary>
    public IReadOnlyList<string> Domain { get; init; } = [];

    /// <summary>The <c>nonce</c>, or <see langword="null"/>.</summary>
    public string? Nonce { get; init; }
}
