using System;
using System.Collections.Generic;
using Credentials.Keys;
using Credentials.OAuth;

namespace Credentials.OpenId4Vci;

/// <content>Key attestations in key proofs (OpenID4VCI 1.0 appendix D, F.1 <c>key_attestation</c>, F.3 <c>attestation</c>; HAIP 1.0 section 4.5.1).</content>
public sealed partial class OpenId4VciIssuer
{
    private readonly KeyAttestationValidator? _keyAttestation;

    /// <summary>
    /// <c>proof_types_supported</c> of a configuration: <c>jwt</c>, and with a key attestation policy also
    /// <c>attestation</c>, both with <c>key_attestations_required</c> (section 12.2.4).
    /// </summary>
    private Dictionary<string, ProofTypeMetadata> BuildProofTypes(IReadOnlyList<string> algorithms, bool allowAttestationProof)
    {
        var policy = _options.KeyAttestation;
        var jwt = new ProofTypeMetadata
        {
            ProofSigningAlgorithms = algorithms,
            KeyAttestationsRequired = policy is not null,
            KeyAttestationKeyStorage = policy?.KeyStorage,
            KeyAttestationUserAuthentication = policy?.UserAuthentication,
        };
        var types = new Dictionary<string, ProofTypeMetadata>(StringComparer.Ordinal) { [ProofTypeMetadata.Jwt] = jwt };
        if (policy is not null && allowAttestationProof)
        {
            types[ProofTypeMetadata.Attestation] = jwt;
        }

        return types;
    }

    /// <summary>
    /// Checks an <c>attestation</c> proof (appendix F.3): the key attestation satisfies the policy, carries a
    /// <c>c_nonce</c>, is signed with an allowed proof algorithm, and attests at most <see cref="OpenId4VciIssuerOptions.BatchSize"/> keys.
    /// </summary>
    /// <returns>The attested keys (one credential each) and the nonce, or the answer to send.</returns>
    private VerificationResult<(IReadOnlyList<Jwk> Keys, string Nonce)> VerifyAttestationProof(string attestation)
    {
        if (_keyAttestation is not { } validator)
        {
            return new VerificationError(OpenId4VciErrors.InvalidProof, "The attestation proof type is not supported by this issuer.");
        }

        var verified = validator.Validate(attestation, requireExpiry: false, requireNonce: true);
        if (!verified.IsValid)
        {
            return verified.Error;
        }

        // Appendix F.3: the key attestation's alg must be one of proof_signing_alg_values_supported.
        if (!IsProofAlgorithm(verified.Value.Algorithm))
        {
            return new VerificationError(KeyAttestationErrors.AlgorithmNotAllowed, "The key attestation's algorithm is not among proof_signing_alg_values_supported.");
        }

        if (verified.Value.AttestedKeys.Count > _options.BatchSize)
        {
            return new VerificationError(OpenId4VciErrors.InvalidCredentialRequest, $"At most {_options.BatchSize} keys are accepted in one request.");
        }

        return (verified.Value.AttestedKeys, verified.Value.Nonce!);
    }

    private bool IsProofAlgorithm(string algorithm)
    {
        foreach (var a in _options.ProofSigningAlgorithms)
        {
            if (string.Equals(a.Name, algorithm, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An <c>invalid_proof</c> answer for a key attestation failure, keeping its code in <see cref="IssuerEndpointResult.Code"/>.</summary>
    private static IssuerEndpointResult KeyAttestationFailure(VerificationError error)
        => error.Code.Value.StartsWith("key_attestation.", StringComparison.Ordinal)
            ? IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidProof, error.Message) with { Code = error.Code }
            : IssuerEndpointResult.Fail(error.Code, error.Message);
}
