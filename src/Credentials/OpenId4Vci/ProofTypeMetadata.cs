using System.Collections.Generic;

namespace Credentials.OpenId4Vci;

/// <summary>What the issuer accepts for one proof type (<c>proof_types_supported</c> value, OpenID4VCI 1.0 section 12.2.4).</summary>
public sealed record ProofTypeMetadata
{
    /// <summary>The proof type of JWT key proofs (section F.1).</summary>
    public const string Jwt = "jwt";

    /// <summary>The proof type whose proof is a key attestation alone (appendix F.3).</summary>
    public const string Attestation = "attestation";

    /// <summary>The algorithms a key proof may be signed with (<c>proof_signing_alg_values_supported</c>, non-empty).</summary>
    public required IReadOnlyList<string> ProofSigningAlgorithms { get; init; }

    /// <summary>Whether <c>key_attestations_required</c> is present: the proofs must carry key attestations (appendix D).</summary>
    public bool KeyAttestationsRequired { get; init; }

    /// <summary>The accepted <c>key_attestations_required.key_storage</c> values, if the issuer constrains them.</summary>
    public IReadOnlyList<string>? KeyAttestationKeyStorage { get; init; }

    /// <summary>The accepted <c>key_attestations_required.user_authentication</c> values, if the issuer constrains them.</summary>
    public IReadOnlyList<string>? KeyAttestationUserAuthentication { get; init; }
}
