using System;
using System.Collections.Generic;

namespace Credentials.W3c.DataIntegrity;

/// <summary>
/// What the verifier requires of every proof of a document (VC Data Integrity 1.0 section 4.4 inputs): the proof
/// purpose, and for presentations the challenge and domain the verifier issued. Immutable.
/// </summary>
public sealed record ProofRequirement
{
    /// <summary>Creates a requirement for a proof purpose.</summary>
    /// <param name="proofPurpose">One of the <see cref="ProofPurposes"/> values; it names the DID relationship the key must be listed under.</param>
    /// <exception cref="ArgumentException">The purpose is not one of <see cref="ProofPurposes"/>.</exception>
    public ProofRequirement(string proofPurpose)
    {
        ArgumentNullException.ThrowIfNull(proofPurpose);
        if (!ProofPurposes.TryGetRelationship(proofPurpose, out _))
        {
            throw new ArgumentException($"'{proofPurpose}' is not a proof purpose with a DID verification relationship.", nameof(proofPurpose));
        }

        ProofPurpose = proofPurpose;
    }

    /// <summary>Proofs made to issue credentials: purpose <c>assertionMethod</c>, no challenge or domain.</summary>
    public static ProofRequirement AssertionMethod { get; } = new(ProofPurposes.AssertionMethod);

    /// <summary>The required <c>proofPurpose</c>.</summary>
    public string ProofPurpose { get; }

    /// <summary>The challenge every proof must carry, or <see langword="null"/> not to check it.</summary>
    public string? Challenge { get; init; }

    /// <summary>The domains every proof's <c>domain</c> must equal as a set; empty not to check it.</summary>
    public IReadOnlyList<string> Domain { get; init; } = [];

    /// <summary>
    /// A holder's proof on a presentation: purpose <c>authentication</c>, with the verifier's challenge and, when given,
    /// its domain.
    /// </summary>
    /// <param name="challenge">The challenge the verifier issued for this presentation.</param>
    /// <param name="domain">The verifier's domains, or none not to check them.</param>
    /// <exception cref="ArgumentException">The challenge is empty.</exception>
    public static ProofRequirement Authentication(string challenge, params IReadOnlyList<string> domain)
    {
        ArgumentException.ThrowIfNullOrEmpty(challenge);
        ArgumentNullException.ThrowIfNull(domain);
        return new ProofRequirement(ProofPurposes.Authentication) { Challenge = challenge, Domain = [.. domain] };
    }
}
